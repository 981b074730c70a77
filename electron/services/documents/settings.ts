import { AppError } from '../../../shared/contract/errors';
import type { DocumentSettingsView } from '../../../shared/documents/outputs';
import { defaultDocumentSettings, documentSettingsSchema, type DocumentSettings } from '../../../shared/documents/settings';
import { readDocumentRecord, writeDocumentRecord, yearsWithDocumentSettings } from '../../db/documents';
import { readSetting } from '../../db/settings';
import { audit } from '../audit';
import { getCampaign } from '../campaigns';
import { inTransaction, type ServiceContext } from '../context';
import { requireBranch } from '../mode';

/**
 * A campaign's document settings: its own, else those of the latest earlier campaign that has some (the organs and the
 * place rarely change), else the defaults. A campaign keeps its own once saved: the signer of 2024 stays 2024's.
 */
export function documentSettings(context: ServiceContext, campaignYear: number): DocumentSettingsView {
  requireBranch(context);
  const campaign = getCampaign(context, campaignYear);
  const own = readDocumentRecord(context.db, `documents.settings.${campaignYear}`);
  const earlier = yearsWithDocumentSettings(context.db).find((year) => year < campaignYear);
  const stored = own ?? (earlier !== undefined ? readDocumentRecord(context.db, `documents.settings.${earlier}`) : null);
  const parsed = stored ? documentSettingsSchema.safeParse(JSON.parse(stored)) : null;
  const settings: DocumentSettings = parsed?.success ? parsed.data : defaultDocumentSettings(readSetting(context.db, 'organisationName'));
  return { campaignYear, settings, own: own !== null, editable: campaign.status !== 'closed' };
}

/** Saves a campaign's document settings (recorded in the activity log); a closed campaign's no longer change. */
export function saveDocumentSettings(context: ServiceContext, campaignYear: number, settings: DocumentSettings): DocumentSettingsView {
  requireBranch(context);
  inTransaction(context, () => {
    const campaign = getCampaign(context, campaignYear);
    if (campaign.status === 'closed') throw new AppError('campaign.locked', { year: campaignYear });
    const before = documentSettings(context, campaignYear).settings;
    writeDocumentRecord(context.db, `documents.settings.${campaignYear}`, JSON.stringify(settings));
    const flat = (value: DocumentSettings) => ({
      parentOrgan: value.parentOrgan,
      organ: value.organ,
      place: value.place,
      date: value.date,
      signer: `${value.signer.capacity} ${value.signer.title} ${value.signer.name}`.trim(),
      symbols: Object.values(value.symbols).join(', '),
      numbers: Object.values(value.numbers).join(', '),
    });
    audit(context, 'documents.settingsSaved', { type: 'campaign', id: String(campaignYear), label: String(campaignYear) }, { before: flat(before), after: flat(settings) });
  });
  return documentSettings(context, campaignYear);
}
