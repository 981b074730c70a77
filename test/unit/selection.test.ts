import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rankDossiers, type RankedRow } from '../../shared/scoring/rank';
import { approvedBy, selectNominees, tieSubject, votesNeeded, type SelectionRow } from '../../shared/scoring/selection';
import { quorumNeeded } from '../../shared/domain/council';
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
    expect(selectNominees(rows, 5)).toMatchObject({ quota: 5, selected: ['a', 'b', 'c', 'd', 'e'], cutoffTie: [], openPlaces: 0 });
  });

  it('proposes fewer when fewer are eligible, skipping the ineligible ones whatever their total', () => {
    const rows = ranked([
      ['high-but-ineligible', 9900, false],
      ['a', 8000],
      ['b', 7000],
      ['also-ineligible', 9500, false],
    ]);
    expect(selectNominees(rows, 5)).toMatchObject({ quota: 5, selected: ['a', 'b'], cutoffTie: [], openPlaces: 0 });
    expect(selectNominees(ranked([['x', 9000, false]]), 5).selected).toEqual([]);
  });

  it('a tie that fits in the places left is proposed whole', () => {
    const rows = ranked([
      ['a', 9000],
      ['b', 8000],
      ['c', 8000],
      ['d', 7000],
    ]);
    expect(selectNominees(rows, 3)).toMatchObject({ quota: 3, selected: ['a', 'b', 'c'], cutoffTie: [], openPlaces: 0 });
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
    expect(selectNominees(ranked([['a', 9000], ['b', 9000]]), 0)).toMatchObject({ quota: 0, selected: [], cutoffTie: [], openPlaces: 0, ties: [] });
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

/** Rows from [id, position, ballot (for, voters) or null, scope?], all eligible. */
function voted(entries: [string, number, [number, number] | null, string?][]): SelectionRow[] {
  return entries.map(([id, position, ballot, scope]) => ({ id, position, eligible: true, ballot: ballot ? { votesFor: ballot[0], voters: ballot[1] } : null, scope }));
}

const MORE_THAN_HALF = { numerator: 1, denominator: 2 };

describe('the council’s vote, its decisions and the seats of round 2', () => {
  it('quorum and approval at their bounds: exactly two thirds present is a quorum, exactly half of the votes is not an approval', () => {
    expect(quorumNeeded(9, { numerator: 2, denominator: 3 })).toBe(6);
    expect(quorumNeeded(10, { numerator: 2, denominator: 3 })).toBe(7);
    expect(quorumNeeded(8, { numerator: 1, denominator: 2 })).toBe(4);
    // More than half of 8 members: 4 is exactly half (not enough), 5 is more.
    expect(approvedBy(4, 8, MORE_THAN_HALF)).toBe(false);
    expect(approvedBy(5, 8, MORE_THAN_HALF)).toBe(true);
    expect(votesNeeded(8, MORE_THAN_HALF)).toBe(5);
    expect(votesNeeded(7, MORE_THAN_HALF)).toBe(4);
    // More than two thirds of 9: 6 is exactly two thirds, 7 is more.
    expect(approvedBy(6, 9, { numerator: 2, denominator: 3 })).toBe(false);
    expect(approvedBy(7, 9, { numerator: 2, denominator: 3 })).toBe(true);
    expect(votesNeeded(9, { numerator: 2, denominator: 3 })).toBe(7);
    expect(approvedBy(0, 0, MORE_THAN_HALF)).toBe(false);
  });

  it('a nominee under the threshold is not proposed whatever its score, and the next one takes the place', () => {
    const rows = voted([
      ['a', 1, [7, 9]],
      ['b', 2, [4, 9]],
      ['c', 3, [8, 9]],
      ['d', 4, [9, 9]],
    ]);
    const selection = selectNominees(rows, { quota: 2, approval: { ...MORE_THAN_HALF, members: 9 } });
    expect(selection.selected).toEqual(['a', 'c']);
    expect(selection.notApproved).toEqual(['b']);
    expect(selection.outcomes).toMatchObject({ a: 'proposed', b: 'notApproved', c: 'proposed', d: 'belowCutoff' });
  });

  it('approval against all members or against each ballot’s voters', () => {
    const rows = voted([['a', 1, [4, 6]]]);
    // 4 of 9 members is not more than half; 4 of the 6 who voted is.
    expect(selectNominees(rows, { quota: 1, approval: { ...MORE_THAN_HALF, members: 9 } }).selected).toEqual([]);
    expect(selectNominees(rows, { quota: 1, approval: { ...MORE_THAN_HALF, members: null } }).selected).toEqual(['a']);
  });

  it('a nominee whose ballot is not in yet is proposed provisionally, and the selection says it waits', () => {
    const selection = selectNominees(voted([['a', 1, [5, 7]], ['b', 2, null], ['c', 3, null]]), { quota: 2, approval: { ...MORE_THAN_HALF, members: 7 } });
    expect(selection.selected).toEqual(['a', 'b']);
    expect(selection.awaitingBallot).toEqual(['b']);
    expect(selection.outcomes.b).toBe('awaitingBallot');
    // Nobody below the quota needs a ballot yet.
    expect(selection.awaitingBallot).not.toContain('c');
  });

  it('a tie at the cut-off stays open until the council decides that very tie; its choice fills the places', () => {
    const rows = voted([['a', 1, null], ['b', 2, null], ['c', 2, null], ['d', 2, null]]);
    const open = selectNominees(rows, { quota: 2, scope: 'round1' });
    expect(open.selected).toEqual(['a']);
    expect(open.ties).toEqual([{ subject: tieSubject(['b', 'c', 'd'], 1, 'round1'), scope: null, ids: ['b', 'c', 'd'], places: 1, chosen: null }]);
    const decided = selectNominees(rows, { quota: 2, scope: 'round1', decisions: new Map([[tieSubject(['b', 'c', 'd'], 1, 'round1'), ['c']]]) });
    expect(decided.selected).toEqual(['a', 'c']);
    expect(decided.cutoffTie).toEqual([]);
    expect(decided.outcomes).toMatchObject({ b: 'tieNotChosen', c: 'proposed', d: 'tieNotChosen' });
    // A decision on another question (the tie had other members, or other places) is not this one's: it stays open.
    for (const subject of [tieSubject(['b', 'c'], 1, 'round1'), tieSubject(['b', 'c', 'd'], 2, 'round1'), tieSubject(['b', 'c', 'd'], 1, 'round2')]) {
      const elsewhere = selectNominees(rows, { quota: 2, scope: 'round1', decisions: new Map([[subject, ['c']]]) });
      expect(elsewhere.selected).toEqual(['a']);
      expect(elsewhere.openPlaces).toBe(1);
    }
    // A choice that is not exactly the places, or names someone outside the tie, decides nothing.
    for (const chosen of [['b', 'c'], ['x']]) expect(selectNominees(rows, { quota: 2, scope: 'round1', decisions: new Map([[tieSubject(['b', 'c', 'd'], 1, 'round1'), chosen]]) }).openPlaces).toBe(1);
  });

  it('round 2: each office proposes within its own seats, and a tie is within an office', () => {
    const seats = new Map([
      ['go-dau', 1],
      ['trang-bang', 2],
    ]);
    const rows = voted([
      ['x1', 1, null, 'go-dau'],
      ['x2', 2, null, 'go-dau'],
      ['y1', 3, null, 'trang-bang'],
      ['y2', 4, null, 'trang-bang'],
      ['y3', 4, null, 'trang-bang'],
      ['z1', 5, null, 'province'],
    ]);
    const selection = selectNominees(rows, { quota: 3, seats });
    expect(selection.selected).toEqual(['x1', 'y1']);
    expect(selection.outcomes).toMatchObject({ x2: 'noSeatLeft', y2: 'tieOpen', y3: 'tieOpen', z1: 'belowCutoff' });
    expect(selection.ties).toEqual([{ subject: tieSubject(['y2', 'y3'], 1, 'trang-bang'), scope: 'trang-bang', ids: ['y2', 'y3'], places: 1, chosen: null }]);
  });

  it('property: the council’s rules are never bypassed — nobody under the threshold, no tie broken without its decision, never more than the quota or a scope’s seats', () => {
    const entry = fc.record({ position: fc.integer({ min: 1, max: 6 }), votes: fc.option(fc.integer({ min: 0, max: 9 }), { nil: null }), scope: fc.constantFrom('a', 'b', 'c'), eligible: fc.boolean() });
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 20 }), fc.integer({ min: 0, max: 6 }), fc.boolean(), (list, quota, withSeats) => {
        const rows: SelectionRow[] = list.map((item, index) => ({ id: `n${index}`, position: item.position, eligible: item.eligible, ballot: item.votes === null ? null : { votesFor: item.votes, voters: 9 }, scope: item.scope }));
        const seats = withSeats ? new Map([['a', 1], ['b', 2], ['c', 0]]) : null;
        const selection = selectNominees(rows, { quota, approval: { ...MORE_THAN_HALF, members: 9 }, seats });
        const byId = new Map(rows.map((row) => [row.id, row]));
        expect(selection.selected.length + selection.openPlaces).toBeLessThanOrEqual(quota);
        for (const id of selection.selected) {
          const row = byId.get(id) as SelectionRow;
          expect(row.eligible).toBe(true);
          if (row.ballot) expect(row.ballot.votesFor).toBeGreaterThanOrEqual(5);
        }
        for (const tie of selection.ties) if (tie.chosen === null) for (const id of tie.ids) expect(selection.selected).not.toContain(id);
        if (seats) for (const [scope, limit] of seats) expect(selection.selected.filter((id) => byId.get(id)?.scope === scope).length).toBeLessThanOrEqual(limit);
      }),
      { numRuns: 400 },
    );
  });
});
