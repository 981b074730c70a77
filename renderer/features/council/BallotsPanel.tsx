import { useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { MeetingView } from '../../../shared/contract/calls';
import { approvalBaseOf, approved, type Ballot, type BallotCounts, type CouncilRules, type RoundNumber } from '../../../shared/domain/council';
import { call } from '../../app/api';
import { useSession } from '../../app/session-store';
import { useUnsavedGuard } from '../../app/unsaved-guard';
import { ErrorBanner } from '../../components/errors';
import { usePoints } from '../../components/format';
import { useAutosave } from '../../components/use-autosave';

/** A nominee the council votes on: what the ballot list shows of a ranking row. */
export interface BallotNominee {
  dossierId: string;
  position: number;
  name: string;
  total: number;
}

interface CountsForm {
  votesFor: string;
  votesAgainst: string;
  abstentions: string;
}

function countsOf(form: CountsForm): BallotCounts | null {
  const read = (text: string) => (/^\d{1,4}$/.test(text.trim()) ? Number(text.trim()) : null);
  const [votesFor, votesAgainst, abstentions] = [read(form.votesFor ?? ''), read(form.votesAgainst ?? ''), read(form.abstentions ?? '')];
  return votesFor === null || votesAgainst === null || abstentions === null ? null : { votesFor, votesAgainst, abstentions };
}

/** The counts typed for one nominee (one entry), kept as a draft until saved. */
function EntryForm({ campaignYear, round, nominee, onSaved, onCancel }: { campaignYear: number; round: RoundNumber; nominee: BallotNominee; onSaved: (ballot: Ballot) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const userId = useSession((state) => state.user?.id ?? '');
  const { register, handleSubmit, control, formState } = useForm<CountsForm>({ defaultValues: { votesFor: '', votesAgainst: '', abstentions: '' } });
  const values = useWatch({ control }) as CountsForm;
  const [failure, setFailure] = useState<unknown>(null);
  const draftKey = `ballot:${campaignYear}:${round}:${nominee.dossierId}:${userId}`;
  useAutosave(draftKey, campaignYear, nominee.dossierId, values, formState.isDirty);
  useUnsavedGuard(formState.isDirty ? t('decides.ballots.unsaved') : null);
  const counts = countsOf(values);
  const submit = handleSubmit(async () => {
    if (!counts) return;
    setFailure(null);
    try {
      const ballot = await call('ballots.enter', { campaignYear, round, dossierId: nominee.dossierId, ...counts });
      void call('drafts.discard', { key: draftKey }).catch(() => undefined);
      onSaved(ballot);
    } catch (error) {
      setFailure(error);
    }
  });
  return (
    <form className="ballot-entry" onSubmit={(event) => void submit(event)} noValidate data-testid="ballot-entry" aria-label={t('decides.ballots.enterTitle', { name: nominee.name })}>
      <strong>{t('decides.ballots.enterTitle', { name: nominee.name })}</strong>
      {(['votesFor', 'votesAgainst', 'abstentions'] as const).map((field) => (
        <label key={field}>
          <span>{t(`decides.ballots.columns.${field}`)}</span>
          <input inputMode="numeric" autoComplete="off" {...register(field)} data-testid={`ballot-${field}`} />
        </label>
      ))}
      <button type="submit" disabled={counts === null || formState.isSubmitting} data-testid="ballot-save">
        {t('decides.ballots.save')}
      </button>
      <button type="button" className="secondary" onClick={onCancel}>
        {t('app.cancel')}
      </button>
      <ErrorBanner error={failure} />
    </form>
  );
}

/**
 * The ballots of a round: for each nominee in rank order, the entries so far (each made by a different account), the
 * accepted counts once two entries agree, and whether the nominee reaches the approval threshold.
 */
export function BallotsPanel({
  campaignYear,
  round,
  meeting,
  rules,
  nominees,
  ballots,
  readOnly,
  onChange,
}: {
  campaignYear: number;
  round: RoundNumber;
  meeting: MeetingView;
  rules: CouncilRules;
  nominees: BallotNominee[];
  ballots: Ballot[];
  readOnly: boolean;
  onChange: () => void;
}) {
  const { t, i18n } = useTranslation();
  const points = usePoints();
  const me = useSession((state) => state.user?.username ?? '');
  const [entering, setEntering] = useState<string | null>(null);
  const [recounting, setRecounting] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [failure, setFailure] = useState<unknown>(null);
  const base = approvalBaseOf(rules, meeting.quorum);
  const needed = Math.floor((base * rules.approval.numerator) / rules.approval.denominator) + 1;
  const percent = new Intl.NumberFormat(i18n.language === 'vi' ? 'vi-VN' : 'en-GB', { style: 'percent', maximumFractionDigits: 1 });
  const byDossier = new Map(ballots.map((ballot) => [ballot.dossierId, ballot]));
  const text = (counts: BallotCounts) => `${counts.votesFor}/${counts.votesAgainst}/${counts.abstentions}`;

  const recount = async (dossierId: string) => {
    setFailure(null);
    try {
      await call('ballots.recount', { campaignYear, round, dossierId, reason });
      setRecounting(null);
      setReason('');
      onChange();
    } catch (error) {
      setFailure(error);
    }
  };

  if (!meeting.meeting || !meeting.quorum.reached) return <p className="empty">{t('decides.ballots.needsMeeting')}</p>;
  return (
    <section className="card ballots" aria-labelledby={`ballots-${round}`} data-testid={`ballots-${round}`}>
      <h2 id={`ballots-${round}`}>{t('decides.ballots.title')}</h2>
      <p className="muted small">
        {t('decides.ballots.intro', { threshold: t('decides.rules.fraction', rules.approval), base: t(`decides.rules.bases.${rules.approvalBase}`), needed })}
      </p>
      <ErrorBanner error={failure} />
      <table>
        <thead>
          <tr>
            <th scope="col" className="number">
              {t('decides.ballots.columns.position')}
            </th>
            <th scope="col">{t('decides.ballots.columns.nominee')}</th>
            <th scope="col" className="number">
              {t('decides.ballots.columns.total')}
            </th>
            <th scope="col">{t('decides.ballots.columns.entries')}</th>
            <th scope="col">{t('decides.ballots.columns.result')}</th>
          </tr>
        </thead>
        <tbody>
          {nominees.map((nominee) => {
            const ballot = byDossier.get(nominee.dossierId);
            const accepted = ballot?.accepted ?? null;
            const [first, second] = ballot?.entries ?? [];
            const mayEnter = !readOnly && !accepted && !ballot?.disagreement && first?.enteredBy !== me;
            return (
              <tr key={nominee.dossierId} data-dossier={nominee.dossierId} data-ballot={accepted ? 'accepted' : ballot?.disagreement ? 'disagreement' : first ? 'first' : 'none'}>
                <td className="number">{nominee.position}</td>
                <td>{nominee.name}</td>
                <td className="number">{points(nominee.total)}</td>
                <td>
                  {accepted
                    ? t('decides.ballots.agreed', {
                        for: accepted.votesFor,
                        against: accepted.votesAgainst,
                        abstain: accepted.abstentions,
                        share: percent.format(base > 0 ? accepted.votesFor / base : 0),
                      })
                    : ballot?.disagreement && first && second
                      ? t('decides.ballots.disagree', { first: text(first), firstName: first.enteredBy, second: text(second), secondName: second.enteredBy })
                      : first
                        ? t('decides.ballots.first', { name: first.enteredBy })
                        : t('decides.ballots.none')}
                  {entering === nominee.dossierId ? (
                    <EntryForm
                      campaignYear={campaignYear}
                      round={round}
                      nominee={nominee}
                      onSaved={() => {
                        setEntering(null);
                        onChange();
                      }}
                      onCancel={() => setEntering(null)}
                    />
                  ) : null}
                  {recounting === nominee.dossierId ? (
                    <span className="recount">
                      <label htmlFor={`recount-${nominee.dossierId}`}>{t('decides.ballots.recountReason')}</label>
                      <input id={`recount-${nominee.dossierId}`} value={reason} onChange={(event) => setReason(event.target.value)} />
                      <button type="button" className="danger" disabled={reason.trim().length < 5} onClick={() => void recount(nominee.dossierId)} data-testid="ballot-recount-confirm">
                        {t('decides.ballots.recountConfirm')}
                      </button>
                    </span>
                  ) : null}
                </td>
                <td>
                  {accepted ? (
                    approved(accepted.votesFor, base, rules.approval) ? (
                      <span className="pill pill-ok">{t('decides.ballots.approved')}</span>
                    ) : (
                      <span className="pill pill-bad">{t('decides.ballots.notApproved')}</span>
                    )
                  ) : null}
                  {mayEnter && entering !== nominee.dossierId ? (
                    <button type="button" className="link" onClick={() => setEntering(nominee.dossierId)} data-testid={`ballot-enter-${nominee.dossierId}`}>
                      {t('decides.ballots.enter')}
                    </button>
                  ) : null}
                  {!readOnly && ballot?.disagreement && recounting !== nominee.dossierId ? (
                    <button type="button" className="link danger" onClick={() => setRecounting(nominee.dossierId)} data-testid={`ballot-recount-${nominee.dossierId}`}>
                      {t('decides.ballots.recount')}
                    </button>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
