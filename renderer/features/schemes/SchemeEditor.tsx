import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useMemo, useState } from 'react';
import { FormProvider, useForm, useFormState, useWatch, type Control, type Resolver } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { SchemeSaveResult } from '../../../shared/contract/calls';
import { keyedErrorMap, keyedMessage } from '../../../shared/contract/validation';
import type { CampaignStatus } from '../../../shared/domain/campaign';
import type { DossierSummary } from '../../../shared/domain/dossier';
import { schemeSchema } from '../../../shared/scoring/scheme-schema';
import type { Scheme } from '../../../shared/scoring/types';
import { call } from '../../app/api';
import { useUnsavedGuard } from '../../app/unsaved-guard';
import { ErrorBanner, errorShape } from '../../components/errors';
import { useLabel } from '../../components/format';
import { CriterionList } from './CriteriaEditor';
import { ErrorSummary } from './ErrorSummary';
import { at, EditorContext, LabelFields, NumberField, useSchemeForm } from './fields';
import { criterionCodes, FoldAllButtons, FoldProvider } from './folding';
import { GatesEditor, IndicatorsEditor } from './GatesEditor';
import { SamplePanel } from './SamplePanel';
import { cleanScheme, codesOf, maximumOf } from './scheme-form';

/** Checks the whole scheme after every change: a sub-criterion's maximum decides whether its group's maximum is reachable. */
function LiveValidation({ control, trigger }: { control: Control<Scheme>; trigger: () => Promise<boolean> }) {
  const values = useWatch({ control });
  useEffect(() => {
    void trigger();
  }, [values, trigger]);
  return null;
}

/** What the criteria add up to: the plan's 100 points are a proposal, so an edit may change the sum on purpose. */
function Totals({ control }: { control: Control<Scheme> }) {
  const { t } = useTranslation();
  const values = useWatch({ control }) as Partial<Scheme>;
  const { criteria, bonus } = maximumOf(values);
  return (
    <p className="muted" data-testid="scheme-maximum" data-hundredths={criteria}>
      {t('schemes.editor.totalMax', { total: criteria / 100, bonus: bonus / 100 })}
    </p>
  );
}

/** Leaving the editor with unsaved edits asks first, naming the scheme; saving or undoing them lifts the question. */
function LeaveGuard({ control }: { control: Control<Scheme> }) {
  const { t } = useTranslation();
  const label = useLabel();
  const { isDirty } = useFormState({ control });
  const name = useWatch({ control, name: 'label' });
  useUnsavedGuard(isDirty ? t('schemes.editor.leaveUnsaved', { name: label(name) || t('schemes.editor.untitled') }) : null);
  return null;
}

/** A section of criteria with its "expand all" and "collapse all". */
function CriteriaSection({ id, title, hint, path, prefix, addLabel, defaultMax }: { id: string; title: string; hint: string; path: 'criteria' | 'bonus.criteria'; prefix: string; addLabel: string; defaultMax: number }) {
  const { getValues } = useSchemeForm();
  const codes = () => criterionCodes(path === 'criteria' ? getValues('criteria') : getValues('bonus.criteria'));
  return (
    <section className="card" aria-labelledby={id}>
      <div className="section-head">
        <h2 id={id}>{title}</h2>
        <FoldAllButtons section={title} codes={codes} testId={path === 'criteria' ? 'criteria' : 'bonus'} />
      </div>
      <p className="muted small">{hint}</p>
      <CriterionList path={path} depth={0} prefix={prefix} addLabel={addLabel} defaultMax={defaultMax} />
    </section>
  );
}

type SaveOutcome = SchemeSaveResult & { previous: number };

/** What saving did or why it did not, and the buttons; its own component, so that a keystroke re-renders it and not the whole form. */
function SaveBar({ refused, failure, outcome, onDiscard }: { refused: boolean; failure: unknown; outcome: SaveOutcome | null; onDiscard: () => void }) {
  const { t } = useTranslation();
  const { control } = useSchemeForm();
  const { errors, isDirty, isSubmitting } = useFormState({ control });
  return (
    <div className="save-bar">
      {refused && Object.keys(errors).length > 0 ? (
        <div className="banner banner-error" role="alert">
          {t('schemes.editor.fixErrors')}
        </div>
      ) : null}
      <ErrorBanner error={failure} />
      {outcome && !isDirty ? (
        <div className="banner banner-ok" role="status" data-testid="scheme-saved">
          {outcome.newVersion ? (
            <>
              {t('schemes.editor.savedVersion', { version: outcome.scheme.version, previous: outcome.previous })}{' '}
              <a href="#/schemes">{t('schemes.editor.goRescore')}</a>
            </>
          ) : (
            t('schemes.editor.savedRescored', { count: outcome.rescored })
          )}
        </div>
      ) : null}
      <div className="form-actions">
        {isDirty ? <span className="pill pill-warn">{t('schemes.editor.unsaved')}</span> : null}
        <button type="button" className="secondary" disabled={!isDirty || isSubmitting} onClick={onDiscard}>
          {t('schemes.editor.discard')}
        </button>
        {/* Nothing to save: once the campaign is open, saving an unchanged scheme would only add an empty version. */}
        <button type="submit" disabled={isSubmitting || !isDirty} data-testid="save-scheme">
          {isSubmitting ? t('schemes.editor.saving') : t('schemes.editor.save')}
        </button>
      </div>
    </div>
  );
}

