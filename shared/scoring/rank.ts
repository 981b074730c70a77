import { criterionPoints } from './score';
import type { Hundredths, ScoreResult, TieBreak } from './types';

export interface RankEntry {
  id: string;
  result: ScoreResult;
  womenPriority: boolean;
  /** Share of the council's approving votes (0–1), once voted; higher ranks first. */
  voteShare?: number | null;
}

function tieBreakKey(entry: RankEntry, tieBreak: TieBreak): number {
  switch (tieBreak.type) {
    case 'criterion':
      return criterionPoints(entry.result, tieBreak.criterionId);
    case 'voteShare':
      return entry.voteShare ?? 0;
    case 'womenPriority':
      return entry.womenPriority ? 1 : 0;
  }
}

export interface RankedRow {
  id: string;
  /** 1-based position; tied rows share the position of the first of them. */
  position: number;
  /** Ids of the other rows that no key of the chain could separate from this one. */
  tiedWith: string[];
  eligible: boolean;
  total: Hundredths;
  /** The tie-break key values, in chain order, as shown to the council. */
  keys: number[];
}

function sortKeys(entry: RankEntry, chain: TieBreak[]): number[] {
  return chain.map((tieBreak) => tieBreakKey(entry, tieBreak));
}

/** What the order of a ranking reads: eligibility, total, then the chain's keys (higher first), then the id for display. */
export interface KeyedEntry {
  id: string;
  eligible: boolean;
  total: Hundredths;
  /** The tie-break keys, in chain order. */
  keys: readonly number[];
}

export interface KeyedPlace<E extends KeyedEntry> {
  entry: E;
  /** 1-based position; tied entries share the position of the first of them. */
  position: number;
  /** How many other entries share it: they stand next to this one. */
  tied: number;
}

function compareEntries(a: Pick<KeyedEntry, 'eligible' | 'total' | 'keys'>, b: Pick<KeyedEntry, 'eligible' | 'total' | 'keys'>): number {
  if (a.eligible !== b.eligible) return a.eligible ? -1 : 1;
  if (a.total !== b.total) return b.total - a.total;
  const length = Math.max(a.keys.length, b.keys.length);
  for (let i = 0; i < length; i += 1) {
    const difference = (b.keys[i] ?? 0) - (a.keys[i] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

/** A row that can take its place in a ranking: its keys, and where the ranking puts it. */
export interface PlacedRow {
  eligible: boolean;
  total: Hundredths;
  keys: readonly number[];
  position: number;
  tied: number;
}

/**
 * Sorts rows in place into ranking order (eligible first, total descending, then the chain's keys; `idOf` only orders
 * rows no key separates, for display) and writes each row's position and how many others share it. Returns the rows.
 */
export function placeRows<R extends PlacedRow>(rows: R[], idOf: (row: R) => string): R[] {
  rows.sort((a, b) => {
    const difference = compareEntries(a, b);
    if (difference !== 0) return difference;
    const x = idOf(a);
    const y = idOf(b);
    return x < y ? -1 : x > y ? 1 : 0;
  });
  let groupStart = 0;
  for (let i = 1; i <= rows.length; i += 1) {
    if (i < rows.length && compareEntries(rows[i] as R, rows[groupStart] as R) === 0) continue;
    for (let member = groupStart; member < i; member += 1) {
      const row = rows[member] as R;
      row.position = groupStart + 1;
      row.tied = i - groupStart - 1;
    }
    groupStart = i;
  }
  return rows;
}

/**
 * Orders entries whose keys are known (stored scores): eligible first, total descending, then the chain's keys.
 * Entries no key separates share a position; the id only orders them for display.
 */
export function rankKeyed<E extends KeyedEntry>(entries: readonly E[]): KeyedPlace<E>[] {
  const places = entries.map((entry) => ({ entry, eligible: entry.eligible, total: entry.total, keys: entry.keys, position: 0, tied: 0 }));
  return placeRows(places, (place) => place.entry.id).map(({ entry, position, tied }) => ({ entry, position, tied }));
}

/**
 * Orders dossiers: eligible first, total descending, then the tie-break chain (higher first).
 * Rows the chain cannot separate share a position and are reported as ties; the id only orders
 * them for display, so shuffling the input never changes the positions.
 */
export function rankDossiers(entries: RankEntry[], chain: TieBreak[]): RankedRow[] {
  const places = rankKeyed(entries.map((entry) => ({ id: entry.id, eligible: entry.result.eligible, total: entry.result.total, keys: sortKeys(entry, chain) })));
  return places.map((place) => {
    // A tie group starts at its shared position and holds the entry and the others tied with it.
    const group = place.tied > 0 ? places.slice(place.position - 1, place.position + place.tied) : [];
    return {
      id: place.entry.id,
      position: place.position,
      tiedWith: group.filter((other) => other !== place).map((other) => other.entry.id),
      eligible: place.entry.eligible,
      total: place.entry.total,
      keys: [...place.entry.keys],
    };
  });
}
