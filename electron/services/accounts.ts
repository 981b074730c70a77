import { randomBytes, randomUUID, scryptSync, timingSafeEqual } from 'node:crypto';
import { AppError } from '../../shared/contract/errors';
import type { Role, User } from '../../shared/domain/account';
import { findUserById, findUserByUsername, insertUser } from '../db/users';
import type { ServiceContext } from './context';

const SCRYPT = { N: 16384, r: 8, p: 1, keyLength: 32 } as const;

/** A password as `scrypt$N$r$p$salt$hash`, so the cost can be raised later without breaking old hashes. */
export function hashPassword(password: string): string {
  const salt = randomBytes(16);
  const hash = scryptSync(password.normalize('NFC'), salt, SCRYPT.keyLength, { N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p });
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64'), hash.toString('base64')].join('$');
}

export function verifyPassword(password: string, stored: string): boolean {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = scryptSync(password.normalize('NFC'), Buffer.from(salt, 'base64'), expected.length, { N: Number(n), r: Number(r), p: Number(p) });
  return timingSafeEqual(expected, actual);
}

// Compared against when the username is unknown, so a wrong name takes as long as a wrong password.
const DECOY_HASH = hashPassword(randomUUID());

export function createUser(context: ServiceContext, input: { username: string; fullName: string; password: string; role: Role }): User {
  const user = { id: randomUUID(), username: input.username, fullName: input.fullName, role: input.role };
  insertUser(context.db, { ...user, passwordHash: hashPassword(input.password), disabled: false }, context.now());
  return user;
}

const SESSION_HOURS = 12;
/** After this many wrong passwords in a row, a user name waits before the next try. */
const MAX_FAILURES = 5;
const LOCK_MINUTES = 5;

interface Session {
  userId: string;
  expiresAt: number;
}

/** Signed-in sessions of this process; they end with it, so a restart asks for the password again. */
export class Sessions {
  private readonly sessions = new Map<string, Session>();
  private readonly failures = new Map<string, { count: number; lockedUntil: number }>();

  login(context: ServiceContext, username: string, password: string): { session: string; user: User } {
    const name = username.trim().toLowerCase();
    const failure = this.failures.get(name);
    if (failure && failure.lockedUntil > Date.now()) throw new AppError('auth.locked', { minutes: LOCK_MINUTES });
    const stored = findUserByUsername(context.db, username.trim());
    const matches = verifyPassword(password, stored?.passwordHash ?? DECOY_HASH);
    if (!stored || !matches || stored.disabled) {
      const count = (failure?.count ?? 0) + 1;
      this.failures.set(name, { count: count >= MAX_FAILURES ? 0 : count, lockedUntil: count >= MAX_FAILURES ? Date.now() + LOCK_MINUTES * 60_000 : 0 });
      throw new AppError('auth.badCredentials');
    }
    this.failures.delete(name);
    const token = randomBytes(32).toString('base64url');
    this.sessions.set(token, { userId: stored.id, expiresAt: Date.now() + SESSION_HOURS * 3600_000 });
    return { session: token, user: { id: stored.id, username: stored.username, fullName: stored.fullName, role: stored.role } };
  }

  /** The user behind a session token, or null when it is unknown or expired. */
  resolve(context: ServiceContext, token: string | null): User | null {
    if (!token) return null;
    const session = this.sessions.get(token);
    if (!session) return null;
    if (session.expiresAt < Date.now()) {
      this.sessions.delete(token);
      return null;
    }
    const stored = findUserById(context.db, session.userId);
    if (!stored || stored.disabled) return null;
    return { id: stored.id, username: stored.username, fullName: stored.fullName, role: stored.role };
  }

  logout(token: string | null): void {
    if (token) this.sessions.delete(token);
  }
}
