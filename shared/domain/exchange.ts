import { z } from 'zod';
import type { Label, RuleNote } from '../scoring/types';

/** What travels on USB sticks between the branch and the offices. */
export const PACKAGE_KINDS = ['setup', 'enrolment', 'submission', 'receipt', 'allocation', 'results'] as const;
export type PackageKind = (typeof PACKAGE_KINDS)[number];

/** Which side sends each kind. */
export const PACKAGE_SENDER: Record<PackageKind, 'branch' | 'office'> = {
  setup: 'branch',
  enrolment: 'office',
  submission: 'office',
  receipt: 'branch',
  allocation: 'branch',
  results: 'branch',
};

/** Kinds whose payload names people or carries their dossiers: always encrypted to the recipient. */
export const ENCRYPTED_KINDS: PackageKind[] = ['submission', 'receipt', 'allocation', 'results'];

export const EXCHANGE_FORMAT = 'tdcs-exchange';
export const EXCHANGE_FORMAT_VERSION = 1;
export const EXCHANGE_EXTENSION = '.tdcs';

const base64url = z.string().regex(/^[A-Za-z0-9_-]+$/).max(200);

/** The signed manifest; its exact bytes are what the Ed25519 signature covers. */
export const manifestSchema = z.strictObject({
  format: z.literal(EXCHANGE_FORMAT),
  formatVersion: z.number().int(),
  packageId: z.string().uuid(),
  kind: z.enum(PACKAGE_KINDS),
  sender: z.strictObject({
    installationId: z.string().uuid(),
    organisation: z.string().max(200),
    mode: z.enum(['branch', 'office']),
    officeUnitId: z.string().max(64).nullable(),
    signingKey: base64url,
    agreementKey: base64url,
  }),
  recipient: z.strictObject({
    /** Null only in a setup package: the office installation does not exist yet, only its unit. */
    installationId: z.string().uuid().nullable(),
    officeUnitId: z.string().max(64).nullable(),
    name: z.string().max(200),
  }),
  campaignYear: z.number().int().min(2000).max(2100),
  createdAt: z.string().max(40),
  sequence: z.number().int().min(1),
  encryption: z
    .strictObject({ scheme: z.literal('x25519-hkdf-sha256-aes256gcm'), ephemeralKey: base64url, salt: base64url })
    .nullable(),
  entries: z.array(z.strictObject({ path: z.string().max(200), sha256: z.string().regex(/^[0-9a-f]{64}$/), size: z.number().int().min(0), encrypted: z.boolean() })).max(20_000),
});

export type Manifest = z.infer<typeof manifestSchema>;

export const IMPORT_CATEGORIES = ['new', 'updated', 'unchanged', 'stale', 'conflicting', 'rejected'] as const;
export type ImportCategory = (typeof IMPORT_CATEGORIES)[number];

/**
 * One thing wrong with a received record: the field at fault (a key of `exchangeItem.fields`, a scheme's own label,
 * or null for the record as a whole) and the rule it breaks.
 */
export interface ImportProblem {
  field: string | Label | null;
  note: RuleNote;
}

/** One record of a package as the dry run judges it. */
export interface ImportItem {
  ref: string;
  /** A record's name (a unit, a person), or a scheme's label in both languages. */
  label: string | Label;
  revision: number | null;
  category: ImportCategory;
  reason: RuleNote | null;
  /** Why a record is refused, field by field, when there is more to say than the reason. */
  problems?: ImportProblem[];
}

/** What importing a package would do, shown before anything is written. */
export interface ImportPlan {
  packageId: string;
  kind: PackageKind;
  sender: { organisation: string; mode: 'branch' | 'office'; fingerprint: string; known: boolean };
  campaignYear: number;
  createdAt: string;
  sequence: number;
  /**
   * next: the expected number; replay: this file, or one with its number, was received already (a re-sent file);
   * gap: numbers before it never arrived; skipped: an earlier number that never arrived, though later ones did.
   */
  sequenceStatus: 'first' | 'next' | 'replay' | 'gap' | 'skipped';
  /** A submission that arrived after the campaign's deadline. */
  late: boolean;
  /** A first contact (setup at an office, enrolment at the branch): the fingerprint must be compared by phone. */
  needsFingerprintCheck: boolean;
  /** An enrolment from a second installation of an office that already has a trusted one, which accepting it revokes. */
  replaces: { organisation: string; fingerprint: string } | null;
  /**
   * A setup file at an office whose name typed at set-up differs from the branch's name for its unit: both are shown
   * and the person chooses (the branch's, unless they keep their own).
   */
  officeName: { typed: string; branch: string } | null;
  items: ImportItem[];
  counts: Record<ImportCategory, number>;
}

/** The deliberate acceptances a person can give after reading the dry run. */
export const importDecisionSchema = z.strictObject({
  acceptReplay: z.boolean().optional(),
  acceptLate: z.boolean().optional(),
  fingerprintConfirmed: z.boolean().optional(),
  /** The office set up a new computer: its new installation replaces the trusted one (whose key is revoked). */
  acceptReplacement: z.boolean().optional(),
  /** A setup file: keep the office's name as typed at set-up rather than the branch's name for its unit. */
  keepOwnName: z.boolean().optional(),
});

export type ImportDecision = z.infer<typeof importDecisionSchema>;

export interface ExchangeRecord {
  id: string;
  direction: 'in' | 'out';
  kind: PackageKind;
  peer: string;
  sequence: number;
  fileName: string;
  at: string;
  summary: Record<string, number>;
}

export interface PeerInfo {
  installationId: string;
  organisation: string;
  mode: 'branch' | 'office';
  officeUnitId: string | null;
  fingerprint: string;
  status: 'trusted' | 'revoked';
  lastSequence: number;
}

/** A name for a file on a USB stick: ASCII only (old FAT sticks, Windows), e.g. "Phong-giao-dich-Go-Dau". */
export function fileNameSlug(name: string): string {
  return (
    name
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      // "Đ" stays a capital: "Đức Hòa" becomes "Duc-Hoa", not "duc-Hoa".
      .replace(/đ/g, 'd')
      .replace(/Đ/g, 'D')
      .replace(/[^A-Za-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 40) || 'tdcs'
  );
}
