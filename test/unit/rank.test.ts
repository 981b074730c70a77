import { DEFAULT_TIE_BREAKS } from '../../shared/domain/campaign';
import { describe, expect, it } from 'vitest';
import { type RankEntry, type RankedRow, rankDossiers } from '../../shared/scoring/rank';
import type { TieBreak } from '../../shared/scoring/types';
import { rankResult } from './fixtures';

const chain: TieBreak[] = DEFAULT_TIE_BREAKS;

function entry(id: string, total: number, eligible = true, overdue = 0, womenPriority = false): RankEntry {
  return { id, result: rankResult(total, eligible, overdue), womenPriority };
}

function positions(rows: RankedRow[]): Record<string, number> {
  return Object.fromEntries(rows.map((row) => [row.id, row.position]));
}

function permutations<T>(items: T[]): T[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));
}

describe('ranking dossiers for the council', () => {
  it('a campaign breaks ties on the overdue-ratio criterion, then the vote share, then the priority for women', () => {
    expect(chain).toEqual([{ type: 'criterion', criterionId: 'overdueRatio' }, { type: 'voteShare' }, { type: 'womenPriority' }]);
  });

  it('an eligible dossier ranks before an ineligible one even with a lower total', () => {
    const rows = rankDossiers([entry('strong-but-ineligible', 10500, false), entry('eligible', 7000, true)], chain);
    expect(rows.map((r) => [r.id, r.position, r.eligible])).toEqual([
      ['eligible', 1, true],
      ['strong-but-ineligible', 2, false],
    ]);
  });

  it('orders by total, highest first', () => {
    const rows = rankDossiers([entry('b', 8000), entry('c', 7500), entry('a', 9000)], chain);
    expect(rows.map((r) => [r.id, r.position, r.total])).toEqual([
      ['a', 1, 9000],
      ['b', 2, 8000],
      ['c', 3, 7500],
    ]);
    expect(rows.every((r) => r.tiedWith.length === 0)).toBe(true);
  });

  it('ineligible dossiers are ordered by total among themselves', () => {
    const rows = rankDossiers([entry('low', 5000, false), entry('high', 6000, false), entry('ok', 7000)], chain);
    expect(rows.map((r) => r.id)).toEqual(['ok', 'high', 'low']);
  });

  it('equal totals: the better overdue-ratio criterion ranks first', () => {
    const rows = rankDossiers([entry('worse', 9000, true, 500, true), entry('better', 9000, true, 1500, false)], chain);
    expect(rows.map((r) => [r.id, r.position])).toEqual([
      ['better', 1],
      ['worse', 2],
    ]);
    expect(rows[0]?.tiedWith).toEqual([]);
  });

  it('equal totals and equal overdue points: the priority for women decides', () => {
    const rows = rankDossiers([entry('without', 9000, true, 1000, false), entry('with', 9000, true, 1000, true)], chain);
    expect(rows.map((r) => [r.id, r.position])).toEqual([
      ['with', 1],
      ['without', 2],
    ]);
  });

  it('with equal totals and overdue points, the larger vote share ranks first; no votes count as none', () => {
    const rows = rankDossiers([{ ...entry('fewer-votes', 9000, true, 1000, true), voteShare: 0.6 }, { ...entry('more-votes', 9000, true, 1000, false), voteShare: 0.8 }, entry('not-voted', 9000, true, 1000, true)], chain);
    expect(rows.map((r) => [r.id, r.position])).toEqual([
      ['more-votes', 1],
      ['fewer-votes', 2],
      ['not-voted', 3],
    ]);
  });

  it('shows the tie-break values in chain order', () => {
    const rows = rankDossiers([entry('a', 9000, true, 1000, true), entry('b', 8000, true, 500, false)], chain);
    // Overdue-ratio points, vote share (none recorded yet: 0), priority for women.
    expect(rows.map((r) => r.keys)).toEqual([
      [1000, 0, 1],
      [500, 0, 0],
    ]);
  });

  it('dossiers no key can separate share a position, list each other as tied, and the next position is skipped', () => {
    const rows = rankDossiers([entry('z', 9000, true, 1000, true), entry('y', 9000, true, 1000, true), entry('x', 8000)], chain);
    expect(rows.map((r) => [r.id, r.position])).toEqual([
      ['y', 1],
      ['z', 1],
      ['x', 3],
    ]);
    expect(rows.find((r) => r.id === 'y')?.tiedWith).toEqual(['z']);
    expect(rows.find((r) => r.id === 'z')?.tiedWith).toEqual(['y']);
    expect(rows.find((r) => r.id === 'x')?.tiedWith).toEqual([]);
  });

  it('a three-way tie lists the two others for each', () => {
    const rows = rankDossiers([entry('c', 8000), entry('a', 8000), entry('b', 8000), entry('top', 9000)], chain);
    expect(positions(rows)).toEqual({ top: 1, a: 2, b: 2, c: 2 });
    for (const id of ['a', 'b', 'c']) {
      expect([...(rows.find((r) => r.id === id)?.tiedWith ?? [])].sort()).toEqual(['a', 'b', 'c'].filter((other) => other !== id));
    }
  });

  it('without a tie-break chain, equal totals are ties', () => {
    const rows = rankDossiers([entry('a', 9000, true, 1500, true), entry('b', 9000, true, 0, false)], []);
    expect(positions(rows)).toEqual({ a: 1, b: 1 });
    expect(rows.map((r) => r.keys)).toEqual([[], []]);
  });

  it('an eligible and an ineligible dossier with the same total are not tied', () => {
    const rows = rankDossiers([entry('no', 8000, false), entry('yes', 8000, true)], chain);
    expect(rows.map((r) => [r.id, r.position, r.tiedWith])).toEqual([
      ['yes', 1, []],
      ['no', 2, []],
    ]);
  });

  it('shuffling the input never changes who is where, nor who is tied with whom', () => {
    const entries = [
      entry('a', 9000, true, 1000, true),
      entry('b', 9000, true, 1000, true),
      entry('c', 9000, true, 1000, false),
      entry('d', 10500, false),
      entry('e', 9500, true, 0),
    ];
    const reference = rankDossiers(entries, chain);
    const tiedSets = (rows: RankedRow[]) => Object.fromEntries(rows.map((row) => [row.id, [...row.tiedWith].sort()]));
    expect(positions(reference)).toEqual({ e: 1, a: 2, b: 2, c: 4, d: 5 });
    for (const order of permutations(entries)) {
      const rows = rankDossiers(order, chain);
      expect(positions(rows)).toEqual(positions(reference));
      expect(tiedSets(rows)).toEqual(tiedSets(reference));
      expect(rows.map((r) => r.id)).toEqual(reference.map((r) => r.id));
    }
  });

  it('does not reorder the array it was given', () => {
    const entries = [entry('b', 7000), entry('a', 9000)];
    rankDossiers(entries, chain);
    expect(entries.map((e) => e.id)).toEqual(['b', 'a']);
  });

  it('an empty list ranks to an empty list', () => {
    expect(rankDossiers([], chain)).toEqual([]);
  });
});
