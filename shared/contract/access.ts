import type { Role } from '../domain/account';
import type { PackageKind } from '../domain/exchange';
import type { CallName } from './calls';

/**
 * Who may make a call: anyone (before signing in), the machine's operator only (the command line), or the
 * signed-in roles listed. The operator may make every call.
 */
export type Access = 'public' | 'operator' | readonly Role[];

const EVERYONE: readonly Role[] = ['admin', 'secretary', 'councilMember', 'clerk', 'viewer'];
/** Everyone who works on records (a viewer only reads). */
const WORKERS: readonly Role[] = ['admin', 'secretary', 'councilMember', 'clerk'];
/** Those who prepare dossiers and keep the registries: clerks, and at the branch the secretary and the administrator. */
const PREPARERS: readonly Role[] = ['admin', 'secretary', 'clerk'];
/** The council's staff: its secretary, and the administrator. */
const COUNCIL_STAFF: readonly Role[] = ['admin', 'secretary'];
/** The council: its staff and its members. */
const COUNCIL: readonly Role[] = ['admin', 'secretary', 'councilMember'];
/** Who may read the council's documents: the council, and a viewer (who makes nothing). */
const DOCUMENT_READERS: readonly Role[] = ['admin', 'secretary', 'councilMember', 'viewer'];
const ADMIN: readonly Role[] = ['admin'];

/**
 * The one table of rights: every call of the contract has its entry (a missing one fails the typecheck), checked by
 * the core on every call before anything else. The screens hide what a role cannot do by reading the same table.
 */
export const ACCESS: { readonly [K in CallName]: Access } = {
  'app.status': 'public',
  'app.setLanguage': 'public',
  'setup.initialise': 'public',
  'auth.login': 'public',
  'auth.logout': EVERYONE,
  'auth.changePassword': EVERYONE,
  'auth.lock': EVERYONE,
  'auth.unlock': EVERYONE,
  'auth.settings': 'public',
  'users.list': ADMIN,
  'users.directory': COUNCIL_STAFF,
  'users.create': ADMIN,
  'users.update': ADMIN,
  'users.setDisabled': ADMIN,
  'users.resetPassword': ADMIN,
  'security.get': ADMIN,
  'security.update': ADMIN,
  'audit.list': EVERYONE,
  'audit.verify': ADMIN,
  'campaigns.get': EVERYONE,
  'campaigns.update': COUNCIL_STAFF,
  'campaigns.list': EVERYONE,
  'campaigns.startNext': COUNCIL_STAFF,
  'council.get': EVERYONE,
  'council.saveMember': COUNCIL_STAFF,
  'council.removeMember': COUNCIL_STAFF,
  'meetings.get': EVERYONE,
  'meetings.save': COUNCIL_STAFF,
  'ballots.list': COUNCIL,
  // Two different accounts enter each ballot: the secretary and an administrator or a member.
  'ballots.enter': COUNCIL,
  'ballots.recount': COUNCIL_STAFF,
  'awards.list': EVERYONE,
  'awards.record': COUNCIL_STAFF,
  'awards.add': PREPARERS,
  'schemes.list': EVERYONE,
  'schemes.get': EVERYONE,
  'schemes.save': COUNCIL_STAFF,
  'dossiers.rescore': COUNCIL_STAFF,
  'reviews.list': COUNCIL,
  'reviews.save': COUNCIL,
  'reviews.delete': COUNCIL_STAFF,
  'adjustments.save': COUNCIL_STAFF,
  'adjustments.remove': COUNCIL_STAFF,
  'exchange.identity': EVERYONE,
  // Which kinds each role may write or read is a second table below, checked by the exchange service.
  'exchange.export': PREPARERS,
  'exchange.exportStart': PREPARERS,
  'exchange.exportStatus': PREPARERS,
  'exchange.exportCancel': PREPARERS,
  'exchange.exportRunning': PREPARERS,
  'exchange.dryRun': PREPARERS,
  'exchange.apply': PREPARERS,
  'exchange.discardUpload': PREPARERS,
  'exchange.history': EVERYONE,
  'exchange.returnDossier': COUNCIL_STAFF,
  'exchange.revoke': ADMIN,
  'allocation.get': EVERYONE,
  'units.list': EVERYONE,
  'units.create': PREPARERS,
  'units.update': PREPARERS,
  'units.retire': PREPARERS,
  'people.list': EVERYONE,
  'people.create': PREPARERS,
  'people.update': PREPARERS,
  'people.retire': PREPARERS,
  'registry.importPreview': PREPARERS,
  'registry.importApply': PREPARERS,
  'dossiers.list': EVERYONE,
  'dossiers.get': EVERYONE,
  'dossiers.save': PREPARERS,
  'dossiers.setStatus': PREPARERS,
  'dossiers.reportFromWord': PREPARERS,
  'drafts.save': WORKERS,
  'drafts.get': WORKERS,
  'drafts.discard': WORKERS,
  'attachments.add': PREPARERS,
  'attachments.read': EVERYONE,
  'attachments.remove': PREPARERS,
  'ranking.get': EVERYONE,
  'ranking.explain': EVERYONE,
  'rounds.get': EVERYONE,
  'rounds.lock': COUNCIL_STAFF,
  // The chair's account (a council member) or an administrator: the service checks which member the account is.
  'rounds.reopen': COUNCIL,
  'decisions.record': COUNCIL_STAFF,
  'decisions.withdraw': COUNCIL_STAFF,
  'overview.branch': EVERYONE,
  'overview.office': EVERYONE,
  'demo.load': ADMIN,
  'demo.generate': 'operator',
  'backup.create': ADMIN,
  'backup.list': ADMIN,
  'backup.inspect': ADMIN,
  'backup.restore': ADMIN,
  'database.verify': ADMIN,
  // The council's documents are its staff's; its members may see what is ready and preview it.
  'documents.overview': DOCUMENT_READERS,
  'documents.preview': DOCUMENT_READERS,
  'documents.generate': COUNCIL_STAFF,
  'documents.start': COUNCIL_STAFF,
  'documents.status': COUNCIL_STAFF,
  'documents.cancel': COUNCIL_STAFF,
  'documents.settings': DOCUMENT_READERS,
  'documents.saveSettings': COUNCIL_STAFF,
  'documents.templates': COUNCIL_STAFF,
  'documents.exportTemplate': COUNCIL_STAFF,
  'documents.importTemplate': COUNCIL_STAFF,
  'documents.resetTemplate': COUNCIL_STAFF,
  // What the ranking and allocation pages show, as a workbook: whoever may read them.
  'documents.exportTable': EVERYONE,
  'documents.table': EVERYONE,
};

