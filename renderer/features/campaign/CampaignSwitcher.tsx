import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session-store';
import { useCall } from '../../app/use-call';
import { useCampaignYear } from './campaign-year';

/**
 * The campaign this window shows, in the top bar: the installation's current one by default, an earlier (closed,
 * read-only) one when chosen. With a single campaign it is just its name.
 */
export function CampaignSwitcher() {
  const { t } = useTranslation();
  const current = useSession((state) => state.status?.currentCampaignYear ?? null);
  const viewCampaign = useSession((state) => state.viewCampaign);
  const year = useCampaignYear();
  const { value: campaigns } = useCall('campaigns.list', {});
  if (!campaigns || campaigns.length < 2) return <span className="campaign">{t('nav.campaign', { year })}</span>;
  return (
    <label className="campaign campaign-switcher">
      <span className="visually-hidden">{t('decides.campaigns.switch')}</span>
      <select value={year} onChange={(event) => viewCampaign(Number(event.target.value))} data-testid="campaign-switcher" aria-label={t('decides.campaigns.switch')}>
        {campaigns.map((campaign) => (
          <option key={campaign.year} value={campaign.year}>
            {campaign.year === current ? t('decides.campaigns.current', { year: campaign.year }) : campaign.status === 'closed' ? t('decides.campaigns.closed', { year: campaign.year }) : String(campaign.year)}
          </option>
        ))}
      </select>
    </label>
  );
}
