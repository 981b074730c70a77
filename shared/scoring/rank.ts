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

function compareEntries(a: KeyedEntry, b: KeyedEntry): number {
  if (a.eligible !== b.eligible) return a.eligible ? -1 : 1;
  if (a.total !== b.total) return b.total - a.total;
  const length = Math.max(a.keys.length, b.keys.length);
  for (let i = 0; i < length; i += 1) {
    const difference = (b.keys[i] ?? 0) - (a.keys[i] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

/**
 * Orders entries whose keys are known (stored scores): eligible first, total descending, then the chain's keys.
 * Entries no key separates share a position; the id only orders them for display.
 */
export function rankKeyed<E extends KeyedEntry>(entries: readonly E[]): KeyedPlace<E>[] {
  const sorted = [...entries].sort((a, b) => compareEntries(a, b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const places: KeyedPlace<E>[] = new Array<KeyedPlace<E>>(sorted.length);
  let groupStart = 0;
  for (let i = 1; i <= sorted.length; i += 1) {
    if (i < sorted.length && compareEntries(sorted[i] as E, sorted[groupStart] as E) === 0) continue;
    for (let member = groupStart; member < i; member += 1) places[member] = { entry: sorted[member] as E, position: groupStart + 1, tied: i - groupStart - 1 };
    groupStart = i;
  }
  return places;
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
