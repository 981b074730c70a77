import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { decodeIssueMessage, fieldIssues, issueKey, keyedErrorMap, keyedMessage } from '../../shared/contract/validation';

/** The key and parameters the first issue of a failed parse is shown with. */
function keyOf(schema: z.ZodType, input: unknown) {
  const parsed = schema.safeParse(input, { error: keyedErrorMap });
  if (parsed.success) throw new Error('expected the parse to fail');
  const first = parsed.error.issues[0];
  if (!first) throw new Error('no issue');
  return decodeIssueMessage(first.message);
}

describe('issueKey: zod issues as translation keys', () => {
  it('a value left out is "required"', () => {
    expect(keyOf(z.object({ name: z.string() }), {})).toEqual({ key: 'validation.required', params: {} });
    expect(keyOf(z.string(), null)).toEqual({ key: 'validation.required', params: {} });
  });

  it('an empty text where at least one character is needed is "required"', () => {
    expect(keyOf(z.string().min(1), '')).toEqual({ key: 'validation.required', params: {} });
  });

  it('a text too short for a longer minimum says how long', () => {
    expect(keyOf(z.string().min(8), 'abc')).toEqual({ key: 'validation.tooShort', params: { minimum: 8 } });
  });

  it('a text too long says the maximum length', () => {
    expect(keyOf(z.string().max(64), 'x'.repeat(65))).toEqual({ key: 'validation.tooLong', params: { maximum: 64 } });
  });

  it('a number too large or too small says the bound', () => {
    expect(keyOf(z.number().max(100), 101)).toEqual({ key: 'validation.tooLarge', params: { maximum: 100 } });
    expect(keyOf(z.number().min(0), -1)).toEqual({ key: 'validation.tooSmall', params: { minimum: 0 } });
    expect(keyOf(z.bigint().max(5n), 9n)).toEqual({ key: 'validation.tooLarge', params: { maximum: 5 } });
  });

  it('too many or too few items in a list or set', () => {
    expect(keyOf(z.array(z.number()).max(2), [1, 2, 3])).toEqual({ key: 'validation.tooMany', params: { maximum: 2 } });
    expect(keyOf(z.array(z.number()).min(2), [1])).toEqual({ key: 'validation.tooFew', params: { minimum: 2 } });
    expect(keyOf(z.set(z.number()).max(1), new Set([1, 2]))).toEqual({ key: 'validation.tooMany', params: { maximum: 1 } });
  });

  it('NaN where a number is expected is "not a number"', () => {
    expect(keyOf(z.number(), Number.NaN)).toEqual({ key: 'validation.notANumber', params: {} });
  });

  it('the wrong kind of value names what was expected', () => {
    expect(keyOf(z.number(), 'twelve')).toEqual({ key: 'validation.wrongType', params: { expected: 'number' } });
    expect(keyOf(z.boolean(), 1)).toEqual({ key: 'validation.wrongType', params: { expected: 'boolean' } });
  });

  it('a value off the step names the step', () => {
    expect(keyOf(z.number().multipleOf(5), 7)).toEqual({ key: 'validation.step', params: { step: 5 } });
  });

  it('a value not among the choices', () => {
    expect(keyOf(z.enum(['none', 'discipline']), 'other')).toEqual({ key: 'validation.choice', params: {} });
    expect(keyOf(z.literal('x'), 'y')).toEqual({ key: 'validation.choice', params: {} });
  });

  it('nothing typed or chosen (an empty select, an empty cell of an imported list) is "required"', () => {
    expect(keyOf(z.enum(['female', 'male']), null)).toEqual({ key: 'validation.required', params: {} });
    expect(keyOf(z.enum(['female', 'male']), '')).toEqual({ key: 'validation.required', params: {} });
    // An empty name is missing, not too short, even where two letters are the minimum.
    expect(keyOf(z.string().trim().min(2), '   ')).toEqual({ key: 'validation.required', params: {} });
    expect(keyOf(z.string().trim().min(2), 'N')).toEqual({ key: 'validation.tooShort', params: { minimum: 2 } });
  });

  it('a text in the wrong format names the format', () => {
    expect(keyOf(z.string().regex(/^[a-z]+$/), 'A1')).toEqual({ key: 'validation.format', params: { format: 'regex' } });
    expect(keyOf(z.email(), 'not-an-email')).toEqual({ key: 'validation.format', params: { format: 'email' } });
  });

  it('fields the schema does not know are listed', () => {
    expect(keyOf(z.strictObject({ a: z.number() }), { a: 1, b: 2, c: 3 })).toEqual({ key: 'validation.unknownFields', params: { fields: 'b, c' } });
  });

  it('a custom issue carries its own key and parameters', () => {
    const schema = z.number().refine((n) => n % 2 === 0, { params: { key: 'validation.step', step: 2 } });
    expect(keyOf(schema, 3)).toEqual({ key: 'validation.step', params: { step: 2 } });
  });

  it('a custom issue without a key, and issues without a mapping, are "not valid"', () => {
    expect(keyOf(z.number().refine((n) => n > 0), -1)).toEqual({ key: 'validation.invalid', params: {} });
    expect(keyOf(z.union([z.string(), z.number()]), true)).toEqual({ key: 'validation.invalid', params: {} });
  });

  it('maps raw issues directly, too', () => {
    expect(issueKey({ code: 'invalid_type', expected: 'string', input: undefined })).toEqual({ key: 'validation.required', params: {} });
    expect(issueKey({ code: 'too_big', origin: 'string', maximum: 10, input: 'x'.repeat(11) })).toEqual({ key: 'validation.tooLong', params: { maximum: 10 } });
    expect(issueKey({ code: 'too_small', origin: 'number', minimum: 3n, input: 1 })).toEqual({ key: 'validation.tooSmall', params: { minimum: 3 } });
  });
});

