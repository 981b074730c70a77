import type { Campaign, CampaignSettings } from '../../../shared/domain/campaign';

/** What the settings form edits: everything `campaigns.update` takes except the status, which has its own button. */
export interface CampaignFormValues {
  year: number;
  deadline: string;
  quotaCollectives: number;
  quotaIndividuals: number;
  settings: CampaignSettings;
}

export function formValuesOf(campaign: Campaign): CampaignFormValues {
  return {
    year: campaign.year,
    deadline: campaign.deadline,
    quotaCollectives: campaign.quotaCollectives,
    quotaIndividuals: campaign.quotaIndividuals,
    settings: { ...campaign.settings, tieBreaks: campaign.settings.tieBreaks.map((tieBreak) => ({ ...tieBreak })) },
  };
}

/** An ISO date (yyyy-MM-dd) as the reader writes it: dd/MM/yyyy; empty when it is not a date. */
export function formatDate(iso: string, language: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return '';
  const date = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(language === 'vi' ? 'vi-VN' : 'en-GB', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' }).format(date);
}

/** A date typed as dd/MM/yyyy (or d/M/yyyy, with slashes, dots or dashes) as an ISO date; null when it is no real day. */
export function parseDate(text: string): string | null {
  const match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text.trim());
  if (!match) return null;
  const [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** An ISO date in words with its weekday ("Thứ Bảy, 10 tháng 1, 2026"), so that no one reads 10/01 as 1 October. */
export function longDate(iso: string, language: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return '';
  const date = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(language === 'vi' ? 'vi-VN' : 'en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
}
