import { z } from 'zod';
import { keyedMessage } from '../contract/validation';
import { INSTALLATION_MODES, LANGUAGES } from './kinds';

export const ROLES = ['admin', 'secretary', 'clerk'] as const;
export type Role = (typeof ROLES)[number];

export interface User {
  id: string;
  username: string;
  fullName: string;
  role: Role;
}

export const PASSWORD_MIN = 8;

export const usernameSchema = z.string().trim().min(3).max(40).regex(/^[a-zA-Z0-9._-]+$/, { error: keyedMessage('validation.username') });
export const passwordSchema = z.string().min(PASSWORD_MIN).max(200);

/** First-run set-up: which installation this is, for whom, and its first administrator. */
export const setupSchema = z.object({
  mode: z.enum(INSTALLATION_MODES),
  organisationName: z.string().trim().min(1).max(200),
  admin: z.strictObject({
    username: usernameSchema,
    fullName: z.string().trim().min(1).max(120),
    password: passwordSchema,
  }),
  language: z.enum(LANGUAGES),
  loadDemo: z.boolean(),
});

export type SetupInput = z.infer<typeof setupSchema>;
