import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import type { CouncilView } from '../../../shared/contract/calls';
import { keyedErrorMap } from '../../../shared/contract/validation';
import type { Campaign } from '../../../shared/domain/campaign';
import { COUNCIL_POSITIONS, councilRulesSchema, type CouncilMember, type CouncilRules } from '../../../shared/domain/council';
import { call } from '../../app/api';
import { useUnsavedGuard } from '../../app/unsaved-guard';
import { useCall } from '../../app/use-call';
import { ConfirmButton } from '../../components/ConfirmButton';
import { ErrorBanner } from '../../components/errors';
import { Field } from '../../components/Field';

const memberFormSchema = z.strictObject({
  fullName: z.string().trim().min(2).max(120),
  position: z.enum(COUNCIL_POSITIONS),
  title: z.string().trim().max(200),
  userId: z.string(),
});

type MemberFormValues = z.infer<typeof memberFormSchema>;

function MemberForm({ campaignYear, member, onSaved, onCancel }: { campaignYear: number; member: CouncilMember | null; onSaved: (view: CouncilView, name: string) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const { value: accounts } = useCall('users.directory', {});
  const [failure, setFailure] = useState<unknown>(null);
  const { register, handleSubmit, formState } = useForm<MemberFormValues>({
    resolver: zodResolver(memberFormSchema, { error: keyedErrorMap }),
    defaultValues: { fullName: member?.fullName ?? '', position: member?.position ?? 'member', title: member?.title ?? '', userId: member?.userId ?? '' },
  });
  useUnsavedGuard(formState.isDirty ? t('unsavedChanges.message') : null);
  const submit = handleSubmit(async (values) => {
    setFailure(null);
    try {
      const view = await call('council.saveMember', { campaignYear, ...(member ? { id: member.id } : {}), fullName: values.fullName, position: values.position, title: values.title, userId: values.userId || null });
      onSaved(view, values.fullName.trim());
    } catch (error) {
      setFailure(error);
    }
  });
  return (
    <form className="card side-form" onSubmit={(event) => void submit(event)} noValidate data-testid="member-form">
      <h3>{member ? t('decides.members.form.editTitle', { name: member.fullName }) : t('decides.members.form.addTitle')}</h3>
      <Field id="member-fullName" label={t('decides.members.form.fullName')} error={formState.errors.fullName}>
        <input id="member-fullName" autoComplete="off" {...register('fullName')} />
      </Field>
      <Field id="member-position" label={t('decides.members.form.position')} error={formState.errors.position}>
        <select id="member-position" {...register('position')}>
          {COUNCIL_POSITIONS.map((position) => (
            <option key={position} value={position}>
              {t(`decides.positions.${position}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field id="member-title" label={t('decides.members.form.title')} error={formState.errors.title}>
        <input id="member-title" autoComplete="off" placeholder={t('decides.members.form.titlePlaceholder')} {...register('title')} />
      </Field>
      <Field id="member-account" label={t('decides.members.form.account')} hint={t('decides.members.form.accountHint')}>
        <select id="member-account" {...register('userId')}>
          <option value="">{t('decides.members.form.accountNone')}</option>
          {(accounts ?? []).map((account) => (
            <option key={account.id} value={account.id}>
              {account.fullName} ({account.username}, {t(`roles.${account.role}`)})
            </option>
          ))}
        </select>
      </Field>
      <ErrorBanner error={failure} />
      <div className="form-actions">
        <button type="button" className="secondary" onClick={onCancel}>
          {t('decides.members.form.cancel')}
        </button>
        <button type="submit" disabled={formState.isSubmitting} data-testid="member-save">
          {t('decides.members.form.save')}
        </button>
      </div>
    </form>
  );
}

const rulesFormSchema = z.strictObject({
  quorumNumerator: z.coerce.number().int().min(1).max(100),
  quorumDenominator: z.coerce.number().int().min(1).max(100),
  ballot: z.enum(['secret', 'open']),
  approvalNumerator: z.coerce.number().int().min(1).max(100),
  approvalDenominator: z.coerce.number().int().min(1).max(100),
  approvalBase: z.enum(['allMembers', 'voters']),
  writtenVotes: z.boolean(),
  officialTotal: z.enum(['council', 'self']),
});

type RulesFormValues = z.input<typeof rulesFormSchema>;

function rulesOf(values: z.output<typeof rulesFormSchema>): CouncilRules {
  return councilRulesSchema.parse({
    quorum: { numerator: values.quorumNumerator, denominator: values.quorumDenominator },
    ballot: values.ballot,
    approval: { numerator: values.approvalNumerator, denominator: values.approvalDenominator },
    approvalBase: values.approvalBase,
    writtenVotes: values.writtenVotes,
  });
}

/** The council's rules: quorum, ballot, approval, written votes, and which total the official ranking uses. */
function RulesForm({ campaign, readOnly, onSaved }: { campaign: Campaign; readOnly: boolean; onSaved: (campaign: Campaign) => void }) {
  const { t } = useTranslation();
  const [failure, setFailure] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const rules = campaign.settings.council;
  const { register, handleSubmit, formState, reset } = useForm<RulesFormValues, unknown, z.output<typeof rulesFormSchema>>({
    resolver: zodResolver(rulesFormSchema, { error: keyedErrorMap }),
    defaultValues: {
      quorumNumerator: rules.quorum.numerator,
      quorumDenominator: rules.quorum.denominator,
      ballot: rules.ballot,
      approvalNumerator: rules.approval.numerator,
      approvalDenominator: rules.approval.denominator,
      approvalBase: rules.approvalBase,
      writtenVotes: rules.writtenVotes,
      officialTotal: campaign.settings.officialTotal,
    },
  });
  useUnsavedGuard(formState.isDirty ? t('unsavedChanges.message') : null);
  const submit = handleSubmit(async (values) => {
    setFailure(null);
    setSaved(false);
    try {
      const updated = await call('campaigns.update', { year: campaign.year, settings: { ...campaign.settings, council: rulesOf(values), officialTotal: values.officialTotal } });
      reset(values);
      setSaved(true);
      onSaved(updated);
    } catch (error) {
      setFailure(error);
    }
  });
  return (
    <form className="card rules-form" onSubmit={(event) => void submit(event)} noValidate data-testid="council-rules">
      <h2>{t('decides.rules.title')}</h2>
      <p className="muted small">{t('decides.rules.hint')}</p>
      <fieldset className="form-body" disabled={readOnly}>
        <div className="rule-line">
          <label htmlFor="quorum-numerator">{t('decides.rules.quorum')}</label>
          <input id="quorum-numerator" className="fraction" type="number" min={1} {...register('quorumNumerator')} aria-label={t('decides.rules.quorum')} />
          <span>/</span>
          <input id="quorum-denominator" className="fraction" type="number" min={1} {...register('quorumDenominator')} aria-label={t('decides.rules.quorum')} />
        </div>
        <div className="rule-line">
          <label htmlFor="ballot">{t('decides.rules.ballot')}</label>
          <select id="ballot" {...register('ballot')}>
            <option value="secret">{t('decides.rules.ballots.secret')}</option>
            <option value="open">{t('decides.rules.ballots.open')}</option>
          </select>
        </div>
        <div className="rule-line">
          <label htmlFor="approval-numerator">{t('decides.rules.approval')}</label>
          <input id="approval-numerator" className="fraction" type="number" min={1} {...register('approvalNumerator')} aria-label={t('decides.rules.approval')} />
          <span>/</span>
          <input id="approval-denominator" className="fraction" type="number" min={1} {...register('approvalDenominator')} aria-label={t('decides.rules.approval')} />
          <span>{t('decides.rules.approvalBase')}</span>
          <select {...register('approvalBase')} aria-label={t('decides.rules.approvalBase')}>
            <option value="allMembers">{t('decides.rules.bases.allMembers')}</option>
            <option value="voters">{t('decides.rules.bases.voters')}</option>
          </select>
        </div>
        <label className="checkbox">
          <input type="checkbox" {...register('writtenVotes')} />
          <span>{t('decides.rules.writtenVotes')}</span>
        </label>
        <div className="rule-line">
          <label htmlFor="official-total">{t('decides.rules.officialTotal')}</label>
          <select id="official-total" {...register('officialTotal')} data-testid="official-total">
            <option value="council">{t('decides.rules.totals.council')}</option>
            <option value="self">{t('decides.rules.totals.self')}</option>
          </select>
        </div>
      </fieldset>
      <ErrorBanner error={failure} />
      {saved ? (
        <div className="banner banner-ok" role="status">
          {t('decides.rules.saved')}
        </div>
      ) : null}
      {readOnly ? null : (
        <div className="form-actions">
          <button type="submit" disabled={formState.isSubmitting || !formState.isDirty} data-testid="rules-save">
            {t('decides.rules.save')}
          </button>
        </div>
      )}
    </form>
  );
}

/** The campaign's council: its members (with their accounts) and its rules. */
export function MembersTab({ campaign, readOnly, onCampaign }: { campaign: Campaign; readOnly: boolean; onCampaign: (campaign: Campaign) => void }) {
  const { t } = useTranslation();
  const { value: loaded, error } = useCall('council.get', { campaignYear: campaign.year });
  const [latest, setLatest] = useState<CouncilView | null>(null);
  const [editing, setEditing] = useState<CouncilMember | 'new' | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const council = latest ?? loaded;
  const { value: accounts } = useCall('users.directory', readOnly ? null : {});
  const accountName = (userId: string | null) => (userId ? (accounts?.find((account) => account.id === userId)?.username ?? '…') : t('decides.members.noAccount'));

  const remove = async (member: CouncilMember) => {
    setFailure(null);
    try {
      setLatest(await call('council.removeMember', { campaignYear: campaign.year, id: member.id }));
      setNotice(t('decides.members.removed', { name: member.fullName }));
    } catch (caught) {
      setFailure(caught);
    }
  };

  return (
    <div className="council-members">
      <section className="card" aria-labelledby="members-title">
        <header className="council-header">
          <h2 id="members-title">{t('decides.members.title')}</h2>
          {readOnly || editing ? null : (
            <button type="button" onClick={() => setEditing('new')} data-testid="member-add">
              {t('decides.members.add')}
            </button>
          )}
        </header>
        <ErrorBanner error={error ?? failure} />
        {notice ? (
          <div className="banner banner-ok" role="status" data-testid="members-notice">
            {notice}
          </div>
        ) : null}
        {council && council.members.length === 0 ? <p className="empty">{t('decides.members.empty')}</p> : null}
        {council && council.members.length > 0 ? (
          <table data-testid="members-table">
            <thead>
              <tr>
                <th scope="col">{t('decides.members.columns.fullName')}</th>
                <th scope="col">{t('decides.members.columns.position')}</th>
                <th scope="col">{t('decides.members.columns.title')}</th>
                <th scope="col">{t('decides.members.columns.account')}</th>
                {readOnly ? null : <th scope="col">{t('decides.members.columns.actions')}</th>}
              </tr>
            </thead>
            <tbody>
              {council.members.map((member) => (
                <tr key={member.id} data-member={member.fullName}>
                  <td>{member.fullName}</td>
                  <td>{t(`decides.positions.${member.position}`)}</td>
                  <td>{member.title}</td>
                  <td>{accountName(member.userId)}</td>
                  {readOnly ? null : (
                    <td>
                      <span className="row-actions">
                        <button type="button" className="link" onClick={() => setEditing(member)}>
                          {t('decides.members.edit')}
                        </button>
                        <ConfirmButton
                          label={t('decides.members.remove')}
                          message={<p>{t('decides.members.confirmRemove', { name: member.fullName })}</p>}
                          confirmLabel={t('decides.members.remove')}
                          onConfirm={() => void remove(member)}
                          className="link danger"
                        />
                      </span>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
        {editing ? (
          <MemberForm
            key={editing === 'new' ? 'new' : editing.id}
            campaignYear={campaign.year}
            member={editing === 'new' ? null : editing}
            onSaved={(view, name) => {
              setLatest(view);
              setEditing(null);
              setNotice(t('decides.members.saved', { name }));
            }}
            onCancel={() => setEditing(null)}
          />
        ) : null}
      </section>
      <RulesForm campaign={campaign} readOnly={readOnly} onSaved={onCampaign} />
    </div>
  );
}
