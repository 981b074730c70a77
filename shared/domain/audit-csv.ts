import type { Language } from './kinds';
import type { AuditChange, AuditEntry, AuditValue } from './audit';
import { formatDateTime } from '../i18n/format';

type Translate = (key: string, params?: Record<string, string | number>) => string;

/** An action's name in the reader's language (the code itself when it is not one this version knows). */
export function auditActionLabel(action: string, t: Translate): string {
  const key = `trust.audit.actions.${action}`;
  const label = t(key);
  return label === key ? action : label;
}

/** Who acted, as a person reads it. */
export function auditActorLabel(entry: Pick<AuditEntry, 'actor' | 'actorId'>, t: Translate): string {
  if (entry.actor === 'system') return t('trust.audit.system');
  if (entry.actor === 'anonymous') return t('trust.audit.anonymous');
  if (entry.actor.startsWith('operator')) return t('trust.audit.operator', { name: entry.actor.replace(/^operator:?/, '') || '—' });
  return entry.actor;
}

/** Fields whose values are codes with a name in the catalogue. */
const NAMED_VALUES: Record<string, string> = { kind: 'kinds', role: 'roles', level: 'levels', language: 'language', reason: 'trust.backups.reasons', kindOfFile: 'exchange.kinds', councilPosition: 'decides.positions', stage: 'decides.history.stages' };

/** One value as the reader writes it: a code's name, yes/no, a total in points. */
function valueText(key: string, value: AuditValue, t: Translate): string {
  if (value === null || value === '') return '—';
  if (typeof value === 'boolean') return value ? t('app.yes') : t('app.no');
  if (key === 'selfTotal' && typeof value === 'number') return t('app.points', { value: value / 100 });
  const family = key === 'status' ? (typeof value === 'string' && ['preparation', 'open', 'closed'].includes(value) ? 'campaign.statuses' : 'statuses') : NAMED_VALUES[key];
  if (family && typeof value === 'string') {
    const named = t(`${family}.${value}`);
    if (named !== `${family}.${value}`) return named;
  }
  return typeof value === 'number' ? t('app.number', { value }) : value;
}

/** A before/after as one short line in the reader's words: "Trạng thái: Nháp, Lần gửi: 2". */
export function auditValues(values: AuditChange['before'], t: Translate): string {
  if (!values) return '';
  return Object.entries(values)
    .map(([key, value]) => {
      const field = t(`trust.audit.fields.${key}`);
      return `${field === `trust.audit.fields.${key}` ? key : field}: ${valueText(key, value, t)}`;
    })
    .join(', ');
}

/** One CSV cell: quoted when needed, and never read by a spreadsheet as a formula. */
function cell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The audit log as CSV for Excel or LibreOffice: a byte-order mark (so Vietnamese reads right), a header row, one row an entry. */
export function auditCsv(entries: readonly AuditEntry[], t: Translate, language: Language): string {
  const rows = entries.map((entry) =>
    [
      String(entry.seq),
      formatDateTime(entry.at, language),
      auditActorLabel(entry, t),
      auditActionLabel(entry.action, t),
      entry.recordType ? t(`trust.audit.recordTypes.${entry.recordType}`) : '',
      entry.recordLabel ?? '',
      entry.recordId ?? '',
      auditValues(entry.change.before, t),
      auditValues(entry.change.after, t),
      entry.change.note ?? '',
      entry.hash,
    ]
      .map(cell)
      .join(','),
  );
  return `\ufeff${[t('trust.audit.csvColumns'), ...rows].join('\r\n')}\r\n`;
}
