import { describe, expect, it } from 'vitest';
import { namedParams } from '../../shared/scoring/note-names';
import { scorePoints } from '../../shared/scoring/points';
import { COMPLETE_GATE_ID, criterionPoints, scoreDossier } from '../../shared/scoring/score';
import type { DisciplineStatus, Scheme } from '../../shared/scoring/types';
import { leaf, perfectInput, scheme as collective, scoreInput } from './fixtures';

/** A small scheme: a capped group, a manual criterion, a capped bonus and one gate of each type. */
const scheme: Scheme = {
  id: 'test',
  version: 1,
  kinds: ['womensUnion'],
  label: { vi: 'Thử', en: 'Test' },
  indicators: [],
  criteria: [
    {
      id: 'group',
      label: { vi: 'Nhóm', en: 'Group' },
      max: 1000,
      children: [
        leaf({ type: 'linear', indicator: 'x', zeroAt: 0, fullAt: 10 }, 600, 'childX'),
        leaf({ type: 'linear', indicator: 'y', zeroAt: 0, fullAt: 10 }, 600, 'childY'),
      ],
    },
    leaf({ type: 'manual', step: 50 }, 500, 'self'),
  ],
  bonus: {
    max: 300,
    criteria: [
      leaf({ type: 'yesNo', indicator: 'b1', pointsWhen: true }, 200, 'bonus1'),
      leaf({ type: 'yesNo', indicator: 'b2', pointsWhen: true }, 200, 'bonus2'),
    ],
  },
  gates: [
    { id: 'clean', label: { vi: 'Không vi phạm', en: 'No violation' }, condition: { type: 'is', indicator: 'violation', value: false } },
    { id: 'ceiling', label: { vi: 'Trần', en: 'Ceiling' }, condition: { type: 'atMost', indicator: 'ratio', bound: 1 } },
    { id: 'floor', label: { vi: 'Sàn', en: 'Floor' }, condition: { type: 'atLeast', indicator: 'share', bound: 50 } },
  ],
  minTotal: 0,
};

const passingGates = { violation: false, ratio: 0.5, share: 80 };

function score(indicators: Record<string, number | boolean | null> = {}, self: number | null = 500, discipline: DisciplineStatus = 'none') {
  return scoreDossier(scheme, scoreInput({ x: 5, y: 5, b1: false, b2: false, ...passingGates, ...indicators }, { self }, discipline));
}

describe('groups and bonus', () => {
  it('a group adds up its children', () => {
    const result = score({ x: 5, y: 2.5 });
    const group = result.criteria[0];
    expect(group?.rule).toBe('group');
    expect(group?.points).toBe(450);
    expect(group?.children.map((c) => c.points)).toEqual([300, 150]);
    expect(group?.note).toBeNull();
  });

  it('a group whose children add up to more than its maximum is capped and says so', () => {
    const result = score({ x: 10, y: 10 });
    const group = result.criteria[0];
    expect(group?.children.map((c) => c.points)).toEqual([600, 600]);
    expect(group?.points).toBe(1000);
    expect(group?.note).toEqual({ key: 'rule.groupCapped', params: { max: 10 } });
    expect(result.base).toBe(1500);
  });

  it('a group at exactly its maximum is not reported as capped', () => {
    const result = score({ x: 10, y: 6.6667 });
    expect(result.criteria[0]?.points).toBe(1000);
    expect(result.criteria[0]?.note).toBeNull();
  });

  it('bonus points are added to the base total', () => {
    const result = score({ b1: true });
    expect(result.bonus).toBe(200);
    expect(result.total).toBe(result.base + 200);
  });

  it('bonus points are capped at the bonus maximum', () => {
    const result = score({ b1: true, b2: true });
    expect(result.bonusCriteria.map((c) => c.points)).toEqual([200, 200]);
    expect(result.bonus).toBe(300);
    expect(result.total).toBe(result.base + 300);
  });

  it('a criterion with neither rule nor children scores 0 and is not missing', () => {
    const bare: Scheme = { ...scheme, criteria: [{ id: 'bare', label: { vi: 'b', en: 'b' }, max: 500 }], bonus: { max: 0, criteria: [] }, gates: [] };
    const result = scoreDossier(bare, scoreInput());
    expect(result.criteria[0]?.points).toBe(0);
    expect(result.criteria[0]?.rule).toBe('group');
    expect(result.missing).toEqual([]);
    expect(result.complete).toBe(true);
  });
});

