import { writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { rawPublicKey } from '../../electron/exchange/keys';
import type { SubmissionPayload } from '../../electron/exchange/payloads';
import { schemeFor } from '../../shared/domain/campaign';
import type { NomineeKind } from '../../shared/domain/kinds';
import type { Unit } from '../../shared/domain/unit';
import type { Scheme } from '../../shared/scoring/types';
import { completeContent } from '../integration/helpers';
import { ADMIN, BRANCH_NAME, enrol, manifestOf, OFFICE_NAME, openInstallation, packageBytes, pdfBytes, readBytes, YEAR, type Enrolled, type Installation } from '../integration/exchange-support';
import { launchChromium, startBrowserMode } from '../support/browser-mode';
import { temporaryDataDir } from '../support/data-dir';
import { buildIfStale, login, shot } from './helpers';

/**
 * Names from an exchange file are text on every page that shows them, never markup (issue 10, point 7). An enrolled
 * office's files (signed with its own keys, as a thief of its data folder could) carry an organisation, a unit and a
 * person whose names hold HTML that would run script if it were inserted as markup, and control characters. The
 * branch imports one and reads the dry run of another; every screen that shows those names is opened, and on each the
 * names read literally, no element they describe exists, and no script they hold has run.
 */

const ORGANISATION = `Phòng "><svg onload="window.__pwned='organisation'"> Gò Dầu`;
const UNIT = `Hội <img src=x onerror="window.__pwned='unit'"> \u001b[31mĐỎ\u001b[0m xã`;
const PERSON = `Nguyễn <script>window.__pwned='person'</script> Thị\u0000 Ánh`;
const DRY_RUN_UNIT = `Đoàn <iframe src="javascript:window.__pwned='iframe'"></iframe> Thanh niên xã`;

describe('hostile names from exchange files, on every page that shows them', () => {
  const stick = temporaryDataDir('tdcs-e2e-hostile-usb-');
  const installations: Installation[] = [];
  let host: Awaited<ReturnType<typeof startBrowserMode>> | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let pending = '';
  const dialogs: string[] = [];

  /** Moves within the page, as its links do (the session lives in the page). */
  async function go(hash: string): Promise<void> {
    await page.evaluate((target) => {
      window.location.hash = target;
    }, hash);
  }

  /** The names read as text; nothing they describe was made an element; nothing they hold ran. */
  async function expectInert(visible: string[], name: string): Promise<void> {
    for (const text of visible) await page.getByText(text, { exact: false }).filter({ visible: true }).first().waitFor({ timeout: 10_000 });
    const found = await page.evaluate(() => ({
      pwned: (window as unknown as { __pwned?: string }).__pwned ?? null,
      injected: document.querySelectorAll('#root img[src="x"], #root svg[onload], #root iframe, #root script, #root [onerror], #root [onload]').length,
    }));
    expect({ ...found, dialogs }, name).toEqual({ pwned: null, injected: 0, dialogs: [] });
  }

  beforeAll(async () => {
    buildIfStale();
    const branch = await openInstallation('branch', BRANCH_NAME);
    const office = await openInstallation('office', OFFICE_NAME);
    installations.push(branch, office);
    const enrolled: Enrolled = await enrol(branch, office, stick.dir, { communes: 1 });
    const campaign = await branch.call('campaigns.get', { year: YEAR });
    const scheme = (kind: NomineeKind) => schemeFor(campaign, kind) as Scheme;
    const sender = { ...manifestOf(readBytes(join(stick.dir, 'enrolment-go-dau.tdcs'))).sender, organisation: ORGANISATION };
    const commune = enrolled.communes[0] as Unit;
    let serial = 0;
    const record = (kind: NomineeKind, unit: Unit, person: SubmissionPayload['dossiers'][number]['person']) => {
      serial += 1;
      const evidence = pdfBytes(`hostile-name-${serial}`);
      const sha256 = createHash('sha256').update(evidence).digest('hex');
      return {
        dossier: {
          id: `hostile-name-${serial}`,
          revision: 1,
          nomineeKind: kind,
          unit,
          person,
          schemeId: scheme(kind).id,
          schemeVersion: scheme(kind).version,
          content: completeContent(scheme(kind), kind),
          attachments: [{ sha256, fileName: `${UNIT}.pdf`, size: evidence.length, mimeType: 'application/pdf' }],
        },
        file: { path: `attachments/${sha256}`, data: evidence },
      };
    };
    const submission = async (records: ReturnType<typeof record>[], sequence: number) =>
      packageBytes(office.keys(), {
        kind: 'submission',
        sender,
        recipient: { installationId: enrolled.branchId, officeUnitId: null, name: BRANCH_NAME },
        encryptTo: rawPublicKey(branch.keys().agreement.publicKey),
        campaignYear: YEAR,
        sequence,
        createdAt: new Date().toISOString(),
        payload: { dossiers: records.map((entry) => entry.dossier) },
        files: records.map((entry) => entry.file),
      });
    const hostileUnit: Unit = { id: 'hoi-ten-doc', name: UNIT, kind: 'womensUnion', level: 'commune', commune: 'xã 1', parentOfficeId: enrolled.officeUnit.id, retired: false };
    const imported = join(stick.dir, 'hostile-imported.tdcs');
    writeFileSync(imported, await submission([record('womensUnion', hostileUnit, null), record('groupHead', hostileUnit, { id: 'nguoi-ten-doc', fullName: PERSON, birthYear: 1981, gender: 'female', position: UNIT })], 2));
    expect((await branch.apply(imported, { acceptLate: true })).counts.new).toBe(2);
    // The next file stays on the stick, for its dry run: one record new, one refused with its problems named.
    const other: Unit = { ...hostileUnit, id: 'doan-ten-doc', name: DRY_RUN_UNIT, kind: 'youthUnion' };
    pending = join(stick.dir, 'hostile-pending.tdcs');
    writeFileSync(pending, await submission([record('youthUnion', other, null), record('entrustedOfficer', commune, { id: 'nguoi-ten-doc-2', fullName: PERSON, birthYear: 1850, gender: 'male', position: DRY_RUN_UNIT })], 3));
    branch.shutdown();
    host = await startBrowserMode(branch.dataDir);
    browser = await launchChromium();
    page = await (await browser.newContext({ locale: 'vi-VN', viewport: { width: 1400, height: 900 } })).newPage();
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.goto(host.url);
    await login(page, ADMIN.username, ADMIN.password);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
    for (const installation of installations) installation.close();
    stick.remove();
  });

  it('the exchange page: the dry run and the import of a file, this installation’s offices, the history, the dossiers received', async () => {
    await go('#/exchange');
    await page.getByTestId('exchange-tab-receive').click();
    await page.getByTestId('receive-file').setInputFiles(pending);
    await page.getByTestId('receive-dry-run').waitFor();
    await expectInert(['Đoàn <iframe src="javascript:', 'Phòng "><svg onload=', 'Nguyễn <script>'], 'dry run');
    await shot(page, 'exchange-hostile-names-01-dry-run-vi');
    // The 2025 deadline has passed: the late dossier is accepted deliberately.
    await page.getByTestId('accept-late').check();
    await page.getByTestId('receive-import').click();
    await page.getByTestId('receive-result').waitFor();
    await expectInert(['Đoàn <iframe src="javascript:'], 'import result');
    await page.getByTestId('exchange-tab-identity').click();
    await expectInert(['Phòng "><svg onload='], 'identity');
    await page.getByTestId('exchange-tab-history').click();
    await expectInert(['Phòng "><svg onload='], 'history');
    await page.getByTestId('exchange-tab-dossiers').click();
    await expectInert(['Hội <img src=x onerror='], 'dossiers received');
  });

  it('the dossiers list and a dossier’s page, the ranking of collectives and of individuals, the registries of units and people', async () => {
    await go('#/dossiers');
    await shot(page, 'exchange-hostile-names-03-dossiers-vi');
    await expectInert(['Hội <img src=x onerror=', 'Nguyễn <script>'], 'dossiers');
    await go('#/dossiers/hostile-name-1');
    await expectInert(['Hội <img src=x onerror='], 'dossier');
    await go('#/ranking');
    await expectInert(['Hội <img src=x onerror='], 'ranking of collectives');
    // Individuals are ranked under their unit's name.
    await page.getByTestId('ranking-group').selectOption('individual');
    await expectInert(['Hội <img src=x onerror='], 'ranking of individuals');
    await go('#/units');
    await expectInert(['Hội <img src=x onerror='], 'units');
    await go('#/people');
    await expectInert(['Nguyễn <script>'], 'people');
    await shot(page, 'exchange-hostile-names-02-people-vi');
  });
});
