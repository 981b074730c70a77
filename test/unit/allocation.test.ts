import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { messages } from '../../shared/i18n';
import { ALLOCATION_METHODS, allocateSeats, PROVINCE_BUCKET, type Allocation, type AllocationClaim, type AllocationMethod } from '../../shared/scoring/allocation';

/** Claims named A, B, C… with the given weights. */
function claims(weights: number[]): AllocationClaim[] {
  return weights.map((weight, index) => ({ id: `u${index}`, name: String.fromCharCode(65 + index), weight }));
}

function seats(allocation: Allocation): number[] {
  return allocation.lines.map((line) => line.seats);
}

function seatsById(allocation: Allocation): Record<string, number> {
  return Object.fromEntries(allocation.lines.map((line) => [line.id, line.seats]));
}

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

describe('largest remainder (Hamilton)', () => {
  it('gives the whole parts of the exact quotas, then the seats left to the largest remainders', () => {
    const allocation = allocateSeats('largestRemainder', 10, claims([6, 6, 2]));
    expect(allocation.totalWeight).toBe(14);
    expect(allocation.lines.map((line) => Number(line.exactQuota.toFixed(4)))).toEqual([4.2857, 4.2857, 1.4286]);
    expect(allocation.lines.map((line) => line.baseSeats)).toEqual([4, 4, 1]);
    expect(seats(allocation)).toEqual([4, 4, 2]);
    const small = allocation.lines[2];
    expect(small?.extraSeats).toBe(1);
    expect(small?.reasons).toEqual([{ key: 'allocation.reason.remainder', params: { remainder: 0.429 } }]);
    expect(allocation.lines.some((line) => line.tie)).toBe(false);
  });

  it('shows the Alabama paradox: with one more seat in the quota the small unit loses a seat', () => {
    const ten = allocateSeats('largestRemainder', 10, claims([6, 6, 2]));
    const eleven = allocateSeats('largestRemainder', 11, claims([6, 6, 2]));
    expect(seats(ten)).toEqual([4, 4, 2]);
    expect(seats(eleven)).toEqual([5, 5, 1]);
    expect(sum(seats(eleven))).toBe(11);
  });

  it('orders equal remainders by the larger weight, then by name, and marks the tie at the cut-off', () => {
    // 3 seats for [1, 1, 1, 1]: every remainder is 0.75; the names decide, as the reason states.
    const equal = allocateSeats('largestRemainder', 3, claims([1, 1, 1, 1]));
    expect(seats(equal)).toEqual([1, 1, 1, 0]);
    expect(equal.lines.map((line) => line.tie)).toEqual([true, true, true, false]);
    // The unit that had the same claim and got no seat is marked too, so the council sees both sides of the tie.
    expect(equal.lines.map((line) => line.tieLost)).toEqual([false, false, false, true]);
    // A seat decided above the cut-off is no tie: here only one seat is contested between equal remainders.
    const clear = allocateSeats('largestRemainder', 4, claims([5, 2, 2]));
    // exact 2.222, 0.889, 0.889: B and C both get their extra seat, nobody is left with an equal claim.
    expect(seats(clear)).toEqual([2, 1, 1]);
    expect(clear.lines.some((line) => line.tie || line.tieLost)).toBe(false);
  });

  it('applies the stated order to remainders that are equal in exact arithmetic but not in floating point', () => {
    // 2 seats for [7, 2, 1]: exact quotas 1.4, 0.4, 0.2. A and B have the same remainder 0.4 (7 × 2 − 10 = 4 and
    // 2 × 2 = 4, both tenths), which floating point writes 0.3999999999999999 for A. The larger weight wins.
    const allocation = allocateSeats('largestRemainder', 2, claims([7, 2, 1]));
    expect(seats(allocation)).toEqual([2, 0, 0]);
    expect(allocation.lines[0]?.tie).toBe(true);
    expect(allocation.lines.map((line) => line.tieLost)).toEqual([false, true, false]);
    expect(allocation.lines[0]?.reasons).toEqual([{ key: 'allocation.reason.remainder', params: { remainder: 0.4 } }]);
  });

  it('shares equally when every weight is zero, and never gives a seat to a zero weight otherwise', () => {
    const zero = allocateSeats('largestRemainder', 10, claims([0, 0, 0, 0]));
    expect(zero.totalWeight).toBe(0);
    expect(seats(zero)).toEqual([3, 3, 2, 2]);
    expect(zero.lines.map((line) => line.exactQuota)).toEqual([2.5, 2.5, 2.5, 2.5]);
    const some = allocateSeats('largestRemainder', 10, claims([0, 3, 0, 4]));
    expect(seats(some)).toEqual([0, 4, 0, 6]);
  });
});