interface SchemeEditorProps {
  initial: Scheme;
  campaignYear: number;
  status: CampaignStatus;
  dossiers: DossierSummary[];
  onSaved: (result: SchemeSaveResult) => void;
  /** Asks the page to read the campaign again, when a save shows that its status changed meanwhile. */
  onStale: () => void;
}

/** The council's editor of one scheme, with the live score of a sample dossier beside it. */
export function SchemeEditor({ initial, campaignYear, status, dossiers, onSaved, onStale }: SchemeEditorProps) {
  const { t } = useTranslation();
  const readOnly = status === 'closed';
  const [saved, setSaved] = useState<Scheme>(initial);
  const [outcome, setOutcome] = useState<SaveOutcome | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [refused, setRefused] = useState(false);
  const resolver = useMemo(() => zodResolver(schemeSchema, { error: keyedErrorMap }) as unknown as Resolver<Scheme>, []);
  const form = useForm<Scheme>({ resolver, defaultValues: initial, mode: 'onSubmit', reValidateMode: 'onSubmit' });
  const { control, handleSubmit, reset, setError, trigger } = form;
  const context = useMemo(() => ({ savedCodes: codesOf(saved), readOnly }), [saved, readOnly]);

  const submit = handleSubmit(
    async (values) => {
      setFailure(null);
      setOutcome(null);
      setRefused(false);
      try {
        const result = await call('schemes.save', { campaignYear, scheme: cleanScheme(values) });
        setOutcome({ ...result, previous: saved.version });
        setSaved(result.scheme);
        reset(result.scheme);
        onSaved(result);
      } catch (error) {
        // The edits stay in the form; the service's own findings go to their fields.
        for (const issue of errorShape(error).issues ?? []) {
          if (issue.path.startsWith('scheme.')) setError(at(issue.path.slice('scheme.'.length)), { type: 'server', message: keyedMessage(issue.key, issue.params) });
        }
        setFailure(error);
        // Closed meanwhile (another window): the editor turns read-only, still showing the edits.
        if (errorShape(error).code === 'campaign.locked') onStale();
      }
    },
    () => {
      setOutcome(null);
      setRefused(true);
    },
  );

  return (
    <FormProvider {...form}>
      <EditorContext.Provider value={context}>
        {readOnly ? null : <LiveValidation control={control} trigger={trigger} />}
        <LeaveGuard control={control} />
        <FoldProvider>
          <div className="editor scheme-editor">
            <form onSubmit={(event) => void submit(event)} noValidate data-testid="scheme-form" aria-labelledby="scheme-title">
              {/* Each part disables its own fields when read-only: the fold buttons between them stay usable. */}
              <ErrorSummary />
              <section className="card" aria-labelledby="scheme-general-heading">
                <h2 id="scheme-general-heading">{t('schemes.editor.general')}</h2>
                <fieldset disabled={readOnly} className="plain">
                  <LabelFields />
                  <div className="grid-2">
                    <NumberField name="minTotal" kind="points" label={t('schemes.editor.minTotal')} />
                    <NumberField name="bonus.max" kind="points" label={t('schemes.editor.bonusMax')} />
                  </div>
                </fieldset>
                <Totals control={control} />
              </section>

              <CriteriaSection id="scheme-criteria-heading" title={t('schemes.editor.criteria')} hint={t('schemes.editor.criteriaHint')} path="criteria" prefix="" addLabel={t('schemes.editor.addCriterion')} defaultMax={500} />
              <CriteriaSection id="scheme-bonus-heading" title={t('schemes.editor.bonus')} hint={t('schemes.editor.bonusHint')} path="bonus.criteria" prefix="+" addLabel={t('schemes.editor.addBonus')} defaultMax={100} />

              <GatesEditor />
              <IndicatorsEditor />

              {readOnly && failure ? (
                <div className="save-bar">
                  {errorShape(failure).code === 'campaign.locked' ? (
                    <div className="banner banner-error" role="alert" data-testid="closed-meanwhile">
                      {t('schemes.editor.closedMeanwhile', { year: campaignYear })}
                    </div>
                  ) : (
                    <ErrorBanner error={failure} />
                  )}
                </div>
              ) : null}
              {readOnly ? null : <SaveBar refused={refused} failure={failure} outcome={outcome} onDiscard={() => reset(saved)} />}
            </form>
            <SamplePanel saved={saved} dossiers={dossiers} readOnly={readOnly} />
          </div>
        </FoldProvider>
      </EditorContext.Provider>
    </FormProvider>
  );
}
