// A property of the branch's import (issue 10, point 2): whatever an enrolled office's file holds — its own records,
// the branch's, other offices', new ones, in any mix and any order — nothing owned by another office or by the branch
// is ever changed, every unit new to the branch is filed under the sending office, and the import never fails on its
// own. Submissions are signed with the offices' own keys (as a thief of an office's data folder could sign them).
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadOrCreateKeys, rawPublicKey, type InstallationKeys } from '../../electron/exchange/keys';
import type { SubmissionPayload } from '../../electron/exchange/payloads';
import { schemeFor } from '../../shared/domain/campaign';
import type { Manifest } from '../../shared/domain/exchange';
import type { NomineeKind } from '../../shared/domain/kinds';
import type { Unit } from '../../shared/domain/unit';
import type { Scheme } from '../../shared/scoring/types';
import { BRANCH_NAME, enrol, manifestOf, openInstallation, packageBytes, pdfBytes, readBytes, readyDossier, YEAR, type Enrolled, type Installation } from './exchange-support';
import { completeContent, withDatabase } from './helpers';

const OFFICES = ['Gò Dầu', 'Trảng Bàng', 'Bến Cầu'] as const;

interface Office {
  enrolled: Enrolled;
  keys: InstallationKeys;
  sender: Manifest['sender'];
  /** The next file number the branch expects from it. */
  sequence: number;
}

type Row = Record<string, unknown>;

/** Who owns each record at the branch: an office's unit id, or 'branch'. */
function owners(dataDir: string): { units: Map<string, string>; people: Map<string, string>; dossiers: Map<string, string> } {
  return withDatabase(dataDir, (db) => {
    const units = new Map<string, string>();
    for (const unit of db.prepare('SELECT id, kind, parent_office_id FROM units').all() as { id: string; kind: string; parent_office_id: string | null }[]) {
      units.set(unit.id, unit.parent_office_id ?? (unit.kind === 'transactionOffice' ? unit.id : 'branch'));
    }
    const people = new Map((db.prepare('SELECT id, unit_id FROM people').all() as { id: string; unit_id: string }[]).map((person) => [person.id, units.get(person.unit_id) ?? 'branch']));
    const dossiers = new Map(
      (db.prepare('SELECT d.id, p.office_unit_id FROM dossiers d LEFT JOIN peers p ON p.installation_id = d.origin_installation').all() as { id: string; office_unit_id: string | null }[]).map((dossier) => [
        dossier.id,
        dossier.office_unit_id ?? 'branch',
      ]),
    );
    return { units, people, dossiers };
  });
}

function rows(dataDir: string, table: 'units' | 'people' | 'dossiers' | 'dossier_attachments'): Map<string, Row> {
  return withDatabase(dataDir, (db) => {
    const all = db.prepare(`SELECT * FROM ${table}`).all() as Row[];
    return new Map(all.map((row) => [table === 'dossier_attachments' ? `${String(row.dossier_id)}/${String(row.sha256)}` : String(row.id), row]));
  });
}

