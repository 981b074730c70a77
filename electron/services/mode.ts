import { AppError } from '../../shared/contract/errors';
import { readSetting } from '../db/settings';
import type { ServiceContext } from './context';

/** The council's work (schemes, settings, reviews, allocation) happens only on the branch installation. */
export function requireBranch(context: ServiceContext): void {
  if (readSetting(context.db, 'mode') !== 'branch') throw new AppError('mode.branchOnly');
}
