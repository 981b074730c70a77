import { useTranslation } from 'react-i18next';
import type { Ranking } from '../../../shared/contract/calls';
import { formatDateTime } from '../../components/format';
import '../council/decisions.css';

/**
 * What a ranking stands on, above its table: the round and whether the council locked it, which total is official,
 * how many dossiers still await the members' sheets, what stayed out of it (drafts, returned ones), and in round 2
 * the seats each office has and has filled.
 */
export function RoundFacts({ ranking }: { ranking: Ranking }) {
  const { t, i18n } = useTranslation();
  const awaiting = ranking.rows.filter((row) => row.source === 'awaiting').length;
  const drafts = ranking.unranked.draft ?? 0;
  const returned = ranking.unranked.returned ?? 0;
  return (
    <div className="round-facts" data-testid="round-facts">
      {ranking.status === 'locked' ? (
        <p className="banner banner-ok" data-testid="ranking-locked">
          {t('decides.ranking.locked', { round: ranking.round, name: ranking.lockedBy ?? '', at: formatDateTime(ranking.lockedAt ?? '', i18n.language) })}
        </p>
      ) : null}
      {ranking.approval ? (
        <p className="muted small" data-testid="official-total">
          {t('decides.ranking.officialTotal', { total: t(`decides.rules.totals.${ranking.officialTotal}`) })}
        </p>
      ) : null}
      {awaiting > 0 ? (
        <p className="banner banner-warn" data-testid="awaiting-sheets">
          {t('decides.ranking.awaiting', { count: awaiting })}
        </p>
      ) : null}
      {drafts + returned > 0 ? (
        <p className="muted small" data-testid="unranked">
          {t('decides.ranking.unranked', { drafts, returned })}
        </p>
      ) : null}
      {ranking.allocationOpen ? (
        <p className="banner banner-warn" data-testid="allocation-open">
          {t('decides.ranking.allocationOpen')}
        </p>
      ) : null}
      {ranking.seats ? (
        <table className="seats" data-testid="ranking-seats">
          <caption>{t('decides.ranking.seatsTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('decides.ranking.seatsOffice')}</th>
              <th scope="col" className="number">
                {t('decides.ranking.seatsGiven')}
              </th>
              <th scope="col" className="number">
                {t('decides.ranking.seatsProposed')}
              </th>
            </tr>
          </thead>
          <tbody>
            {ranking.seats
              .filter((seat) => seat.seats > 0 || seat.proposed > 0)
              .map((seat) => (
                <tr key={seat.id}>
                  <td>{seat.id === 'province' ? t('allocation.province') : seat.name}</td>
                  <td className="number">{seat.seats}</td>
                  <td className="number">{seat.proposed}</td>
                </tr>
              ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}
