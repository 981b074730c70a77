import { useEffect, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { CouncilDecision, DecisionKind, RoundNumber } from '../../../shared/domain/council';
import { call } from '../../app/api';
import { useMayCall } from '../../app/access';
import { useSession } from '../../app/session-store';
import { useUnsavedGuard } from '../../app/unsaved-guard';
import { ErrorBanner } from '../../components/errors';
import { formatDateTime } from '../../components/format';
import { useAutosave } from '../../components/use-autosave';
import './decisions.css';

/** A tie the council's rules leave open: at a cut-off of the selection, or at the last seat of the allocation. */
export interface OpenQuestion {
  kind: DecisionKind;
  round: RoundNumber;
  subject: string;
  ids: string[];
  places: number;
}

interface DecisionForm {
  chosen: string[];
  reason: string;
}

/** A short, stable name for a question (its subject can list hundreds of ids): the draft's key. */
function questionKey(subject: string): string {
  let hash = 5381;
  for (let index = 0; index < subject.length; index += 1) hash = (hash * 33 + subject.charCodeAt(index)) >>> 0;
  return hash.toString(36);
}

/** The council's choice, typed: which of the tied take the places, and why (kept as a draft, guarded when leaving). */
function DecisionEditor({ campaignYear, question, nameOf, onDone, onCancel }: { campaignYear: number; question: OpenQuestion; nameOf: (id: string) => string; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const userId = useSession((state) => state.user?.id ?? '');
  const draftKey = `decision:${campaignYear}:${question.round}:${questionKey(question.subject)}:${userId}`;
  const { register, handleSubmit, control, formState, reset } = useForm<DecisionForm>({ defaultValues: { chosen: [], reason: '' } });
  const values = useWatch({ control }) as DecisionForm;
  const [failure, setFailure] = useState<unknown>(null);
  useAutosave(draftKey, campaignYear, null, values, formState.isDirty);
  useUnsavedGuard(formState.isDirty ? t('decides.decisions.unsaved') : null);
  useEffect(() => {
    let live = true;
    void call('drafts.get', { key: draftKey }).then(
      (draft) => {
        if (live && draft) reset(draft.form as unknown as DecisionForm, { keepDefaultValues: true });
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [draftKey, reset]);
  const chosen = (values.chosen ?? []).filter((id) => question.ids.includes(id));
  const ready = chosen.length === question.places && (values.reason ?? '').trim().length >= 5;
  const submit = handleSubmit(async (form) => {
    setFailure(null);
    try {
      await call('decisions.record', { campaignYear, round: question.round, kind: question.kind, subject: question.subject, chosen: form.chosen, reason: form.reason.trim() });
      void call('drafts.discard', { key: draftKey }).catch(() => undefined);
      reset({ chosen: [], reason: '' });
      onDone();
    } catch (error) {
      setFailure(error);
    }
  });
  return (
    <form className="decision-form" onSubmit={(event) => void submit(event)} noValidate data-testid="decision-form">
      <fieldset>
        <legend>{t('decides.decisions.choose', { places: question.places })}</legend>
        {question.ids.map((id) => (
          <label key={id} className="check">
            <input type="checkbox" value={id} {...register('chosen')} disabled={!chosen.includes(id) && chosen.length >= question.places} data-testid={`decision-choice-${id}`} />
            <span>{nameOf(id)}</span>
          </label>
        ))}
      </fieldset>
      <label className="field">
        <span>{t('decides.decisions.reason')}</span>
        <textarea rows={2} maxLength={2000} {...register('reason')} data-testid="decision-reason" />
        <span className="field-hint">{t('decides.decisions.hint', { chosen: chosen.length, places: question.places })}</span>
      </label>
      <ErrorBanner error={failure} />
      <div className="actions">
        <button type="submit" disabled={!ready || formState.isSubmitting} data-testid="decision-save">
          {t('decides.decisions.record')}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          {t('app.cancel')}
        </button>
      </div>
    </form>
  );
}

/**
 * One tie and what the council made of it: open (nothing downstream goes on; the council staff record the choice the
 * meeting made, with its reason), or decided (who was chosen and why; withdrawn again only with a reason).
 */
export function TieDecision({
  campaignYear,
  question,
  decision,
  nameOf,
  locked,
  onChange,
}: {
  campaignYear: number;
  question: OpenQuestion;
  decision: CouncilDecision | null;
  nameOf: (id: string) => string;
  /** The round no longer changes: the decision is shown, never edited. */
  locked: boolean;
  onChange: () => void;
}) {
  const { t, i18n } = useTranslation();
  const mayDecide = useMayCall('decisions.record') && !locked;
  const [editing, setEditing] = useState(false);
  const [withdrawing, setWithdrawing] = useState(false);
  const [reason, setReason] = useState('');
  const [failure, setFailure] = useState<unknown>(null);
  const names = question.ids.map(nameOf).join(', ');
  const key = question.kind === 'cutoffTie' ? 'decides.decisions.cutoffTie' : 'decides.decisions.allocationTie';

  if (decision) {
    const withdraw = async () => {
      setFailure(null);
      try {
        await call('decisions.withdraw', { id: decision.id, reason: reason.trim() });
        setWithdrawing(false);
        setReason('');
        onChange();
      } catch (error) {
        setFailure(error);
      }
    };
    return (
      <div className="banner banner-ok tie-decision" role="status" data-testid="tie-decided" data-subject={question.subject}>
        <p>{t(key, { count: question.ids.length, places: question.places, names })}</p>
        <p>
          <strong>
            {t('decides.decisions.decided', { names: decision.chosen.map(nameOf).join(', '), reason: decision.reason, by: decision.decidedBy, at: formatDateTime(decision.at, i18n.language === 'vi' ? 'vi' : 'en') })}
          </strong>
        </p>
        {mayDecide && !withdrawing ? (
          <button type="button" className="link" onClick={() => setWithdrawing(true)} data-testid="decision-withdraw">
            {t('decides.decisions.withdraw')}
          </button>
        ) : null}
        {withdrawing ? (
          <div className="inline-form">
            <label className="field">
              <span>{t('decides.decisions.withdrawReason')}</span>
              <input value={reason} maxLength={2000} onChange={(event) => setReason(event.target.value)} data-testid="decision-withdraw-reason" />
            </label>
            <button type="button" disabled={reason.trim().length < 5} onClick={() => void withdraw()} data-testid="decision-withdraw-confirm">
              {t('decides.decisions.withdraw')}
            </button>
            <button type="button" className="secondary" onClick={() => setWithdrawing(false)}>
              {t('app.cancel')}
            </button>
          </div>
        ) : null}
        <ErrorBanner error={failure} />
      </div>
    );
  }
  return (
    <div className="banner banner-warn tie-decision" role="alert" data-testid="tie-open" data-subject={question.subject}>
      <p>{t(key, { count: question.ids.length, places: question.places, names })}</p>
      <p className="small">{t('decides.decisions.open')}</p>
      {mayDecide && !editing ? (
        <button type="button" onClick={() => setEditing(true)} data-testid="decision-open">
          {t('decides.decisions.record')}
        </button>
      ) : null}
      {editing ? (
        <DecisionEditor
          campaignYear={campaignYear}
          question={question}
          nameOf={nameOf}
          onCancel={() => setEditing(false)}
          onDone={() => {
            setEditing(false);
            onChange();
          }}
        />
      ) : null}
    </div>
  );
}