describe("D'Hondt (highest averages)", () => {
  it('reproduces the textbook example: 100 000, 80 000, 30 000 and 20 000 votes for 8 seats', () => {
    const allocation = allocateSeats('dHondt', 8, claims([100_000, 80_000, 30_000, 20_000]));
    expect(seats(allocation)).toEqual([4, 3, 1, 0]);
    // Every seat is won by quotient; the reasons list them in the order they were won.
    const first = allocation.lines[0];
    expect(first?.baseSeats).toBe(0);
    expect(first?.extraSeats).toBe(4);
    expect(first?.reasons.map((reason) => reason.params)).toEqual([
      { quotient: 100_000, seat: 1 },
      { quotient: 50_000, seat: 3 },
      { quotient: 33_333.333, seat: 5 },
      { quotient: 25_000, seat: 8 },
    ]);
    expect(allocation.lines[2]?.reasons).toEqual([{ key: 'allocation.reason.quotient', params: { quotient: 30_000, seat: 6 } }]);
    expect(allocation.lines.some((line) => line.tie)).toBe(false);
  });

  it('favours larger units more than the largest remainder does', () => {
    expect(seats(allocateSeats('dHondt', 5, claims([7, 2, 2, 2, 2])))).toEqual([3, 1, 1, 0, 0]);
    expect(seats(allocateSeats('largestRemainder', 5, claims([7, 2, 2, 2, 2])))).toEqual([2, 1, 1, 1, 0]);
  });

  it('on [6, 6, 2] for 10 seats, the tenth seat is between A and B (1.2 each): the name decides and the tie is shown', () => {
    const allocation = allocateSeats('dHondt', 10, claims([6, 6, 2]));
    expect(seats(allocation)).toEqual([5, 4, 1]);
    expect(allocation.lines.map((line) => line.tie)).toEqual([true, false, false]);
    expect(allocation.lines.map((line) => line.tieLost)).toEqual([false, true, false]);
    expect(allocation.lines[0]?.reasons.at(-1)).toEqual({ key: 'allocation.reason.quotient', params: { quotient: 1.2, seat: 10 } });
  });

  it('breaks equal quotients by the larger weight, as stated, and marks only a tie at the cut-off', () => {
    // 3 seats for [6, 3]: quotients 6, 3, 3, 2, 1.5 — A's 3 and B's 3 are equal, but both are within the quota.
    const both = allocateSeats('dHondt', 3, claims([6, 3]));
    expect(seats(both)).toEqual([2, 1]);
    expect(both.lines.some((line) => line.tie || line.tieLost)).toBe(false);
    // 2 seats for [6, 3]: the second seat is between A's 3 and B's 3; the larger weight wins and the tie is shown.
    const cut = allocateSeats('dHondt', 2, claims([6, 3]));
    expect(seats(cut)).toEqual([2, 0]);
    expect(cut.lines.map((line) => line.tie)).toEqual([true, false]);
    expect(cut.lines.map((line) => line.tieLost)).toEqual([false, true]);
    // Equal units tied for one seat: the name decides.
    const names = allocateSeats('dHondt', 1, [
      { id: 'x', name: 'Bến Cầu', weight: 4 },
      { id: 'y', name: 'An Hòa', weight: 4 },
    ]);
    expect(seatsById(names)).toEqual({ x: 0, y: 1 });
    expect(names.lines.find((line) => line.id === 'y')?.tie).toBe(true);
    expect(names.lines.find((line) => line.id === 'x')?.tieLost).toBe(true);
  });

  it('shares seats in turn when every weight is zero', () => {
    expect(seats(allocateSeats('dHondt', 5, claims([0, 0, 0])))).toEqual([2, 2, 1]);
  });
});

describe('equal share plus remainder', () => {
  it('gives every unit the same whole number of seats, the rest to the largest weights', () => {
    const allocation = allocateSeats('equalShare', 10, claims([5, 3, 1]));
    expect(allocation.lines.map((line) => line.baseSeats)).toEqual([3, 3, 3]);
    expect(seats(allocation)).toEqual([4, 3, 3]);
    expect(allocation.lines.map((line) => line.exactQuota)).toEqual([10 / 3, 10 / 3, 10 / 3]);
    expect(allocation.lines[0]?.reasons).toEqual([{ key: 'allocation.reason.weight', params: { weight: 5 } }]);
  });

  it('marks a tie when equal weights compete for the last seat', () => {
    const allocation = allocateSeats('equalShare', 4, claims([2, 2, 2]));
    expect(seats(allocation)).toEqual([2, 1, 1]);
    expect(allocation.lines.map((line) => line.tie)).toEqual([true, false, false]);
    expect(allocation.lines.map((line) => line.tieLost)).toEqual([false, true, true]);
  });

  it('with more units than seats, only the largest weights get one', () => {
    expect(seats(allocateSeats('equalShare', 2, claims([1, 9, 5, 0])))).toEqual([0, 1, 1, 0]);
  });
});

