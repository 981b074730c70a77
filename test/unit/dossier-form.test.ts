import { describe, expect, it } from 'vitest';
import { decodeIssueMessage, fieldIssues, keyedErrorMap } from '../../shared/contract/validation';
import {
  contentToFormValues,
  dossierFormSchema,
  type DossierFormValues,
  emptyFormValues,
  formValuesToContent,
  parseDecimal,
} from '../../shared/domain/dossier-form';
import { perfectContent, scheme } from './fixtures';

/** Form values as an office that filled everything in would have typed them. */
function filledForm(): DossierFormValues {
  return contentToFormValues(scheme, 'unit-1', perfectContent());
}

/** Issues of a failed form check, decoded the way the form shows them. */
function formIssues(values: DossierFormValues) {
  const parsed = dossierFormSchema(scheme).safeParse(values, { error: keyedErrorMap });
  if (parsed.success) return [];
  return parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), ...decodeIssueMessage(issue.message) }));
}

describe('parseDecimal: numbers typed into the form', () => {
  it('reads a decimal comma or a decimal point', () => {
    expect(parseDecimal('12,5')).toBe(12.5);
    expect(parseDecimal('12.5')).toBe(12.5);
    expect(parseDecimal('0,14')).toBe(0.14);
    expect(parseDecimal('7')).toBe(7);
  });

  it('reads negative numbers', () => {
    expect(parseDecimal('-0,05')).toBe(-0.05);
    expect(parseDecimal('-3')).toBe(-3);
  });

  it('accepts spaces and non-breaking spaces between thousands', () => {
    expect(parseDecimal('1 000')).toBe(1000);
    expect(parseDecimal('52\u00a0000')).toBe(52_000);
    expect(parseDecimal('1 234 567,5')).toBe(1_234_567.5);
    expect(parseDecimal('  42 ')).toBe(42);
  });

  it('reads the Vietnamese full form and the English one alike, and gives nothing for a text that reads two ways', () => {
    expect(parseDecimal('1.000,5')).toBe(1000.5);
    expect(parseDecimal('1,000.5')).toBe(1000.5);
    expect(parseDecimal('85.400')).toBeNull();
    expect(parseDecimal('0.400')).toBe(0.4);
  });

  it('rejects letters, empty text and other non-numbers', () => {
    for (const text of ['', '   ', 'abc', '12a', 'mười', '1e5', '+5', ',5', '5,', '--5', '1,2,3', 'Infinity', 'NaN']) {
      expect(parseDecimal(text), text).toBeNull();
    }
  });

  it('rejects more than 15 digits before or 8 after the decimal mark', () => {
    expect(parseDecimal('123456789012345')).toBe(123_456_789_012_345);
    expect(parseDecimal('1234567890123456')).toBeNull();
    expect(parseDecimal('0,12345678')).toBe(0.12345678);
    expect(parseDecimal('0,123456789')).toBeNull();
  });
});

describe('emptyFormValues', () => {
  it('has an empty text for every indicator and every self-scored criterion', () => {
    const values = emptyFormValues(scheme, 'unit-9');
    expect(values.unitId).toBe('unit-9');
    expect(Object.keys(values.indicators)).toEqual(scheme.indicators.map((i) => i.key));
    expect(Object.values(values.indicators).every((text) => text === '')).toBe(true);
    expect(values.selfScores).toEqual({
      participation: { points: '', justification: '' },
      recordsQuality: { points: '', justification: '' },
      goodModels: { points: '', justification: '' },
    });
    expect(values.report).toBe('');
    expect(values.discipline).toBe('none');
    expect(values.womenShare).toBe('');
  });

  it('has no unit by default', () => {
    expect(emptyFormValues(scheme).unitId).toBe('');
  });
});

