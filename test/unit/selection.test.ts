import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rankDossiers, type RankedRow } from '../../shared/scoring/rank';
import { selectNominees } from '../../shared/scoring/selection';
import { rankResult } from './fixtures';

/** Ranked rows from [id, total, eligible?] with no tie-break chain: equal totals are ties. */
function ranked(entries: [string, number, boolean?][]): RankedRow[] {
  return rankDossiers(
    entries.map(([id, total, eligible = true]) => ({ id, result: rankResult(total, eligible), womenPriority: false })),
    [],
  );
}

describe('selecting the nominees to propose', () => {
  it('proposes at most the quota, in rank order', () => {
    const rows = ranked([
      ['a', 9000],
      ['b', 8800],
      ['c', 8500],
      ['d', 8000],
      ['e', 7900],
      ['f', 7000],
      ['g', 6000],
    ]);
    expect(selectNominees(rows, 5)).toEqual({ quota: 5, selected: ['a', 'b', 'c', 'd', 'e'], cutoffTie: [], openPlaces: 0 });
  });

  it('proposes fewer when fewer are eligible, skipping the ineligible ones whatever their total', () => {
    const rows = ranked([
      ['high-but-ineligible', 9900, false],
      ['a', 8000],
      ['b', 7000],
      ['also-ineligible', 9500, false],
    ]);
    expect(selectNominees(rows, 5)).toEqual({ quota: 5, selected: ['a', 'b'], cutoffTie: [], openPlaces: 0 });
    expect(selectNominees(ranked([['x', 9000, false]]), 5).selected).toEqual([]);
  });

  it('a tie that fits in the places left is proposed whole', () => {
    const rows = ranked([
      ['a', 9000],
      ['b', 8000],
      ['c', 8000],
      ['d', 7000],
    ]);
    expect(selectNominees(rows, 3)).toEqual({ quota: 3, selected: ['a', 'b', 'c'], cutoffTie: [], openPlaces: 0 });
  });

  it('a tie across the cut-off is reported, not broken: none of it is proposed and the places stay open', () => {
    const rows = ranked([
      ['a', 9000],
      ['b', 8500],
      ['c', 8000],
      ['d', 8000],
      ['e', 8000],
      ['f', 7000],
    ]);
    const selection = selectNominees(rows, 4);
    expect(selection.selected).toEqual(['a', 'b']);
    expect([...selection.cutoffTie].sort()).toEqual(['c', 'd', 'e']);
    expect(selection.openPlaces).toBe(2);
    // Nobody below the tie is proposed in its place.
    expect(selection.selected).not.toContain('f');
  });

  it('a tie for the very first places with a quota of one leaves the place open', () => {
    const selection = selectNominees(ranked([['a', 9000], ['b', 9000]]), 1);
    expect(selection).toMatchObject({ selected: [], openPlaces: 1 });
    expect([...selection.cutoffTie].sort()).toEqual(['a', 'b']);
  });

  it('a quota of zero proposes nobody and reports no tie', () => {
    expect(selectNominees(ranked([['a', 9000], ['b', 9000]]), 0)).toEqual({ quota: 0, selected: [], cutoffTie: [], openPlaces: 0 });
  });

  it('property: never more than the quota, only eligible ones, and selected plus open places never exceed the quota', () => {
    const entries = fc.array(fc.tuple(fc.integer({ min: 6000, max: 6010 }), fc.boolean()), { minLength: 0, maxLength: 25 });
    fc.assert(
      fc.property(entries, fc.integer({ min: 0, max: 12 }), (list, quota) => {
        const rows = ranked(list.map(([total, eligible], index) => [`n${index}`, total, eligible]));
        const selection = selectNominees(rows, quota);
        const byId = new Map(rows.map((row) => [row.id, row]));
        expect(selection.selected.length).toBeLessThanOrEqual(quota);
        expect(selection.selected.length + selection.openPlaces).toBeLessThanOrEqual(quota);
        for (const id of [...selection.selected, ...selection.cutoffTie]) expect(byId.get(id)?.eligible).toBe(true);
        if (selection.cutoffTie.length > 0) {
          // The tie is one position, more rows than places left, and everything proposed ranks above it.
          const position = byId.get(selection.cutoffTie[0] ?? '')?.position;
          expect(selection.cutoffTie.every((id) => byId.get(id)?.position === position)).toBe(true);
          expect(selection.cutoffTie.length).toBeGreaterThan(selection.openPlaces);
          expect(selection.selected.length + selection.openPlaces).toBe(quota);
          for (const id of selection.selected) expect(byId.get(id)?.position ?? 0).toBeLessThan(position ?? 0);
        } else {
          const eligible = rows.filter((row) => row.eligible).length;
          expect(selection.selected.length).toBe(Math.min(quota, eligible));
        }
      }),
      { numRuns: 300 },
    );
  });
});
