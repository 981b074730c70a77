import { describe, expect, it } from 'vitest';
import { keyedErrorMap, fieldIssues } from '../../shared/contract/validation';
import { defaultDeadline, readSettings, schemeFor, type Campaign } from '../../shared/domain/campaign';
import { checkAgainstScheme, dossierContentSchema, type DossierContent, toScoreInput, WOMEN_PRIORITY_SHARE, womenPriorityOf } from '../../shared/domain/dossier';
import { isCollectiveKind, nomineeGroupOf } from '../../shared/domain/kinds';
import { scoreDossier } from '../../shared/scoring/score';
import { perfectContent, scheme } from './fixtures';

function withIndicators(indicators: DossierContent['indicators']): DossierContent {
  return { ...perfectContent(), indicators };
}

function withSelfScores(selfScores: DossierContent['selfScores']): DossierContent {
  return { ...perfectContent(), selfScores };
}

describe('checkAgainstScheme: a dossier checked against the rules of its scheme', () => {
  it('a dossier filled in correctly has no issue', () => {
    expect(checkAgainstScheme(scheme, perfectContent())).toEqual([]);
  });

  it('empty values are allowed (a draft)', () => {
    const content = withIndicators({ overdueRatio: null, guidanceIssued: null });
    content.selfScores = { participation: { points: null, justification: '' } };
    expect(checkAgainstScheme(scheme, content)).toEqual([]);
  });

  it('an indicator the scheme does not know is named', () => {
    expect(checkAgainstScheme(scheme, withIndicators({ bogus: 3 }))).toEqual([
      { path: 'indicators.bogus', key: 'validation.unknownIndicator', params: { indicator: 'bogus' } },
    ]);
  });

  it('a number where yes/no is expected, and yes/no where a number is expected, are the wrong type', () => {
    expect(checkAgainstScheme(scheme, withIndicators({ guidanceIssued: 1, weakGroups: true }))).toEqual([
      { path: 'indicators.guidanceIssued', key: 'validation.wrongType', params: { expected: 'boolean' } },
      { path: 'indicators.weakGroups', key: 'validation.wrongType', params: { expected: 'number' } },
    ]);
  });

  it('a value below the indicator’s minimum is too small', () => {
    expect(checkAgainstScheme(scheme, withIndicators({ overdueRatio: -0.01 }))).toEqual([
      { path: 'indicators.overdueRatio', key: 'validation.tooSmall', params: { minimum: 0 } },
    ]);
  });

  it('a value above the indicator’s maximum is too large', () => {
    expect(checkAgainstScheme(scheme, withIndicators({ overdueRatio: 100.01 }))).toEqual([
      { path: 'indicators.overdueRatio', key: 'validation.tooLarge', params: { maximum: 100 } },
    ]);
  });

  it('values exactly at the bounds are accepted', () => {
    expect(checkAgainstScheme(scheme, withIndicators({ overdueRatio: 0, overdueRatioChange: -100, goodGroupsShare: 100 }))).toEqual([]);
  });

  it('more decimals than the indicator allows is refused', () => {
    expect(checkAgainstScheme(scheme, withIndicators({ overdueRatio: 0.125, weakGroups: 1.5, householdSavingsGrowth: 12.5 }))).toEqual([
      { path: 'indicators.overdueRatio', key: 'validation.decimals', params: { decimals: 2 } },
      { path: 'indicators.weakGroups', key: 'validation.wholeNumber', params: {} },
    ]);
  });

  it('a tiny value written in exponent form counts as too many decimals', () => {
    expect(checkAgainstScheme(scheme, withIndicators({ overdueRatio: 1e-7 }))).toEqual([
      { path: 'indicators.overdueRatio', key: 'validation.decimals', params: { decimals: 2 } },
    ]);
  });

  it('a self score for a criterion that does not exist, or that is not self-scored, is refused', () => {
    expect(
      checkAgainstScheme(
        scheme,
        withSelfScores({
          nope: { points: 100, justification: '' },
          loanPlan: { points: 100, justification: '' },
          capitalManagement: { points: null, justification: '' },
        }),
      ),
    ).toEqual([
      { path: 'selfScores.nope.points', key: 'validation.unknownCriterion', params: { criterion: 'nope' } },
      { path: 'selfScores.loanPlan.points', key: 'validation.unknownCriterion', params: { criterion: 'loanPlan' } },
      { path: 'selfScores.capitalManagement.points', key: 'validation.unknownCriterion', params: { criterion: 'capitalManagement' } },
    ]);
  });

  it('a self score above the criterion maximum is too large (in points)', () => {
    expect(checkAgainstScheme(scheme, withSelfScores({ participation: { points: 1550, justification: '' } }))).toEqual([
      { path: 'selfScores.participation.points', key: 'validation.tooLarge', params: { maximum: 15 } },
    ]);
  });

  it('a self score off the step is refused with the step in points', () => {
    expect(checkAgainstScheme(scheme, withSelfScores({ recordsQuality: { points: 425, justification: '' } }))).toEqual([
      { path: 'selfScores.recordsQuality.points', key: 'validation.step', params: { step: 0.5 } },
    ]);
  });

  it('self scores at the maximum and on the step are accepted', () => {
    expect(
      checkAgainstScheme(
        scheme,
        withSelfScores({
          participation: { points: 1500, justification: '' },
          recordsQuality: { points: 0, justification: '' },
          goodModels: { points: 50, justification: '' },
        }),
      ),
    ).toEqual([]);
  });
});

