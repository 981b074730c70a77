import { describe, expect, it } from 'vitest';
import { setUpCore } from '../support/core';

describe('quotas that depart from the plan', () => {
  it('a quota above the plan’s (5 collectives, 10 individuals) needs the council’s reason, which the activity log keeps', async () => {
    const branch = await setUpCore({ mode: 'branch' });
    try {
      const refused = await branch.errorOf('campaigns.update', { year: 2025, quotaCollectives: 26 });
      expect(refused.code).toBe('campaign.quotaReasonRequired');
      expect(refused.issues).toEqual([{ path: 'reason', key: 'quotaPlan.required', params: {} }]);
      expect((await branch.errorOf('campaigns.update', { year: 2025, quotaIndividuals: 11 })).code).toBe('campaign.quotaReasonRequired');
      expect((await branch.call('campaigns.get', { year: 2025 })).quotaCollectives).toBe(5);

      // Within the plan, no reason is asked.
      expect((await branch.call('campaigns.update', { year: 2025, quotaCollectives: 4 })).quotaCollectives).toBe(4);
      const reason = 'Tỉnh cho phép tăng chỉ tiêu năm nay theo công văn số 12/UBND.';
      expect((await branch.call('campaigns.update', { year: 2025, quotaCollectives: 7, reason })).quotaCollectives).toBe(7);
      const entry = (await branch.call('audit.list', { offset: 0, limit: 5 })).entries.find((candidate) => candidate.action === 'campaign.updated');
      expect(entry?.change.note).toBe(reason);
      // A quota already above the plan and left as it is asks nothing more (another setting changes).
      expect((await branch.call('campaigns.update', { year: 2025, quotaCollectives: 7, deadline: '2026-01-15' })).deadline).toBe('2026-01-15');
    } finally {
      branch.close();
    }
  });
});
