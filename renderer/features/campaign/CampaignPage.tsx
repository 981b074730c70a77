import { zodResolver } from '@hookform/resolvers/zod';
import { useMemo, useState } from 'react';
import { FormProvider, useController, useForm, useFormContext, useWatch, type Resolver } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { decodeIssueMessage, keyedErrorMap, keyedMessage } from '../../../shared/contract/validation';
import { ALLOCATION_WEIGHTS, PLAN_QUOTAS, quotasAbovePlan, type Campaign, type CampaignStatus } from '../../../shared/domain/campaign';
import { AGGREGATION_METHODS, TRIM_FROM_REVIEWERS } from '../../../shared/scoring/aggregation';
import { ALLOCATION_METHODS } from '../../../shared/scoring/allocation';
import { call } from '../../app/api';
import { useCouncilAccess, useMayCall } from '../../app/access';
import { useSession } from '../../app/session-store';
import { useCall } from '../../app/use-call';
import { ConfirmButton } from '../../components/ConfirmButton';
import { ErrorBanner, errorShape } from '../../components/errors';
import { Field } from '../../components/Field';
import { campaignFormSchema, formatDate, formValuesOf, longDate, parseDate, type CampaignFormValues } from './campaign-form';
import { TieBreakEditor } from './TieBreakEditor';
import './campaign.css';
import { useCampaignYear } from './campaign-year';

/** The one next step of a campaign's status, with the words of its button and of its confirmation. */
const NEXT: Record<CampaignStatus, { to: CampaignStatus; label: string; message: string }> = {
  preparation: { to: 'open', label: 'campaign.transitions.open', message: 'campaign.confirmOpen' },
  open: { to: 'closed', label: 'campaign.transitions.closed', message: 'campaign.confirmClose' },
  closed: { to: 'open', label: 'campaign.transitions.reopen', message: 'campaign.confirmReopen' },
};

function StatusCard({ campaign, dirty, onChanged }: { campaign: Campaign; dirty: boolean; onChanged: (campaign: Campaign) => void }) {
  const { t } = useTranslation();
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const next = NEXT[campaign.status];

  const change = async () => {
    setBusy(true);
    setFailure(null);
    try {
      onChanged(await call('campaigns.update', { year: campaign.year, status: next.to }));
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card status-card" aria-labelledby="campaign-status-heading">
      <h2 id="campaign-status-heading">{t('campaign.status')}</h2>
      <div className="status-line">
        <span className={`pill status-${campaign.status}`} data-testid="campaign-status" data-status={campaign.status}>
          {t(`campaign.statuses.${campaign.status}`)}
        </span>
        <span className="muted">{t(`campaign.statusHints.${campaign.status}`)}</span>
      </div>
      <ConfirmButton
        label={t(next.label)}
        title={t('campaign.confirmTitle')}
        message={
          <>
            <p>{t(next.message, { year: campaign.year })}</p>
            {dirty ? <p className="muted">{t('campaign.confirmUnsaved')}</p> : null}
          </>
        }
        confirmLabel={t('campaign.confirm')}
        onConfirm={() => void change()}
        disabled={busy}
        testId="campaign-transition"
      />
      <ErrorBanner error={failure} />
    </section>
  );
}

/** The deadline typed as dd/MM/yyyy whatever the computer's locale, kept as an ISO date; the hint spells the day out. */
function DeadlineField() {
  const { t, i18n } = useTranslation();
  const { control } = useFormContext<CampaignFormValues>();
  const { field, fieldState } = useController({ control, name: 'deadline' });
  const { ref, value, onChange, onBlur } = field;
  const [typed, setTyped] = useState<{ text: string; value: string } | null>(null);
  const text = typed !== null && typed.value === value ? typed.text : formatDate(value, i18n.language) || value;
  const wrongFormat = fieldState.error?.message !== undefined && decodeIssueMessage(fieldState.error.message).key === 'validation.format';
  const error = wrongFormat && fieldState.error ? { ...fieldState.error, message: keyedMessage('campaign.dateFormat') } : fieldState.error;
  const day = longDate(value, i18n.language);
  return (
    <Field id="campaign-deadline" label={t('campaign.deadline')} hint={error ? undefined : day ? t('campaign.deadlineHint', { date: day }) : t('campaign.dateFormat')} error={error}>
      <input
        id="campaign-deadline"
        ref={ref}
        value={text}
        placeholder={t('campaign.datePlaceholder')}
        inputMode="numeric"
        autoComplete="off"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? 'campaign-deadline-error' : undefined}
        data-testid="campaign-deadline"
        onBlur={onBlur}
        onChange={(event) => {
          // A text that is no date stays as typed, so that the schema says what is wrong with it.
          const next = parseDate(event.target.value) ?? event.target.value;
          setTyped({ text: event.target.value, value: next });
          onChange(next);
        }}
      />
    </Field>
  );
}

