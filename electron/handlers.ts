import type { CallName, CallOutput, ValidInput } from '../shared/contract/calls';
import type { User } from '../shared/domain/account';
import { accountDirectory, accountsList, changeOwnPassword, createAccount, resetPassword, setAccountDisabled, signInRules, updateAccount, type Sessions } from './services/accounts';
import { removeAdjustment, saveAdjustment } from './services/adjustments';
import { listAudit, verifyAudit } from './services/audit';
import { createBackup, inspectBackup, listBackups, restoreBackup, verifyDatabase, type DatabaseSwap } from './services/backup';
import { allocateIndividualQuota } from './services/allocation';
import { getCampaign, listCampaigns, startNextCampaign, updateCampaign } from './services/campaigns';
import { addEarlierAward, awardHistory, recordAward } from './services/awards';
import { ballotsOf, councilOf, enterBallot, meetingOf, recountBallot, removeMember, saveCouncilMember, saveMeeting } from './services/council';
import { listReviews, removeReview, saveReview } from './services/reviews';
import { getScheme, listSchemes, rescoreDossiers, saveScheme } from './services/schemes';
import type { ServiceContext } from './services/context';
import { loadDemo } from './services/demo';
import { branchOverview, officeOverview } from './services/overview';
import { generateDataset } from './services/generator';
import { addAttachment, readAttachment, removeAttachment } from './services/attachments';
import { reportFromWord } from './services/word-report';
import { applyImport as applyPackage, discardUpload, dryRunImport, exchangeHistory, exportPackage, identity, returnDossier, revokePeer } from './services/exchange';
import type { ExportJobs } from './services/export-jobs';
import {
  documentOverview,
  documentSettings,
  exportTable,
  generateDocument,
  importTemplate,
  pageTable,
  previewDocument,
  resetTemplate,
  saveDocumentSettings,
  templateFile,
  templatesInfo,
  type DocumentJobs,
} from './services/documents';
import { discardDraft, getDraft, saveDraft } from './services/drafts';
import { dossiersList, getDossier, saveDossier, setDossierStatus } from './services/dossiers';
import { createPerson, editPerson, peopleList, retirePerson } from './services/people';
import { applyImport, previewImport } from './services/registry-import';
import { explainRanking, rankCampaign } from './services/ranking';
import { lockRound, recordDecision, reopenRound, roundView, withdrawCouncilDecision } from './services/rounds';
import { securitySettings, updateSecuritySettings } from './services/security';
import { appStatus, initialise, setLanguage } from './services/setup';
import { createUnit, editUnit, retireUnit, unitsList } from './services/units';

/** Who is calling, as established by the transport and the session. */
export interface Caller {
  user: User | null;
  session: string | null;
  /** The machine's operator at the command line: trusted like the owner of the data directory. */
  operator: boolean;
}

export type Handler<K extends CallName> = (input: ValidInput<K>, caller: Caller) => CallOutput<K> | Promise<CallOutput<K>>;
export type HandlerTable = { [K in CallName]: Handler<K> };

/** What the handlers need of the core besides a call's context: sessions, export jobs, and the database swap of a restore. */
export interface CoreServices {
  sessions: Sessions;
  exportJobs: ExportJobs;
  documentJobs: DocumentJobs;
  database: DatabaseSwap;
}

