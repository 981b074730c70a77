import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { passwordChangeSchema } from '../../../shared/domain/account';
import { keyedErrorMap, keyedMessage } from '../../../shared/contract/validation';
import { call } from '../../app/api';
import { useSession } from '../../app/session-store';
import { ErrorBanner } from '../../components/errors';
import { Field } from '../../components/Field';

const formSchema = passwordChangeSchema.extend({ again: z.string() }).refine((values) => values.again === values.newPassword, { path: ['again'], error: keyedMessage('trust.password.mismatch') });

/**
 * A person changes their own password. `required`: a new account or a reset password, shown before anything else
 * (the core answers nothing else until it is done).
 */
export function PasswordPage({ required }: { required: boolean }) {
  const { t } = useTranslation();
  const passwordChanged = useSession((state) => state.passwordChanged);
  const signOut = useSession((state) => state.signOut);
  const [failure, setFailure] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const { register, handleSubmit, formState, reset } = useForm({
    resolver: zodResolver(formSchema, { error: keyedErrorMap }),
    defaultValues: { currentPassword: '', newPassword: '', again: '' },
  });

  const submit = handleSubmit(async (values) => {
    setFailure(null);
    setDone(false);
    try {
      const user = await call('auth.changePassword', { currentPassword: values.currentPassword, newPassword: values.newPassword });
      reset();
      setDone(true);
      passwordChanged(user);
    } catch (error) {
      setFailure(error);
    }
  });

  const form = (
    <form className={required ? 'card login' : 'card side-form password-form'} onSubmit={(event) => void submit(event)} noValidate data-testid="password-form">
      <h2>{required ? t('trust.password.requiredTitle') : t('trust.password.title')}</h2>
      {required ? <p className="muted">{t('trust.password.requiredIntro')}</p> : null}
      <Field id="password-current" label={required ? t('trust.password.temporary') : t('trust.password.current')} error={formState.errors.currentPassword}>
        <input id="password-current" type="password" autoComplete="current-password" autoFocus {...register('currentPassword')} />
      </Field>
      <Field id="password-new" label={t('trust.password.new')} hint={t('wizard.passwordHint', { minimum: 8 })} error={formState.errors.newPassword}>
        <input id="password-new" type="password" autoComplete="new-password" {...register('newPassword')} />
      </Field>
      <Field id="password-again" label={t('trust.password.again')} error={formState.errors.again}>
        <input id="password-again" type="password" autoComplete="new-password" {...register('again')} />
      </Field>
      <ErrorBanner error={failure} />
      {done ? (
        <div className="banner banner-ok" role="status" data-testid="password-done">
          {t('trust.password.done')}
        </div>
      ) : null}
      <div className="form-actions">
        <button type="submit" disabled={formState.isSubmitting} data-testid="password-submit">
          {formState.isSubmitting ? t('trust.password.saving') : t('trust.password.submit')}
        </button>
        {required ? (
          <button type="button" className="secondary" onClick={() => void signOut()}>
            {t('nav.logout')}
          </button>
        ) : null}
      </div>
    </form>
  );
  if (required) return <main className="centered-page" aria-label={t('app.mainContent')}>
      {form}
    </main>;
  return (
    <section className="page">
      <header className="page-header">
        <h1>{t('trust.password.title')}</h1>
      </header>
      {form}
    </section>
  );
}
