import type { Role, User } from '../../shared/domain/account';
import type { Connection } from './connection';
import { statement } from './statements';

interface UserRow {
  id: string;
  username: string;
  full_name: string;
  role: Role;
  password_hash: string;
  disabled: number;
}

export interface StoredUser extends User {
  passwordHash: string;
  disabled: boolean;
}

function fromRow(row: UserRow): StoredUser {
  return { id: row.id, username: row.username, fullName: row.full_name, role: row.role, passwordHash: row.password_hash, disabled: row.disabled === 1 };
}

export function insertUser(db: Connection, user: StoredUser, now: string): void {
  statement(db, 'INSERT INTO users (id, username, full_name, role, password_hash, disabled, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    user.id,
    user.username,
    user.fullName,
    user.role,
    user.passwordHash,
    user.disabled ? 1 : 0,
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

export function countUsers(db: Connection): number {
  return (statement(db, 'SELECT count(*) AS n FROM users').get() as { n: number }).n;
}
