import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Award } from '../../../shared/domain/council';
import { formatDate } from '../../../shared/i18n/format';
import { call } from '../../app/api';
import { useMayCall } from '../../app/access';
import { useUnsavedGuard } from '../../app/unsaved-guard';
import { useCall } from '../../app/use-call';
import { DateInput } from '../../components/DateInput';
import { ErrorBanner } from '../../components/errors';
import '../council/decisions.css';

type Subject = { unitId: string } | { personId: string };

interface DecisionFields {
  year: string;
  title: string;
  decisionNumber: string;
  decisionDate: string | null;
  issuer: string;
}

const EMPTY: DecisionFields = { year: '', title: '', decisionNumber: '', decisionDate: null, issuer: '' };

/** The decision that gave an award (or an earlier award to add): its number, date and issuer, and for an earlier one its year and title. */
function DecisionForm({ withAward, onSubmit, onCancel }: { withAward: boolean; onSubmit: (fields: DecisionFields) => Promise<void>; onCancel: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [fields, setFields] = useState<DecisionFields>(EMPTY);
  const [failure, setFailure] = useState<unknown>(null);
  const dirty = JSON.stringify(fields) !== JSON.stringify(EMPTY);
  useUnsavedGuard(dirty ? t('decides.history.unsaved') : null);
  const set = (name: keyof DecisionFields) => (event: { target: { value: string } }) => setFields({ ...fields, [name]: event.target.value });
  const ready = (withAward ? /^\d{4}$/.test(fields.year) && fields.title.trim().length >= 2 : fields.decisionNumber.trim() !== '' && fields.decisionDate !== null && fields.issuer.trim() !== '');
  return (
    <form
      className="award-form"
      noValidate
      data-testid="award-form"
      onSubmit={(event) => {
        event.preventDefault();
        setFailure(null);
        onSubmit(fields).catch((error: unknown) => setFailure(error));
      }}
    >
      {withAward ? (
        <>
          <label className="field" htmlFor={`${id}-year`}>
            <span>{t('decides.history.form.year')}</span>
            <input id={`${id}-year`} inputMode="numeric" value={fields.year} onChange={set('year')} data-testid="award-year" />
          </label>
          <label className="field" htmlFor={`${id}-title`}>
            <span>{t('decides.history.form.title')}</span>
            <input id={`${id}-title`} value={fields.title} maxLength={300} onChange={set('title')} data-testid="award-title" />
          </label>
        </>
      ) : null}
      <label className="field" htmlFor={`${id}-number`}>
        <span>{t('decides.history.form.number')}</span>
        <input id={`${id}-number`} value={fields.decisionNumber} maxLength={100} onChange={set('decisionNumber')} data-testid="award-number" />
      </label>
      <label className="field" htmlFor={`${id}-date`}>
        <span>{t('decides.history.form.date')}</span>
        <DateInput id={`${id}-date`} value={fields.decisionDate} onChange={(value) => setFields({ ...fields, decisionDate: value })} testId="award-date" />
      </label>
      <label className="field" htmlFor={`${id}-issuer`}>
        <span>{t('decides.history.form.issuer')}</span>
        <input id={`${id}-issuer`} value={fields.issuer} maxLength={200} onChange={set('issuer')} data-testid="award-issuer" />
      </label>
      <ErrorBanner error={failure} />
      <div className="actions">
        <button type="submit" disabled={!ready} data-testid="award-save">
          {t('decides.history.form.save')}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          {t('app.cancel')}
        </button>
      </div>
    </form>
  );
}

/**
 * A unit's (as a collective) or a person's awards across the years: proposals of locked rounds, awards given with the
 * decision that gave them, and earlier awards typed in; and the reminder that this thematic award is no basis for a
 * later merit-based one.
 */
export function AwardHistory({ subject }: { subject: Subject }) {
  const { t, i18n } = useTranslation();
  const { value: awards, error, reload } = useCall('awards.list', subject);
  const mayRecord = useMayCall('awards.record');
  const mayAdd = useMayCall('awards.add');
  const [recording, setRecording] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const decisionText = (award: Award) =>
    award.stage === 'awarded' ? [award.decisionNumber, award.decisionDate ? formatDate(award.decisionDate, i18n.language) : '', award.issuer].filter(Boolean).join(' · ') : '—';

  return (
    <section className="award-history" aria-label={t('decides.history.title')} data-testid="award-history">
      <h3>{t('decides.history.title')}</h3>
      <p className="muted small">{t('decides.history.thematic')}</p>
      <ErrorBanner error={error} />
      {awards && awards.length === 0 ? <p className="muted small">{t('decides.history.none')}</p> : null}
      {awards && awards.length > 0 ? (
        <table className="awards">
          <thead>
            <tr>
              <th scope="col">{t('decides.history.columns.year')}</th>
              <th scope="col">{t('decides.history.columns.title')}</th>
              <th scope="col">{t('decides.history.columns.stage')}</th>
              <th scope="col">{t('decides.history.columns.decision')}</th>
            </tr>
          </thead>
          <tbody>
            {awards.map((award) => (
              <tr key={award.id} data-award={award.id} data-stage={award.stage}>
                <td>{award.campaignYear}</td>
                <td>{award.title}</td>
                <td>{t(`decides.history.stages.${award.stage}`)}</td>
                <td>
                  {decisionText(award)}
                  {award.stage === 'proposed' && mayRecord && recording !== award.id ? (
                    <button type="button" className="link" onClick={() => setRecording(award.id)} data-testid={`award-record-${award.id}`}>
                      {t('decides.history.record')}
                    </button>
                  ) : null}
                  {recording === award.id ? (
                    <DecisionForm
                      withAward={false}
                      onCancel={() => setRecording(null)}
                      onSubmit={async (fields) => {
                        await call('awards.record', { id: award.id, decisionNumber: fields.decisionNumber.trim(), decisionDate: fields.decisionDate ?? '', issuer: fields.issuer.trim() });
                        setRecording(null);
                        reload();
                      }}
                    />
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {mayAdd && !adding ? (
        <button type="button" className="link" onClick={() => setAdding(true)} data-testid="award-add">
          {t('decides.history.add')}
        </button>
      ) : null}
      {adding ? (
        <DecisionForm
          withAward
          onCancel={() => setAdding(false)}
          onSubmit={async (fields) => {
            await call('awards.add', { ...subject, campaignYear: Number(fields.year), title: fields.title.trim(), decisionNumber: fields.decisionNumber.trim(), decisionDate: fields.decisionDate ?? '', issuer: fields.issuer.trim() });
            setAdding(false);
            reload();
          }}
        />
      ) : null}
    </section>
  );
}
