import { createHash } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { AppError } from '../../../shared/contract/errors';
import { checkAgainstScheme, toScoreInput, type DossierContent } from '../../../shared/domain/dossier';
import type { ImportCategory, ImportItem } from '../../../shared/domain/exchange';
import type { Unit } from '../../../shared/domain/unit';
import { scoreDossier } from '../../../shared/scoring/score';
import type { RuleNote, Scheme } from '../../../shared/scoring/types';
import { insertAttachmentBlob, linkAttachment } from '../../db/attachments';
import { findScheme, latestScheme } from '../../db/campaigns';
import { findDossier, findDossierForNominee, insertDossier, updateDossier } from '../../db/dossiers';
import { dossierOrigin, markReceived } from '../../db/exchange';
import { findPerson, insertPerson, updatePerson } from '../../db/people';
import { findUnit, insertUnit } from '../../db/units';
import { submissionPayload } from '../../exchange/payloads';
import { blobPath } from '../attachments';
import { getCampaign } from '../campaigns';
import type { ServiceContext } from '../context';
import { isLate, note } from './common';
import { storeReceivedBlob, type ReceivedFile } from './evidence';
import type { Received } from './received';

function contentHash(content: DossierContent): string {
  return createHash('sha256').update(JSON.stringify(content)).digest('hex');
}

export function analyseSubmission(context: ServiceContext, received: Received, items: ImportItem[], evidence: ReceivedFile[]): () => void {
  const { verified } = received;
  const parsed = submissionPayload.safeParse(received.payload);
  if (!parsed.success) throw new AppError('exchange.badRecords');
  const origin = verified.manifest.sender.installationId;
  const now = context.now();
  const late = isLate(getCampaign(context, verified.manifest.campaignYear).deadline, now);
  const actions: (() => void)[] = [];
  // Thousands of dossiers share a dozen schemes: each is read and parsed once.
  const schemes = new Map<string, Scheme | null>();
  const schemeOf = (id: string, version: number): Scheme | null => {
    const key = `${id}@${version}`;
    if (!schemes.has(key)) schemes.set(key, findScheme(context.db, id, version) ?? latestScheme(context.db, id));
    return schemes.get(key) ?? null;
  };
  for (const incoming of parsed.data.dossiers) {
    const label = incoming.person?.fullName ?? incoming.unit.name;
    const existing = findDossier(context.db, incoming.id);
    const scheme = schemeOf(incoming.schemeId, incoming.schemeVersion);
    const push = (category: ImportCategory, reason: RuleNote | null) => items.push({ ref: incoming.id, label, revision: incoming.revision, category, reason });
    if (!scheme || !(scheme.kinds as string[]).includes(incoming.nomineeKind)) {
      push('rejected', note('exchangeItem.noScheme', { scheme: `${incoming.schemeId}@${incoming.schemeVersion}` }));
      continue;
    }
    const problems = checkAgainstScheme(scheme, incoming.content);
    if (problems.length > 0) {
      push('rejected', note('exchangeItem.invalid', { count: problems.length }));
      continue;
    }
    const missingFile = incoming.attachments.find((attachment) => !received.evidence.has(attachment.sha256));
    if (missingFile) {
      push('rejected', note('exchangeItem.missingFile', { name: missingFile.fileName }));
      continue;
    }
    if (existing) {
      const from = dossierOrigin(context.db, existing.id);
      if (from && from !== origin) {
        push('rejected', note('exchangeItem.otherOffice'));
        continue;
      }
      if (existing.revision > incoming.revision) {
        push('stale', note('exchangeItem.stale', { have: existing.revision }));
        continue;
      }
      if (existing.revision === incoming.revision) {
        if (contentHash(existing.content) === contentHash(incoming.content)) push('unchanged', null);
        else push('conflicting', note('exchangeItem.conflict', { revision: incoming.revision }));
        continue;
      }
    }
    const sameNominee = findDossierForNominee(context.db, verified.manifest.campaignYear, incoming.unit.id, incoming.person?.id ?? null, incoming.nomineeKind);
    if (sameNominee && sameNominee !== incoming.id) {
      push('conflicting', note('exchangeItem.sameNominee'));
      continue;
    }
    push(existing ? 'updated' : 'new', late ? note('exchangeItem.late') : null);
    evidence.push(...incoming.attachments);
    actions.push(() => {
      if (!findUnit(context.db, incoming.unit.id)) insertUnit(context.db, { ...incoming.unit, parentOfficeId: knownParentOffice(context, incoming.unit, verified.manifest.sender.officeUnitId) }, now);
      if (incoming.person) {
        const person = { ...incoming.person, unitId: incoming.unit.id, unitName: '', retired: false };
        if (findPerson(context.db, incoming.person.id)) updatePerson(context.db, person, now);
        else insertPerson(context.db, person, now);
      }
      const result = scoreDossier(scheme, toScoreInput(incoming.content));
      const record = {
        id: incoming.id,
        campaignYear: verified.manifest.campaignYear,
        nomineeKind: incoming.nomineeKind,
        unitId: incoming.unit.id,
        personId: incoming.person?.id ?? null,
        schemeId: scheme.id,
        schemeVersion: scheme.version,
        revision: incoming.revision,
        status: 'received' as const,
        content: incoming.content,
        selfTotal: result.total,
        eligible: result.eligible,
        complete: result.complete,
        createdBy: null,
      };
      if (existing) updateDossier(context.db, record, now);
      else insertDossier(context.db, record, now);
      for (const attachment of incoming.attachments) {
        // Normally stored already, before the transaction (storeReceivedEvidence); stored here if not.
        const size = existsSync(blobPath(context.dataDir, attachment.sha256)) ? statSync(blobPath(context.dataDir, attachment.sha256)).size : storeReceivedBlob(context, verified, attachment, received.evidence.get(attachment.sha256));
        insertAttachmentBlob(context.db, attachment.sha256, size, attachment.mimeType, now);
        linkAttachment(context.db, incoming.id, attachment.sha256, attachment.fileName, now);
      }
      markReceived(context.db, incoming.id, origin, late, now);
    });
  }
  return () => actions.forEach((action) => action());
}

/**
 * The parent office a unit first seen in a submission is filed under: its own when this installation knows that unit,
 * else the sending office's (which serves it), so that a unit the branch never saw cannot break the import.
 */
function knownParentOffice(context: ServiceContext, unit: Unit, senderOfficeUnitId: string | null): string | null {
  if (unit.parentOfficeId && findUnit(context.db, unit.parentOfficeId)) return unit.parentOfficeId;
  if (senderOfficeUnitId && senderOfficeUnitId !== unit.id && findUnit(context.db, senderOfficeUnitId)) return senderOfficeUnitId;
  return null;
}
