import { Fragment, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toScoreInput, type Dossier } from '../../../shared/domain/dossier';
import type { Review } from '../../../shared/domain/review';
import { aggregateScores } from '../../../shared/scoring/aggregation';
import { manualCriteria } from '../../../shared/scoring/leaves';
import { scoreDossier } from '../../../shared/scoring/score';
import type { Scheme } from '../../../shared/scoring/types';
import { call } from '../../app/api';
import { useSession } from '../../app/session-store';
import { useCall } from '../../app/use-call';
import type { ReviewFormValues } from '../../../shared/domain/review-form';
import { ErrorBanner } from '../../components/errors';
import { useLabel, usePoints } from '../../components/format';
import { AggregateExplanation } from './AggregateExplanation';
import { ReviewForm, reviewDraftKey } from './ReviewForm';

/**
 * The council's score sheets on one dossier: every member's points on the manual criteria and total under the
 * dossier's scheme, conflicts of interest, and the aggregate the ranking will use — all computed here with the
 * shared scoring library, as the main process computes them.
 */
export function CouncilPanel({ dossier, scheme }: { dossier: Dossier; scheme: Scheme }) {
  const { t } = useTranslation();
  const label = useLabel();
  const points = usePoints();
  const user = useSession((state) => state.user);
  const { value: loaded, error: loadError } = useCall('reviews.list', { dossierId: dossier.id });
  const { value: campaign, error: campaignError } = useCall('campaigns.get', { year: dossier.campaignYear });
  const { value: council, error: councilError } = useCall('council.get', { campaignYear: dossier.campaignYear });
  const draftKey = reviewDraftKey(dossier.id, user?.id ?? '');
  const { value: draft, loading: draftLoading } = useCall('drafts.get', { key: draftKey });
  const [latest, setLatest] = useState<Review[] | null>(null);
  const [chosen, setChosen] = useState<Review | 'new' | null>(null);
  const [closedDraft, setClosedDraft] = useState(false);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const reviews = latest ?? loaded;
  const criteria = manualCriteria(scheme);
  // A sheet left half-typed (a reload, a closed window) opens again as it was.
  const draftForm = !closedDraft && draft ? (draft.form as ReviewFormValues) : null;
  const draftReview = draftForm ? (reviews?.find((review) => review.memberId === draftForm.memberId) ?? null) : null;
  const editing: Review | 'new' | null = chosen ?? (draftForm && reviews ? (draftReview ?? 'new') : null);
  const members = council?.members ?? [];
  // A council member's account scores as that member only; the secretary enters anyone's paper sheet.
  const own = user?.role === 'councilMember' ? members.filter((member) => member.userId === user.id) : members;
  const available = editing && editing !== 'new' ? own.filter((member) => member.id === editing.memberId) : own.filter((member) => !reviews?.some((review) => review.memberId === member.id));

  const input = useMemo(() => toScoreInput(dossier.content), [dossier.content]);
  const selfTotal = useMemo(() => scoreDossier(scheme, input).total, [scheme, input]);
  const sheets = useMemo(
    () => (reviews ?? []).map((review) => ({ review, result: scoreDossier(scheme, { ...input, selfScores: review.scores }) })),
    [reviews, scheme, input],
  );
  const aggregate = useMemo(
    () =>
      campaign && sheets.length > 0
        ? aggregateScores(
            sheets.map(({ review, result }) => ({ reviewer: review.reviewer, conflict: review.conflict, result })),
            campaign.settings.aggregation,
          )
        : null,
    [campaign, sheets],
  );

  const saved = (list: Review[], reviewer: string) => {
    setLatest(list);
    setChosen(null);
    setClosedDraft(true);
    setNotice(t('council.panel.saved', { name: reviewer }));
  };

  const remove = async (review: Review) => {
    setFailure(null);
    try {
      setLatest(await call('reviews.delete', { id: review.id }));
      setConfirming(null);
      setNotice(t('council.panel.deleted', { name: review.reviewer }));
    } catch (error) {
      setFailure(error);
    }
  };

  const startEditing = (target: Review | 'new') => {
    setNotice(null);
    setConfirming(null);
    setChosen(target);
  };

  return (
    <section className="card council-panel" data-testid="council-panel" aria-labelledby="council-title">
      <header className="council-header">
        <h2 id="council-title">{t('council.panel.title')}</h2>
        {editing === null && available.length > 0 ? (
          <button type="button" onClick={() => startEditing('new')} data-testid="review-add">
            {t('council.panel.add')}
          </button>
        ) : null}
      </header>
      <p className="muted small">{t('council.panel.intro')}</p>
      <ErrorBanner error={loadError ?? campaignError ?? councilError ?? failure} />
      {council && members.length === 0 ? <p className="banner banner-warn">{t('council.panel.noMembers')}</p> : null}
      {notice ? (
        <div className="banner banner-ok" role="status" data-testid="review-notice">
          {notice}
        </div>
      ) : null}
      {reviews === null && !loadError ? <p className="muted">{t('app.loading')}</p> : null}
      {reviews && reviews.length === 0 ? <p className="empty">{t('council.panel.empty', { total: points(selfTotal) })}</p> : null}

      <div className="council-body">
        {sheets.length > 0 ? (
          <div className="table-scroll review-table-scroll">
            <table className="review-table" data-testid="review-table">
              <thead>
                <tr>
                  <th>{t('council.panel.reviewer')}</th>
                  {criteria.map((criterion) => (
                    <th key={criterion.id} className="number">
                      {label(criterion.label)}
                      <span className="muted small th-sub">{t('council.panel.maxShort', { max: criterion.max / 100 })}</span>
                    </th>
                  ))}
                  <th className="number">{t('council.panel.total')}</th>
                  <th>{t('council.panel.note')}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {sheets.map(({ review, result }) => (
                  <Fragment key={review.id}>
                    <tr data-reviewer={review.reviewer} className={review.conflict ? 'conflict' : ''}>
                      <td>
                        {review.reviewer}
                        {review.conflict ? (
                          <span className="pill pill-bad" title={t('council.panel.conflict')} data-testid="review-conflict-mark">
                            {t('council.panel.conflictMark')}
                          </span>
                        ) : null}
                      </td>
                      {criteria.map((criterion) => {
                        const value = review.scores[criterion.id];
                        return (
                          <td key={criterion.id} className="number">
                            {value === undefined ? t('app.none') : points(value)}
                          </td>
                        );
                      })}
                      <td className="number">
                        <strong data-testid="review-total" data-hundredths={result.total}>
                          {points(result.total)}
                        </strong>
                      </td>
                      <td className="review-note">{review.note || t('app.none')}</td>
                      <td>
                        <div className="row-actions">
                          <button type="button" className="link" onClick={() => startEditing(review)} disabled={editing !== null}>
                            {t('council.panel.edit')}
                          </button>
                          <button
                            type="button"
                            className="link danger"
                            onClick={() => {
                              setNotice(null);
                              setConfirming(review.id);
                            }}
                            disabled={editing !== null}
                          >
                            {t('council.panel.delete')}
                          </button>
                        </div>
                      </td>
                    </tr>
                    {confirming === review.id ? (
                      <tr className="confirm-row">
                        <td colSpan={criteria.length + 4}>
                          <div className="confirm" role="alertdialog" aria-label={t('council.panel.confirmDelete', { name: review.reviewer })}>
                            <span>{t('council.panel.confirmDelete', { name: review.reviewer })}</span>
                            <button type="button" className="danger" onClick={() => void remove(review)} data-testid="review-confirm-delete">
                              {t('council.panel.confirm')}
                            </button>
                            <button type="button" className="secondary" onClick={() => setConfirming(null)}>
                              {t('app.cancel')}
                            </button>
                          </div>
                        </td>
                      </tr>
                    ) : null}
                  </Fragment>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
        {aggregate ? (
          <div className="aggregate-column">
            <AggregateExplanation aggregate={aggregate} />
            <p className="muted small" data-testid="review-self-total" data-hundredths={selfTotal}>
              {t('council.panel.selfTotal')}: {points(selfTotal)}
            </p>
          </div>
        ) : null}
      </div>

      {editing !== null && reviews && council && !draftLoading ? (
        <ReviewForm
          key={editing === 'new' ? 'new' : editing.id}
          dossierId={dossier.id}
          campaignYear={dossier.campaignYear}
          members={available}
          restoredDraft={draftForm && draft ? { form: draftForm, updatedAt: draft.updatedAt } : null}
          scheme={scheme}
          input={input}
          review={editing === 'new' ? null : editing}
          onSaved={saved}
          onCancel={() => {
            setChosen(null);
            setClosedDraft(true);
            void call('drafts.discard', { key: draftKey }).catch(() => undefined);
          }}
        />
      ) : null}
    </section>
  );
}
