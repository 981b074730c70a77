import type { Account, Role, User } from '../../shared/domain/account';
import type { Connection } from './connection';
import { statement } from './statements';

interface UserRow {
  id: string;
  username: string;
  full_name: string;
  role: Role;
  password_hash: string;
  disabled: number;
  must_change_password: number;
  failed_sign_ins: number;
  locked_until: string | null;
  last_sign_in_at: string | null;
  created_at: string;
}

export interface StoredUser extends User {
  passwordHash: string;
  disabled: boolean;
  mustChangePassword: boolean;
  failedSignIns: number;
  lockedUntil: string | null;
  lastSignInAt: string | null;
  createdAt: string;
}

function fromRow(row: UserRow): StoredUser {
  return {
    id: row.id,
    username: row.username,
    fullName: row.full_name,
    role: row.role,
    passwordHash: row.password_hash,
    disabled: row.disabled === 1,
    mustChangePassword: row.must_change_password === 1,
    failedSignIns: row.failed_sign_ins,
    lockedUntil: row.locked_until,
    lastSignInAt: row.last_sign_in_at,
    createdAt: row.created_at,
  };
}

/** An account as its page shows it: everything but the password hash and the failure counter. */
export function accountOf(user: StoredUser): Account {
  return {
    id: user.id,
    username: user.username,
    fullName: user.fullName,
    role: user.role,
    disabled: user.disabled,
    mustChangePassword: user.mustChangePassword,
    lockedUntil: user.lockedUntil,
    lastSignInAt: user.lastSignInAt,
    createdAt: user.createdAt,
  };
}

export function insertUser(db: Connection, user: { id: string; username: string; fullName: string; role: Role; passwordHash: string; mustChangePassword: boolean }, now: string): void {
  statement(db, 'INSERT INTO users (id, username, full_name, role, password_hash, must_change_password, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
    user.id,
    user.username,
    user.fullName,
    user.role,
    user.passwordHash,
    user.mustChangePassword ? 1 : 0,
    now,
    now,
  );
}

export function findUserByUsername(db: Connection, username: string): StoredUser | null {
  const row = statement(db, 'SELECT * FROM users WHERE username = ?').get(username) as UserRow | undefined;
  return row ? fromRow(row) : null;
}

export function findUserById(db: Connection, id: string): StoredUser | null {
  const row = statement(db, 'SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined;
  return row ? fromRow(row) : null;
}

export function listUsers(db: Connection): StoredUser[] {
  return (statement(db, 'SELECT * FROM users ORDER BY username').all() as UserRow[]).map(fromRow);
}

export function countUsers(db: Connection): number {
  return (statement(db, 'SELECT count(*) AS n FROM users').get() as { n: number }).n;
}

/** Administrators who can still sign in. */
export function countActiveAdmins(db: Connection): number {
  return (statement(db, "SELECT count(*) AS n FROM users WHERE role = 'admin' AND disabled = 0").get() as { n: number }).n;
}

export function updateUserProfile(db: Connection, id: string, profile: { fullName: string; role: Role }, now: string): void {
  statement(db, 'UPDATE users SET full_name = ?, role = ?, updated_at = ? WHERE id = ?').run(profile.fullName, profile.role, now, id);
}

export function setUserDisabled(db: Connection, id: string, disabled: boolean, now: string): void {
  statement(db, 'UPDATE users SET disabled = ?, updated_at = ? WHERE id = ?').run(disabled ? 1 : 0, now, id);
}

/** A new password hash; a reset also asks the person to choose their own, and lifts any lockout. */
export function setUserPassword(db: Connection, id: string, passwordHash: string, mustChangePassword: boolean, now: string): void {
  statement(db, 'UPDATE users SET password_hash = ?, must_change_password = ?, failed_sign_ins = 0, locked_until = NULL, updated_at = ? WHERE id = ?').run(
    passwordHash,
    mustChangePassword ? 1 : 0,
    now,
    id,
  );
}

export function recordSignIn(db: Connection, id: string, now: string): void {
  statement(db, 'UPDATE users SET failed_sign_ins = 0, locked_until = NULL, last_sign_in_at = ? WHERE id = ?').run(now, id);
}

export function recordFailedSignIn(db: Connection, id: string, failedSignIns: number, lockedUntil: string | null): void {
  statement(db, 'UPDATE users SET failed_sign_ins = ?, locked_until = ? WHERE id = ?').run(failedSignIns, lockedUntil, id);
}
