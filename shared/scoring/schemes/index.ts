import type { NomineeKind } from '../../domain/kinds';
import type { Scheme } from '../types';
import { bankUnitScheme2025 } from './bank-unit-2025';
import { boardMemberScheme2025 } from './board-member-2025';
import { branchOfficerScheme2025 } from './branch-officer-2025';
import { collectiveScheme2025 } from './collective-2025';
import { communeLeaderScheme2025 } from './commune-leader-2025';
import { departmentScheme2025 } from './department-2025';
import { entrustedOfficerScheme2025 } from './entrusted-officer-2025';
import { entrustedScheme2025 } from './entrusted-2025';
import { frontScheme2025 } from './front-2025';
import { groupHeadScheme2025 } from './group-head-2025';
import { partyStandingScheme2025 } from './party-standing-2025';

export {
  bankUnitScheme2025,
  boardMemberScheme2025,
  branchOfficerScheme2025,
  collectiveScheme2025,
  communeLeaderScheme2025,
  departmentScheme2025,
  entrustedOfficerScheme2025,
  entrustedScheme2025,
  frontScheme2025,
  groupHeadScheme2025,
  partyStandingScheme2025,
};

/** The 2025 default schemes, collectives first, then individuals; every nominee kind is in exactly one. */
export const defaultSchemes2025: Scheme[] = [
  collectiveScheme2025,
  frontScheme2025,
  entrustedScheme2025,
  bankUnitScheme2025,
  departmentScheme2025,
  boardMemberScheme2025,
  partyStandingScheme2025,
  communeLeaderScheme2025,
  entrustedOfficerScheme2025,
  groupHeadScheme2025,
  branchOfficerScheme2025,
];

/** The default 2025 scheme that scores a nominee kind. */
export function defaultSchemeFor(kind: NomineeKind): Scheme {
  const scheme = defaultSchemes2025.find((candidate) => candidate.kinds.includes(kind));
  if (!scheme) throw new Error(`No default scheme for nominee kind ${kind}`);
  return scheme;
}