describe('toScoreInput: what scoring reads from a dossier', () => {
  it('copies indicators, self-score points and the discipline status', () => {
    const content = perfectContent();
    content.discipline = 'investigation';
    const input = toScoreInput(content);
    expect(input.indicators).toEqual(content.indicators);
    expect(input.selfScores).toEqual({ participation: 1500, recordsQuality: 450, goodModels: 50 });
    expect(input.discipline).toBe('investigation');
  });

  it('a collective with at least 70 % women has the priority for women', () => {
    expect(WOMEN_PRIORITY_SHARE).toBe(70);
    const share = (womenShare: number | null) => toScoreInput({ ...perfectContent(), womenShare }).womenPriority;
    expect(share(70)).toBe(true);
    expect(share(100)).toBe(true);
    expect(share(69.99)).toBe(false);
    expect(share(0)).toBe(false);
    expect(share(null)).toBe(false);
  });

  it('an individual has the priority for women from the person’s gender, never from a share of women', () => {
    const woman = { nomineeKind: 'groupHead', personGender: 'female' } as const;
    const man = { nomineeKind: 'groupHead', personGender: 'male' } as const;
    expect(womenPriorityOf(woman, { ...perfectContent(), womenShare: null })).toBe(true);
    expect(womenPriorityOf(woman, { ...perfectContent(), womenShare: 10 })).toBe(true);
    // A share an older version stored for an individual is ignored.
    expect(womenPriorityOf(man, { ...perfectContent(), womenShare: 90 })).toBe(false);
    expect(toScoreInput({ ...perfectContent(), womenShare: 90 }, man).womenPriority).toBe(false);
    expect(toScoreInput({ ...perfectContent(), womenShare: null }, { nomineeKind: 'branchOfficer', personGender: 'female' }).womenPriority).toBe(true);
    expect(womenPriorityOf({ nomineeKind: 'groupHead', personGender: null }, { ...perfectContent(), womenShare: 90 })).toBe(false);
  });

  it('a collective’s priority for women stays its share of women, whatever gender is passed', () => {
    const commune = (womenShare: number | null) => toScoreInput({ ...perfectContent(), womenShare }, { nomineeKind: 'communePeoplesCommittee', personGender: null }).womenPriority;
    expect(commune(70)).toBe(true);
    expect(commune(69.99)).toBe(false);
    expect(commune(null)).toBe(false);
    expect(womenPriorityOf({ nomineeKind: 'womensUnion', personGender: 'female' }, { ...perfectContent(), womenShare: 20 })).toBe(false);
  });

  it('an older individual dossier with a share of women still reads as valid content', () => {
    expect(dossierContentSchema.safeParse({ ...perfectContent(), womenShare: 85 }).success).toBe(true);
  });

  it('an empty self score stays empty', () => {
    const input = toScoreInput(withSelfScores({ participation: { points: null, justification: 'chưa' } }));
    expect(input.selfScores).toEqual({ participation: null });
  });

  it('scores the stored dossier the same as the form preview', () => {
    const result = scoreDossier(scheme, toScoreInput(perfectContent()));
    // perfectContent self-scores 15 + 4.5 + 0.5 instead of 15 + 5 + 1.
    expect(result.total).toBe(10_500 - 50 - 50);
    expect(result.eligible).toBe(true);
  });
});

