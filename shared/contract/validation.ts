import type { z } from 'zod';
import type { FieldIssue } from './errors';

type RawIssue = z.core.$ZodRawIssue;
type Params = Record<string, string | number>;

function numberParam(value: number | bigint): number {
  return typeof value === 'bigint' ? Number(value) : value;
}

/** Turns a zod issue into a translation key and its parameters (one mapping for forms and the seam). */
export function issueKey(issue: RawIssue): { key: string; params: Params } {
  // Whatever the check, a field that is simply absent is "required".
  if (issue.input === undefined && issue.code !== 'custom' && issue.code !== 'unrecognized_keys') return { key: 'validation.required', params: {} };
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined || issue.input === null) return { key: 'validation.required', params: {} };
      if (issue.expected === 'number' && typeof issue.input === 'number') return { key: 'validation.notANumber', params: {} };
      if (issue.expected === 'int' && typeof issue.input === 'number') return { key: 'validation.wholeNumber', params: {} };
      return { key: 'validation.wrongType', params: { expected: String(issue.expected) } };
    case 'too_big':
      if (issue.origin === 'string') return { key: 'validation.tooLong', params: { maximum: numberParam(issue.maximum) } };
      if (issue.origin === 'array' || issue.origin === 'set') return { key: 'validation.tooMany', params: { maximum: numberParam(issue.maximum) } };
      return { key: 'validation.tooLarge', params: { maximum: numberParam(issue.maximum) } };
    case 'too_small':
      if (issue.origin === 'string' && issue.input === '') return { key: 'validation.required', params: {} };
      if (issue.origin === 'string') {
        return numberParam(issue.minimum) <= 1
          ? { key: 'validation.required', params: {} }
          : { key: 'validation.tooShort', params: { minimum: numberParam(issue.minimum) } };
      }
      if (issue.origin === 'array' || issue.origin === 'set') return { key: 'validation.tooFew', params: { minimum: numberParam(issue.minimum) } };
      return { key: 'validation.tooSmall', params: { minimum: numberParam(issue.minimum) } };
    case 'not_multiple_of':
      return { key: 'validation.step', params: { step: numberParam(issue.divisor) } };
    case 'invalid_value':
      // Nothing chosen (an empty select, an empty spreadsheet cell) is "required", not a wrong choice.
      if (issue.input === null || issue.input === '') return { key: 'validation.required', params: {} };
      return { key: 'validation.choice', params: {} };
    case 'invalid_format':
      return { key: 'validation.format', params: { format: String(issue.format) } };
    case 'unrecognized_keys':
      return { key: 'validation.unknownFields', params: { fields: issue.keys.join(', ') } };
    case 'custom': {
      const params = (issue.params ?? {}) as { key?: unknown } & Params;
      const { key, ...rest } = params;
      return { key: typeof key === 'string' ? key : 'validation.invalid', params: rest as Params };
    }
    default:
      return { key: 'validation.invalid', params: {} };
  }
}

const SEPARATOR = '|';

/** Zod error map that encodes the key and parameters in the message, for react-hook-form's resolver. */
export const keyedErrorMap: z.core.$ZodErrorMap = (issue) => {
  const { key, params } = issueKey(issue);
  return `${key}${SEPARATOR}${JSON.stringify(params)}`;
};

/** Reads back a message written by {@link keyedErrorMap}. */
export function decodeIssueMessage(message: string): { key: string; params: Params } {
  const at = message.indexOf(SEPARATOR);
  if (at < 0) return { key: message, params: {} };
  try {
    return { key: message.slice(0, at), params: JSON.parse(message.slice(at + 1)) as Params };
  } catch {
    return { key: message.slice(0, at), params: {} };
  }
}

/** Flattens a failed parse into field issues, keyed the same way the forms show them. */
export function fieldIssues(error: z.core.$ZodError): FieldIssue[] {
  return error.issues.slice(0, 50).map((issue) => {
    const { key, params } = decodeIssueMessage(issue.message);
    return { path: issue.path.map(String).join('.'), key, params };
  });
}

/** A schema-level message in the same encoding, for checks zod has no issue code for. */
export function keyedMessage(key: string, params: Params = {}): string {
  return `${key}${SEPARATOR}${JSON.stringify(params)}`;
}
