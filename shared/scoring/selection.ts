import type { RankedRow } from './rank';

/** The counts of a nominee's accepted ballot that its approval is judged on. */
export interface BallotResult {
  votesFor: number;
  /** Members who voted (present, and absent ones who voted in writing). */
  voters: number;
}

/** A row the selection reads: its place in the ranking, and what the council's vote and the allocation need. */
export interface SelectionRow extends Pick<RankedRow, 'id' | 'position' | 'eligible'> {
  /** The accepted ballot, or null while none is. */
  ballot?: BallotResult | null;
  /** Whose seats the nominee takes, when the places are shared out (an individual's transaction office). */
  scope?: string;
}

/** A tie the rules cannot break: more nominees at one position than places left (in a scope, when seats are shared). */
export interface Tie {
  /** The question the tie asks, as {@link tieSubject} writes it: a different tie is a different question. */
  subject: string;
  scope: string | null;
  ids: string[];
  places: number;
  /** The council's choice, when it made one that answers this very question. */
  chosen: string[] | null;
}

/** How a nominee fared, for the ranking's column and the minutes. */
export type Outcome =
  | 'proposed'
  /** Proposed if its ballot, still to be accepted, approves it. */
  | 'awaitingBallot'
  | 'notApproved'
  | 'tieOpen'
  | 'tieNotChosen'
  /** Its scope's seats were taken by nominees ranked above it. */
  | 'noSeatLeft'
  | 'belowCutoff'
  | 'notEligible';

export interface Selection {
  quota: number;
  /** Ids proposed, in rank order (those awaiting their ballot included: the selection is provisional until none is). */
  selected: string[];
  /** Ids of the ties still open, in rank order: the council decides; none is chosen silently. */
  cutoffTie: string[];
  /** Places the open ties hold until the council decides. */
  openPlaces: number;
  /** Every tie met at a cut-off, decided or open. */
  ties: Tie[];
  /** Ids the selection reached whose ballot is not accepted yet. */
  awaitingBallot: string[];
  /** Ids whose accepted ballot is under the approval threshold: not proposed, whatever their score. */
  notApproved: string[];
  /** Every row's outcome, by id. */
  outcomes: Record<string, Outcome>;
}

/** How the council approves: more than `numerator/denominator` of a base (all members, or each ballot's voters). */
export interface ApprovalRule {
  numerator: number;
  denominator: number;
  /** All members of the council; null to count each ballot's voters instead. */
  members: number | null;
}

export interface SelectionRules {
  quota: number;
  /** Null where nothing is voted (an office's preview): every eligible nominee counts as approved. */
  approval?: ApprovalRule | null;
  /** Seats per scope (round 2: the individual quota shared among offices); a nominee of a scope without seats gets none. */
  seats?: ReadonlyMap<string, number> | null;
  /** The council's decisions on ties, by subject: the ids it chose. */
  decisions?: ReadonlyMap<string, readonly string[]>;
  /** Names the scope of whole-ranking ties (round 1's subjects stay apart from round 2's). */
  scope?: string;
}

/** The question a tie asks: the tied ids (sorted), the places, and where (a round, an office). */
export function tieSubject(tied: readonly string[], places: number, scope = ''): string {
  return `${scope ? `${scope}:` : ''}${[...tied].sort().join(',')}|${places}`;
}

/** Whether a count of votes for is strictly more than the share of the base. */
export function approvedBy(votesFor: number, base: number, share: Pick<ApprovalRule, 'numerator' | 'denominator'>): boolean {
  return base > 0 && votesFor * share.denominator > share.numerator * base;
}

/** The smallest count of votes for that approves, against a base. */
export function votesNeeded(base: number, share: Pick<ApprovalRule, 'numerator' | 'denominator'>): number {
  return Math.floor((share.numerator * base) / share.denominator) + 1;
}

