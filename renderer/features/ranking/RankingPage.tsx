import { Fragment, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RankingRow } from '../../../shared/contract/calls';
import type { NomineeGroup } from '../../../shared/domain/kinds';
import type { Criterion, Label, Scheme, TieBreak } from '../../../shared/scoring/types';
import { useCall } from '../../app/use-call';
import { ErrorBanner } from '../../components/errors';
import { useLabel, usePoints } from '../../components/format';
import { GateList, ScoreBreakdown } from '../../components/ScoreExplanation';
import { AdjustmentNotes } from '../council/AdjustmentsPanel';
import { AggregateExplanation } from '../council/AggregateExplanation';
import { useCampaignYear } from '../campaign/campaign-year';

/** A criterion's label in any of the campaign's schemes (every scheme has the chain's criteria, see decision 005). */
function criterionLabel(schemes: Scheme[], id: string): Label | null {
  const find = (criteria: Criterion[]): Criterion | undefined => {
    for (const criterion of criteria) {
      if (criterion.id === id) return criterion;
      const inner = find(criterion.children ?? []);
      if (inner) return inner;
    }
    return undefined;
  };
  for (const scheme of schemes) {
    const found = find([...scheme.criteria, ...scheme.bonus.criteria]);
    if (found) return found.label;
  }
  return null;
}

/** The campaign's tie-break chain, in words. */
function useChainText(chain: TieBreak[], schemes: Scheme[]): string {
  const { t } = useTranslation();
  const label = useLabel();
  if (chain.length === 0) return t('council.ranking.chainEmpty');
  const parts = chain.map((tieBreak, index) => {
    const text =
      tieBreak.type === 'criterion'
        ? t('council.ranking.tieBreak.criterion', { criterion: label(criterionLabel(schemes, tieBreak.criterionId)) || tieBreak.criterionId })
        : t(`council.ranking.tieBreak.${tieBreak.type}`);
    return `(${index + 1}) ${text}`;
  });
  return t('council.ranking.chain', { chain: parts.join('; ') });
}

function SourceCell({ row }: { row: RankingRow }) {
  const { t } = useTranslation();
  if (row.source === 'council' && row.aggregate) {
    return (
      <span className="pill pill-council" data-testid={`ranking-source-${row.dossierId}`} data-source="council">
        {t('council.ranking.sourceCouncil', { count: row.aggregate.totals.length })}
      </span>
    );
  }
  return (
    <span className="pill" data-testid={`ranking-source-${row.dossierId}`} data-source="self">
      {t('council.ranking.sourceSelf')}
    </span>
  );
}