describe('the message encoding used by forms', () => {
  it('keyedErrorMap and decodeIssueMessage round-trip a key and its parameters', () => {
    const parsed = z.object({ name: z.string().max(3) }).safeParse({ name: 'Nguyễn' }, { error: keyedErrorMap });
    expect(parsed.success).toBe(false);
    if (parsed.success) return;
    const message = parsed.error.issues[0]?.message ?? '';
    expect(message).toBe('validation.tooLong|{"maximum":3}');
    expect(decodeIssueMessage(message)).toEqual({ key: 'validation.tooLong', params: { maximum: 3 } });
  });

  it('keyedMessage writes the same encoding', () => {
    expect(keyedMessage('validation.passwordsDiffer')).toBe('validation.passwordsDiffer|{}');
    expect(decodeIssueMessage(keyedMessage('validation.tooShort', { minimum: 8, field: 'a|b' }))).toEqual({
      key: 'validation.tooShort',
      params: { minimum: 8, field: 'a|b' },
    });
  });

  it('a plain message is read as a key without parameters', () => {
    expect(decodeIssueMessage('validation.required')).toEqual({ key: 'validation.required', params: {} });
  });

  it('broken parameters are dropped, keeping the key', () => {
    expect(decodeIssueMessage('validation.tooLong|{not json')).toEqual({ key: 'validation.tooLong', params: {} });
  });
});

describe('fieldIssues: a failed parse flattened for the UI', () => {
  const schema = z.object({
    unitId: z.string().min(1),
    content: z.object({ indicators: z.record(z.string(), z.number()), list: z.array(z.number()) }),
  });

  it('joins nested paths with dots, array positions included', () => {
    const parsed = schema.safeParse({ unitId: '', content: { indicators: { overdueRatio: 'x' }, list: [1, 2, 'three'] } }, { error: keyedErrorMap });
    expect(parsed.success).toBe(false);
    if (parsed.success) return;
    expect(fieldIssues(parsed.error)).toEqual([
      { path: 'unitId', key: 'validation.required', params: {} },
      { path: 'content.indicators.overdueRatio', key: 'validation.wrongType', params: { expected: 'number' } },
      { path: 'content.list.2', key: 'validation.wrongType', params: { expected: 'number' } },
    ]);
  });

  it('an issue about the whole input has an empty path', () => {
    const parsed = z.strictObject({}).safeParse({ extra: 1 }, { error: keyedErrorMap });
    expect(parsed.success).toBe(false);
    if (parsed.success) return;
    expect(fieldIssues(parsed.error)).toEqual([{ path: '', key: 'validation.unknownFields', params: { fields: 'extra' } }]);
  });

  it('reports at most 50 issues', () => {
    const parsed = z.array(z.number()).safeParse(Array.from({ length: 80 }, () => 'x'), { error: keyedErrorMap });
    expect(parsed.success).toBe(false);
    if (parsed.success) return;
    expect(parsed.error.issues).toHaveLength(80);
    const issues = fieldIssues(parsed.error);
    expect(issues).toHaveLength(50);
    expect(issues[49]?.path).toBe('49');
  });
});