describe('dossierContentSchema: what the seam accepts', () => {
  it('accepts a well-formed dossier', () => {
    expect(dossierContentSchema.safeParse(perfectContent()).success).toBe(true);
  });

  it('refuses more than 200 indicators with the key validation.tooMany', () => {
    const indicators = Object.fromEntries(Array.from({ length: 201 }, (_, i) => [`k${i}`, 1]));
    const parsed = dossierContentSchema.safeParse({ ...perfectContent(), indicators }, { error: keyedErrorMap });
    expect(parsed.success).toBe(false);
    if (parsed.success) return;
    expect(fieldIssues(parsed.error)).toEqual([{ path: 'indicators', key: 'validation.tooMany', params: { maximum: 200 } }]);
  });

  it('refuses a negative or fractional self score', () => {
    for (const points of [-50, 12.5]) {
      const parsed = dossierContentSchema.safeParse(withSelfScores({ participation: { points, justification: '' } }), { error: keyedErrorMap });
      expect(parsed.success, String(points)).toBe(false);
    }
  });

  it('refuses a share of women above 100 %', () => {
    const parsed = dossierContentSchema.safeParse({ ...perfectContent(), womenShare: 101 }, { error: keyedErrorMap });
    expect(parsed.success).toBe(false);
    if (parsed.success) return;
    expect(fieldIssues(parsed.error)).toEqual([{ path: 'womenShare', key: 'validation.tooLarge', params: { maximum: 100 } }]);
  });
});

describe('kinds and campaigns', () => {
  const campaign: Campaign = { year: 2025, status: 'open', deadline: defaultDeadline(2025), quotaCollectives: 5, quotaIndividuals: 10, settings: readSettings({}), schemes: [scheme] };

  it('dossiers of campaign year Y are due on 10 January of Y+1', () => {
    expect(defaultDeadline(2025)).toBe('2026-01-10');
  });

  it('finds the scheme for the kind it scores and none for kinds it does not', () => {
    expect(schemeFor(campaign, 'communePeoplesCommittee')).toBe(scheme);
    expect(schemeFor(campaign, 'womensUnion')).toBeUndefined();
    expect(schemeFor(campaign, 'groupHead')).toBeUndefined();
    expect(schemeFor(campaign, 'unknownKind')).toBeUndefined();
  });

  it('tells collectives from individuals', () => {
    expect(isCollectiveKind('farmersAssociation')).toBe(true);
    expect(isCollectiveKind('entrustedOfficer')).toBe(false);
    expect(nomineeGroupOf('transactionOffice')).toBe('collective');
    expect(nomineeGroupOf('groupHead')).toBe('individual');
  });
});

describe('a negative self score', () => {
  it('is refused with validation.tooSmall at its field', () => {
    const content = { ...perfectContent(), selfScores: { ...perfectContent().selfScores, recordsQuality: { points: -500, justification: '' } } };
    expect(checkAgainstScheme(scheme, content)).toEqual([{ path: 'selfScores.recordsQuality.points', key: 'validation.tooSmall', params: { minimum: 0 } }]);
  });
});