describe('the province-level units, pooled as one claim', () => {
  /** The claim the service makes for the units no transaction office serves: named in Vietnamese, as units are. */
  const province = (weight: number): AllocationClaim => ({ id: PROVINCE_BUCKET, name: messages.vi.allocation.province, weight });
  const line = (allocation: Allocation, id: string) => allocation.lines.find((item) => item.id === id);

  it('has a name in both languages', () => {
    expect(messages.vi.allocation.province).toBe('Đơn vị cấp tỉnh');
    expect(messages.en.allocation.province).toBe('Province-level units');
  });

  it('a tie for the last place between the province level and an office is reported, each naming the other, and decided by name', () => {
    // 2 places for [4, 2, 2]: Tân Châu gets 1; the second is between remainders of 0.5, equal weights: “Đơn vị…” comes before “Phòng…”.
    const allocation = allocateSeats('largestRemainder', 2, [
      { id: 'tan-chau', name: 'Phòng giao dịch NHCSXH huyện Tân Châu', weight: 4 },
      { id: 'ben-cau', name: 'Phòng giao dịch NHCSXH huyện Bến Cầu', weight: 2 },
      province(2),
    ]);
    expect(seatsById(allocation)).toEqual({ 'tan-chau': 1, 'ben-cau': 0, [PROVINCE_BUCKET]: 1 });
    expect(line(allocation, PROVINCE_BUCKET)).toMatchObject({ name: 'Đơn vị cấp tỉnh', tie: true, tieLost: false, tiedWith: ['ben-cau'] });
    expect(line(allocation, 'ben-cau')).toMatchObject({ tie: false, tieLost: true, tiedWith: [PROVINCE_BUCKET] });
    expect(line(allocation, 'tan-chau')?.tiedWith).toEqual([]);
  });

  it('takes its place in the stated order by its name, not ahead of every unit as an empty name would', () => {
    const office = { id: 'chau-thanh', name: 'Châu Thành', weight: 3 };
    const named = allocateSeats('largestRemainder', 1, [province(3), office]);
    expect(seatsById(named)).toEqual({ [PROVINCE_BUCKET]: 0, 'chau-thanh': 1 });
    expect(line(named, PROVINCE_BUCKET)).toMatchObject({ tieLost: true, tiedWith: ['chau-thanh'] });
    const unnamed = allocateSeats('largestRemainder', 1, [{ ...province(3), name: '' }, office]);
    expect(seatsById(unnamed)).toEqual({ [PROVINCE_BUCKET]: 1, 'chau-thanh': 0 });
  });

  it('with D’Hondt, a three-way tie lists the others in the stated order: larger weight, then name', () => {
    // 2 places for [4, 2, 2]: place 2 is between quotients of 2; the larger weight (Tân Châu) wins it.
    const allocation = allocateSeats('dHondt', 2, [
      { id: 'ben-cau', name: 'Phòng giao dịch NHCSXH huyện Bến Cầu', weight: 2 },
      province(2),
      { id: 'tan-chau', name: 'Phòng giao dịch NHCSXH huyện Tân Châu', weight: 4 },
    ]);
    expect(seatsById(allocation)).toEqual({ 'tan-chau': 2, 'ben-cau': 0, [PROVINCE_BUCKET]: 0 });
    expect(line(allocation, 'tan-chau')?.tiedWith).toEqual([PROVINCE_BUCKET, 'ben-cau']);
    expect(line(allocation, 'ben-cau')?.tiedWith).toEqual(['tan-chau', PROVINCE_BUCKET]);
    expect(line(allocation, PROVINCE_BUCKET)).toMatchObject({ tieLost: true, tiedWith: ['tan-chau', 'ben-cau'] });
  });
});

describe('every method', () => {
  it('with no unit gives no line; a negative or fractional quota is read as whole seats', () => {
    for (const method of ALLOCATION_METHODS) {
      expect(allocateSeats(method, 10, [])).toEqual({ method, quota: 10, totalWeight: 0, lines: [] });
      expect(sum(seats(allocateSeats(method, 7.8, claims([3, 2]))))).toBe(7);
      expect(sum(seats(allocateSeats(method, -3, claims([3, 2]))))).toBe(0);
    }
  });

  it('treats negative, infinite and NaN weights as zero', () => {
    for (const method of ALLOCATION_METHODS) {
      const allocation = allocateSeats(method, 6, claims([-5, Number.NaN, Number.POSITIVE_INFINITY, 4]));
      expect(allocation.lines.map((line) => line.weight)).toEqual([0, 0, 0, 4]);
      expect(sum(seats(allocation))).toBe(6);
    }
  });

  it('explains every extra seat with one reason', () => {
    for (const method of ALLOCATION_METHODS) {
      for (const line of allocateSeats(method, 10, claims([7, 5, 3, 1])).lines) {
        expect(line.reasons).toHaveLength(line.extraSeats);
        expect(line.seats).toBe(line.baseSeats + line.extraSeats);
      }
    }
  });
});