describe('gates: conditions that make a dossier ineligible, with the reason', () => {
  it('a dossier passing every gate is eligible with no failure', () => {
    const result = score();
    expect(result.gateFailures).toEqual([]);
    expect(result.eligible).toBe(true);
  });

  it('"is" gate: a serious violation (true where false is required) fails with gate.isNot', () => {
    const result = score({ violation: true });
    expect(result.eligible).toBe(false);
    expect(result.gateFailures).toEqual([
      { gateId: 'clean', label: { vi: 'Không vi phạm', en: 'No violation' }, note: { key: 'gate.isNot', params: { indicator: 'violation' } } },
    ]);
  });

  it('"is" gate: an unanswered question fails with gate.missing', () => {
    for (const value of [null, 0]) {
      const result = score({ violation: value });
      expect(result.eligible).toBe(false);
      expect(result.gateFailures.map((f) => [f.gateId, f.note.key])).toEqual([['clean', 'gate.missing']]);
      expect(result.gateFailures[0]?.note.params).toEqual({ indicator: 'violation' });
    }
  });

  it('"atMost" gate: exactly at the bound passes, above it fails with the value and the bound', () => {
    expect(score({ ratio: 1 }).eligible).toBe(true);
    const result = score({ ratio: 1.01 });
    expect(result.eligible).toBe(false);
    expect(result.gateFailures).toEqual([{ gateId: 'ceiling', label: { vi: 'Trần', en: 'Ceiling' }, note: { key: 'gate.above', params: { value: 1.01, bound: 1 } } }]);
  });

  it('"atLeast" gate: exactly at the bound passes, below it fails with the value and the bound', () => {
    expect(score({ share: 50 }).eligible).toBe(true);
    const result = score({ share: 49.9 });
    expect(result.eligible).toBe(false);
    expect(result.gateFailures).toEqual([{ gateId: 'floor', label: { vi: 'Sàn', en: 'Floor' }, note: { key: 'gate.below', params: { value: 49.9, bound: 50 } } }]);
  });

  it('numeric gates fail as missing when their indicator is empty, not a number or not finite', () => {
    for (const value of [null, true, Number.NaN, Number.POSITIVE_INFINITY]) {
      const result = score({ ratio: value, share: value });
      expect(result.eligible).toBe(false);
      expect(result.gateFailures.map((f) => [f.gateId, f.note.key])).toEqual([
        ['ceiling', 'gate.missing'],
        ['floor', 'gate.missing'],
      ]);
    }
  });

  it('every failing gate is reported, not only the first', () => {
    const result = score({ violation: true, ratio: 3, share: 10 });
    expect(result.gateFailures.map((f) => f.gateId)).toEqual(['clean', 'ceiling', 'floor']);
  });

  it.each<DisciplineStatus>(['discipline', 'investigation', 'inspection'])(
    'a nominee under %s cannot be proposed, whatever the score, and the reason is named',
    (status) => {
      const result = score({ b1: true, b2: true }, 500, status);
      expect(result.eligible).toBe(false);
      expect(result.gateFailures).toEqual([{ gateId: 'discipline', label: null, note: { key: `gate.discipline.${status}`, params: {} } }]);
      expect(result.total).toBe(score({ b1: true, b2: true }).total);
    },
  );

  it('a nominee not under discipline passes the standing gate', () => {
    expect(score({}, 500, 'none').gateFailures.some((f) => f.gateId === 'discipline')).toBe(false);
  });

  it('a total below the minimum fails the minimum-total gate, with both in points', () => {
    const strict: Scheme = { ...scheme, minTotal: 1101 };
    // x = 5, y = 5 → group 600; self 500 → total 1100.
    const result = scoreDossier(strict, scoreInput({ x: 5, y: 5, b1: false, b2: false, ...passingGates }, { self: 500 }));
    expect(result.total).toBe(1100);
    expect(result.eligible).toBe(false);
    expect(result.gateFailures).toEqual([{ gateId: 'minTotal', label: null, note: { key: 'gate.minTotal', params: { total: 11, minimum: 11.01 } } }]);
  });

  it('a total exactly at the minimum passes', () => {
    const strict: Scheme = { ...scheme, minTotal: 1100 };
    const result = scoreDossier(strict, scoreInput({ x: 5, y: 5, b1: false, b2: false, ...passingGates }, { self: 500 }));
    expect(result.eligible).toBe(true);
  });
});

