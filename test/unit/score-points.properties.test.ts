import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { criterionOrder, pointsOfCriterion, scorePoints } from '../../shared/scoring/points';
import { criterionPoints, scoreDossier } from '../../shared/scoring/score';
import type { Criterion, CriterionResult, Scheme } from '../../shared/scoring/types';
import { referencePoints } from './reference-rules';
import { anySchemeAndInput } from './scheme-arbitrary';

function flatten(results: CriterionResult[]): CriterionResult[] {
  return results.flatMap((result) => [result, ...flatten(result.children)]);
}

function criteriaOf(scheme: Scheme): Criterion[] {
  const all: Criterion[] = [];
  const visit = (criterion: Criterion): void => {
    all.push(criterion);
    criterion.children?.forEach(visit);
  };
  [...scheme.criteria, ...scheme.bonus.criteria].forEach(visit);
  return all;
}

describe('the score-only path, over generated schemes and dossiers', () => {
  it('gives exactly what the explanation gives: totals, eligibility, completeness and every criterion’s points', () => {
    fc.assert(
      fc.property(anySchemeAndInput, ([scheme, input]) => {
        const explained = scoreDossier(scheme, input);
        const score = scorePoints(scheme, input);
        expect({ total: score.total, base: score.base, bonus: score.bonus, eligible: score.eligible, gatesPassed: score.gatesPassed, complete: score.complete }).toEqual({
          total: explained.total,
          base: explained.base,
          bonus: explained.bonus,
          eligible: explained.eligible,
          gatesPassed: explained.gateFailures.every((failure) => failure.gateId === 'minTotal'),
          complete: explained.complete,
        });
        const listed = flatten([...explained.criteria, ...explained.bonusCriteria]);
        expect(criterionOrder(scheme)).toEqual(listed.map((criterion) => criterion.id));
        expect(score.points).toEqual(listed.map((criterion) => criterion.points));
        for (const criterion of listed) expect(pointsOfCriterion(scheme, score, criterion.id), criterion.id).toBe(criterionPoints(explained, criterion.id));
        expect(pointsOfCriterion(scheme, score, 'notInTheScheme')).toBe(0);
      }),
      { numRuns: 2_000 },
    );
  });

  it('computes every rule as exact BigInt arithmetic would, however large the values', () => {
    fc.assert(
      fc.property(anySchemeAndInput, ([scheme, input]) => {
        const score = scorePoints(scheme, input);
        criteriaOf(scheme).forEach((criterion, index) => {
          const isLeaf = !(criterion.children && criterion.children.length > 0) && criterion.rule;
          if (!isLeaf || !criterion.rule) return;
          expect(score.points[index], criterion.id).toBe(referencePoints(criterion, criterion.rule, input) ?? 0);
        });
      }),
      { numRuns: 2_000 },
    );
  });

  it('allocates no explanation: the result is six figures and one array of points', () => {
    fc.assert(
      fc.property(anySchemeAndInput, ([scheme, input]) => {
        const score = scorePoints(scheme, input);
        expect(Object.keys(score).sort()).toEqual(['base', 'bonus', 'complete', 'eligible', 'gatesPassed', 'points', 'total']);
        expect(score.points.every((points) => typeof points === 'number' && Number.isInteger(points))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
