import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aggregateScores, councilResult, TRIM_FROM_REVIEWERS, type ReviewerScore } from '../../shared/scoring/aggregation';
import { rankResult } from './fixtures';

function reviewer(name: string, total: number, conflict = false): ReviewerScore {
  return { reviewer: name, result: rankResult(total, true), conflict };
}

describe('the council’s aggregate of several reviewers', () => {
  it('mean: the mean of the totals of every reviewer without a conflict', () => {
    const aggregate = aggregateScores([reviewer('An', 8000), reviewer('Bình', 9000), reviewer('Chi', 8500)], 'mean');
    expect(aggregate).toEqual({
      method: 'mean',
      total: 8500,
      counted: ['An', 'Bình', 'Chi'],
      excludedForConflict: [],
      dropped: [],
      totals: [
        { reviewer: 'An', total: 8000 },
        { reviewer: 'Bình', total: 9000 },
        { reviewer: 'Chi', total: 8500 },
      ],
    });
  });

  it('rounds the mean once, to the hundredth, half away from zero', () => {
    // (8000 + 8001) / 2 = 8000.5 hundredths → 8001; (1 + 2 + 2) / 3 = 1.666… → 2; (0 + 1) / 2 = 0.5 → 1.
    expect(aggregateScores([reviewer('a', 8000), reviewer('b', 8001)], 'mean').total).toBe(8001);
    expect(aggregateScores([reviewer('a', 1), reviewer('b', 2), reviewer('c', 2)], 'mean').total).toBe(2);
    expect(aggregateScores([reviewer('a', 0), reviewer('b', 1)], 'mean').total).toBe(1);
    // 3 reviewers, 10 001 hundredths: 3333.67 → 3334; 10 000: 3333.33 → 3333.
    expect(aggregateScores([reviewer('a', 3333), reviewer('b', 3334), reviewer('c', 3334)], 'mean').total).toBe(3334);
    expect(aggregateScores([reviewer('a', 3333), reviewer('b', 3333), reviewer('c', 3334)], 'mean').total).toBe(3333);
  });

  it('excludes a reviewer with a conflict of interest and says so; their own total stays in the explanation', () => {
    const aggregate = aggregateScores([reviewer('An', 8000), reviewer('Bình', 10000, true), reviewer('Chi', 9000)], 'mean');
    expect(aggregate.total).toBe(8500);
    expect(aggregate.counted).toEqual(['An', 'Chi']);
    expect(aggregate.excludedForConflict).toEqual(['Bình']);
    expect(aggregate.totals).toContainEqual({ reviewer: 'Bình', total: 10000 });
  });

  it('has no total when every reviewer has a conflict', () => {
    const aggregate = aggregateScores([reviewer('An', 8000, true)], 'mean');
    expect(aggregate.total).toBeNull();
    expect(aggregate.counted).toEqual([]);
    expect(aggregate.excludedForConflict).toEqual(['An']);
    expect(aggregateScores([], 'trimmedMean').total).toBeNull();
  });

  it('trimmed mean: only from five usable reviewers; below that it is the plain mean', () => {
    expect(TRIM_FROM_REVIEWERS).toBe(5);
    const four = [reviewer('a', 6000), reviewer('b', 8000), reviewer('c', 8000), reviewer('d', 10000)];
    const trimmedFour = aggregateScores(four, 'trimmedMean');
    expect(trimmedFour.total).toBe(8000);
    expect(trimmedFour.dropped).toEqual([]);
    expect(trimmedFour.counted).toHaveLength(4);

    const five = [...four, reviewer('e', 9000)];
    const trimmed = aggregateScores(five, 'trimmedMean');
    // Without the highest (d, 100) and the lowest (a, 60): (80 + 80 + 90) / 3 = 83.333… → 83.33.
    expect(trimmed.dropped).toEqual(['d', 'a']);
    expect([...trimmed.counted].sort()).toEqual(['b', 'c', 'e']);
    expect(trimmed.total).toBe(8333);
    expect(aggregateScores(five, 'mean').total).toBe(8200);
  });

  it('trimmed mean: reviewers with a conflict do not count towards the five', () => {
    const scores = [reviewer('a', 6000), reviewer('b', 8000), reviewer('c', 8000), reviewer('d', 10000), reviewer('e', 9000, true)];
    const aggregate = aggregateScores(scores, 'trimmedMean');
    expect(aggregate.dropped).toEqual([]);
    expect(aggregate.excludedForConflict).toEqual(['e']);
    expect(aggregate.total).toBe(8000);
  });

  it('trimmed mean: of two equal highest (or lowest) totals, the one dropped is chosen by name, not by input order', () => {
    const scores = [reviewer('Hà', 9000), reviewer('Giang', 9000), reviewer('Lan', 7000), reviewer('Khoa', 7000), reviewer('Minh', 8000)];
    const forward = aggregateScores(scores, 'trimmedMean');
    const backward = aggregateScores([...scores].reverse(), 'trimmedMean');
    expect(forward.dropped).toEqual(backward.dropped);
    expect(forward.total).toBe(backward.total);
    expect(forward.total).toBe(8000);
  });

  it('property: the total does not depend on the order of the reviewers, for both methods', () => {
    const scoresArb = fc.uniqueArray(fc.tuple(fc.string({ minLength: 1, maxLength: 6 }), fc.integer({ min: 0, max: 10500 }), fc.boolean()), {
      minLength: 0,
      maxLength: 9,
      selector: ([name]) => name,
    });
    fc.assert(
      fc.property(scoresArb, fc.constantFrom('mean' as const, 'trimmedMean' as const), fc.nat(), (list, method, seed) => {
        const scores = list.map(([name, total, conflict]) => reviewer(name, total, conflict));
        const shuffled = [...scores].sort((a, b) => ((a.reviewer.charCodeAt(0) * 31 + seed) % 97) - ((b.reviewer.charCodeAt(0) * 31 + seed) % 97));
        const a = aggregateScores(scores, method);
        const b = aggregateScores(shuffled, method);
        expect(b.total).toBe(a.total);
        expect([...b.counted].sort()).toEqual([...a.counted].sort());
        expect([...b.dropped].sort()).toEqual([...a.dropped].sort());
        expect([...b.excludedForConflict].sort()).toEqual([...a.excludedForConflict].sort());
        // Everyone is accounted for exactly once: counted, excluded for a conflict, or dropped by the trim.
        expect(a.counted.length + a.excludedForConflict.length + a.dropped.length).toBe(scores.length);
        // The aggregate lies between the lowest and the highest counted total.
        const counted = scores.filter((score) => a.counted.includes(score.reviewer)).map((score) => score.result.total);
        if (counted.length > 0) {
          expect(a.total).toBeGreaterThanOrEqual(Math.min(...counted));
          expect(a.total).toBeLessThanOrEqual(Math.max(...counted));
        } else expect(a.total).toBeNull();
      }),
      { numRuns: 300 },
    );
  });
});

describe('the council’s result for ranking', () => {
  it('takes the aggregate total and judges the minimum total again on it', () => {
    const counted = [rankResult(6000, true), rankResult(7000, true)];
    const above = councilResult(counted, 6500, 5000);
    expect(above.total).toBe(6500);
    expect(above.eligible).toBe(true);
    const below = councilResult(counted, 6500, 7000);
    expect(below.eligible).toBe(false);
    expect(below.gateFailures).toEqual([{ gateId: 'minTotal', label: null, note: { key: 'gate.minTotal', params: { total: 65, minimum: 70 } } }]);
  });

  it('gives each criterion the mean of the counted reviewers’ points, with a note naming how many', () => {
    const result = councilResult([rankResult(6000, true, 1000), rankResult(7000, true, 1500)], 6500, 0);
    const overdue = result.criteria[0];
    expect(overdue?.points).toBe(1250);
    expect(overdue?.note).toEqual({ key: 'rule.councilMean', params: { reviewers: 2 } });
  });
});