/** The official ranking, as the main process computes it: sources, proposals within the quota, ties, explanations. */
export function RankingPage() {
  const { t } = useTranslation();
  const year = useCampaignYear();
  const points = usePoints();
  const [group, setGroup] = useState<NomineeGroup>('collective');
  const [open, setOpen] = useState<string | null>(null);
  const { value: campaign, error: campaignError } = useCall('campaigns.get', { year });
  const { value: ranking, error: rankingError } = useCall('ranking.get', { campaignYear: year, group });
  const failure = campaignError ?? rankingError;
  const schemes = useMemo(() => campaign?.schemes ?? [], [campaign]);
  const chainText = useChainText(ranking?.tieBreaks ?? [], schemes);

  const quota = group === 'collective' ? campaign?.quotaCollectives : campaign?.quotaIndividuals;
  const selected = useMemo(() => new Set(ranking?.selection.selected ?? []), [ranking]);
  const cutoffTie = useMemo(() => new Set(ranking?.selection.cutoffTie ?? []), [ranking]);
  // The quota line goes under the last row proposed or tied at the cut-off.
  const lastInQuota = useMemo(() => {
    if (!ranking) return null;
    let last: string | null = null;
    for (const row of ranking.rows) if (selected.has(row.dossierId) || cutoffTie.has(row.dossierId)) last = row.dossierId;
    return last;
  }, [ranking, selected, cutoffTie]);
  const tiedNames = ranking ? ranking.rows.filter((row) => cutoffTie.has(row.dossierId)).map((row) => row.unitName) : [];
  const schemeOf = (row: RankingRow) => schemes.find((scheme) => scheme.id === row.schemeId) ?? null;

  return (
    <section className="page">
      <header className="page-header">
        <div>
          <h1>{t('ranking.title')}</h1>
          <p className="muted">{t('ranking.intro', { year })}</p>
        </div>
        <label className="inline-field">
          <span>{t('ranking.group')}</span>
          <select value={group} onChange={(event) => setGroup(event.target.value as NomineeGroup)} data-testid="ranking-group">
            <option value="collective">{t('ranking.collective')}</option>
            <option value="individual">{t('ranking.individual')}</option>
          </select>
        </label>
      </header>
      {quota ? <p className="muted">{t('ranking.quota', { count: quota })}</p> : null}
      {ranking ? (
        <p className="muted small" data-testid="tie-break-chain">
          {chainText}
        </p>
      ) : null}
      <ErrorBanner error={failure} />
      {ranking && ranking.selection.cutoffTie.length > 0 ? (
        <div className="banner banner-warn" role="alert" data-testid="cutoff-tie-banner">
          {t('council.ranking.tieBanner', { names: tiedNames.join(', '), count: ranking.selection.openPlaces })}
        </div>
      ) : null}
      {ranking === null && !failure ? <p className="muted">{t('app.loading')}</p> : null}
      {ranking && ranking.rows.length === 0 ? <p className="empty">{t('ranking.empty')}</p> : null}
      {ranking && ranking.rows.length > 0 ? (
        <div className="table-scroll">
          <table data-testid="ranking-table">
            <thead>
              <tr>
                <th className="number">{t('ranking.position')}</th>
                <th>{t('ranking.nominee')}</th>
                <th>{t('ranking.kind')}</th>
                <th>{t('council.ranking.source')}</th>
                <th className="number">{t('ranking.total')}</th>
                <th>{t('ranking.status')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {ranking.rows.map((row) => (
                <Fragment key={row.dossierId}>
                  <tr data-dossier={row.dossierId} className={`${row.eligible ? '' : 'ineligible'}${selected.has(row.dossierId) ? ' proposed' : ''}`}>
                    <td className="number">{row.position}</td>
                    <td>
                      {row.unitName}
                      {row.tiedWith.length > 0 ? (
                        <span className="pill pill-warn" title={t('ranking.tieHint', { count: row.tiedWith.length })}>
                          {t('ranking.tie')}
                        </span>
                      ) : null}
                    </td>
                    <td>{t(`kinds.${row.nomineeKind}`)}</td>
                    <td>
                      <SourceCell row={row} />
                      {row.adjustments.length > 0 ? (
                        <span className="pill pill-warn" data-testid={`ranking-adjusted-${row.dossierId}`}>
                          {t('trust.adjustments.title')}
                        </span>
                      ) : null}
                    </td>
                    <td className="number">
                      <strong data-testid={`ranking-total-${row.dossierId}`} data-hundredths={row.total}>
                        {points(row.total)}
                      </strong>
                      {(row.source === 'council' || row.adjustments.length > 0) && row.selfTotal !== row.total ? (
                        <span className="self-total muted small" data-testid={`ranking-self-${row.dossierId}`} data-hundredths={row.selfTotal}>
                          {t('council.ranking.selfTotal', { total: points(row.selfTotal) })}
                        </span>
                      ) : null}
                    </td>
                    <td>
                      <span className={row.eligible ? 'pill pill-ok' : 'pill pill-bad'}>{row.eligible ? t('ranking.eligible') : t('ranking.ineligible')}</span>
                      {selected.has(row.dossierId) ? (
                        <span className="pill pill-proposed" title={t('council.ranking.proposedHint')} data-testid={`ranking-proposed-${row.dossierId}`}>
                          {t('council.ranking.proposed')}
                        </span>
                      ) : null}
                      {cutoffTie.has(row.dossierId) ? (
                        <span className="pill pill-warn" data-testid={`ranking-cutoff-${row.dossierId}`}>
                          {t('council.ranking.cutoffTie')}
                        </span>
                      ) : null}
                    </td>
                    <td>
                      <button type="button" className="link" aria-expanded={open === row.dossierId} onClick={() => setOpen(open === row.dossierId ? null : row.dossierId)}>
                        {open === row.dossierId ? t('ranking.hide') : t('ranking.details')}
                      </button>
                    </td>
                  </tr>
                  {open === row.dossierId ? (
                    <tr className="details-row">
                      <td />
                      <td colSpan={6}>
                        {row.tiedWith.length > 0 ? <p className="muted">{t('ranking.tieHint', { count: row.tiedWith.length })}</p> : null}
                        <GateList failures={row.gateFailures} scheme={schemeOf(row)} />
                        {schemeOf(row) ? <AdjustmentNotes adjustments={row.adjustments} scheme={schemeOf(row) as Scheme} /> : null}
                        <div className={row.aggregate ? 'details-columns' : ''}>
                          <ScoreBreakdown result={row.result} scheme={schemeOf(row)} />
                          {row.aggregate ? <AggregateExplanation aggregate={row.aggregate} testId="ranking-aggregate" /> : null}
                        </div>
                      </td>
                    </tr>
                  ) : null}
                  {lastInQuota === row.dossierId && ranking.selection.quota > 0 ? (
                    <tr className="quota-line" data-testid="quota-line">
                      <td colSpan={7}>{t('council.ranking.quotaLine', { count: ranking.selection.quota })}</td>
                    </tr>
                  ) : null}
                </Fragment>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
