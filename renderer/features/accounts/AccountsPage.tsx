import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useController, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { keyedErrorMap, keyedMessage } from '../../../shared/contract/validation';
import { accountCreateSchema, fullNameSchema, passwordSchema, ROLES, securitySettingsSchema, type Account, type Role, type SecuritySettings } from '../../../shared/domain/account';
import { call } from '../../app/api';
import { useMayCall } from '../../app/access';
import { useSession } from '../../app/session-store';
import { useUnsavedGuard } from '../../app/unsaved-guard';
import { useCall } from '../../app/use-call';
import { vietnameseCollator } from '../../../shared/domain/collation';
import { ConfirmButton } from '../../components/ConfirmButton';
import { ErrorBanner } from '../../components/errors';
import { Field } from '../../components/Field';
import { formatDateTime } from '../../components/format';
import './accounts.css';

type Panel = { kind: 'create' } | { kind: 'edit'; account: Account } | { kind: 'reset'; account: Account } | null;

const createSchema = accountCreateSchema.extend({ again: z.string() }).refine((values) => values.again === values.password, { path: ['again'], error: keyedMessage('trust.password.mismatch') });
const editSchema = z.strictObject({ fullName: fullNameSchema, role: z.enum(ROLES) });
const resetSchema = z.strictObject({ password: passwordSchema, again: z.string() }).refine((values) => values.again === values.password, { path: ['again'], error: keyedMessage('trust.password.mismatch') });