describe('formValuesToContent: from what was typed to what is stored', () => {
  it('an empty form becomes a dossier with every value empty and nothing unreadable', () => {
    const { content, unreadable } = formValuesToContent(scheme, emptyFormValues(scheme, 'u'));
    expect(unreadable).toEqual([]);
    expect(Object.values(content.indicators).every((value) => value === null)).toBe(true);
    expect(Object.keys(content.indicators)).toHaveLength(scheme.indicators.length);
    expect(content.selfScores.participation).toEqual({ points: null, justification: '' });
    expect(content.womenShare).toBeNull();
  });

  it('reads decimals with a comma and thousands with spaces', () => {
    const values = emptyFormValues(scheme, 'u');
    values.indicators.overdueRatio = '0,25';
    values.indicators.outstandingLoans = '52 000';
    const { content } = formValuesToContent(scheme, values);
    expect(content.indicators.overdueRatio).toBe(0.25);
    expect(content.indicators.outstandingLoans).toBe(52_000);
  });

  it('maps "yes" and "no" to true and false, anything else to empty', () => {
    const values = emptyFormValues(scheme, 'u');
    values.indicators.guidanceIssued = 'yes';
    values.indicators.seriousViolation = 'no';
    values.indicators.entrustedBudgetCapital = 'maybe';
    const { content, unreadable } = formValuesToContent(scheme, values);
    expect(content.indicators.guidanceIssued).toBe(true);
    expect(content.indicators.seriousViolation).toBe(false);
    expect(content.indicators.entrustedBudgetCapital).toBeNull();
    expect(unreadable).toEqual([]);
  });

  it('stores self scores in hundredths and keeps the justification', () => {
    const values = emptyFormValues(scheme, 'u');
    values.selfScores.participation = { points: '12,5', justification: 'Đã chỉ đạo' };
    values.selfScores.goodModels = { points: ' 1 ', justification: '' };
    const { content } = formValuesToContent(scheme, values);
    expect(content.selfScores.participation).toEqual({ points: 1250, justification: 'Đã chỉ đạo' });
    expect(content.selfScores.goodModels).toEqual({ points: 100, justification: '' });
  });

  it('reports every field whose text is not a number, by form path, and leaves it empty', () => {
    const values = emptyFormValues(scheme, 'u');
    values.indicators.overdueRatio = 'abc';
    values.indicators.weakGroups = '12,34,5';
    values.selfScores.recordsQuality = { points: 'năm', justification: '' };
    values.womenShare = 'nhiều';
    const { content, unreadable } = formValuesToContent(scheme, values);
    expect(unreadable).toEqual(['indicators.overdueRatio', 'indicators.weakGroups', 'selfScores.recordsQuality.points', 'womenShare']);
    expect(content.indicators.overdueRatio).toBeNull();
    expect(content.indicators.weakGroups).toBeNull();
    expect(content.selfScores.recordsQuality?.points).toBeNull();
    expect(content.womenShare).toBeNull();
  });

  it('an individual’s form does not ask for a share of women: a stored one is carried unchanged, typed text is neither read nor reported', () => {
    const stored = contentToFormValues(scheme, 'u', { ...perfectContent(), womenShare: 85 });
    expect(formValuesToContent(scheme, stored, 'individual')).toEqual(formValuesToContent(scheme, stored));
    expect(formValuesToContent(scheme, stored, 'individual').content.womenShare).toBe(85);
    // Left over in a draft kept before the field was hidden: dropped, never an error the person cannot see.
    for (const text of ['nhiều', '120', '-1']) {
      const values = { ...stored, womenShare: text };
      const { content, unreadable } = formValuesToContent(scheme, values, 'individual');
      expect(content.womenShare, text).toBeNull();
      expect(unreadable, text).toEqual([]);
      expect(dossierFormSchema(scheme, 'individual').safeParse(values).success, text).toBe(true);
      expect(dossierFormSchema(scheme).safeParse(values).success, text).toBe(false);
    }
  });

  it('drops self scores for criteria that are not self-scored', () => {
    const values = emptyFormValues(scheme, 'u');
    values.selfScores.loanPlan = { points: '5', justification: '' };
    expect(Object.keys(formValuesToContent(scheme, values).content.selfScores)).toEqual(['participation', 'recordsQuality', 'goodModels']);
  });
});

describe('contentToFormValues: a stored dossier back in the form', () => {
  it('writes decimals the Vietnamese way and yes/no as "yes"/"no"', () => {
    const values = filledForm();
    expect(values.unitId).toBe('unit-1');
    expect(values.indicators.overdueRatio).toBe('0,1');
    expect(values.indicators.goodGroupsShare).toBe('97,5');
    expect(values.indicators.guidanceIssued).toBe('yes');
    expect(values.indicators.seriousViolation).toBe('no');
    expect(values.selfScores.participation).toEqual({ points: '15', justification: 'Chỉ đạo sát sao' });
    expect(values.selfScores.recordsQuality?.points).toBe('4,5');
    expect(values.selfScores.goodModels?.points).toBe('0,5');
    expect(values.womenShare).toBe('72,5');
  });

  it('leaves empty values empty', () => {
    const content = { ...perfectContent(), womenShare: null };
    content.indicators.overdueRatio = null;
    content.selfScores.participation = { points: null, justification: '' };
    const values = contentToFormValues(scheme, 'u', content);
    expect(values.indicators.overdueRatio).toBe('');
    expect(values.selfScores.participation?.points).toBe('');
    expect(values.womenShare).toBe('');
  });

  it('round-trips: content → form → content gives the same content', () => {
    const content = perfectContent();
    content.indicators.overdueRatioChange = -0.07;
    content.indicators.outstandingInterestRatio = 0.05;
    content.selfScores.recordsQuality = { points: 5, justification: 'x' };
    content.discipline = 'inspection';
    const back = formValuesToContent(scheme, contentToFormValues(scheme, 'u', content));
    expect(back.unreadable).toEqual([]);
    expect(back.content).toEqual(content);
  });

  it('round-trips an empty dossier', () => {
    const empty = formValuesToContent(scheme, emptyFormValues(scheme, 'u')).content;
    expect(formValuesToContent(scheme, contentToFormValues(scheme, 'u', empty)).content).toEqual(empty);
  });
});