function RadioGroup<Value extends string>({
  name,
  legend,
  values,
  text,
  hint,
}: {
  name: 'settings.aggregation' | 'settings.allocationMethod' | 'settings.allocationWeight';
  legend: string;
  values: readonly Value[];
  text: (value: Value) => string;
  hint?: (value: Value) => string;
}) {
  const { register } = useFormContext<CampaignFormValues>();
  return (
    <fieldset className="radio-group">
      <legend>{legend}</legend>
      {values.map((value) => {
        const id = `${name.replace(/\./g, '-')}-${value}`;
        return (
          <label key={value} className="radio-choice" htmlFor={id}>
            <input type="radio" id={id} value={value} {...register(name)} aria-labelledby={`${id}-text`} aria-describedby={hint ? `${id}-hint` : undefined} />
            <span>
              <strong id={`${id}-text`}>{text(value)}</strong>
              {hint ? (
                <span className="muted small" id={`${id}-hint`}>
                  {hint(value)}
                </span>
              ) : null}
            </span>
          </label>
        );
      })}
    </fieldset>
  );
}

/** Under a quota: the plan's number when the quota departs from it. */
function PlanWarning({ value, plan, testId }: { value: number; plan: number; testId: string }) {
  const { t } = useTranslation();
  if (!(value > plan)) return null;
  return (
    <span className="plan-warning" role="status" data-testid={testId}>
      ⚠ {t('quotaPlan.above', { plan, value })}
    </span>
  );
}