/** The role, as radio buttons that say what each role may do. */
function RoleChoice({ value, onChange }: { value: Role; onChange: (role: Role) => void }) {
  const { t } = useTranslation();
  return (
    <fieldset className="role-choice">
      <legend>{t('trust.accounts.form.role')}</legend>
      {ROLES.map((role) => (
        <label key={role} className="choice">
          <input type="radio" name="role" value={role} checked={value === role} onChange={() => onChange(role)} data-testid={`role-${role}`} />
          <span>
            <strong>{t(`roles.${role}`)}</strong>
            <span className="muted small">{t(`trust.accounts.roleHelp.${role}`)}</span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}

function CreateForm({ onDone, onCancel }: { onDone: (account: Account) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const [failure, setFailure] = useState<unknown>(null);
  const { register, handleSubmit, formState, control } = useForm({
    resolver: zodResolver(createSchema, { error: keyedErrorMap }),
    defaultValues: { username: '', fullName: '', role: 'clerk' as Role, password: '', again: '' },
  });
  const role = useController({ control, name: 'role' }).field;
  useUnsavedGuard(formState.isDirty ? t('unsavedChanges.message') : null);
  const submit = handleSubmit(async ({ again: _again, ...values }) => {
    setFailure(null);
    try {
      onDone(await call('users.create', values));
    } catch (error) {
      setFailure(error);
    }
  });
  return (
    <form className="card side-form" onSubmit={(event) => void submit(event)} noValidate data-testid="account-form">
      <h2>{t('trust.accounts.form.createTitle')}</h2>
      <Field id="account-username" label={t('trust.accounts.form.username')} hint={t('trust.accounts.form.usernameHint')} error={formState.errors.username}>
        <input id="account-username" autoComplete="off" {...register('username')} />
      </Field>
      <Field id="account-fullName" label={t('trust.accounts.form.fullName')} error={formState.errors.fullName}>
        <input id="account-fullName" autoComplete="off" {...register('fullName')} />
      </Field>
      <RoleChoice value={role.value} onChange={role.onChange} />
      <Field id="account-password" label={t('trust.accounts.form.password')} hint={t('trust.accounts.form.passwordHint')} error={formState.errors.password}>
        <input id="account-password" type="password" autoComplete="new-password" {...register('password')} />
      </Field>
      <Field id="account-again" label={t('trust.accounts.form.passwordAgain')} error={formState.errors.again}>
        <input id="account-again" type="password" autoComplete="new-password" {...register('again')} />
      </Field>
      <ErrorBanner error={failure} />
      <div className="form-actions">
        <button type="button" className="secondary" onClick={onCancel}>
          {t('trust.accounts.form.cancel')}
        </button>
        <button type="submit" disabled={formState.isSubmitting} data-testid="account-create">
          {t('trust.accounts.form.create')}
        </button>
      </div>
    </form>
  );
}

function EditForm({ account, onDone, onCancel }: { account: Account; onDone: (account: Account) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const [failure, setFailure] = useState<unknown>(null);
  const { register, handleSubmit, formState, control } = useForm({
    resolver: zodResolver(editSchema, { error: keyedErrorMap }),
    defaultValues: { fullName: account.fullName, role: account.role },
  });
  const role = useController({ control, name: 'role' }).field;
  useUnsavedGuard(formState.isDirty ? t('unsavedChanges.message') : null);
  const submit = handleSubmit(async (values) => {
    setFailure(null);
    try {
      onDone(await call('users.update', { id: account.id, ...values }));
    } catch (error) {
      setFailure(error);
    }
  });
  return (
    <form className="card side-form side-form-editing" onSubmit={(event) => void submit(event)} noValidate data-testid="account-edit-form">
      <h2>{t('trust.accounts.form.editTitle', { username: account.username })}</h2>
      <Field id="account-edit-fullName" label={t('trust.accounts.form.fullName')} error={formState.errors.fullName}>
        <input id="account-edit-fullName" autoComplete="off" {...register('fullName')} />
      </Field>
      <RoleChoice value={role.value} onChange={role.onChange} />
      <ErrorBanner error={failure} />
      <div className="form-actions">
        <button type="button" className="secondary" onClick={onCancel}>
          {t('trust.accounts.form.cancel')}
        </button>
        <button type="submit" disabled={formState.isSubmitting} data-testid="account-save">
          {t('trust.accounts.form.save')}
        </button>
      </div>
    </form>
  );
}

function ResetForm({ account, onDone, onCancel }: { account: Account; onDone: (account: Account) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const [failure, setFailure] = useState<unknown>(null);
  const { register, handleSubmit, formState } = useForm({ resolver: zodResolver(resetSchema, { error: keyedErrorMap }), defaultValues: { password: '', again: '' } });
  const submit = handleSubmit(async ({ password }) => {
    setFailure(null);
    try {
      onDone(await call('users.resetPassword', { id: account.id, password }));
    } catch (error) {
      setFailure(error);
    }
  });
  return (
    <form className="card side-form side-form-editing" onSubmit={(event) => void submit(event)} noValidate data-testid="account-reset-form">
      <h2>{t('trust.accounts.form.resetTitle', { username: account.username })}</h2>
      <Field id="account-reset-password" label={t('trust.accounts.form.password')} hint={t('trust.accounts.form.passwordHint')} error={formState.errors.password}>
        <input id="account-reset-password" type="password" autoComplete="new-password" {...register('password')} />
      </Field>
      <Field id="account-reset-again" label={t('trust.accounts.form.passwordAgain')} error={formState.errors.again}>
        <input id="account-reset-again" type="password" autoComplete="new-password" {...register('again')} />
      </Field>
      <ErrorBanner error={failure} />
      <div className="form-actions">
        <button type="button" className="secondary" onClick={onCancel}>
          {t('trust.accounts.form.cancel')}
        </button>
        <button type="submit" disabled={formState.isSubmitting} data-testid="account-reset">
          {t('trust.accounts.form.reset')}
        </button>
      </div>
    </form>
  );
}

const SECURITY_FIELDS: { key: keyof SecuritySettings; label: string }[] = [
  { key: 'maxFailedSignIns', label: 'trust.security.maxFailedSignIns' },
  { key: 'lockMinutes', label: 'trust.security.lockMinutes' },
  { key: 'idleLockMinutes', label: 'trust.security.idleLockMinutes' },
  { key: 'backupKeepLast', label: 'trust.security.backupKeepLast' },
  { key: 'backupKeepMonths', label: 'trust.security.backupKeepMonths' },
];

/** The installation's sign-in, idle-lock and backup-keeping rules. */
function SecurityForm({ settings }: { settings: SecuritySettings }) {
  const { t } = useTranslation();
  const refresh = useSession((state) => state.refresh);
  const [failure, setFailure] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const { register, handleSubmit, formState, reset } = useForm({ resolver: zodResolver(securitySettingsSchema, { error: keyedErrorMap }), defaultValues: settings });
  useUnsavedGuard(formState.isDirty ? t('unsavedChanges.message') : null);
  const submit = handleSubmit(async (values) => {
    setFailure(null);
    setSaved(false);
    try {
      reset(await call('security.update', values));
      setSaved(true);
      await refresh();
    } catch (error) {
      setFailure(error);
    }
  });
  return (
    <form className="card security-form" onSubmit={(event) => void submit(event)} noValidate data-testid="security-form">
      <h2>{t('trust.security.title')}</h2>
      <div className="security-grid">
        {SECURITY_FIELDS.map(({ key, label }) => (
          <Field key={key} id={`security-${key}`} label={t(label)} error={formState.errors[key]}>
            <input id={`security-${key}`} type="number" inputMode="numeric" {...register(key, { valueAsNumber: true })} />
          </Field>
        ))}
      </div>
      <ErrorBanner error={failure} />
      {saved ? (
        <div className="banner banner-ok" role="status">
          {t('trust.security.saved')}
        </div>
      ) : null}
      <div className="form-actions">
        <button type="submit" disabled={formState.isSubmitting || !formState.isDirty} data-testid="security-save">
          {t('trust.security.save')}
        </button>
      </div>
    </form>
  );
}

/** The administrator's page: every account (never deleted, only disabled) and the sign-in rules. */
export function AccountsPage() {
  const { t, i18n } = useTranslation();
  const allowed = useMayCall('users.list');
  const me = useSession((state) => state.user);
  const { value: accounts, error, reload } = useCall('users.list', allowed ? {} : null);
  const { value: settings } = useCall('security.get', allowed ? {} : null);
  const [panel, setPanel] = useState<Panel>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);

  if (!allowed) return <p className="empty">{t('errors.auth.forbidden')}</p>;
  if (error) return <ErrorBanner error={error} />;
  if (!accounts) return <p className="muted">{t('app.loading')}</p>;
  const sorted = [...accounts].sort((a, b) => vietnameseCollator.compare(a.fullName, b.fullName));

  const done = (key: string) => (account: Account) => {
    setPanel(null);
    setNotice(t(key, { username: account.username }));
    reload();
  };
  const setDisabled = async (account: Account, disabled: boolean) => {
    setFailure(null);
    try {
      done(disabled ? 'trust.accounts.disabled' : 'trust.accounts.enabled')(await call('users.setDisabled', { id: account.id, disabled }));
    } catch (caught) {
      setFailure(caught);
    }
  };
  const state = (account: Account) => {
    if (account.disabled) return <span className="pill pill-bad">{t('trust.accounts.states.disabled')}</span>;
    if (account.lockedUntil && account.lockedUntil > new Date().toISOString()) {
      return <span className="pill pill-warn">{t('trust.accounts.states.lockedUntil', { time: formatDateTime(account.lockedUntil, i18n.language) })}</span>;
    }
    if (account.mustChangePassword) return <span className="pill pill-warn">{t('trust.accounts.states.mustChange')}</span>;
    return <span className="pill pill-ok">{t('trust.accounts.states.active')}</span>;
  };

  return (
    <section className="page accounts-page">
      <header className="page-header">
        <div>
          <h1>{t('trust.accounts.title')}</h1>
          <p className="muted">{t('trust.accounts.intro')}</p>
        </div>
        <button type="button" onClick={() => setPanel({ kind: 'create' })} data-testid="account-add">
          {t('trust.accounts.add')}
        </button>
      </header>
      {notice ? (
        <div className="banner banner-ok" role="status" data-testid="accounts-notice">
          {notice}
        </div>
      ) : null}
      <ErrorBanner error={failure} />
      <div className="accounts-layout">
        <div className="card">
          <table data-testid="accounts-table">
            <thead>
              <tr>
                <th scope="col">{t('trust.accounts.columns.username')}</th>
                <th scope="col">{t('trust.accounts.columns.fullName')}</th>
                <th scope="col">{t('trust.accounts.columns.role')}</th>
                <th scope="col">{t('trust.accounts.columns.state')}</th>
                <th scope="col">{t('trust.accounts.columns.lastSignIn')}</th>
                <th scope="col">{t('trust.accounts.columns.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {sorted.map((account) => (
                <tr key={account.id} data-testid={`account-${account.username}`}>
                  <td>
                    {account.username} {account.id === me?.id ? <span className="muted small">{t('trust.accounts.you')}</span> : null}
                  </td>
                  <td>{account.fullName}</td>
                  <td>{t(`roles.${account.role}`)}</td>
                  <td>{state(account)}</td>
                  <td>{account.lastSignInAt ? formatDateTime(account.lastSignInAt, i18n.language) : <span className="muted">{t('trust.accounts.never')}</span>}</td>
                  <td>
                    <span className="row-actions">
                    <button type="button" className="secondary small" onClick={() => setPanel({ kind: 'edit', account })}>
                      {t('trust.accounts.edit')}
                    </button>
                    <button type="button" className="secondary small" onClick={() => setPanel({ kind: 'reset', account })}>
                      {t('trust.accounts.resetPassword')}
                    </button>
                    {account.disabled ? (
                      <button type="button" className="secondary small" onClick={() => void setDisabled(account, false)}>
                        {t('trust.accounts.enable')}
                      </button>
                    ) : account.id !== me?.id ? (
                      <ConfirmButton
                        label={t('trust.accounts.disable')}
                        message={<p>{t('trust.accounts.confirmDisable', { username: account.username })}</p>}
                        confirmLabel={t('trust.accounts.disable')}
                        onConfirm={() => void setDisabled(account, true)}
                        className="secondary small danger"
                        testId={`account-disable-${account.username}`}
                      />
                    ) : null}
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {panel?.kind === 'create' ? <CreateForm onDone={done('trust.accounts.created')} onCancel={() => setPanel(null)} /> : null}
        {panel?.kind === 'edit' ? <EditForm key={panel.account.id} account={panel.account} onDone={done('trust.accounts.saved')} onCancel={() => setPanel(null)} /> : null}
        {panel?.kind === 'reset' ? <ResetForm key={panel.account.id} account={panel.account} onDone={done('trust.accounts.reset')} onCancel={() => setPanel(null)} /> : null}
      </div>
      {settings ? <SecurityForm settings={settings} /> : null}
    </section>
  );
}
