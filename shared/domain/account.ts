import { z } from 'zod';
import { keyedMessage } from '../contract/validation';
import { INSTALLATION_MODES, LANGUAGES } from './kinds';

/**
 * Administrator (accounts, keys, backups), the council's secretary, a council member (score sheets), a clerk
 * (prepares dossiers and keeps the registries) and a viewer (reads only).
 */
export const ROLES = ['admin', 'secretary', 'councilMember', 'clerk', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export interface User {
  id: string;
  username: string;
  fullName: string;
  role: Role;
}

/** An account as the administrator's page shows it (never its password hash). */
export interface Account extends User {
  disabled: boolean;
  /** Set by a reset (or a new account): the person chooses their own password at the next sign-in. */
  mustChangePassword: boolean;
  /** Until when sign-in is refused after too many wrong passwords (ISO), if now. */
  lockedUntil: string | null;
  lastSignInAt: string | null;
  createdAt: string;
}

export const PASSWORD_MIN = 8;

export const usernameSchema = z.string().trim().min(3).max(40).regex(/^[a-zA-Z0-9._-]+$/, { error: keyedMessage('validation.username') });
export const passwordSchema = z.string().min(PASSWORD_MIN).max(200);
export const fullNameSchema = z.string().trim().min(1).max(120);

/** First-run set-up: which installation this is, for whom, and its first administrator. */
export const setupSchema = z.object({
  mode: z.enum(INSTALLATION_MODES),
  organisationName: z.string().trim().min(1).max(200),
  admin: z.strictObject({
    username: usernameSchema,
    fullName: fullNameSchema,
    password: passwordSchema,
  }),
  language: z.enum(LANGUAGES),
  loadDemo: z.boolean(),
});

export type SetupInput = z.infer<typeof setupSchema>;

export const accountCreateSchema = z.strictObject({
  username: usernameSchema,
  fullName: fullNameSchema,
  role: z.enum(ROLES),
  /** The first password, given to the person, who must change it at the first sign-in. */
  password: passwordSchema,
});

export const accountUpdateSchema = z.strictObject({
  id: z.string().uuid(),
  fullName: fullNameSchema,
  role: z.enum(ROLES),
});

export const passwordChangeSchema = z.strictObject({
  currentPassword: z.string().min(1).max(200),
  newPassword: passwordSchema,
});

/** The installation's rules for signing in, idle locking and keeping backups; each has the default the issue asks for. */
export const securitySettingsSchema = z.strictObject({
  /** Wrong passwords in a row before the account waits. */
  maxFailedSignIns: z.number().int().min(3).max(20).default(5),
  /** How long it waits. */
  lockMinutes: z.number().int().min(1).max(24 * 60).default(5),
  /** Minutes without a keystroke or click before the screen locks (unsaved work stays behind the lock). */
  idleLockMinutes: z.number().int().min(1).max(240).default(15),
  /** Automatic backups kept: the newest ones… */
  backupKeepLast: z.number().int().min(3).max(200).default(10),
  /** …and the newest one of each of this many months before them. */
  backupKeepMonths: z.number().int().min(0).max(120).default(12),
});

export type SecuritySettings = z.output<typeof securitySettingsSchema>;

/** Settings as stored, with defaults for whatever is missing or unreadable. */
export function readSecuritySettings(stored: unknown): SecuritySettings {
  const parsed = securitySettingsSchema.safeParse(stored ?? {});
  return parsed.success ? parsed.data : securitySettingsSchema.parse({});
}
