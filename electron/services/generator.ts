import { createHash } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { GeneratedSummary } from '../../shared/contract/calls';
import { AppError } from '../../shared/contract/errors';
import { schemeFor, type Campaign } from '../../shared/domain/campaign';
import { toScoreInput, type DossierContent } from '../../shared/domain/dossier';
import type { CollectiveKind, IndividualKind } from '../../shared/domain/kinds';
import type { Person } from '../../shared/domain/person';
import type { Unit } from '../../shared/domain/unit';
import { scorePoints } from '../../shared/scoring/points';
import type { Scheme } from '../../shared/scoring/types';
import { insertAttachmentBlob, linkAttachment } from '../db/attachments';
import { countDossiers, insertDossier } from '../db/dossiers';
import { insertPerson } from '../db/people';
import { readSetting } from '../db/settings';
import { countUnits, insertUnit } from '../db/units';
import { writeDurably } from '../exchange/container';
import { blobPath } from './attachments';
import { audit } from './audit';
import { FIRST_CAMPAIGN_YEAR, getCampaign } from './campaigns';
import { inTransaction, type ServiceContext } from './context';
import { COMMUNE_BODIES, demoContent, generator, individualContent, individualKind, personName, pick, PROVINCE_BODIES, type Random } from './demo';
import { DEMO_COMMUNES, DEMO_OFFICES, DEMO_WARDS, PLACE_FIRST_WORDS, PLACE_SECOND_WORDS, PROVINCES } from './demo-names';

/**
 * Datasets at scale for the benchmarks and for trying the application with tens of thousands of dossiers
 * (`npm run generate`): the demo's bodies, kinds, schemes and figures for as many communes as the count needs,
 * individuals with Vietnamese names, and optionally one scanned-looking PDF per dossier.
 */
export interface GenerateOptions {
  /** Collective dossiers (the ranking's first page), in the demo's mix of kinds. */
  collectives: number;
  /** Individual dossiers, each for a person of the registry. */
  individuals: number;
  seed: number;
  /** Bytes of the one evidence file each dossier gets; 0 for none. */
  attachmentBytes: number;
}

/** Every commune of the demo first, then names made of two words, then the same in other provinces. */
function placeName(index: number): string {
  const real = [...DEMO_WARDS.map((name) => `phường ${name}`), ...DEMO_COMMUNES.map((name) => `xã ${name}`)];
  if (index < real.length) return real[index] as string;
  const pairs = PLACE_FIRST_WORDS.length * PLACE_SECOND_WORDS.length;
  const made = index - real.length;
  const first = PLACE_FIRST_WORDS[made % PLACE_FIRST_WORDS.length] as string;
  const second = PLACE_SECOND_WORDS[Math.floor(made / PLACE_FIRST_WORDS.length) % PLACE_SECOND_WORDS.length] as string;
  const province = Math.floor(made / pairs);
  const base = `xã ${first} ${first === second ? 'Tân' : second}`;
  if (province === 0) return base;
  const round = Math.floor(province / PROVINCES.length);
  return `${base} (${PROVINCES[province % PROVINCES.length] as string}${round > 0 ? ` ${round + 1}` : ''})`;
}

function officeName(index: number): string {
  if (index < DEMO_OFFICES.length) return `Phòng giao dịch NHCSXH ${DEMO_OFFICES[index] as string}`;
  return `Phòng giao dịch NHCSXH ${placeName(DEMO_WARDS.length + DEMO_COMMUNES.length + index * 7).replace(/^xã /, '')}`;
}

/** A file that reads as a PDF by its first bytes, the rest random: evidence of a given size, different for every seed. */
function evidenceBytes(random: Random, size: number): Buffer {
  const magic = Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1');
  const bytes = Buffer.allocUnsafe(Math.max(size, magic.length));
  magic.copy(bytes, 0);
  for (let offset = magic.length; offset < bytes.length; offset += 4) bytes.writeUInt32LE(Math.floor(random() * 4294967296), Math.min(offset, bytes.length - 4));
  return bytes;
}

