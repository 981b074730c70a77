import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm, useWatch, type FieldPath } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { keyedErrorMap } from '../../../shared/contract/validation';
import { PASSWORD_MIN, setupSchema } from '../../../shared/domain/account';
import { INSTALLATION_MODES } from '../../../shared/domain/kinds';
import { call } from '../../app/api';
import { useSession } from '../../app/session-store';
import { ErrorBanner } from '../../components/errors';
import { Field } from '../../components/Field';
import { LanguageSwitch } from '../../components/LanguageSwitch';

const wizardSchema = setupSchema
  .extend({ passwordAgain: z.string() })
  .refine((values) => values.admin.password === values.passwordAgain, { path: ['passwordAgain'], params: { key: 'validation.passwordsDiffer' } });

type WizardValues = z.input<typeof wizardSchema>;

const STEPS: FieldPath<WizardValues>[][] = [['mode'], ['organisationName'], ['admin.fullName', 'admin.username', 'admin.password', 'passwordAgain'], ['loadDemo']];

/** First run: installation mode, organisation, first administrator, optional demo data. */
export function SetupWizard() {
  const { t } = useTranslation();
  const language = useSession((state) => state.language);
  const setStatus = useSession((state) => state.setStatus);
  const [step, setStep] = useState(0);
  const [failure, setFailure] = useState<unknown>(null);
  const form = useForm<WizardValues>({
    resolver: zodResolver(wizardSchema, { error: keyedErrorMap }),
    mode: 'onTouched',
    defaultValues: { mode: 'office', organisationName: '', admin: { fullName: '', username: '', password: '' }, passwordAgain: '', language, loadDemo: false },
  });
  const { register, formState, handleSubmit, trigger, control } = form;
  const errors = formState.errors;

  const next = async () => {
    if (await trigger(STEPS[step])) setStep(step + 1);
  };

  const finish = handleSubmit(async (values) => {
    setFailure(null);
    try {
      const status = await call('setup.initialise', {
        mode: values.mode,
        organisationName: values.organisationName,
        admin: values.admin,
        language,
        loadDemo: values.loadDemo,
      });
      setStatus(status);
    } catch (error) {
      setFailure(error);
    }
  });

  const [mode, organisationName, username] = useWatch({ control, name: ['mode', 'organisationName', 'admin.username'] });
  return (
    <main className="centered-page" aria-label={t('app.mainContent')}>
      <form className="card wizard" onSubmit={(event) => void finish(event)} noValidate>
        <header className="wizard-header">
          <div>
            <h1>{t('wizard.title')}</h1>
            <p className="muted">{t('wizard.intro')}</p>
          </div>
          <LanguageSwitch />
        </header>
        <p className="step-count" data-testid="wizard-step">
          {t('wizard.step', { current: step + 1, total: STEPS.length })}
        </p>

        {step === 0 ? (
          <fieldset>
            <legend>{t('wizard.modeTitle')}</legend>
            <p className="muted">{t('wizard.modeHint')}</p>
            {INSTALLATION_MODES.map((value) => (
              <label key={value} className={`choice${mode === value ? ' choice-selected' : ''}`}>
                <input type="radio" value={value} {...register('mode')} data-testid={`mode-${value}`} />
                <span>
                  <strong>{t(`modes.${value}`)}</strong>
                  <span className="muted">{t(value === 'branch' ? 'wizard.branchHint' : 'wizard.officeHint')}</span>
                </span>
              </label>
            ))}
          </fieldset>
        ) : null}

        {step === 1 ? (
          <fieldset>
            <legend>{t('wizard.organisationTitle')}</legend>
            <Field id="organisationName" label={t('wizard.organisationName')} error={errors.organisationName}>
              <input id="organisationName" autoFocus placeholder={t('wizard.organisationPlaceholder')} {...register('organisationName')} />
            </Field>
          </fieldset>
        ) : null}

        {step === 2 ? (
          <fieldset>
            <legend>{t('wizard.adminTitle')}</legend>
            <p className="muted">{t('wizard.adminHint')}</p>
            <Field id="fullName" label={t('wizard.fullName')} error={errors.admin?.fullName}>
              <input id="fullName" autoFocus autoComplete="name" {...register('admin.fullName')} />
            </Field>
            <Field id="username" label={t('wizard.username')} error={errors.admin?.username}>
              <input id="username" autoComplete="username" {...register('admin.username')} />
            </Field>
            <Field id="password" label={t('wizard.password')} hint={t('wizard.passwordHint', { minimum: PASSWORD_MIN })} error={errors.admin?.password}>
              <input id="password" type="password" autoComplete="new-password" {...register('admin.password')} />
            </Field>
            <Field id="passwordAgain" label={t('wizard.passwordAgain')} error={errors.passwordAgain}>
              <input id="passwordAgain" type="password" autoComplete="new-password" {...register('passwordAgain')} />
            </Field>
          </fieldset>
        ) : null}

        {step === 3 ? (
          <fieldset>
            <legend>{t('wizard.demoTitle')}</legend>
            <p className="muted">{t('wizard.demoHint')}</p>
            <label className="checkbox">
              <input type="checkbox" {...register('loadDemo')} data-testid="load-demo" />
              {t('wizard.loadDemo')}
            </label>
            <h2>{t('wizard.summary')}</h2>
            <dl className="summary">
              <dt>{t('wizard.modeTitle')}</dt>
              <dd>{t(`modes.${mode}`)}</dd>
              <dt>{t('wizard.organisationName')}</dt>
              <dd>{organisationName}</dd>
              <dt>{t('wizard.username')}</dt>
              <dd>{username}</dd>
            </dl>
          </fieldset>
        ) : null}

        <ErrorBanner error={failure} />
        <footer className="wizard-actions">
          {step > 0 ? (
            <button type="button" className="secondary" onClick={() => setStep(step - 1)}>
              {t('app.back')}
            </button>
          ) : (
            <span />
          )}
          {step < STEPS.length - 1 ? (
            // Distinct keys: React must not turn this very button into the submit button mid-click.
            <button key="next" type="button" onClick={() => void next()} data-testid="wizard-next">
              {t('app.next')}
            </button>
          ) : (
            <button key="finish" type="submit" disabled={formState.isSubmitting} data-testid="wizard-finish">
              {formState.isSubmitting ? t('wizard.finishing') : t('wizard.finish')}
            </button>
          )}
        </footer>
      </form>
    </main>
  );
}