/** The one handler table behind every transport: each call of the contract, mapped onto the services. */
export function createHandlers(context: ServiceContext, { sessions, exportJobs, documentJobs, database }: CoreServices): HandlerTable {
  // Export jobs belong to whoever started them: a person by account, the command line as the operator.
  const owner = (caller: Caller) => caller.user?.id ?? 'operator';
  return {
    'app.status': () => appStatus(context),
    'app.setLanguage': (input) => setLanguage(context, input.language),
    'setup.initialise': (input) => initialise(context, input),
    'auth.login': (input) => sessions.login(context, input.username, input.password),
    'auth.logout': (_input, caller) => {
      sessions.logout(context, caller.session);
      return null;
    },
    'auth.changePassword': (input) => changeOwnPassword(context, input.currentPassword, input.newPassword),
    'auth.lock': (_input, caller) => {
      sessions.lock(caller.session);
      return null;
    },
    'auth.unlock': (input, caller) => sessions.unlock(context, caller.session, input.password),
    'auth.settings': () => signInRules(context),
    'users.list': () => accountsList(context),
    'users.directory': () => accountDirectory(context),
    'users.create': (input) => createAccount(context, input),
    'users.update': (input) => updateAccount(context, input),
    'users.setDisabled': (input) => setAccountDisabled(context, sessions, input.id, input.disabled),
    'users.resetPassword': (input) => resetPassword(context, sessions, input.id, input.password),
    'security.get': () => securitySettings(context),
    'security.update': (input) => updateSecuritySettings(context, input),
    'audit.list': (input) => listAudit(context, input),
    'audit.verify': () => verifyAudit(context),
    'campaigns.get': (input) => getCampaign(context, input.year),
    'campaigns.update': (input) => updateCampaign(context, input),
    'campaigns.list': () => listCampaigns(context),
    'campaigns.startNext': (input) => startNextCampaign(context, input.fromYear),
    'council.get': (input) => councilOf(context, input.campaignYear),
    'council.saveMember': (input) => saveCouncilMember(context, input),
    'council.removeMember': (input) => removeMember(context, input.campaignYear, input.id),
    'meetings.get': (input) => meetingOf(context, input.campaignYear, input.round),
    'meetings.save': (input) => saveMeeting(context, input),
    'ballots.list': (input) => ballotsOf(context, input.campaignYear, input.round),
    'ballots.enter': (input) => enterBallot(context, input),
    'ballots.recount': (input) => recountBallot(context, input),
    'awards.list': (input) => awardHistory(context, input),
    'awards.record': (input) => recordAward(context, input),
    'awards.add': (input) => addEarlierAward(context, input),
    'schemes.list': (input) => listSchemes(context, input.campaignYear),
    'schemes.get': (input) => getScheme(context, input.id, input.version),
    'schemes.save': (input) => saveScheme(context, input.campaignYear, input.scheme),
    'dossiers.rescore': (input) => rescoreDossiers(context, input.campaignYear, input.schemeId),
    'reviews.list': (input) => listReviews(context, input.dossierId),
    'reviews.save': (input) => saveReview(context, input),
    'reviews.delete': (input) => removeReview(context, input.id),
    'adjustments.save': (input) => saveAdjustment(context, input),
    'adjustments.remove': (input) => removeAdjustment(context, input.id, input.reason),
    'exchange.identity': () => identity(context),
    'exchange.export': (input, caller) => exportJobs.runNow(owner(caller), input.kind, (options) => exportPackage(context, input, options)),
    'exchange.exportStart': (input, caller) => exportJobs.start(owner(caller), input.kind, (options) => exportPackage(context, input, options)),
    'exchange.exportRunning': (_input, caller) => exportJobs.running(owner(caller)),
    'exchange.exportStatus': (input, caller) => exportJobs.status(owner(caller), input.jobId),
    'exchange.exportCancel': (input, caller) => exportJobs.cancel(owner(caller), input.jobId),
    'exchange.dryRun': (input) => dryRunImport(context, input.source),
    'exchange.apply': (input) => applyPackage(context, input.source, input.decision),
    'exchange.discardUpload': (input) => {
      discardUpload(context, input.uploadId);
      return null;
    },
    'exchange.history': () => exchangeHistory(context),
    'exchange.returnDossier': (input) => {
      returnDossier(context, input.dossierId, input.reason);
      return null;
    },
    'exchange.revoke': (input) => revokePeer(context, input.installationId, input.revoked),
    'allocation.get': (input) => allocateIndividualQuota(context, input.campaignYear, input.method, input.weight),
    'units.list': (input) => unitsList(context, input.includeRetired ?? false),
    'units.create': (input) => createUnit(context, input),
    'units.update': ({ id, ...input }) => editUnit(context, id, input),
    'units.retire': (input) => retireUnit(context, input.id, input.retired),
    'people.list': (input) => peopleList(context, input.includeRetired ?? false),
    'people.create': (input) => createPerson(context, input),
    'people.update': ({ id, ...input }) => editPerson(context, id, input),
    'people.retire': (input) => retirePerson(context, input.id, input.retired),
    'registry.importPreview': (input) => previewImport(context, input),
    'registry.importApply': (input) => applyImport(context, input),
    'dossiers.list': (input) => dossiersList(context, input.campaignYear),
    'dossiers.get': (input) => getDossier(context, input.id),
    'dossiers.save': (input) => saveDossier(context, input),
    'dossiers.setStatus': (input) => setDossierStatus(context, input.id, input.status),
    'dossiers.reportFromWord': (input) => reportFromWord(input),
    'drafts.save': (input) => saveDraft(context, input),
    'drafts.get': (input) => getDraft(context, input.key),
    'drafts.discard': (input) => discardDraft(context, input.key),
    'attachments.add': (input) => addAttachment(context, input),
    'attachments.read': (input) => readAttachment(context, input.dossierId, input.sha256),
    'attachments.remove': (input) => removeAttachment(context, input.dossierId, input.sha256),
    'ranking.get': (input) => rankCampaign(context, input.campaignYear, input.group),
    'ranking.explain': (input) => explainRanking(context, input.dossierIds),
    'rounds.get': (input) => roundView(context, input.campaignYear, input.round),
    'rounds.lock': (input) => lockRound(context, input),
    'rounds.reopen': (input) => reopenRound(context, input),
    'decisions.record': (input) => recordDecision(context, input),
    'decisions.withdraw': (input) => withdrawCouncilDecision(context, input),
    'overview.branch': (input) => branchOverview(context, input.campaignYear),
    'overview.office': (input) => officeOverview(context, input.campaignYear),
    'demo.load': () => loadDemo(context),
    'demo.generate': (input) => generateDataset(context, { collectives: input.dossiers, individuals: input.individuals, seed: input.seed, attachmentBytes: input.attachmentKb * 1024 }),
    'backup.create': (input) => createBackup(context, 'manual', input.to),
    'backup.list': () => listBackups(context),
    'backup.inspect': (input) => inspectBackup(context, input.source),
    'backup.restore': async (input) => {
      const result = await restoreBackup(context, input.source, database);
      // Whoever was signed in signs in again: the restored database may not have the same accounts.
      sessions.endAll();
      return result;
    },
    'database.verify': () => verifyDatabase(context),
    'documents.overview': (input) => documentOverview(context, input.campaignYear, input.round),
    'documents.preview': (input) => previewDocument(context, input),
    'documents.generate': (input) => generateDocument(context, input),
    'documents.start': (input, caller) => documentJobs.start(context, owner(caller), input),
    'documents.status': (input, caller) => documentJobs.status(owner(caller), input.jobId),
    'documents.cancel': (input, caller) => documentJobs.cancel(owner(caller), input.jobId),
    'documents.settings': (input) => documentSettings(context, input.campaignYear),
    'documents.saveSettings': (input) => saveDocumentSettings(context, input.campaignYear, input.settings),
    'documents.templates': () => templatesInfo(context),
    'documents.exportTemplate': (input) => templateFile(context, input.kind),
    'documents.importTemplate': async (input) => {
      await importTemplate(context, input);
      return templatesInfo(context);
    },
    'documents.resetTemplate': (input) => {
      resetTemplate(context, input.kind);
      return templatesInfo(context);
    },
    'documents.exportTable': (input) => exportTable(context, input),
    'documents.table': (input) => pageTable(context, input),
  };
}