/** Status, deadline, quotas and rules of one campaign; a status change keeps unsaved edits of the rest in the form. */
function SettingsForm({ campaign, onChanged }: { campaign: Campaign; onChanged: (campaign: Campaign, statusChanged: boolean) => void }) {
  const { t } = useTranslation();
  const readOnly = campaign.status === 'closed';
  const resolver = useMemo(() => zodResolver(campaignFormSchema(campaign), { error: keyedErrorMap }) as unknown as Resolver<CampaignFormValues>, [campaign]);
  const form = useForm<CampaignFormValues>({ resolver, defaultValues: formValuesOf(campaign), mode: 'onChange' });
  const { register, handleSubmit, formState, reset, setError } = form;
  const [failure, setFailure] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const errors = formState.errors;
  const [quotaCollectives, quotaIndividuals] = useWatch({ control: form.control, name: ['quotaCollectives', 'quotaIndividuals'] });
  const quotas = { quotaCollectives, quotaIndividuals };

  const submit = handleSubmit(async (values) => {
    setFailure(null);
    setSaved(false);
    try {
      const updated = await call('campaigns.update', {
        year: values.year,
        deadline: values.deadline,
        quotaCollectives: values.quotaCollectives,
        quotaIndividuals: values.quotaIndividuals,
        settings: values.settings,
        ...(values.reason.trim() ? { reason: values.reason.trim() } : {}),
      });
      reset(formValuesOf(updated));
      setSaved(true);
      onChanged(updated, false);
    } catch (error) {
      // The changes stay in the form; the service's findings (an unknown criterion) go to their fields.
      for (const issue of errorShape(error).issues ?? []) setError(issue.path as 'deadline', { type: 'server', message: keyedMessage(issue.key, issue.params) });
      setFailure(error);
    }
  });

  return (
    <FormProvider {...form}>
      <StatusCard campaign={campaign} dirty={formState.isDirty} onChanged={(result) => onChanged(result, true)} />
      <form onSubmit={(event) => void submit(event)} noValidate data-testid="campaign-form" aria-labelledby="campaign-title">
        {readOnly ? (
          <div className="banner banner-warn" role="note" data-testid="campaign-closed-note">
            {t('campaign.closedNote', { year: campaign.year })}
          </div>
        ) : null}
        <fieldset disabled={readOnly} className="plain">
          <section className="card" aria-labelledby="campaign-timetable-heading">
            <h2 id="campaign-timetable-heading">{t('campaign.timetable')}</h2>
            <div className="grid-3">
              <DeadlineField />
              <Field id="campaign-quota-collectives" label={t('campaign.quotaCollectives')} hint={<PlanWarning value={quotas.quotaCollectives} plan={PLAN_QUOTAS.quotaCollectives} testId="quota-collectives-warning" />} error={errors.quotaCollectives}>
                <input id="campaign-quota-collectives" type="number" inputMode="numeric" min={0} max={100} {...register('quotaCollectives', { valueAsNumber: true })} />
              </Field>
              <Field id="campaign-quota-individuals" label={t('campaign.quotaIndividuals')} hint={<PlanWarning value={quotas.quotaIndividuals} plan={PLAN_QUOTAS.quotaIndividuals} testId="quota-individuals-warning" />} error={errors.quotaIndividuals}>
                <input id="campaign-quota-individuals" type="number" inputMode="numeric" min={0} max={1000} {...register('quotaIndividuals', { valueAsNumber: true })} />
              </Field>
            </div>
            {quotasAbovePlan(campaign, quotas).length > 0 ? (
              <Field id="campaign-quota-reason" label={t('quotaPlan.reason')} hint={t('quotaPlan.reasonHint')} error={errors.reason}>
                <textarea id="campaign-quota-reason" rows={2} {...register('reason')} data-testid="campaign-quota-reason" />
              </Field>
            ) : null}
          </section>

          <section className="card" aria-labelledby="campaign-ranking-heading">
            <h2 id="campaign-ranking-heading">{t('campaign.rankingRules')}</h2>
            <RadioGroup
              name="settings.aggregation"
              legend={t('campaign.aggregation')}
              values={AGGREGATION_METHODS}
              text={(value) => t(`campaign.aggregationMethods.${value}`)}
              hint={(value) => t(`campaign.aggregationHints.${value}`, { count: TRIM_FROM_REVIEWERS })}
            />
            <TieBreakEditor campaign={campaign} readOnly={readOnly} />
          </section>

          <section className="card" aria-labelledby="campaign-allocation-heading">
            <h2 id="campaign-allocation-heading">{t('campaign.allocation')}</h2>
            <div className="grid-2">
              <RadioGroup
                name="settings.allocationMethod"
                legend={t('campaign.allocationMethod')}
                values={ALLOCATION_METHODS}
                text={(value) => t(`campaign.allocationMethods.${value}`)}
                hint={(value) => t(`campaign.allocationHints.${value}`)}
                />
              <RadioGroup
                name="settings.allocationWeight"
                legend={t('campaign.allocationWeight')}
                values={ALLOCATION_WEIGHTS}
                text={(value) => t(`campaign.allocationWeights.${value}`)}
                />
            </div>
          </section>
        </fieldset>

        {readOnly ? null : (
          <div className="save-bar">
            {Object.keys(errors).length > 0 ? (
              <div className="banner banner-error" role="alert">
                {t('campaign.fixErrors')}
              </div>
            ) : null}
            <ErrorBanner error={failure} />
            {saved && !formState.isDirty ? (
              <div className="banner banner-ok" role="status" data-testid="campaign-saved">
                {t('campaign.saved')}
              </div>
            ) : null}
            <div className="form-actions">
              <button type="button" className="secondary" disabled={!formState.isDirty || formState.isSubmitting} onClick={() => reset()}>
                {t('campaign.discard')}
              </button>
              <button type="submit" disabled={formState.isSubmitting} data-testid="save-campaign">
                {formState.isSubmitting ? t('campaign.saving') : t('campaign.save')}
              </button>
            </div>
          </div>
        )}
      </form>
    </FormProvider>
  );
}

