import { readSecuritySettings, type SecuritySettings } from '../../shared/domain/account';
import { readSetting, writeSetting } from '../db/settings';
import { audit } from './audit';
import { inTransaction, type ServiceContext } from './context';

/** The installation's sign-in, idle-lock and backup-keeping rules (defaults until an administrator changes them). */
export function securitySettings(context: ServiceContext): SecuritySettings {
  const stored = readSetting(context.db, 'security');
  let parsed: unknown = {};
  try {
    parsed = stored ? JSON.parse(stored) : {};
  } catch {
    // An unreadable value falls back to the defaults rather than locking everyone out.
  }
  return readSecuritySettings(parsed);
}

export function updateSecuritySettings(context: ServiceContext, settings: SecuritySettings): SecuritySettings {
  return inTransaction(context, () => {
    const before = securitySettings(context);
    writeSetting(context.db, 'security', JSON.stringify(settings));
    audit(context, 'security.updated', null, { before: { ...before }, after: { ...settings } });
    return securitySettings(context);
  });
}
