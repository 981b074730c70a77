import { describe, expect, it } from 'vitest';
import { daysBetween, deadlineState, formatIsoDate, localIsoDate } from '../../shared/domain/deadline';

describe('the deadline countdown', () => {
  it('counts calendar days, across months, years and leap days', () => {
    expect(daysBetween('2026-01-01', '2026-01-10')).toBe(9);
    expect(daysBetween('2025-12-31', '2026-01-10')).toBe(10);
    expect(daysBetween('2028-02-28', '2028-03-01')).toBe(2);
    expect(daysBetween('2026-01-10', '2026-01-10')).toBe(0);
    expect(daysBetween('2026-11-25', '2026-01-10')).toBe(-319);
  });

  it('is calm ahead of time, warns within seven days, and is late once the day has passed', () => {
    expect(deadlineState('2026-01-10', '2025-12-01')).toEqual({ days: 40, phase: 'ahead', urgency: 'calm' });
    expect(deadlineState('2026-01-10', '2026-01-02')).toEqual({ days: 8, phase: 'ahead', urgency: 'calm' });
    expect(deadlineState('2026-01-10', '2026-01-03')).toEqual({ days: 7, phase: 'ahead', urgency: 'soon' });
    expect(deadlineState('2026-01-10', '2026-01-09')).toEqual({ days: 1, phase: 'ahead', urgency: 'soon' });
    expect(deadlineState('2026-01-10', '2026-01-10')).toEqual({ days: 0, phase: 'lastDay', urgency: 'soon' });
    expect(deadlineState('2026-01-10', '2026-01-11')).toEqual({ days: 1, phase: 'passed', urgency: 'late' });
  });

  it('takes today from the local clock, not from UTC: 00:30 on 10 January in Tây Ninh is still the last day', () => {
    // A Date built from local parts: whatever the machine's zone, its local calendar day is the 10th.
    expect(localIsoDate(new Date(2026, 0, 10, 0, 30))).toBe('2026-01-10');
    expect(localIsoDate(new Date(2026, 0, 10, 23, 59))).toBe('2026-01-10');
    expect(localIsoDate(new Date(999, 11, 31, 12))).toBe('0999-12-31');
  });

  it('writes dates as dd/MM/yyyy', () => {
    expect(formatIsoDate('2026-01-10')).toBe('10/01/2026');
  });
});