describe('completeness', () => {
  it('a dossier with every input filled in is complete', () => {
    const result = score();
    expect(result.complete).toBe(true);
    expect(result.missing).toEqual([]);
  });

  it('empty inputs make the dossier incomplete and are listed once each, in scheme order', () => {
    const result = scoreDossier(scheme, scoreInput({ ...passingGates, b1: true }, {}));
    expect(result.complete).toBe(false);
    expect(result.missing).toEqual(['x', 'y', 'self', 'b2']);
  });

  it('an indicator used by two criteria is listed as missing only once', () => {
    const shared: Scheme = {
      ...scheme,
      criteria: [
        leaf({ type: 'linear', indicator: 'z', zeroAt: 0, fullAt: 1 }, 100, 'one'),
        leaf({ type: 'deduction', indicator: 'z', perCount: 10 }, 100, 'two'),
      ],
      bonus: { max: 0, criteria: [] },
    };
    const result = scoreDossier(shared, scoreInput(passingGates));
    expect(result.missing).toEqual(['z']);
    expect(result.criteria.map((c) => c.missing)).toEqual([['z'], ['z']]);
  });

  it('a group lists the missing inputs of its children', () => {
    const result = score({ x: null });
    expect(result.criteria[0]?.missing).toEqual(['x']);
  });
});

describe('criterionPoints: the points of one criterion, wherever it sits', () => {
  const result = score({ x: 5, y: 2.5, b2: true });

  it('finds a top-level criterion, a group and a nested child', () => {
    expect(criterionPoints(result, 'self')).toBe(500);
    expect(criterionPoints(result, 'group')).toBe(450);
    expect(criterionPoints(result, 'childY')).toBe(150);
  });

  it('finds bonus criteria', () => {
    expect(criterionPoints(result, 'bonus2')).toBe(200);
    expect(criterionPoints(result, 'bonus1')).toBe(0);
  });

  it('gives 0 for a criterion the result does not have', () => {
    expect(criterionPoints(result, 'nope')).toBe(0);
  });

  it('finds the overdue-ratio criterion in the 2025 scheme (the first tie-break)', () => {
    const real = scoreDossier(collective, perfectInput({ overdueRatio: 0.4 }));
    expect(criterionPoints(real, 'overdueRatio')).toBe(500);
  });
});

