import type { RankedRow } from './rank';

export interface Selection {
  quota: number;
  /** Ids proposed, in rank order: eligible, within the quota, not caught in a tie across the cut-off. */
  selected: string[];
  /** Ids tied across the cut-off: more of them than places left. The council decides; none is chosen silently. */
  cutoffTie: string[];
  /** Places left open for the council's decision on the tie. */
  openPlaces: number;
}

/** Proposes at most `quota` eligible nominees in rank order; a tie across the cut-off is reported, not broken. */
export function selectNominees(rows: readonly Pick<RankedRow, 'id' | 'position' | 'eligible'>[], quota: number): Selection {
  const eligible = rows.filter((row) => row.eligible);
  const selected: string[] = [];
  let cutoffTie: string[] = [];
  let index = 0;
  while (index < eligible.length && selected.length < quota) {
    const position = (eligible[index] as Pick<RankedRow, 'position'>).position;
    const group = eligible.filter((row) => row.position === position);
    if (selected.length + group.length <= quota) selected.push(...group.map((row) => row.id));
    else {
      cutoffTie = group.map((row) => row.id);
      break;
    }
    index += group.length;
  }
  return { quota, selected, cutoffTie, openPlaces: cutoffTie.length > 0 ? quota - selected.length : 0 };
}
