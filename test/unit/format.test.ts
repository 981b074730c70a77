import { describe, expect, it } from 'vitest';
import { formatDateTime } from '../../renderer/components/format';

describe('formatDateTime: dates as the users write them', () => {
  it('is dd/MM/yyyy HH:mm in local time, whatever the language', () => {
    const iso = new Date(2026, 0, 5, 9, 7).toISOString();
    expect(formatDateTime(iso, 'vi')).toBe('05/01/2026 09:07');
    expect(formatDateTime(iso, 'en')).toBe('05/01/2026 09:07');
  });

  it('leaves a value that is no date as it is', () => {
    expect(formatDateTime('not a date', 'vi')).toBe('not a date');
  });
});
