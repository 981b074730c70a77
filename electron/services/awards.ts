import { randomUUID } from 'node:crypto';
import { AppError } from '../../shared/contract/errors';
import type { Award } from '../../shared/domain/council';
import { awardsOf, findAward, insertAward, updateAward } from '../db/council';
import { findPerson } from '../db/people';
import { findUnit } from '../db/units';
import { audit } from './audit';
import { inTransaction, type ServiceContext } from './context';

/** A unit's awards as a collective, or a person's, newest first: proposals of locked rounds, and awards given. */
export function awardHistory(context: ServiceContext, subject: { unitId: string } | { personId: string }): Award[] {
  if ('unitId' in subject ? !findUnit(context.db, subject.unitId) : !findPerson(context.db, subject.personId)) throw new AppError('award.notFound');
  return awardsOf(context.db, subject);
}

/** The Chairman's decision arrived: the proposal becomes an award, with the decision's number, date and issuer. */
export function recordAward(context: ServiceContext, input: { id: string; decisionNumber: string; decisionDate: string; issuer: string }): Award {
  return inTransaction(context, () => {
    const award = findAward(context.db, input.id);
    if (!award) throw new AppError('award.notFound');
    const updated: Award = { ...award, stage: 'awarded', decisionNumber: input.decisionNumber, decisionDate: input.decisionDate, issuer: input.issuer };
    updateAward(context.db, updated);
    audit(context, 'award.recorded', { type: 'award', id: award.id, label: award.nomineeName }, {
      before: { stage: award.stage, decisionNumber: award.decisionNumber },
      after: { stage: 'awarded', decisionNumber: input.decisionNumber, decisionDate: input.decisionDate, issuer: input.issuer },
    });
    return updated;
  });
}

/** An award from before this application was used, kept in the history (and the achievement reports list it). */
export function addEarlierAward(
  context: ServiceContext,
  input: ({ unitId: string } | { personId: string }) & { campaignYear: number; title: string; decisionNumber: string; decisionDate: string; issuer: string },
): Award {
  return inTransaction(context, () => {
    const person = 'personId' in input ? findPerson(context.db, input.personId) : null;
    const unit = 'unitId' in input ? findUnit(context.db, input.unitId) : person ? findUnit(context.db, person.unitId) : null;
    if (!unit || ('personId' in input && !person)) throw new AppError('award.notFound');
    const award: Award = {
      id: randomUUID(),
      campaignYear: input.campaignYear,
      dossierId: null,
      unitId: unit.id,
      personId: person?.id ?? null,
      nomineeName: person?.fullName ?? unit.name,
      title: input.title,
      stage: 'awarded',
      decisionNumber: input.decisionNumber,
      decisionDate: input.decisionDate,
      issuer: input.issuer,
    };
    insertAward(context.db, award, context.now());
    audit(context, 'award.recorded', { type: 'award', id: award.id, label: award.nomineeName }, { after: { year: award.campaignYear, title: award.title, decisionNumber: award.decisionNumber } });
    return award;
  });
}
