/** Where a campaign stands against its deadline, counted in calendar days on the user's own calendar. */
export interface DeadlineState {
  /** Days left before the deadline (0 on the last day), or days overdue once it has passed. */
  days: number;
  phase: 'ahead' | 'lastDay' | 'passed';
  /** "soon" within {@link DEADLINE_SOON_DAYS} days, so the banner turns amber. */
  urgency: 'calm' | 'soon' | 'late';
}

/** From this many days before the deadline the countdown warns. */
export const DEADLINE_SOON_DAYS = 7;

function dayNumber(iso: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) throw new RangeError(`not an ISO date: ${iso}`);
  // Date.UTC on the calendar parts: no time zone or daylight-saving hour can shift the count.
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / 86_400_000;
}

/** Whole calendar days from one ISO date (yyyy-MM-dd) to another; negative when `to` comes first. */
export function daysBetween(from: string, to: string): number {
  return Math.round(dayNumber(to) - dayNumber(from));
}

/** The calendar date a clock shows where the user is (not the UTC date), as yyyy-MM-dd. */
export function localIsoDate(date: Date): string {
  const two = (value: number) => String(value).padStart(2, '0');
  return `${String(date.getFullYear()).padStart(4, '0')}-${two(date.getMonth() + 1)}-${two(date.getDate())}`;
}

/** An ISO date as the reader writes it, dd/MM/yyyy ("2026-01-10" → "10/01/2026"). */
export function formatIsoDate(iso: string): string {
  const [year, month, day] = iso.split('-');
  return `${day}/${month}/${year}`;
}

/** The countdown to a deadline as seen on `today` (both ISO dates). */
export function deadlineState(deadline: string, today: string): DeadlineState {
  const days = daysBetween(today, deadline);
  if (days < 0) return { days: -days, phase: 'passed', urgency: 'late' };
  if (days === 0) return { days: 0, phase: 'lastDay', urgency: 'soon' };
  return { days, phase: 'ahead', urgency: days <= DEADLINE_SOON_DAYS ? 'soon' : 'calm' };
}
