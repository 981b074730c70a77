import { randomBytes, randomUUID, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import type { LoginResult, SignInRules } from '../../shared/contract/calls';
import { AppError } from '../../shared/contract/errors';
import type { Account, Role, User } from '../../shared/domain/account';
import {
  accountOf,
  countActiveAdmins,
  findUserById,
  findUserByUsername,
  insertUser,
  listUsers,
  recordFailedSignIn,
  recordSignIn,
  setUserDisabled,
  setUserPassword,
  updateUserProfile,
  type StoredUser,
} from '../db/users';
import { audit } from './audit';
import { inTransaction, type Actor, type ServiceContext } from './context';
import { securitySettings } from './security';

/** OWASP's current guidance for scrypt (N = 2^17, r = 8, p = 1: 128 MiB, a few hundred ms). */
export const SCRYPT = { N: 131072, r: 8, p: 1, keyLength: 32 } as const;

function scryptAsync(password: string, salt: Buffer, length: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // On the thread pool: a sign-in never freezes the window or the other calls.
    scrypt(password.normalize('NFC'), salt, length, { ...options, maxmem: 256 * options.N! * options.r! * options.p! + 1024 * 1024 }, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

/** A password as `scrypt$N$r$p$salt$hash`, so the cost can be raised later without breaking old hashes. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scryptAsync(password, salt, SCRYPT.keyLength, { N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p });
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64'), hash.toString('base64')].join('$');
}

/** Whether the password matches, and whether its hash was made with weaker parameters than today's. */
export async function verifyPassword(password: string, stored: string): Promise<{ matches: boolean; outdated: boolean }> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !hash) return { matches: false, outdated: false };
  const expected = Buffer.from(hash, 'base64');
  const cost = { N: Number(n), r: Number(r), p: Number(p) };
  if (!Number.isInteger(cost.N) || !Number.isInteger(cost.r) || !Number.isInteger(cost.p) || cost.N > 2 ** 20 || cost.r > 32 || cost.p > 16) return { matches: false, outdated: false };
  const actual = await scryptAsync(password, Buffer.from(salt, 'base64'), expected.length, cost);
  const matches = actual.length === expected.length && timingSafeEqual(expected, actual);
  return { matches, outdated: cost.N * cost.r * cost.p < SCRYPT.N * SCRYPT.r * SCRYPT.p };
}

// Compared against when the username is unknown, so a wrong name takes as long as a wrong password.
let decoyHash: Promise<string> | null = null;
function decoy(): Promise<string> {
  decoyHash ??= hashPassword(randomUUID());
  return decoyHash;
}

const SESSION_HOURS = 12;

/** Whoever typed a wrong password: not the account's owner, as far as anyone knows. */
const ANONYMOUS: Actor = { id: null, name: 'anonymous', role: null };

interface Session {
  userId: string;
  expiresAt: number;
  /** Last call made with it: a session idle for longer than the setting is locked. */
  lastSeen: number;
  locked: boolean;
}

/** What a session may do right now. */
export type SessionState = { user: User; locked: boolean; mustChangePassword: boolean } | null;

function userOf(stored: StoredUser): User {
  return { id: stored.id, username: stored.username, fullName: stored.fullName, role: stored.role };
}

/** Signed-in sessions of this process; they end with it, so a restart asks for the password again. */
export class Sessions {
  private readonly sessions = new Map<string, Session>();
  /** Wrong passwords for names that have no account, so that an unknown name answers like a known one. */
  private readonly unknownFailures = new Map<string, { count: number; lockedUntil: number }>();

  async login(context: ServiceContext, username: string, password: string): Promise<LoginResult> {
    const rules = securitySettings(context);
    const name = username.trim();
    const now = Date.now();
    const stored = findUserByUsername(context.db, name);
    const lockedUntil = stored ? Date.parse(stored.lockedUntil ?? '') || 0 : (this.unknownFailures.get(name.toLowerCase())?.lockedUntil ?? 0);
    if (lockedUntil > now) throw new AppError('auth.locked', { minutes: Math.ceil((lockedUntil - now) / 60_000) });
    const check = await verifyPassword(password, stored?.passwordHash ?? (await decoy()));
    if (!stored || !check.matches || stored.disabled) {
      this.failed(context, stored, name, rules.maxFailedSignIns, rules.lockMinutes);
      const failures = stored ? (findUserById(context.db, stored.id)?.failedSignIns ?? 0) : (this.unknownFailures.get(name.toLowerCase())?.count ?? 0);
      if (failures === 0) throw new AppError('auth.locked', { minutes: rules.lockMinutes });
      throw new AppError('auth.badCredentials', { remaining: rules.maxFailedSignIns - failures });
    }
    const rehashed = check.outdated ? await hashPassword(password) : null;
    const signedIn = inTransaction(context, () => {
      // Read again: the account may have changed while the password was being checked.
      const current = findUserById(context.db, stored.id);
      if (!current || current.disabled) throw new AppError('auth.badCredentials', { remaining: rules.maxFailedSignIns });
      recordSignIn(context.db, current.id, context.now());
      if (rehashed) setUserPassword(context.db, current.id, rehashed, current.mustChangePassword, context.now());
      audit({ ...context, actor: { id: current.id, name: current.username, role: current.role } }, 'auth.signedIn', { type: 'account', id: current.id, label: current.username });
      return current;
    });
    this.unknownFailures.delete(name.toLowerCase());
    const token = randomBytes(32).toString('base64url');
    this.sessions.set(token, { userId: signedIn.id, expiresAt: now + SESSION_HOURS * 3600_000, lastSeen: now, locked: false });
    return { session: token, user: userOf(signedIn), mustChangePassword: signedIn.mustChangePassword };
  }

  /** Counts a wrong password; the last allowed one locks the account for a while (recorded in the audit log). */
  private failed(context: ServiceContext, stored: StoredUser | null, name: string, maximum: number, lockMinutes: number): void {
    const lockUntil = Date.now() + lockMinutes * 60_000;
    if (!stored) {
      const key = name.toLowerCase();
      const count = (this.unknownFailures.get(key)?.count ?? 0) + 1;
      this.unknownFailures.set(key, count >= maximum ? { count: 0, lockedUntil: lockUntil } : { count, lockedUntil: 0 });
      inTransaction(context, () => audit({ ...context, actor: ANONYMOUS }, 'auth.signInFailed', null, { note: count >= maximum ? 'unknown account; locked' : 'unknown account' }));
      return;
    }
    inTransaction(context, () => {
      const count = (findUserById(context.db, stored.id)?.failedSignIns ?? 0) + 1;
      const locks = count >= maximum;
      recordFailedSignIn(context.db, stored.id, locks ? 0 : count, locks ? new Date(lockUntil).toISOString() : null);
      audit({ ...context, actor: ANONYMOUS }, 'auth.signInFailed', { type: 'account', id: stored.id, label: stored.username }, { after: { failures: count, locked: locks } });
    });
  }

  /** Who a session is, and whether it is locked or must change its password first; null when unknown or expired. */
  resolve(context: ServiceContext, token: string | null): SessionState {
    if (!token) return null;
    const session = this.sessions.get(token);
    if (!session) return null;
    const now = Date.now();
    if (session.expiresAt < now) {
      this.sessions.delete(token);
      return null;
    }
    const stored = findUserById(context.db, session.userId);
    if (!stored || stored.disabled) return null;
    if (!session.locked && now - session.lastSeen > securitySettings(context).idleLockMinutes * 60_000) session.locked = true;
    if (!session.locked) session.lastSeen = now;
    return { user: userOf(stored), locked: session.locked, mustChangePassword: stored.mustChangePassword };
  }

  /** The screen locked itself (the person walked away): the session answers nothing until unlocked. */
  lock(token: string | null): void {
    const session = token ? this.sessions.get(token) : undefined;
    if (session) session.locked = true;
  }

  /** Unlocks a locked session with its own account's password; wrong passwords count as failed sign-ins. */
  async unlock(context: ServiceContext, token: string | null, password: string): Promise<User> {
    const session = token ? this.sessions.get(token) : undefined;
    const stored = session ? findUserById(context.db, session.userId) : null;
    if (!session || !stored || stored.disabled) throw new AppError('auth.required');
    const rules = securitySettings(context);
    const lockedUntil = Date.parse(stored.lockedUntil ?? '') || 0;
    if (lockedUntil > Date.now()) throw new AppError('auth.locked', { minutes: Math.ceil((lockedUntil - Date.now()) / 60_000) });
    const check = await verifyPassword(password, stored.passwordHash);
    if (!check.matches) {
      this.failed(context, stored, stored.username, rules.maxFailedSignIns, rules.lockMinutes);
      const failures = findUserById(context.db, stored.id)?.failedSignIns ?? 0;
      if (failures === 0) {
        // Locked out: the session ends, and the person signs in again once the wait is over.
        this.endFor(stored.id);
        throw new AppError('auth.locked', { minutes: rules.lockMinutes });
      }
      throw new AppError('auth.badCredentials', { remaining: rules.maxFailedSignIns - failures });
    }
    inTransaction(context, () => recordSignIn(context.db, stored.id, context.now()));
    session.locked = false;
    session.lastSeen = Date.now();
    return userOf(stored);
  }

  logout(context: ServiceContext, token: string | null): void {
    const session = token ? this.sessions.get(token) : undefined;
    if (!token || !session) return;
    this.sessions.delete(token);
    inTransaction(context, () => audit(context, 'auth.signedOut', { type: 'account', id: session.userId, label: context.actor.name }));
  }

  /** Ends every session of an account (disabled, password reset): it must sign in again. */
  endFor(userId: string): void {
    for (const [token, session] of this.sessions) if (session.userId === userId) this.sessions.delete(token);
  }

  /** Ends every session (a restored database may not have the same accounts). */
  endAll(): void {
    this.sessions.clear();
  }
}

export function signInRules(context: ServiceContext): SignInRules {
  const { maxFailedSignIns, lockMinutes, idleLockMinutes } = securitySettings(context);
  return { maxFailedSignIns, lockMinutes, idleLockMinutes };
}

/** Creates an account in the caller's transaction (the first administrator at set-up, or from the accounts page). */
export function insertAccount(context: ServiceContext, input: { username: string; fullName: string; role: Role }, passwordHash: string, mustChangePassword: boolean): Account {
  if (findUserByUsername(context.db, input.username)) throw new AppError('user.usernameTaken', { username: input.username });
  const id = randomUUID();
  insertUser(context.db, { id, username: input.username, fullName: input.fullName, role: input.role, passwordHash, mustChangePassword }, context.now());
  audit(context, 'account.created', { type: 'account', id, label: input.username }, { after: { username: input.username, fullName: input.fullName, role: input.role } });
  return accountOf(findUserById(context.db, id) as StoredUser);
}

export function accountsList(context: ServiceContext): Account[] {
  return listUsers(context.db).map(accountOf);
}

/** The accounts that can sign in, by name and role only (for linking council members). */
export function accountDirectory(context: ServiceContext): User[] {
  return listUsers(context.db)
    .filter((user) => !user.disabled)
    .map((user) => userOf(user));
}

/** A new account; its first password is given to the person, who must choose their own at the first sign-in. */
export async function createAccount(context: ServiceContext, input: { username: string; fullName: string; role: Role; password: string }): Promise<Account> {
  const hash = await hashPassword(input.password);
  return inTransaction(context, () => insertAccount(context, input, hash, true));
}

function existing(context: ServiceContext, id: string): StoredUser {
  const stored = findUserById(context.db, id);
  if (!stored) throw new AppError('user.notFound');
  return stored;
}

/** There must always be an administrator who can sign in: the last one cannot lose the role or be disabled. */
function keepsAnAdmin(context: ServiceContext, stored: StoredUser, change: { role?: Role; disabled?: boolean }): void {
  const stopsBeingActiveAdmin = stored.role === 'admin' && !stored.disabled && ((change.role !== undefined && change.role !== 'admin') || change.disabled === true);
  if (stopsBeingActiveAdmin && countActiveAdmins(context.db) <= 1) throw new AppError('user.lastAdmin');
}

export function updateAccount(context: ServiceContext, input: { id: string; fullName: string; role: Role }): Account {
  return inTransaction(context, () => {
    const stored = existing(context, input.id);
    keepsAnAdmin(context, stored, { role: input.role });
    updateUserProfile(context.db, stored.id, { fullName: input.fullName, role: input.role }, context.now());
    audit(context, 'account.updated', { type: 'account', id: stored.id, label: stored.username }, { before: { fullName: stored.fullName, role: stored.role }, after: { fullName: input.fullName, role: input.role } });
    return accountOf(existing(context, stored.id));
  });
}

/** Disables (or enables again) an account; accounts are never deleted, since the audit log refers to them. */
export function setAccountDisabled(context: ServiceContext, sessions: Sessions, id: string, disabled: boolean): Account {
  const account = inTransaction(context, () => {
    const stored = existing(context, id);
    if (disabled && stored.id === context.actor.id) throw new AppError('user.self');
    keepsAnAdmin(context, stored, { disabled });
    if (stored.disabled === disabled) return accountOf(stored);
    setUserDisabled(context.db, stored.id, disabled, context.now());
    audit(context, disabled ? 'account.disabled' : 'account.enabled', { type: 'account', id: stored.id, label: stored.username }, { before: { disabled: stored.disabled }, after: { disabled } });
    return accountOf(existing(context, stored.id));
  });
  if (disabled) sessions.endFor(id);
  return account;
}

/** Sets a temporary password that the person must change at the next sign-in; their sessions end. */
export async function resetPassword(context: ServiceContext, sessions: Sessions, id: string, password: string): Promise<Account> {
  const hash = await hashPassword(password);
  const account = inTransaction(context, () => {
    const stored = existing(context, id);
    setUserPassword(context.db, stored.id, hash, true, context.now());
    audit(context, 'account.passwordReset', { type: 'account', id: stored.id, label: stored.username });
    return accountOf(existing(context, stored.id));
  });
  sessions.endFor(id);
  return account;
}

/** A person changes their own password (required after a reset); the current one is asked again. */
export async function changeOwnPassword(context: ServiceContext, currentPassword: string, newPassword: string): Promise<User> {
  const id = context.actor.id;
  if (!id) throw new AppError('auth.required');
  const stored = existing(context, id);
  if (!(await verifyPassword(currentPassword, stored.passwordHash)).matches) throw new AppError('auth.wrongPassword');
  if (currentPassword === newPassword) throw new AppError('auth.samePassword');
  const hash = await hashPassword(newPassword);
  return inTransaction(context, () => {
    setUserPassword(context.db, id, hash, false, context.now());
    audit(context, 'auth.passwordChanged', { type: 'account', id, label: stored.username });
    return userOf(existing(context, id));
  });
}