/**
 * Proposes nominees in rank order: only eligible ones, only those the council approved (a nominee whose ballot is not
 * in yet counts as approved, and the selection says it is waiting), within the quota and, when seats are shared out,
 * within their scope's seats. A tie across a cut-off is never broken here: the council's decision on that very tie
 * fills its places, or they stay open.
 */
export function selectNominees(rows: readonly SelectionRow[], rulesOrQuota: SelectionRules | number): Selection {
  const rules: SelectionRules = typeof rulesOrQuota === 'number' ? { quota: rulesOrQuota } : rulesOrQuota;
  const quota = Math.max(0, Math.floor(rules.quota));
  const approval = rules.approval ?? null;
  const outcomes: Record<string, Outcome> = {};
  const selected: string[] = [];
  const ties: Tie[] = [];
  const awaitingBallot: string[] = [];
  const notApproved: string[] = [];
  const seatsLeft = rules.seats ? new Map(rules.seats) : null;
  let placesLeft = quota;

  const ordered = [...rows].sort((a, b) => a.position - b.position);
  for (const row of ordered) outcomes[row.id] = row.eligible ? 'belowCutoff' : 'notEligible';
  const eligible = ordered.filter((row) => row.eligible);

  for (let index = 0; index < eligible.length && placesLeft > 0; ) {
    const position = (eligible[index] as SelectionRow).position;
    const group: SelectionRow[] = [];
    while (index < eligible.length && (eligible[index] as SelectionRow).position === position) group.push(eligible[(index += 1) - 1] as SelectionRow);

    // The council's vote first: under the threshold, a nominee is out whatever its score.
    const standing = group.filter((row) => {
      if (!approval) return true;
      if (!row.ballot) return true;
      const base = approval.members ?? row.ballot.voters;
      if (approvedBy(row.ballot.votesFor, base, approval)) return true;
      outcomes[row.id] = 'notApproved';
      notApproved.push(row.id);
      return false;
    });

    // Then the places: of the whole ranking, or of each scope's seats.
    const byScope = new Map<string | null, SelectionRow[]>();
    for (const row of standing) {
      const scope = seatsLeft ? (row.scope ?? '') : null;
      byScope.set(scope, [...(byScope.get(scope) ?? []), row]);
    }
    for (const [scope, members] of byScope) {
      const available = Math.min(placesLeft, scope === null ? placesLeft : (seatsLeft?.get(scope) ?? 0));
      if (available === 0) {
        for (const row of members) outcomes[row.id] = scope === null ? 'belowCutoff' : 'noSeatLeft';
        continue;
      }
      let taken: SelectionRow[];
      if (members.length <= available) taken = members;
      else {
        const ids = members.map((row) => row.id);
        const subject = tieSubject(ids, available, scope ?? rules.scope ?? '');
        const decided = rules.decisions?.get(subject);
        const chosen = decided && decided.length === available && decided.every((id) => ids.includes(id)) ? [...decided] : null;
        ties.push({ subject, scope, ids, places: available, chosen });
        taken = chosen ? members.filter((row) => chosen.includes(row.id)) : [];
        for (const row of members) outcomes[row.id] = chosen ? 'tieNotChosen' : 'tieOpen';
      }
      for (const row of taken) {
        selected.push(row.id);
        const waiting = Boolean(approval) && !row.ballot;
        outcomes[row.id] = waiting ? 'awaitingBallot' : 'proposed';
        if (waiting) awaitingBallot.push(row.id);
      }
      // A tie, decided or open, takes every place it was tied for (an open one holds them until the council decides).
      const used = Math.min(members.length, available);
      placesLeft -= used;
      if (scope !== null) seatsLeft?.set(scope, (seatsLeft.get(scope) ?? 0) - used);
    }
  }
  const open = ties.filter((tie) => tie.chosen === null);
  return {
    quota,
    selected,
    cutoffTie: open.flatMap((tie) => tie.ids),
    openPlaces: open.reduce((sum, tie) => sum + tie.places, 0),
    ties,
    awaitingBallot,
    notApproved,
    outcomes,
  };
}
