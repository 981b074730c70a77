import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useForm, useWatch, type FieldPath } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { DossierSaveResult } from '../../../shared/contract/calls';
import type { AttachmentInfo } from '../../../shared/domain/attachment';
import { checklistComplete, dossierChecklist } from '../../../shared/domain/checklist';
import type { Dossier } from '../../../shared/domain/dossier';
import { missingHeadings, REPORT_HEADINGS } from '../../../shared/domain/report-template';
import { keyedErrorMap, keyedMessage } from '../../../shared/contract/validation';
import { DISCIPLINE_STATUSES, toScoreInput } from '../../../shared/domain/dossier';
import { dossierFormSchema, formValuesToContent, indicatorField, pointsField, SHARE_FIELD, type DossierFormValues } from '../../../shared/domain/dossier-form';
import { nomineeGroupOf, type NomineeKind } from '../../../shared/domain/kinds';
import type { Gender } from '../../../shared/domain/person';
import { countWords } from '../../../shared/domain/text';
import { manualCriteria } from '../../../shared/scoring/leaves';
import { scoreDossier } from '../../../shared/scoring/score';
import type { Scheme } from '../../../shared/scoring/types';
import type { WordReport } from '../../../shared/domain/word-report';
import { call } from '../../app/api';
import { ErrorBanner, errorShape, useErrorText } from '../../components/errors';
import { Field } from '../../components/Field';
import { NumberEcho } from '../../components/NumberEcho';
import { formatDateTime, useLabel } from '../../components/format';
import { AttachmentsPanel } from './AttachmentsPanel';
import { ChecklistPanel } from './ChecklistPanel';
import { ScorePreview } from './ScorePreview';
import { useAutosave } from '../../components/use-autosave';
import { WordReportImport, type WordOriginal } from './WordReportImport';
import { useDossiers } from './store';

interface EditorProps {
  scheme: Scheme;
  /** When the stored dossier was last changed, so that a save over someone else's change is refused. */
  updatedAt: string | null;
  campaignYear: number;
  nomineeKind: NomineeKind;
  dossierId: string | null;
  /** The nominated person, for individual kinds. */
  personId: string | null;
  /** That person's gender in the registry: an individual's priority for women in ties. */
  personGender: Gender | null;
  /** The stored dossier (status, revision), or null for a new one. */
  dossier: Dossier | null;
  initialValues: DossierFormValues;
  /** Where the autosaved draft lives, and the draft found there when the form opened. */
  draftKey: string;
  restoredDraft: { form: DossierFormValues; updatedAt: string } | null;
  attachments: AttachmentInfo[];
  onAttachments: (list: AttachmentInfo[]) => void;
  onSaved: (detail: DossierSaveResult) => void;
  onStatus: (status: 'ready' | 'draft') => Promise<void>;
  /** The branch's view of a dossier received from an office: shown as sent, nothing typed, kept or saved. */
  readOnly?: boolean;
}

const UNDO_STEPS = 50;

/** Maps a server-side issue path (content.indicators.x) to the form field it belongs to. */
function formPath(path: string): FieldPath<DossierFormValues> | null {
  if (path.startsWith('content.')) return path.slice('content.'.length) as FieldPath<DossierFormValues>;
  if (path === 'unitId') return 'unitId';
  return null;
}