describe('dossierFormSchema: what the form refuses, as translation keys', () => {
  it('accepts a fully and correctly filled form', () => {
    expect(formIssues(filledForm())).toEqual([]);
  });

  it('accepts an empty form with a unit chosen (a draft)', () => {
    expect(formIssues(emptyFormValues(scheme, 'unit-1'))).toEqual([]);
  });

  it('letters in an indicator: "Not a number" on that indicator', () => {
    const values = filledForm();
    values.indicators.overdueRatio = '0,1a';
    expect(formIssues(values)).toEqual([{ path: 'indicators.overdueRatio', key: 'validation.notANumber', params: {} }]);
  });

  it('a self score above the criterion’s maximum: "At most 15"', () => {
    const values = filledForm();
    values.selfScores.participation = { points: '16', justification: '' };
    expect(formIssues(values)).toEqual([{ path: 'selfScores.participation.points', key: 'validation.tooLarge', params: { maximum: 15 } }]);
  });

  it('a self score off the 0.5-point step: "Use steps of 0.5"', () => {
    const values = filledForm();
    values.selfScores.participation = { points: '12,25', justification: '' };
    expect(formIssues(values)).toEqual([{ path: 'selfScores.participation.points', key: 'validation.step', params: { step: 0.5 } }]);
  });

  it('an unreadable self score: "Not a number"', () => {
    const values = filledForm();
    values.selfScores.goodModels = { points: 'một', justification: '' };
    expect(formIssues(values)).toEqual([{ path: 'selfScores.goodModels.points', key: 'validation.notANumber', params: {} }]);
  });

  it('an indicator outside its bounds or with too many decimals', () => {
    const values = filledForm();
    values.indicators.overdueRatio = '101';
    values.indicators.goodGroupsShare = '-1';
    values.indicators.outstandingInterestRatio = '0,123';
    expect(formIssues(values)).toEqual([
      { path: 'indicators.overdueRatio', key: 'validation.tooLarge', params: { maximum: 100 } },
      { path: 'indicators.outstandingInterestRatio', key: 'validation.decimals', params: { decimals: 2 } },
      { path: 'indicators.goodGroupsShare', key: 'validation.tooSmall', params: { minimum: 0 } },
    ]);
  });

  it('a share of women above 100 %: "A percentage between 0 and 100"', () => {
    const values = filledForm();
    values.womenShare = '120';
    expect(formIssues(values)).toEqual([{ path: 'womenShare', key: 'validation.percent', params: {} }]);
    values.womenShare = '-1';
    expect(formIssues(values)).toEqual([{ path: 'womenShare', key: 'validation.percent', params: {} }]);
    values.womenShare = '100';
    expect(formIssues(values)).toEqual([]);
  });

  it('no unit chosen: "Required"', () => {
    const values = filledForm();
    values.unitId = '';
    expect(formIssues(values)).toContainEqual({ path: 'unitId', key: 'validation.required', params: {} });
  });

  it('a field longer than 64 characters: "At most 64 characters"', () => {
    const values = filledForm();
    values.indicators.weakGroups = '1'.repeat(65);
    expect(formIssues(values)).toContainEqual({ path: 'indicators.weakGroups', key: 'validation.tooLong', params: { maximum: 64 } });
  });

  it('fieldIssues gives the same keyed issues for the form to show', () => {
    const values = filledForm();
    values.indicators.overdueRatio = 'x';
    values.selfScores.participation = { points: '16', justification: '' };
    const parsed = dossierFormSchema(scheme).safeParse(values, { error: keyedErrorMap });
    expect(parsed.success).toBe(false);
    if (parsed.success) return;
    expect(fieldIssues(parsed.error)).toEqual([
      { path: 'indicators.overdueRatio', key: 'validation.notANumber', params: {} },
      { path: 'selfScores.participation.points', key: 'validation.tooLarge', params: { maximum: 15 } },
    ]);
  });
});
