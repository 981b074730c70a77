import type { AppErrorShape } from '../contract/errors';
import type { ImportProblem } from '../domain/exchange';
import type { Language } from '../domain/kinds';
import { en, type Messages } from './en';
import { vi } from './vi';

export const messages: Record<Language, Messages> = { vi, en };
export type { Messages };

/** A translate function, as i18next's `t` or the CLI's own. */
export type Translate = (key: string, params?: Record<string, string | number>) => string;

/** The language to start in: Vietnamese when the system locale is Vietnamese, otherwise English. */
export function languageForLocale(locale: string | undefined | null): Language {
  return locale && /^vi\b|^vi[-_]/i.test(locale) ? 'vi' : 'en';
}

/** One line for an error, in the user's language, naming the first fields at fault. */
export function describeError(error: AppErrorShape, t: Translate): string {
  const reference = error.code === 'internal' && error.params?.reference !== undefined ? ` ${t('errors.reference', { reference: error.params.reference })}` : '';
  const head = `${t(`errors.${error.code}`, error.params ?? {})}${reference}`;
  const issues = (error.issues ?? []).slice(0, 3).map((issue) => (issue.path ? `${issue.path}: ${t(issue.key, issue.params)}` : t(issue.key, issue.params)));
  return issues.length > 0 ? `${head} ${issues.join('; ')}` : head;
}

/** One problem of a received record, as "field: rule broken", in the reader's language. */
export function describeProblem(problem: ImportProblem, t: Translate, language: Language): string {
  const rule = t(problem.note.key, problem.note.params);
  if (problem.field === null) return rule;
  const field = typeof problem.field === 'string' ? t(`exchangeItem.fields.${problem.field}`) : problem.field[language];
  return `${field}: ${rule}`;
}
