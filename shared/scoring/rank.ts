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
  return [
    entry.result.eligible ? 1 : 0,
    entry.result.total,
    ...chain.map((tieBreak) => tieBreakKey(entry, tieBreak)),
  ];
}

function compareKeys(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i += 1) {
    const difference = (b[i] ?? 0) - (a[i] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

/**
 * Orders dossiers: eligible first, total descending, then the tie-break chain (higher first).
 * Rows the chain cannot separate share a position and are reported as ties; the id only orders
 * them for display, so shuffling the input never changes the positions.
 */
export function rankDossiers(entries: RankEntry[], chain: TieBreak[]): RankedRow[] {
  const keyed = entries.map((entry) => ({ entry, keys: sortKeys(entry, chain) }));
  keyed.sort((a, b) => compareKeys(a.keys, b.keys) || (a.entry.id < b.entry.id ? -1 : a.entry.id > b.entry.id ? 1 : 0));
  const rows: RankedRow[] = [];
  let groupStart = 0;
  for (let i = 0; i <= keyed.length; i += 1) {
    const current = keyed[i];
    const first = keyed[groupStart];
    if (current && first && compareKeys(current.keys, first.keys) === 0) continue;
    const group = keyed.slice(groupStart, i);
    for (const member of group) {
      rows.push({
        id: member.entry.id,
        position: groupStart + 1,
        tiedWith: group.length > 1 ? group.filter((other) => other !== member).map((other) => other.entry.id) : [],
        eligible: member.entry.result.eligible,
        total: member.entry.result.total,
        keys: member.keys.slice(2),
      });
    }
    groupStart = i;
  }
  return rows;
}
