import { compareNames } from '../domain/collation';
import type { RuleNote } from './types';

export const ALLOCATION_METHODS = ['largestRemainder', 'dHondt', 'equalShare'] as const;
export type AllocationMethod = (typeof ALLOCATION_METHODS)[number];

/** The claim id that pools the units directly under the province, which no transaction office serves. */
export const PROVINCE_BUCKET = 'province';

export interface AllocationClaim {
  id: string;
  name: string;
  /** What the unit earned in the collective round (a count or points); never negative. */
  weight: number;
}

export interface AllocationLine {
  id: string;
  name: string;
  weight: number;
  /** The unit's exact share of the quota (quota × weight ÷ total weight); equal shares for equalShare. */
  exactQuota: number;
  /** Seats given before the remainder (the whole part, or for D'Hondt none). */
  baseSeats: number;
  /** Seats given for the remainder (or, for D'Hondt, by quotient). */
  extraSeats: number;
  seats: number;
  /** Why each extra seat went here, in order, as translation keys (largest remainder, quotient, higher weight). */
  reasons: RuleNote[];
  /** True when this unit's last seat was decided between equal claims (by the order stated in the reason). */
  tie: boolean;
  /** True when this unit's claim to one more seat equalled the last seat given, and the stated order gave it to another. */
  tieLost: boolean;
  /** The other units of the tie at the last seat (ids), in the stated order; empty without a tie. */
  tiedWith: string[];
}

export interface Allocation {
  method: AllocationMethod;
  quota: number;
  totalWeight: number;
  lines: AllocationLine[];
}