/**
 * Which roles may write (export) and read in (import) each kind of exchange file. Setup and enrolment files carry
 * keys, the root of trust between installations: only an administrator handles them. Allocation and results files
 * carry the council's decisions: only its staff signs them.
 */
export const EXCHANGE_RIGHTS: { readonly [K in PackageKind]: { export: readonly Role[]; import: readonly Role[] } } = {
  setup: { export: ADMIN, import: ADMIN },
  enrolment: { export: ADMIN, import: ADMIN },
  submission: { export: ['admin', 'clerk'], import: PREPARERS },
  receipt: { export: COUNCIL_STAFF, import: ['admin', 'clerk'] },
  allocation: { export: COUNCIL_STAFF, import: ['admin', 'clerk'] },
  results: { export: COUNCIL_STAFF, import: ['admin', 'clerk'] },
};

/** Whether a signed-in role may make a call (the operator may make all; 'public' calls need no one). */
export function roleMay(access: Access, role: Role | null): boolean {
  if (access === 'public') return true;
  if (access === 'operator' || role === null) return false;
  return access.includes(role);
}

/** Whether a role may make the named call: what the screens ask before they show a button. */
export function mayCall(name: CallName, role: Role | null): boolean {
  return roleMay(ACCESS[name], role);
}

/** Whether a role may write (export) or read in (import) a kind of exchange file. */
export function mayExchange(kind: PackageKind, direction: 'export' | 'import', role: Role | null): boolean {
  return role !== null && EXCHANGE_RIGHTS[kind][direction].includes(role);
}