const methodArb = fc.constantFrom<AllocationMethod>(...ALLOCATION_METHODS);
const integerClaims = fc.array(fc.nat({ max: 60 }), { minLength: 1, maxLength: 12 }).map(claims);
const pointClaims = fc.array(fc.integer({ min: 0, max: 120_000 }).map((hundredths) => hundredths / 100), { minLength: 1, maxLength: 12 }).map(claims);
const quotaArb = fc.integer({ min: 0, max: 40 });

/** The same claims in another order. */
function shuffled(list: AllocationClaim[], seed: number): AllocationClaim[] {
  const copy = [...list];
  let state = seed >>> 0;
  for (let i = copy.length - 1; i > 0; i -= 1) {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    const j = state % (i + 1);
    [copy[i], copy[j]] = [copy[j] as AllocationClaim, copy[i] as AllocationClaim];
  }
  return copy;
}

describe('properties', () => {
  it('the seats always add up to the quota, for every method', () => {
    fc.assert(
      fc.property(methodArb, quotaArb, fc.oneof(integerClaims, pointClaims), (method, quota, list) => {
        const allocation = allocateSeats(method, quota, list);
        expect(sum(seats(allocation))).toBe(quota);
        for (const line of allocation.lines) expect(line.seats).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 400 },
    );
  });

  it('Hamilton gives every unit its exact quota rounded down or up', () => {
    fc.assert(
      fc.property(quotaArb, fc.oneof(integerClaims, pointClaims), (quota, list) => {
        for (const line of allocateSeats('largestRemainder', quota, list).lines) {
          expect(line.seats).toBeGreaterThanOrEqual(Math.floor(line.exactQuota + 1e-9));
          expect(line.seats).toBeLessThanOrEqual(Math.ceil(line.exactQuota - 1e-9));
        }
      }),
      { numRuns: 400 },
    );
  });

  it('the result does not depend on the order in which the units are given', () => {
    fc.assert(
      fc.property(methodArb, quotaArb, fc.oneof(integerClaims, pointClaims), fc.nat(), (method, quota, list, seed) => {
        const a = allocateSeats(method, quota, list);
        const b = allocateSeats(method, quota, shuffled(list, seed));
        expect(seatsById(b)).toEqual(seatsById(a));
        const ties = (allocation: Allocation) => Object.fromEntries(allocation.lines.map((line) => [line.id, [line.tie, line.tieLost, line.tiedWith]]));
        expect(ties(b)).toEqual(ties(a));
      }),
      { numRuns: 400 },
    );
  });

  it('a single unit is never tied with itself, whatever its weight (found by the property below)', () => {
    for (const method of ['largestRemainder', 'dHondt', 'equalShare'] as const) {
      for (const weight of [0, 3]) {
        const [line] = allocateSeats(method, 2, [{ id: 'u0', name: 'Đơn vị cấp tỉnh', weight }]).lines;
        expect(line, `${method} ${weight}`).toMatchObject({ seats: 2, tie: false, tieLost: false, tiedWith: [] });
      }
    }
  });

  it('a tie has two sides: a unit that won the last seat between equals, and one that lost it', () => {
    fc.assert(
      fc.property(methodArb, quotaArb, fc.oneof(integerClaims, pointClaims), (method, quota, list) => {
        const lines = allocateSeats(method, quota, list).lines;
        expect(lines.some((line) => line.tie)).toBe(lines.some((line) => line.tieLost));
        // Each side names the others, and only a tied unit names anyone.
        for (const line of lines) {
          expect(line.tiedWith.length > 0).toBe(line.tie || line.tieLost);
          for (const other of line.tiedWith) expect(lines.find((item) => item.id === other)?.tiedWith).toContain(line.id);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('a unit with a larger weight never gets fewer seats than one with a smaller weight', () => {
    fc.assert(
      fc.property(fc.constantFrom<AllocationMethod>('largestRemainder', 'dHondt', 'equalShare'), quotaArb, integerClaims, (method, quota, list) => {
        const lines = allocateSeats(method, quota, list).lines;
        for (const a of lines) for (const b of lines) if (a.weight > b.weight) expect(a.seats).toBeGreaterThanOrEqual(b.seats);
      }),
      { numRuns: 300 },
    );
  });
});
