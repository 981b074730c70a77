import { randomUUID } from 'node:crypto';
import type { AppStatus } from '../../shared/contract/calls';
import { AppError } from '../../shared/contract/errors';
import type { SetupInput } from '../../shared/domain/account';
import type { InstallationMode, Language } from '../../shared/domain/kinds';
import { readSetting, writeSetting } from '../db/settings';
import { countUsers } from '../db/users';
import { hashPassword, insertAccount } from './accounts';
import { audit } from './audit';
import { createCampaign, FIRST_CAMPAIGN_YEAR } from './campaigns';
import { inTransaction, type ServiceContext } from './context';
import { loadDemo } from './demo';

export const APP_VERSION = '0.1.0';

export function appStatus(context: ServiceContext): AppStatus {
  const mode = readSetting(context.db, 'mode') as InstallationMode | null;
  return {
    initialised: mode !== null && countUsers(context.db) > 0,
    mode,
    organisationName: readSetting(context.db, 'organisationName'),
    language: readSetting(context.db, 'language') as Language | null,
    version: APP_VERSION,
    dataDir: context.dataDir,
    currentCampaignYear: Number(readSetting(context.db, 'currentCampaignYear') ?? FIRST_CAMPAIGN_YEAR),
  };
}

/** First-run set-up in one transaction: identity, first administrator, the first campaign, optionally the demo. */
export async function initialise(context: ServiceContext, input: SetupInput): Promise<AppStatus> {
  if (appStatus(context).initialised) throw new AppError('setup.alreadyDone');
  const passwordHash = await hashPassword(input.admin.password);
  inTransaction(context, () => {
    if (appStatus(context).initialised) throw new AppError('setup.alreadyDone');
    writeSetting(context.db, 'mode', input.mode);
    writeSetting(context.db, 'organisationName', input.organisationName);
    writeSetting(context.db, 'language', input.language);
    writeSetting(context.db, 'installationId', randomUUID());
    writeSetting(context.db, 'currentCampaignYear', String(FIRST_CAMPAIGN_YEAR));
    audit(context, 'setup.initialised', null, { after: { mode: input.mode, organisation: input.organisationName } });
    // The administrator chose this password: nothing to change at the first sign-in.
    insertAccount(context, { username: input.admin.username, fullName: input.admin.fullName, role: 'admin' }, passwordHash, false);
    // The installation's own keys are made with it: its identity in every exchange file.
    context.keys();
    createCampaign(context, FIRST_CAMPAIGN_YEAR);
    if (input.loadDemo) loadDemo(context);
  });
  return appStatus(context);
}

export function setLanguage(context: ServiceContext, language: Language): AppStatus {
  inTransaction(context, () => {
    const before = readSetting(context.db, 'language');
    if (before === language) return;
    writeSetting(context.db, 'language', language);
    audit(context, 'settings.language', null, { before: { language: before }, after: { language } });
  });
  return appStatus(context);
}
