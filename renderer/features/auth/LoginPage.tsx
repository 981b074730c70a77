import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { contract } from '../../../shared/contract/calls';
import { keyedErrorMap } from '../../../shared/contract/validation';
import { call } from '../../app/api';
import { useSession } from '../../app/session-store';
import { ErrorBanner } from '../../components/errors';
import { Field } from '../../components/Field';
import { LanguageSwitch } from '../../components/LanguageSwitch';

const loginSchema = contract['auth.login'].input;

/** The sign-in page; `notice` is what ended the last session (too many wrong passwords at the lock screen). */
export function LoginPage({ notice }: { notice?: string | null }) {
  const { t } = useTranslation();
  const status = useSession((state) => state.status);
  const signedIn = useSession((state) => state.signedIn);
  const rules = useSession((state) => state.rules);
  const [failure, setFailure] = useState<unknown>(null);
  const { register, handleSubmit, formState } = useForm({
    resolver: zodResolver(loginSchema, { error: keyedErrorMap }),
    defaultValues: { username: '', password: '' },
  });

  const submit = handleSubmit(async (values) => {
    setFailure(null);
    try {
      const result = await call('auth.login', values);
      signedIn(result.session, result.user, result.mustChangePassword);
    } catch (error) {
      setFailure(error);
    }
  });

  return (
    <main className="centered-page" aria-label={t('app.mainContent')}>
      <form className="card login" onSubmit={(event) => void submit(event)} noValidate>
        <header className="wizard-header">
          <div>
            <h1>{t('app.name')}</h1>
            <p className="muted">{status?.organisationName}</p>
          </div>
          <LanguageSwitch />
        </header>
        <h2>{t('login.title')}</h2>
        <Field id="login-username" label={t('login.username')} error={formState.errors.username}>
          <input id="login-username" autoFocus autoComplete="username" {...register('username')} />
        </Field>
        <Field id="login-password" label={t('login.password')} error={formState.errors.password}>
          <input id="login-password" type="password" autoComplete="current-password" {...register('password')} />
        </Field>
        {notice && !failure ? (
          <div className="banner banner-warn" role="alert" data-testid="login-notice">
            {notice}
          </div>
        ) : null}
        <ErrorBanner error={failure} />
        <button type="submit" disabled={formState.isSubmitting} data-testid="login-submit">
          {formState.isSubmitting ? t('login.signingIn') : t('login.submit')}
        </button>
        {rules ? (
          <p className="muted small" data-testid="sign-in-rules">
            {t('trust.signInRules', { maximum: rules.maxFailedSignIns, minutes: rules.lockMinutes, idle: rules.idleLockMinutes })}
          </p>
        ) : null}
      </form>
    </main>
  );
}