/** Orders equal claims: larger weight first, then name in Vietnamese order, then id — stated in every reason. */
function byWeightThenName(a: AllocationClaim, b: AllocationClaim): number {
  return b.weight - a.weight || compareNames(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function emptyLine(claim: AllocationClaim, exactQuota: number, baseSeats: number): AllocationLine {
  return { id: claim.id, name: claim.name, weight: claim.weight, exactQuota, baseSeats, extraSeats: 0, seats: baseSeats, reasons: [], tie: false, tieLost: false, tiedWith: [] };
}

function rounded(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/** Claims closer than this are equal: weights are counts or points in hundredths, far coarser. */
const EQUAL = 1e-9;

/** Larger first; values within {@link EQUAL} compare as equal, so floating-point noise never overrides the stated order. */
function descending(a: number, b: number): number {
  return Math.abs(b - a) <= EQUAL ? 0 : b - a;
}

/** Hamilton: whole parts of the exact quotas, then one seat each to the largest remainders. */
function largestRemainder(quota: number, claims: AllocationClaim[], totalWeight: number): AllocationLine[] {
  const lines = claims.map((claim) => {
    const exact = totalWeight > 0 ? (quota * claim.weight) / totalWeight : quota / claims.length;
    return emptyLine(claim, exact, Math.floor(exact + EQUAL));
  });
  const left = quota - lines.reduce((sum, line) => sum + line.baseSeats, 0);
  // The remainder as (quota × weight − base × total) ÷ total: exact for whole weights, so equal remainders are equal numbers.
  const remainderOf = (line: AllocationLine): number =>
    totalWeight > 0 ? (quota * line.weight - line.baseSeats * totalWeight) / totalWeight : line.exactQuota - line.baseSeats;
  const order = lines
    .map((line, index) => ({ line, claim: claims[index] as AllocationClaim, remainder: remainderOf(line) }))
    .sort((a, b) => descending(a.remainder, b.remainder) || byWeightThenName(a.claim, b.claim));
  for (let seat = 0; seat < left; seat += 1) {
    const winner = order[seat % order.length];
    if (!winner) break;
    const next = order[left];
    winner.line.extraSeats += 1;
    winner.line.seats += 1;
    winner.line.tie = next !== undefined && Math.abs(next.remainder - winner.remainder) <= EQUAL;
    winner.line.reasons.push({ key: 'allocation.reason.remainder', params: { remainder: rounded(winner.remainder) } });
  }
  const last = left > 0 ? order[left - 1] : undefined;
  if (last?.line.tie) for (const loser of order.slice(left)) if (Math.abs(loser.remainder - last.remainder) <= EQUAL) loser.line.tieLost = true;
  return lines;
}

/**
 * D'Hondt: each seat to the largest weight ÷ (seats already won + 1); equal quotients go to the larger weight, then
 * (for equal weights, as when every weight is zero) to the unit with fewer seats, then by name.
 */
function dHondt(quota: number, claims: AllocationClaim[]): AllocationLine[] {
  const lines = claims.map((claim) => emptyLine(claim, 0, 0));
  const total = claims.reduce((sum, claim) => sum + claim.weight, 0);
  lines.forEach((line) => {
    line.exactQuota = total > 0 ? (quota * line.weight) / total : quota / claims.length;
  });
  const ranked = () =>
    lines
      .map((line, index) => ({ line, claim: claims[index] as AllocationClaim, quotient: line.weight / (line.seats + 1) }))
      .sort((a, b) => descending(a.quotient, b.quotient) || b.claim.weight - a.claim.weight || a.line.seats - b.line.seats || byWeightThenName(a.claim, b.claim));
  let lastQuotient: number | null = null;
  for (let seat = 1; seat <= quota; seat += 1) {
    const winner = ranked()[0];
    if (!winner) break;
    winner.line.seats += 1;
    winner.line.extraSeats += 1;
    lastQuotient = winner.quotient;
    winner.line.reasons.push({ key: 'allocation.reason.quotient', params: { quotient: rounded(winner.quotient), seat } });
  }
  // A tie only matters at the cut-off: the best quotient left equals the last one that won a seat. The units whose
  // last seat was won with that quotient got it between equal claims; those whose next quotient equals it lost it.
  const best = ranked()[0];
  if (lastQuotient !== null && best && Math.abs(best.quotient - lastQuotient) <= EQUAL) {
    for (const line of lines) {
      if (line.seats > 0 && Math.abs(line.weight / line.seats - lastQuotient) <= EQUAL) line.tie = true;
      if (Math.abs(line.weight / (line.seats + 1) - lastQuotient) <= EQUAL) line.tieLost = true;
    }
  }
  return lines;
}

/** Equal share plus remainder: every unit the same whole number of seats, the rest to the largest weights. */
function equalShare(quota: number, claims: AllocationClaim[]): AllocationLine[] {
  const base = Math.floor(quota / claims.length);
  const lines = claims.map((claim) => emptyLine(claim, quota / claims.length, base));
  const left = quota - base * claims.length;
  const order = lines.map((line, index) => ({ line, claim: claims[index] as AllocationClaim })).sort((a, b) => byWeightThenName(a.claim, b.claim));
  for (let seat = 0; seat < left; seat += 1) {
    const winner = order[seat];
    if (!winner) break;
    const next = order[left];
    winner.line.extraSeats += 1;
    winner.line.seats += 1;
    winner.line.tie = next !== undefined && next.claim.weight === winner.claim.weight;
    winner.line.reasons.push({ key: 'allocation.reason.weight', params: { weight: rounded(winner.claim.weight) } });
  }
  const last = left > 0 ? order[left - 1] : undefined;
  if (last?.line.tie) for (const loser of order.slice(left)) if (loser.claim.weight === last.claim.weight) loser.line.tieLost = true;
  return lines;
}

/**
 * Shares `quota` seats among units by a named method. The seats always add up to the quota (when there is at
 * least one unit); every extra seat carries its reason, and a seat decided between equal claims is marked.
 */
export function allocateSeats(method: AllocationMethod, quota: number, claims: AllocationClaim[]): Allocation {
  const clean = claims.map((claim) => ({ ...claim, weight: Number.isFinite(claim.weight) && claim.weight > 0 ? claim.weight : 0 }));
  const seats = Math.max(0, Math.floor(quota));
  const totalWeight = clean.reduce((sum, claim) => sum + claim.weight, 0);
  if (clean.length === 0) return { method, quota: seats, totalWeight, lines: [] };
  const lines = method === 'dHondt' ? dHondt(seats, clean) : method === 'equalShare' ? equalShare(seats, clean) : largestRemainder(seats, clean, totalWeight);
  // Only the last seat can be tied, so the marked units form one group; each names the others, in the order that decided.
  const tied = lines.filter((line) => line.tie || line.tieLost).sort(byWeightThenName);
  // A unit cannot tie with itself (one unit whose next quotient equals its last, as with a weight of zero).
  if (tied.length < 2) for (const line of tied) Object.assign(line, { tie: false, tieLost: false });
  else for (const line of tied) line.tiedWith = tied.filter((other) => other !== line).map((other) => other.id);
  return { method, quota: seats, totalWeight, lines };
}