/** Fills an empty installation with a generated dataset, in one transaction (each evidence file written before its row). */
export function generateDataset(context: ServiceContext, options: GenerateOptions): GeneratedSummary {
  return inTransaction(context, () => {
    if (countDossiers(context.db) > 0 || countUnits(context.db) > 0) throw new AppError('demo.notEmpty');
    const year = Number(readSetting(context.db, 'currentCampaignYear') ?? FIRST_CAMPAIGN_YEAR);
    const campaign: Campaign = getCampaign(context, year);
    const random = generator(options.seed);
    const installation = (readSetting(context.db, 'installationId') ?? 'local').slice(0, 8);
    const now = context.now();
    let units = 0;
    let dossiers = 0;
    let attachments = 0;
    const unit = (input: Omit<Unit, 'id' | 'retired'>): Unit => {
      units += 1;
      const created: Unit = { ...input, id: `gen-u${String(units).padStart(6, '0')}`, retired: false };
      insertUnit(context.db, created, now);
      return created;
    };
    const schemeOf = (kind: CollectiveKind | IndividualKind): Scheme => {
      const scheme = schemeFor(campaign, kind);
      if (!scheme) throw new AppError('scheme.notFound', { scheme: kind });
      return scheme;
    };
    // Rows are written as they are made: tens of thousands of dossiers never sit in memory together.
    const addDossier = (nominee: { kind: CollectiveKind | IndividualKind; unitId: string; personId: string | null }, content: DossierContent, serial: string): void => {
      const scheme = schemeOf(nominee.kind);
      const score = scorePoints(scheme, toScoreInput(content));
      const id = `gen-${installation}-${serial}`;
      dossiers += 1;
      insertDossier(
        context.db,
        {
          id,
          campaignYear: year,
          nomineeKind: nominee.kind,
          unitId: nominee.unitId,
          personId: nominee.personId,
          schemeId: scheme.id,
          schemeVersion: scheme.version,
          revision: 1,
          // Marked ready, as the branch's own entries would be: a benchmark of 10,000 ranks 10,000.
          status: 'ready',
          content,
          selfTotal: score.total,
          eligible: score.eligible,
          complete: score.complete,
          createdBy: null,
        },
        now,
      );
      if (options.attachmentBytes <= 0) return;
      const bytes = evidenceBytes(random, options.attachmentBytes);
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const path = blobPath(context.dataDir, sha256);
      mkdirSync(dirname(path), { recursive: true });
      if (!existsSync(path)) writeDurably(path, bytes);
      insertAttachmentBlob(context.db, sha256, bytes.length, 'application/pdf', now);
      linkAttachment(context.db, id, sha256, 'Biên bản bình xét.pdf', now);
      attachments += 1;
    };

    // The province's bodies, then as many places (with their office) as the collectives need.
    const collectiveUnits: { unit: Unit; leader: string }[] = PROVINCE_BODIES.map((body) => ({ unit: unit({ name: body.name, kind: body.kind, level: 'province', commune: '', parentOfficeId: null }), leader: 'Thủ trưởng đơn vị' }));
    const communes: { commune: Unit; associations: Unit[]; office: Unit }[] = [];
    let office: Unit | null = null;
    let officeCount = 0;
    // Each place brings its six bodies, and every fourth one an office: about four or five communes to an office.
    const neededPlaces = Math.max(1, Math.ceil(Math.max(0, options.collectives - collectiveUnits.length) / (COMMUNE_BODIES.length + 0.25)));
    for (let place = 0; place < neededPlaces; place += 1) {
      if (place % 4 === 0 || !office) {
        office = unit({ name: officeName(officeCount), kind: 'transactionOffice', level: 'province', commune: '', parentOfficeId: null });
        officeCount += 1;
        collectiveUnits.push({ unit: office, leader: 'Giám đốc' });
      }
      const name = placeName(place);
      const parent = office;
      const bodies = COMMUNE_BODIES.map((body) => unit({ name: body.name(name), kind: body.kind, level: 'commune', commune: name, parentOfficeId: parent.id }));
      bodies.forEach((created, index) => collectiveUnits.push({ unit: created, leader: (COMMUNE_BODIES[index] as (typeof COMMUNE_BODIES)[number]).leader }));
      communes.push({ commune: bodies[0] as Unit, associations: bodies.slice(2, 5), office: parent });
    }
    collectiveUnits.slice(0, options.collectives).forEach(({ unit: nominee, leader }, index) => {
      addDossier({ kind: nominee.kind as CollectiveKind, unitId: nominee.id, personId: null }, demoContent(random, schemeOf(nominee.kind), nominee.name, leader, year), `c${String(index + 1).padStart(6, '0')}`);
    });
    for (let index = 0; index < options.individuals; index += 1) {
      const kind = individualKind(random);
      const place = pick(random, communes);
      const employer = kind.unit === 'commune' ? place.commune : kind.unit === 'office' ? place.office : pick(random, place.associations);
      const { name, woman } = personName(random);
      const position = kind.position(random);
      const person: Person = { id: `gen-p${String(index + 1).padStart(6, '0')}`, fullName: name, birthYear: 1965 + Math.floor(random() * 35), gender: woman ? 'female' : 'male', position, unitId: employer.id, unitName: employer.name, retired: false };
      insertPerson(context.db, person, now);
      addDossier({ kind: kind.kind, unitId: employer.id, personId: person.id }, individualContent(random, schemeOf(kind.kind), name, position, year), `i${String(index + 1).padStart(6, '0')}`);
    }
    const summary = { units, people: options.individuals, dossiers, attachments };
    audit(context, 'demo.loaded', null, { after: { ...summary, generated: 1, seed: options.seed } });
    return summary;
  });
}