/** The dossier form for one scheme, with the live preview computed by the shared scoring library. */
export function DossierEditor(props: EditorProps) {
  const { scheme, updatedAt, campaignYear, nomineeKind, dossierId, personId, personGender, dossier, initialValues, draftKey, restoredDraft, attachments, onAttachments, onSaved, onStatus, readOnly = false } = props;
  const { t, i18n } = useTranslation();
  const label = useLabel();
  const group = nomineeGroupOf(nomineeKind);
  const resolver = useMemo(() => zodResolver(dossierFormSchema(scheme, group), { error: keyedErrorMap }), [scheme, group]);
  // A draft kept from an earlier session (a crash, a closed window) comes back as it was typed.
  const form = useForm<DossierFormValues>({ resolver, defaultValues: restoredDraft?.form ?? initialValues, mode: 'onBlur' });
  const { register, handleSubmit, formState, setError, control, reset } = form;
  const [failure, setFailure] = useState<unknown>(null);
  const [restored, setRestored] = useState(restoredDraft !== null);
  const [revisionNotice, setRevisionNotice] = useState<number | null>(null);
  const justSaved = useDossiers((state) => state.justSaved);
  const markSaved = useDossiers((state) => state.markSaved);
  const saved = dossierId !== null && justSaved === dossierId && !formState.isDirty;

  useEffect(() => {
    form.setValue('unitId', initialValues.unitId);
  }, [form, initialValues.unitId]);

  const watched = useWatch({ control }) as Partial<DossierFormValues>;
  const values = useMemo(() => ({ ...initialValues, ...watched }) as DossierFormValues, [initialValues, watched]);
  const content = useMemo(() => formValuesToContent(scheme, values, group).content, [scheme, values, group]);
  const result = useMemo(() => scoreDossier(scheme, toScoreInput(content, { nomineeKind, personGender })), [scheme, content, nomineeKind, personGender]);
  const checklist = useMemo(() => dossierChecklist(scheme, nomineeKind, content, result, attachments.length), [scheme, nomineeKind, content, result, attachments.length]);
  const autosave = useAutosave(draftKey, campaignYear, dossierId, values, !readOnly && (formState.isDirty || restored));

  // Undo: snapshots of the form taken when typing pauses; the button steps back through them.
  const history = useRef<string[]>([JSON.stringify(restoredDraft?.form ?? initialValues)]);
  const [undoable, setUndoable] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => {
      const snapshot = JSON.stringify(values);
      if (history.current[history.current.length - 1] === snapshot) return;
      history.current = [...history.current, snapshot].slice(-UNDO_STEPS);
      setUndoable(history.current.length > 1);
    }, 400);
    return () => clearTimeout(timer);
  }, [values]);
  const undo = (): void => {
    const last = history.current[history.current.length - 1];
    // A change typed since the last pause (not yet a snapshot) is undone first, on its own.
    if (last !== undefined && JSON.stringify(values) !== last) {
      reset(JSON.parse(last) as DossierFormValues, { keepDefaultValues: true });
      return;
    }
    if (history.current.length < 2) return;
    history.current = history.current.slice(0, -1);
    reset(JSON.parse(history.current[history.current.length - 1] as string) as DossierFormValues, { keepDefaultValues: true });
    setUndoable(history.current.length > 1);
  };

  // The report read from Word: what it replaced (for the undo), and the original .docx, attached as evidence at once or,
  // for a dossier not yet saved, when it is first saved.
  const [wordImport, setWordImport] = useState<{ name: string; previous: string; evidence: 'attached' | 'onSave' | 'failed'; error?: unknown } | null>(null);
  const [wordUndone, setWordUndone] = useState(false);
  const [pendingOriginal, setPendingOriginal] = useState<WordOriginal | null>(null);

  const applyWordReport = async (report: WordReport, original: WordOriginal): Promise<void> => {
    const previous = form.getValues('report');
    form.setValue('report', report.text, { shouldDirty: true, shouldValidate: true });
    setWordUndone(false);
    if (!dossierId) {
      setPendingOriginal(original);
      setWordImport({ name: original.name, previous, evidence: 'onSave' });
      return;
    }
    setWordImport({ name: original.name, previous, evidence: 'onSave' });
    try {
      onAttachments(await call('attachments.add', { dossierId, fileName: original.name, content: original.content }));
      setWordImport({ name: original.name, previous, evidence: 'attached' });
    } catch (error) {
      setWordImport({ name: original.name, previous, evidence: 'failed', error });
    }
  };

  const undoWordReport = (): void => {
    if (!wordImport) return;
    form.setValue('report', wordImport.previous, { shouldDirty: true, shouldValidate: true });
    setPendingOriginal(null);
    setWordImport(null);
    setWordUndone(true);
  };

  const discardDraft = (): void => {
    void call('drafts.discard', { key: draftKey }).catch(() => undefined);
    reset(initialValues);
    history.current = [JSON.stringify(initialValues)];
    setUndoable(false);
    setRestored(false);
  };

  const insertTemplate = (): void => {
    const report = form.getValues('report');
    const missing = missingHeadings(nomineeGroupOf(nomineeKind), report);
    const headings = report.trim() === '' ? REPORT_HEADINGS[nomineeGroupOf(nomineeKind)] : missing;
    form.setValue('report', `${report}${report && !report.endsWith('\n') ? '\n\n' : ''}${headings.map((heading) => `${heading}\n\n`).join('\n')}`, { shouldDirty: true });
  };

  const submit = handleSubmit(
    async (submitted) => {
      setFailure(null);
      markSaved(null);
      const values = submitted;
      const { content } = formValuesToContent(scheme, values, group);
      try {
        const detail = await call('dossiers.save', {
          // The stored dossier as last read (after this form's saves, status changes and evidence), so that only someone else's change is refused.
          ...(dossierId ? { id: dossierId, baseUpdatedAt: updatedAt } : {}),
          campaignYear,
          nomineeKind,
          unitId: values.unitId,
          personId,
          content,
        });
        reset(values);
        setRestored(false);
        setRevisionNotice(detail.revisionStarted ? detail.dossier.revision : null);
        markSaved(detail.dossier.id);
        const original = pendingOriginal;
        setPendingOriginal(null);
        if (original) {
          // The dossier exists now: its report's Word original becomes its evidence (a failure leaves the saved text as it is).
          await call('attachments.add', { dossierId: detail.dossier.id, fileName: original.name, content: original.content }).then(onAttachments, (error: unknown) =>
            setWordImport((current) => (current ? { ...current, evidence: 'failed', error } : current)),
          );
        }
        onSaved(detail);
      } catch (error) {
        for (const issue of errorShape(error).issues ?? []) {
          const path = formPath(issue.path);
          if (path) setError(path, { type: 'server', message: keyedMessage(issue.key, issue.params) });
        }
        setFailure(error);
      }
    },
    () => markSaved(null),
  );

  // The person's answer to "which number did you mean?" replaces the text, as if typed.
  const choose = (path: FieldPath<DossierFormValues>) => (text: string) => form.setValue(path, text, { shouldDirty: true, shouldValidate: true });

  const errorText = useErrorText();
  const errors = formState.errors;
  const report = values.report;
  const hasErrors = Object.keys(errors).length > 0;
  const canMarkReady = dossierId !== null && dossier?.status === 'draft' && !formState.isDirty && !restored && checklistComplete(checklist);

  return (
    <div className="editor">
      <form className="dossier-form" onSubmit={(event) => void submit(event)} noValidate data-testid="dossier-form" data-read-only={readOnly || undefined}>
        <fieldset className="form-body" disabled={readOnly}>
        {restored && restoredDraft ? (
          <div className="banner banner-warn" role="status" data-testid="draft-restored">
            {t('dossierWork.draftRestored', { time: formatDateTime(restoredDraft.updatedAt, i18n.language) })}{' '}
            <button type="button" className="link" onClick={discardDraft}>
              {t('dossierWork.discardDraft')}
            </button>
          </div>
        ) : null}
        {revisionNotice !== null ? (
          <div className="banner banner-warn" role="status">
            {t('dossierWork.revisionStarted', { revision: revisionNotice })}
          </div>
        ) : null}
        <div className="form-toolbar">
          <span className="muted small" data-testid="autosave-status">
            {autosave.state === 'saving'
              ? t('dossierWork.autosaving')
              : autosave.state === 'saved'
                ? t('dossierWork.autosaved', { time: formatDateTime(autosave.at, i18n.language) })
                : autosave.state === 'failed'
                  ? t('dossierWork.autosaveFailed', { error: errorText(autosave.error) })
                  : ''}
          </span>
          {readOnly ? null : (
            <button type="button" className="secondary" onClick={undo} disabled={!undoable} title={t('dossierWork.undoHint')} data-testid="undo">
              {t('dossierWork.undo')}
            </button>
          )}
        </div>
        <section className="card">
          <div className="grid-2">
            {group === 'collective' ? (
              <Field id="womenShare" label={t('form.womenShare')} hint={t('form.womenShareHint')} error={errors.womenShare}>
                <input id="womenShare" inputMode="decimal" {...register('womenShare')} />
                <NumberEcho id="womenShare" text={values.womenShare} field={SHARE_FIELD} unit="%" onChoose={choose('womenShare')} />
              </Field>
            ) : (
              <Field id="women-priority" label={t('dossierWork.womenPriority')} hint={t('dossierWork.womenPriorityHint')}>
                <output id="women-priority" data-testid="women-priority" data-priority={personGender === 'female'}>
                  {personGender === 'female' ? t('dossierWork.womenPriorityFemale') : personGender === 'male' ? t('dossierWork.womenPriorityMale') : t('app.none')}
                </output>
              </Field>
            )}
            <Field id="discipline" label={t('discipline.label')} error={errors.discipline}>
              <select id="discipline" {...register('discipline')}>
                {DISCIPLINE_STATUSES.map((status) => (
                  <option key={status} value={status}>
                    {t(`discipline.${status}`)}
                  </option>
                ))}
              </select>
            </Field>
          </div>
        </section>

        <section className="card">
          <h2>{t('form.indicators')}</h2>
          <p className="muted small">{t('form.indicatorsHint')}</p>
          <div className="grid-2">
            {scheme.indicators.map((indicator) => {
              const id = `indicator-${indicator.key}`;
              const unit = t(`indicatorUnits.${indicator.unit}`);
              return (
                <Field key={indicator.key} id={id} label={label(indicator.label)} error={errors.indicators?.[indicator.key]}>
                  {indicator.unit === 'yesNo' ? (
                    <select id={id} {...register(`indicators.${indicator.key}`)}>
                      <option value="">{t('form.yesNoEmpty')}</option>
                      <option value="yes">{t('app.yes')}</option>
                      <option value="no">{t('app.no')}</option>
                    </select>
                  ) : (
                    <div className="with-unit">
                      <input id={id} inputMode="decimal" autoComplete="off" {...register(`indicators.${indicator.key}`)} />
                      {unit ? <span className="unit">{unit}</span> : null}
                    </div>
                  )}
                  {indicator.unit === 'yesNo' ? null : (
                    <NumberEcho id={id} text={values.indicators[indicator.key] ?? ''} field={indicatorField(indicator)} unit={unit} onChoose={choose(`indicators.${indicator.key}`)} />
                  )}
                </Field>
              );
            })}
          </div>
        </section>

        <section className="card">
          <h2>{t('form.selfScores')}</h2>
          <p className="muted small">{t('form.selfScoresHint')}</p>
          {manualCriteria(scheme).map((criterion) => (
            <fieldset key={criterion.id} className="self-score">
              <legend>{label(criterion.label)}</legend>
              <div className="grid-self">
                <Field id={`self-${criterion.id}`} label={t('form.points', { max: criterion.max / 100 })} error={errors.selfScores?.[criterion.id]?.points}>
                  <input id={`self-${criterion.id}`} inputMode="decimal" autoComplete="off" {...register(`selfScores.${criterion.id}.points`)} />
                  <NumberEcho id={`self-${criterion.id}`} text={values.selfScores[criterion.id]?.points ?? ''} field={pointsField(criterion)} onChoose={choose(`selfScores.${criterion.id}.points`)} />
                </Field>
                <Field id={`justification-${criterion.id}`} label={t('form.justification')} error={errors.selfScores?.[criterion.id]?.justification}>
                  <textarea id={`justification-${criterion.id}`} rows={2} {...register(`selfScores.${criterion.id}.justification`)} />
                </Field>
              </div>
            </fieldset>
          ))}
        </section>

        <section className="card">
          <Field id="report" label={<h2 className="inline-heading">{t('form.report')}</h2>} hint={`${t('form.reportHint')} · ${t('form.words', { count: countWords(report) })}`} error={errors.report}>
            <textarea id="report" rows={10} {...register('report')} />
          </Field>
          {readOnly ? null : (
            <button type="button" className="secondary" onClick={insertTemplate} data-testid="insert-template">
              {t('dossierWork.insertTemplate')}
            </button>
          )}
          {wordImport ? (
            <div className="banner banner-ok word-done" role="status" data-testid="word-replaced">
              <span>{t('wordReport.replaced', { name: wordImport.name })}</span>
              {wordImport.evidence === 'attached' ? <span>{t('wordReport.attached')}</span> : null}
              {wordImport.evidence === 'onSave' && !dossierId ? <span>{t('wordReport.attachOnSave')}</span> : null}
              <button type="button" className="link" onClick={undoWordReport} data-testid="word-undo">
                {t('wordReport.undo')}
              </button>
            </div>
          ) : null}
          {wordImport?.evidence === 'failed' ? (
            <div className="banner banner-error" role="alert">
              {t('wordReport.attachFailed', { error: errorText(wordImport.error) })}
            </div>
          ) : null}
          {wordUndone ? (
            <p className="muted small" role="status" data-testid="word-undone">
              {t('wordReport.undone')}
            </p>
          ) : null}
          {readOnly ? null : <WordReportImport group={group} currentReport={report} onUse={(read, original) => void applyWordReport(read, original)} />}
        </section>
        </fieldset>

        <AttachmentsPanel dossierId={dossierId} attachments={attachments} onChange={onAttachments} readOnly={readOnly} />

        <section className="card">
          <h2>{t('dossierWork.checklistTitle')}</h2>
          <ChecklistPanel items={checklist} />
          {dossierId && dossier?.status === 'draft' && (formState.isDirty || restored) ? <p className="muted small">{t('dossierWork.checklistSaveFirst')}</p> : null}
          {dossier?.status === 'ready' ? <p className="pill pill-ready">{t('dossierWork.readyDone')}</p> : null}
          {readOnly ? null : (
          <div className="form-actions-inline">
            {dossier?.status === 'ready' ? (
              <button type="button" className="secondary" onClick={() => void onStatus('draft')} data-testid="back-to-draft">
                {t('dossierWork.backToDraft')}
              </button>
            ) : (
              <button type="button" className="secondary" disabled={!canMarkReady} onClick={() => void onStatus('ready')} data-testid="mark-ready">
                {t('dossierWork.markReady')}
              </button>
            )}
          </div>
          )}
        </section>

        {hasErrors ? (
          <div className="banner banner-error" role="alert">
            {t('form.fixErrors')}
          </div>
        ) : null}
        <ErrorBanner error={failure} />
        {saved ? (
          <div className="banner banner-ok" role="status" data-testid="save-notice">
            {t('form.saved')}
          </div>
        ) : null}
        {readOnly ? null : (
          <div className="form-actions">
            <button type="submit" disabled={formState.isSubmitting} data-testid="save-dossier">
              {formState.isSubmitting ? t('form.saving') : t('form.save')}
            </button>
          </div>
        )}
      </form>
      <ScorePreview scheme={scheme} result={result} />
    </div>
  );
}
