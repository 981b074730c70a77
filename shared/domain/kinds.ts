/** Collective nominee kinds named by the plan (one installation's unit registry uses the same list). */
export const COLLECTIVE_KINDS = [
  'communePeoplesCommittee',
  'fatherlandFront',
  'womensUnion',
  'veteransAssociation',
  'farmersAssociation',
  'youthUnion',
  'provincialBranch',
  'branchDepartment',
  'transactionOffice',
] as const;

/** Individual nominee kinds named by the plan. */
export const INDIVIDUAL_KINDS = [
  'representativeBoardMember',
  'partyStandingMember',
  'communeCommitteeLeader',
  'entrustedOfficer',
  'groupHead',
  'branchOfficer',
] as const;

export type CollectiveKind = (typeof COLLECTIVE_KINDS)[number];
export type IndividualKind = (typeof INDIVIDUAL_KINDS)[number];
export type NomineeKind = CollectiveKind | IndividualKind;
export type NomineeGroup = 'collective' | 'individual';

/** Levels a unit works at; associations exist at province and commune level. */
export const UNIT_LEVELS = ['province', 'commune'] as const;
export type UnitLevel = (typeof UNIT_LEVELS)[number];

export function isCollectiveKind(kind: string): kind is CollectiveKind {
  return (COLLECTIVE_KINDS as readonly string[]).includes(kind);
}

export function nomineeGroupOf(kind: NomineeKind): NomineeGroup {
  return isCollectiveKind(kind) ? 'collective' : 'individual';
}

export const INSTALLATION_MODES = ['branch', 'office'] as const;
export type InstallationMode = (typeof INSTALLATION_MODES)[number];

export const LANGUAGES = ['vi', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