describe('an office’s submission never changes what another office or the branch owns', () => {
  const usb = mkdtempSync(join(tmpdir(), 'tdcs-usb-ownership-'));
  const installations: Installation[] = [];
  let branch: Installation;
  let offices: Office[];
  let branchId: string;
  let branchAgreementKey: string;
  let schemeOf: (kind: NomineeKind) => Scheme | undefined;
  const scheme = (kind: NomineeKind): Scheme => schemeOf(kind) as Scheme;
  let counter = 0;

  beforeAll(async () => {
    branch = await openInstallation('branch', BRANCH_NAME);
    installations.push(branch);
    offices = [];
    for (const [index, area] of OFFICES.entries()) {
      const office = await openInstallation('office', `Phòng giao dịch NHCSXH ${area}`);
      installations.push(office);
      const enrolled = await enrol(branch, office, usb, { communes: 2, tag: `office-${index}` });
      const [commune] = enrolled.communes as [Unit];
      // Each office's own person and dossiers, received at the branch.
      const person = await office.call('people.create', { fullName: `Nguyễn Thị ${area}`, birthYear: 1979, gender: 'female', position: 'Tổ trưởng', unitId: commune.id });
      await readyDossier(office, { kind: 'communePeoplesCommittee', unitId: commune.id }, [{ fileName: 'Biên bản.pdf', bytes: pdfBytes(`own-${index}`) }]);
      await readyDossier(office, { kind: 'groupHead', unitId: commune.id, personId: person.id }, [{ fileName: 'Biên bản.pdf', bytes: pdfBytes(`own-person-${index}`) }]);
      const file = join(usb, `submission-${index}.tdcs`);
      await office.call('exchange.export', { kind: 'submission', campaignYear: YEAR, to: file });
      await branch.apply(file, { acceptLate: true });
      offices.push({ enrolled, keys: loadOrCreateKeys(office.dataDir, null), sender: manifestOf(readBytes(join(usb, `enrolment-office-${index}.tdcs`))).sender, sequence: 3 });
    }
    const campaign = await branch.call('campaigns.get', { year: YEAR });
    schemeOf = (kind) => schemeFor(campaign, kind) ?? undefined;
    // The branch's own body, person and dossier.
    const province = await branch.call('units.create', { name: 'Hội Cựu chiến binh tỉnh Tây Ninh', kind: 'veteransAssociation', level: 'province', commune: '', parentOfficeId: null });
    await branch.call('people.create', { fullName: 'Phạm Văn Tỉnh', birthYear: 1970, gender: 'male', position: 'Chủ tịch', unitId: province.id });
    await branch.call('dossiers.save', { campaignYear: YEAR, nomineeKind: 'veteransAssociation', unitId: province.id, content: completeContent(scheme('veteransAssociation'), 'veteransAssociation') });
    branchId = (await branch.identity()).installationId;
    branchAgreementKey = rawPublicKey(branch.keys().agreement.publicKey);
  }, 180_000);

  afterAll(() => {
    for (const installation of installations) installation.close();
    rmSync(usb, { recursive: true, force: true });
  });

  it('for random senders and random records: others’ rows stay byte for byte, new units are filed under the sender, and every import completes', async () => {
    const existing = owners(branch.dataDir);
    const units = withDatabase(branch.dataDir, (db) => db.prepare('SELECT * FROM units').all() as { id: string; name: string; kind: Unit['kind']; level: Unit['level']; commune: string; parent_office_id: string | null }[]);
    const unitPool = units.map((unit) => ({ id: unit.id, name: unit.name, kind: unit.kind, level: unit.level, commune: unit.commune, parentOfficeId: unit.parent_office_id, retired: false }) satisfies Unit);
    const personPool = [...existing.people.keys()];
    const dossierPool = [...existing.dossiers.keys()];

    const record = fc.record({
      dossier: fc.oneof(fc.constant(null), fc.constantFrom(...dossierPool)),
      unit: fc.oneof(fc.constantFrom(...unitPool), fc.record({ name: fc.constantFrom('Hội Phụ nữ xã Mới', 'Đoàn Thanh niên xã Mới'), parent: fc.oneof(fc.constant(null), fc.constantFrom(...unitPool.map((unit) => unit.id))) })),
      person: fc.oneof(fc.constant(null), fc.constant('new' as const), fc.constantFrom(...personPool)),
      birthYear: fc.integer({ min: 1940, max: 2000 }),
      gender: fc.constantFrom('female' as const, 'male' as const),
      revision: fc.constantFrom(1, 2, 7),
    });

    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: OFFICES.length - 1 }), fc.array(record, { minLength: 1, maxLength: 5 }), async (senderIndex, records) => {
        const sender = offices[senderIndex] as Office;
        const before = { owners: owners(branch.dataDir), units: rows(branch.dataDir, 'units'), people: rows(branch.dataDir, 'people'), dossiers: rows(branch.dataDir, 'dossiers'), links: rows(branch.dataDir, 'dossier_attachments') };
        const files: { path: string; data: Buffer }[] = [];
        const dossiers: SubmissionPayload['dossiers'] = records.map((choice) => {
          counter += 1;
          const unit: Unit = 'id' in choice.unit ? choice.unit : { id: `prop-unit-${counter}`, name: choice.unit.name, kind: 'womensUnion', level: 'commune', commune: 'xã Mới', parentOfficeId: choice.unit.parent, retired: false };
          const individual = choice.person !== null;
          // A kind without a scheme here (none is made for it) is nominated as a commune committee: refused as a mismatch.
          const kind: NomineeKind = individual ? 'groupHead' : schemeOf(unit.kind) ? unit.kind : 'communePeoplesCommittee';
          const evidence = pdfBytes(`prop-${counter}`);
          const sha256 = createHash('sha256').update(evidence).digest('hex');
          files.push({ path: `attachments/${sha256}`, data: evidence });
          return {
            id: choice.dossier ?? `prop-dossier-${counter}`,
            revision: choice.revision,
            nomineeKind: kind,
            unit,
            person: individual ? { id: choice.person === 'new' ? `prop-person-${counter}` : (choice.person as string), fullName: `Người Thử ${counter}`, birthYear: choice.birthYear, gender: choice.gender, position: 'Thành viên' } : null,
            schemeId: scheme(kind).id,
            schemeVersion: scheme(kind).version,
            content: completeContent(scheme(kind), kind, { womenShare: counter % 100 }),
            attachments: [{ sha256, fileName: 'Biên bản.pdf', size: evidence.length, mimeType: 'application/pdf' }],
          };
        });
        const bytes = await packageBytes(sender.keys, {
          kind: 'submission',
          sender: sender.sender,
          recipient: { installationId: branchId, officeUnitId: null, name: BRANCH_NAME },
          encryptTo: branchAgreementKey,
          campaignYear: YEAR,
          sequence: sender.sequence,
          createdAt: new Date().toISOString(),
          payload: { dossiers },
          files,
        });
        const path = join(usb, `property-${counter}.tdcs`);
        writeFileSync(path, bytes);
        const plan = await branch.dryRun(path);
        const applied = await branch.apply(path, { acceptLate: true });
        sender.sequence += 1;
        // What the dry run said is what the import did.
        expect(applied.counts).toEqual(plan.counts);

        const office = sender.enrolled.officeUnit.id;
        const after = { units: rows(branch.dataDir, 'units'), people: rows(branch.dataDir, 'people'), dossiers: rows(branch.dataDir, 'dossiers'), links: rows(branch.dataDir, 'dossier_attachments') };
        for (const [id, owner] of before.owners.units) if (owner !== office) expect(after.units.get(id), `unit ${id} of ${owner}`).toEqual(before.units.get(id));
        for (const [id, owner] of before.owners.people) if (owner !== office) expect(after.people.get(id), `person ${id} of ${owner}`).toEqual(before.people.get(id));
        for (const [id, owner] of before.owners.dossiers) {
          if (owner === office) continue;
          expect(after.dossiers.get(id), `dossier ${id} of ${owner}`).toEqual(before.dossiers.get(id));
          for (const [key, link] of after.links) if (key.startsWith(`${id}/`)) expect(link).toEqual(before.links.get(key));
        }
        // A unit new to the branch is the sending office's; a new person works in one of its units.
        const now = owners(branch.dataDir);
        for (const [id, owner] of now.units) if (!before.units.has(id)) expect(owner, `new unit ${id}`).toBe(office);
        for (const [id, owner] of now.people) if (!before.people.has(id)) expect(owner, `new person ${id}`).toBe(office);
        for (const [id, owner] of now.dossiers) if (!before.dossiers.has(id)) expect(owner, `new dossier ${id}`).toBe(office);
      }),
      { numRuns: 30, seed: 20_251_206 },
    );
  }, 300_000);
});