/** The current campaign: its status and next step, deadline, quotas and the council's rules. */
/**
 * Next year's campaign, started from this one: schemes, rules and the council copied (all editable while it is in
 * preparation); this year stays as it is, readable from the campaign switcher.
 */
function NextCampaign({ campaign, onStarted }: { campaign: Campaign; onStarted: (year: number) => void }) {
  const { t } = useTranslation();
  const mayStart = useMayCall('campaigns.startNext');
  const current = useSession((state) => state.status?.currentCampaignYear ?? null);
  const refresh = useSession((state) => state.refresh);
  const viewCampaign = useSession((state) => state.viewCampaign);
  const { value: campaigns } = useCall('campaigns.list', mayStart ? {} : null);
  const [failure, setFailure] = useState<unknown>(null);
  const next = campaign.year + 1;
  if (!mayStart || campaign.year !== current || !campaigns || campaigns.some((known) => known.year === next)) return null;
  const start = async () => {
    setFailure(null);
    try {
      await call('campaigns.startNext', { fromYear: campaign.year });
      onStarted(next);
      await refresh();
      viewCampaign(null);
    } catch (error) {
      setFailure(error);
    }
  };
  return (
    <section className="card next-campaign" aria-labelledby="next-campaign-heading">
      <h2 id="next-campaign-heading">{t('decides.campaigns.startNext', { year: next })}</h2>
      <p className="muted">{t('decides.campaigns.startNextHint', { from: campaign.year })}</p>
      <ErrorBanner error={failure} />
      <ConfirmButton
        label={t('decides.campaigns.startNext', { year: next })}
        message={t('decides.campaigns.startNextConfirm', { year: next, from: campaign.year })}
        confirmLabel={t('decides.campaigns.startNext', { year: next })}
        onConfirm={() => void start()}
        testId="campaign-start-next"
      />
    </section>
  );
}

export function CampaignPage() {
  const { t } = useTranslation();
  const allowed = useCouncilAccess();
  const year = useCampaignYear();
  const { value: loaded, error } = useCall('campaigns.get', allowed ? { year } : null);
  const [updated, setUpdated] = useState<Campaign | null>(null);
  const [changed, setChanged] = useState<CampaignStatus | null>(null);
  // Kept here: the page loads the new year once started, and a notice inside what reloads would go with it.
  const [started, setStarted] = useState<number | null>(null);

  if (!allowed) return <p className="empty">{t('campaign.councilOnly')}</p>;
  if (error) return <ErrorBanner error={error} />;
  const campaign = updated ?? loaded;
  if (!campaign) return <p className="muted">{t('app.loading')}</p>;

  return (
    <section className="page campaign-page">
      <header className="page-header">
        <div>
          <h1 id="campaign-title">{t('campaign.title', { year: campaign.year })}</h1>
          <p className="muted">{t('campaign.intro')}</p>
        </div>
      </header>
      {changed ? (
        <div className="banner banner-ok" role="status" data-testid="campaign-status-changed">
          {t('campaign.statusChanged', { status: t(`campaign.statuses.${changed}`) })}
        </div>
      ) : null}
      {started ? (
        <div className="banner banner-ok" role="status" data-testid="campaign-started">
          {t('decides.campaigns.started', { year: started })}
        </div>
      ) : null}
      <NextCampaign campaign={campaign} onStarted={setStarted} />
      <SettingsForm
        key={campaign.year}
        campaign={campaign}
        onChanged={(result, statusChanged) => {
          setUpdated(result);
          setChanged(statusChanged ? result.status : null);
        }}
      />
    </section>
  );
}