describe('the 2025 collective scheme, end to end', () => {
  it('a dossier with an overdue ratio above 1 % is not eligible and says why', () => {
    const result = scoreDossier(collective, perfectInput({ overdueRatio: 1.2 }));
    expect(result.eligible).toBe(false);
    expect(result.gateFailures).toEqual([
      {
        gateId: 'overdueCeiling',
        label: { vi: 'Tỷ lệ nợ quá hạn không quá 1 %', en: 'Overdue-debt ratio at most 1 %' },
        note: { key: 'gate.above', params: { value: 1.2, bound: 1 } },
      },
    ]);
    expect(result.total).toBe(10500 - 1500);
  });

  it('a dossier with an overdue ratio of exactly 1 % stays eligible with 2 points for it', () => {
    const result = scoreDossier(collective, perfectInput({ overdueRatio: 1 }));
    expect(result.eligible).toBe(true);
    expect(criterionPoints(result, 'overdueRatio')).toBe(200);
  });

  it('a serious violation makes a dossier ineligible even with full points', () => {
    const result = scoreDossier(collective, perfectInput({ seriousViolation: true }));
    expect(result.total).toBe(10500);
    expect(result.eligible).toBe(false);
    expect(result.gateFailures.map((f) => [f.gateId, f.note.key])).toEqual([['noSeriousViolation', 'gate.isNot']]);
  });

  it('a dossier under 70 points is not eligible', () => {
    const result = scoreDossier(collective, { ...perfectInput(), selfScores: { participation: 0, recordsQuality: 0, goodModels: 0 }, indicators: { ...perfectInput().indicators, outstandingLoans: 0, inspectionsDone: 0 } });
    // 10500 − 1500 − 500 − 100 − 1000 − 1000 = 6400
    expect(result.total).toBe(6400);
    expect(result.eligible).toBe(false);
    expect(result.gateFailures.map((f) => f.gateId)).toEqual(['minTotal']);
  });

  it('does not change its input', () => {
    const input = perfectInput({ overdueRatio: 0.2 });
    const copy = structuredClone(input);
    scoreDossier(collective, input);
    expect(input).toEqual(copy);
  });
});

describe('an indicator only a gate reads', () => {
  it('makes the dossier incomplete when it is empty', () => {
    const result = scoreDossier(collective, perfectInput({ seriousViolation: null }));
    expect(result.complete).toBe(false);
    expect(result.missing).toEqual(['seriousViolation']);
    expect(result.eligible).toBe(false);
  });
});

describe('a scheme that requires complete dossiers (every shipped scheme does)', () => {
  it('an incomplete dossier is not eligible, and the reason names what is missing once (not what a gate already names)', () => {
    const result = scoreDossier(scheme, scoreInput({ x: 5, b1: false, violation: false, ratio: 0.5 }, {}));
    expect(result.eligible).toBe(false);
    const complete = result.gateFailures.find((failure) => failure.gateId === COMPLETE_GATE_ID);
    expect(complete?.note).toEqual({ key: 'gate.incomplete', params: { items: 'y,self,b2', count: 3 } });
    // The empty share is named by its own gate.
    expect(result.gateFailures.find((failure) => failure.gateId === 'floor')?.note.key).toBe('gate.missing');
    expect(scorePoints(scheme, scoreInput({ x: 5, b1: false, violation: false, ratio: 0.5 }, {})).eligible).toBe(false);
  });

  it('a complete dossier has no such reason; a scheme that does not require it keeps an incomplete one eligible', () => {
    expect(score().gateFailures).toEqual([]);
    const lenient: Scheme = { ...scheme, requireComplete: false };
    const input = scoreInput({ x: 5, b1: false, ...passingGates }, {});
    expect(scoreDossier(lenient, input)).toMatchObject({ eligible: true, complete: false });
    expect(scorePoints(lenient, input)).toMatchObject({ eligible: true, complete: false });
  });

  it('the reason reads with the scheme’s own names', () => {
    const named: Scheme = { ...scheme, indicators: [{ key: 'y', label: { vi: 'Dư nợ', en: 'Outstanding loans' }, unit: 'percent', min: 0, max: 100, decimals: 2 }] };
    const note = scoreDossier(named, scoreInput({ x: 5, b1: false, b2: false, ...passingGates }, { self: 500 })).gateFailures[0]?.note;
    expect(note && namedParams(note, named, 'vi')).toEqual({ items: '“Dư nợ”', count: 1 });
    expect(note && namedParams(note, named, 'en')).toEqual({ items: '“Outstanding loans”', count: 1 });
  });
});
