import { useSession } from '../../app/session-store';

/**
 * The campaign the screens show: the one chosen in the switcher, else the installation's current one. Each window
 * keeps its own choice; a closed campaign is shown read-only.
 */
export function useCampaignYear(): number {
  return useSession((state) => state.viewYear ?? state.status?.currentCampaignYear ?? 2025);
}
