import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Ranking } from '../../../shared/contract/calls';
import type { Campaign } from '../../../shared/domain/campaign';
import type { RoundNumber } from '../../../shared/domain/council';
import { useCouncilAccess } from '../../app/access';
import { useSession } from '../../app/session-store';
import { useCall } from '../../app/use-call';
import { ErrorBanner } from '../../components/errors';
import { useCampaignYear } from '../campaign/campaign-year';
import { BallotsPanel, type BallotNominee } from './BallotsPanel';
import { RoundPanel } from './RoundPanel';
import { MeetingForm, meetingDraftKey, type MeetingFormValues } from './MeetingForm';
import { MembersTab } from './MembersTab';
import './council-page.css';

type Tab = 'members' | 'round1' | 'round2';

/** How many nominees beyond the quota the ballot list offers (the council votes on the head of the ranking). */
const BALLOT_RESERVE = 10;

/**
 * The nominees the council votes on: every one the selection reached (proposed, awaiting a ballot, refused by the
 * vote, tied at the cut-off), those already voted on, and the head of the ranking beyond the quota as a reserve.
 */
function ballotNominees(ranking: Ranking, quota: number): BallotNominee[] {
  const { selection } = ranking;
  const reached = new Set([...selection.selected, ...selection.notApproved, ...selection.ties.flatMap((tie) => tie.ids)]);
  const deepest = Math.max(quota + BALLOT_RESERVE, ...ranking.rows.filter((row) => reached.has(row.dossierId)).map((row) => row.position));
  return ranking.rows
    .filter((row) => row.eligible && (row.position <= deepest || row.ballot !== null))
    .map((row) => ({ dossierId: row.dossierId, position: row.position, name: row.personName ? `${row.personName} (${row.unitName})` : row.unitName, total: row.total }));
}

/** One round: its state and what stands before its lock, its meeting, the ballots on its nominees. */
function RoundTab({ campaign, round, readOnly }: { campaign: Campaign; round: RoundNumber; readOnly: boolean }) {
  const closed = campaign.status === 'closed';
  const userId = useSession((state) => state.user?.id ?? '');
  const { value: meeting, error: meetingError, reload: reloadMeeting } = useCall('meetings.get', { campaignYear: campaign.year, round });
  const { value: draft, loading: draftLoading } = useCall('drafts.get', { key: meetingDraftKey(campaign.year, round, userId) });
  const { value: ballots, error: ballotsError, reload: reloadBallots } = useCall('ballots.list', { campaignYear: campaign.year, round });
  const { value: view, error: viewError, reload: reloadView } = useCall('rounds.get', { campaignYear: campaign.year, round });
  const quota = round === 1 ? campaign.quotaCollectives : campaign.quotaIndividuals;
  const nominees = view ? ballotNominees(view.ranking, quota) : [];
  const failure = meetingError ?? ballotsError ?? viewError;
  const locked = view?.status === 'locked';
  const reload = () => {
    reloadMeeting();
    reloadBallots();
    reloadView();
  };

  return (
    <div className="council-round">
      <ErrorBanner error={failure} />
      {/* The round's lock and reopening follow the person's rights (the chair's account may reopen): only a closed year stops them. */}
      {view ? <RoundPanel view={view} readOnly={closed} onChange={reload} /> : null}
      {meeting && !draftLoading ? (
        <MeetingForm
          campaignYear={campaign.year}
          round={round}
          view={meeting}
          rules={campaign.settings.council}
          readOnly={readOnly || locked}
          restoredDraft={draft ? { form: draft.form as MeetingFormValues, updatedAt: draft.updatedAt } : null}
          // The form resets itself to what was saved and says so; remounting it here showed the meeting as it was before.
          onSaved={reload}
        />
      ) : null}
      {meeting && ballots ? (
        <BallotsPanel
          campaignYear={campaign.year}
          round={round}
          meeting={meeting}
          rules={campaign.settings.council}
          nominees={nominees}
          ballots={ballots}
          readOnly={readOnly || locked}
          onChange={() => {
            reloadBallots();
            reloadView();
          }}
        />
      ) : null}
    </div>
  );
}

/** The council's workspace at the branch: its members and rules, and each round's meeting and ballots. */
export function CouncilPage() {
  const { t } = useTranslation();
  const allowed = useCouncilAccess('ballots.list');
  const staff = useCouncilAccess('meetings.save');
  const year = useCampaignYear();
  const { value: loaded, error } = useCall('campaigns.get', allowed ? { year } : null);
  const [updated, setUpdated] = useState<Campaign | null>(null);
  const [tab, setTab] = useState<Tab>('members');
  if (!allowed) return <p className="empty">{t('campaign.councilOnly')}</p>;
  if (error) return <ErrorBanner error={error} />;
  const campaign = updated?.year === year ? updated : loaded;
  if (!campaign) return <p className="muted">{t('app.loading')}</p>;
  const readOnly = !staff || campaign.status === 'closed';
  const tabs: Tab[] = ['members', 'round1', 'round2'];

  return (
    <section className="page council-page">
      <header className="page-header">
        <div>
          <h1>{t('decides.title', { year: campaign.year })}</h1>
          <p className="muted">{t('decides.intro')}</p>
        </div>
      </header>
      {campaign.status === 'closed' ? (
        <div className="banner banner-warn" role="status">
          {t('decides.campaigns.readOnly', { year: campaign.year })}
        </div>
      ) : null}
      <div className="tabs" role="tablist" aria-label={t('decides.nav')}>
        {tabs.map((name) => (
          <button key={name} type="button" role="tab" id={`council-tab-${name}`} aria-selected={tab === name} aria-controls={`council-panel-${name}`} className={tab === name ? 'tab active' : 'tab'} onClick={() => setTab(name)} data-testid={`council-tab-${name}`}>
            {t(`decides.tabs.${name}`)}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`council-panel-${tab}`} aria-labelledby={`council-tab-${tab}`}>
        {tab === 'members' ? <MembersTab campaign={campaign} readOnly={readOnly} onCampaign={setUpdated} /> : null}
        {tab === 'round1' ? <RoundTab key={`1-${campaign.year}`} campaign={campaign} round={1} readOnly={readOnly} /> : null}
        {tab === 'round2' ? <RoundTab key={`2-${campaign.year}`} campaign={campaign} round={2} readOnly={readOnly} /> : null}
      </div>
    </section>
  );
}
