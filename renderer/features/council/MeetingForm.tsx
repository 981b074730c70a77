import { useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { MeetingView } from '../../../shared/contract/calls';
import { PRESENCES, quorumOf, type CouncilRules, type Presence, type RoundNumber } from '../../../shared/domain/council';
import { call } from '../../app/api';
import { useSession } from '../../app/session-store';
import { useUnsavedGuard } from '../../app/unsaved-guard';
import { DateInput } from '../../components/DateInput';
import { ErrorBanner } from '../../components/errors';
import { formatDateTime } from '../../components/format';
import { useAutosave } from '../../components/use-autosave';

/** What the meeting form holds, as typed. */
export interface MeetingFormValues {
  heldOn: string;
  startsAt: string;
  endsAt: string;
  place: string;
  chairMemberId: string;
  secretaryMemberId: string;
  notes: string;
  attendance: Record<string, Presence>;
}

export function meetingDraftKey(campaignYear: number, round: RoundNumber, userId: string): string {
  return `meeting:${campaignYear}:${round}:${userId}`;
}

function valuesOf(view: MeetingView): MeetingFormValues {
  const meeting = view.meeting;
  const chair = view.members.find((member) => member.position === 'chair')?.id ?? '';
  const secretary = view.members.find((member) => member.position === 'secretary')?.id ?? '';
  return {
    heldOn: meeting?.heldOn ?? '',
    startsAt: meeting?.startsAt ?? '',
    endsAt: meeting?.endsAt ?? '',
    place: meeting?.place ?? '',
    chairMemberId: meeting?.chairMemberId ?? chair,
    secretaryMemberId: meeting?.secretaryMemberId ?? secretary,
    notes: meeting?.notes ?? '',
    attendance: Object.fromEntries(view.members.map((member) => [member.id, meeting?.attendance.find((entry) => entry.memberId === member.id)?.presence ?? 'present'])),
  };
}

/**
 * The meeting of a round: date, time, place, who chaired, who was there. The quorum follows the attendance as it is
 * typed; what is typed is kept as a draft until saved.
 */
export function MeetingForm({
  campaignYear,
  round,
  view,
  rules,
  readOnly,
  restoredDraft,
  onSaved,
}: {
  campaignYear: number;
  round: RoundNumber;
  view: MeetingView;
  rules: CouncilRules;
  readOnly: boolean;
  restoredDraft: { form: MeetingFormValues; updatedAt: string } | null;
  onSaved: (view: MeetingView) => void;
}) {
  const { t, i18n } = useTranslation();
  const userId = useSession((state) => state.user?.id ?? '');
  const initial = valuesOf(view);
  const form = useForm<MeetingFormValues>({ defaultValues: restoredDraft?.form ?? initial });
  const { register, handleSubmit, formState, control, setValue, reset } = form;
  const [restored, setRestored] = useState(restoredDraft !== null);
  const [failure, setFailure] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const values = useWatch({ control }) as MeetingFormValues;
  const draftKey = meetingDraftKey(campaignYear, round, userId);
  const dirty = !readOnly && (formState.isDirty || restored);
  useAutosave(draftKey, campaignYear, null, values, dirty);
  useUnsavedGuard(dirty ? t('decides.meeting.unsaved') : null);
  const quorum = quorumOf(
    view.members.length,
    view.members.map((member) => ({ presence: values.attendance?.[member.id] ?? 'present' })),
    rules,
  );
  const presences = PRESENCES.filter((presence) => presence !== 'writtenVote' || rules.writtenVotes);

  const submit = handleSubmit(async (submitted) => {
    setFailure(null);
    setSaved(false);
    try {
      const result = await call('meetings.save', {
        campaignYear,
        round,
        heldOn: submitted.heldOn,
        startsAt: submitted.startsAt,
        endsAt: submitted.endsAt,
        place: submitted.place,
        chairMemberId: submitted.chairMemberId || null,
        secretaryMemberId: submitted.secretaryMemberId || null,
        notes: submitted.notes,
        attendance: view.members.map((member) => ({ memberId: member.id, presence: submitted.attendance[member.id] ?? 'present' })),
      });
      reset(valuesOf(result));
      setRestored(false);
      setSaved(true);
      void call('drafts.discard', { key: draftKey }).catch(() => undefined);
      onSaved(result);
    } catch (error) {
      setFailure(error);
    }
  });

  if (view.members.length === 0) return <p className="empty">{t('decides.meeting.noMembers')}</p>;
  return (
    <form className="card meeting-form" onSubmit={(event) => void submit(event)} noValidate data-testid={`meeting-form-${round}`}>
      <h2>{t('decides.meeting.title', { round })}</h2>
      {restored && restoredDraft ? (
        <div className="banner banner-warn" role="status">
          {t('dossierWork.draftRestored', { time: formatDateTime(restoredDraft.updatedAt, i18n.language) })}{' '}
          <button
            type="button"
            className="link"
            onClick={() => {
              void call('drafts.discard', { key: draftKey }).catch(() => undefined);
              reset(initial);
              setRestored(false);
            }}
          >
            {t('dossierWork.discardDraft')}
          </button>
        </div>
      ) : null}
      <fieldset className="form-body" disabled={readOnly}>
        <div className="meeting-grid">
          <div className="field">
            <label htmlFor={`meeting-date-${round}`}>{t('decides.meeting.heldOn')}</label>
            <DateInput id={`meeting-date-${round}`} value={values.heldOn || null} onChange={(iso) => setValue('heldOn', iso ?? '', { shouldDirty: true })} testId={`meeting-date-${round}`} />
          </div>
          <div className="field">
            <label htmlFor={`meeting-starts-${round}`}>{t('decides.meeting.startsAt')}</label>
            <input id={`meeting-starts-${round}`} type="time" {...register('startsAt')} />
          </div>
          <div className="field">
            <label htmlFor={`meeting-ends-${round}`}>{t('decides.meeting.endsAt')}</label>
            <input id={`meeting-ends-${round}`} type="time" {...register('endsAt')} />
          </div>
          <div className="field meeting-place">
            <label htmlFor={`meeting-place-${round}`}>{t('decides.meeting.place')}</label>
            <input id={`meeting-place-${round}`} {...register('place')} data-testid={`meeting-place-${round}`} />
          </div>
          <div className="field">
            <label htmlFor={`meeting-chair-${round}`}>{t('decides.meeting.chair')}</label>
            <select id={`meeting-chair-${round}`} {...register('chairMemberId')}>
              <option value="">{t('decides.meeting.nobody')}</option>
              {view.members.map((member) => (
                <option key={member.id} value={member.id}>
                  {member.fullName}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`meeting-secretary-${round}`}>{t('decides.meeting.secretary')}</label>
            <select id={`meeting-secretary-${round}`} {...register('secretaryMemberId')}>
              <option value="">{t('decides.meeting.nobody')}</option>
              {view.members.map((member) => (
                <option key={member.id} value={member.id}>
                  {member.fullName}
                </option>
              ))}
            </select>
          </div>
        </div>
        <fieldset className="attendance">
          <legend>{t('decides.meeting.attendance')}</legend>
          <table>
            <tbody>
              {view.members.map((member) => (
                <tr key={member.id} data-member={member.fullName}>
                  <th scope="row">
                    {member.fullName} <span className="muted small">{t(`decides.positions.${member.position}`)}</span>
                  </th>
                  {presences.map((presence) => (
                    <td key={presence}>
                      <label className="radio">
                        <input type="radio" value={presence} {...register(`attendance.${member.id}`)} data-testid={`presence-${member.fullName}-${presence}`} />
                        <span>{t(`decides.meeting.presences.${presence}`)}</span>
                      </label>
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </fieldset>
        <p className={`quorum ${quorum.reached ? 'quorum-ok' : 'quorum-missing'}`} role="status" data-testid={`meeting-quorum-${round}`} data-reached={quorum.reached}>
          {t('decides.meeting.quorum', {
            present: quorum.present,
            members: quorum.members,
            needed: quorum.needed,
            written: quorum.writtenVotes > 0 ? t('decides.meeting.written', { count: quorum.writtenVotes }) : '',
          })}{' '}
          <strong>{quorum.reached ? t('decides.meeting.quorumReached') : t('decides.meeting.quorumMissing')}</strong>
        </p>
        <div className="field">
          <label htmlFor={`meeting-notes-${round}`}>{t('decides.meeting.notes')}</label>
          <textarea id={`meeting-notes-${round}`} rows={2} {...register('notes')} />
        </div>
      </fieldset>
      <ErrorBanner error={failure} />
      {saved ? (
        <div className="banner banner-ok" role="status" data-testid={`meeting-saved-${round}`}>
          {t('decides.meeting.saved')}
        </div>
      ) : null}
      {readOnly ? null : (
        <div className="form-actions">
          <button type="submit" disabled={formState.isSubmitting} data-testid={`meeting-save-${round}`}>
            {formState.isSubmitting ? t('decides.meeting.saving') : t('decides.meeting.save')}
          </button>
        </div>
      )}
    </form>
  );
}
