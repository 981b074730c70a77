/** A problem with one field of a call's input, as a translation key with its parameters. */
export interface FieldIssue {
  path: string;
  key: string;
  params: Record<string, string | number>;
}

/** Every error the seam can return: a stable code the UI translates, never a stack trace. */
export type ErrorCode =
  | 'call.unknown'
  | 'call.invalidInput'
  | 'call.tooLarge'
  | 'auth.required'
  | 'auth.forbidden'
  | 'auth.badCredentials'
  | 'auth.locked'
  | 'auth.passwordChangeRequired'
  | 'auth.sessionLocked'
  | 'auth.wrongPassword'
  | 'auth.samePassword'
  | 'user.notFound'
  | 'user.usernameTaken'
  | 'user.lastAdmin'
  | 'user.self'
  | 'path.notChosen'
  | 'backup.notFound'
  | 'backup.invalid'
  | 'backup.tooNew'
  | 'backup.wrongMode'
  | 'backup.busy'
  | 'restore.failed'
  | 'dossier.receivedReadOnly'
  | 'adjustment.notFound'
  | 'adjustment.notReceived'
  | 'adjustment.unknownTarget'
  | 'adjustment.unchanged'
  | 'exchange.kindForbidden'
  | 'exchange.allocationNotFinal'
  | 'exchange.resultsNotFinal'
  | 'round.locked'
  | 'round.notLockable'
  | 'round.order'
  | 'round.reopenForbidden'
  | 'round.notLocked'
  | 'round.laterLocked'
  | 'council.accountTaken'
  | 'council.positionTaken'
  | 'council.memberNotFound'
  | 'council.writtenVotesNotAllowed'
  | 'council.attendanceFixed'
  | 'council.noMeeting'
  | 'council.noQuorum'
  | 'council.notMember'
  | 'ballot.tooMany'
  | 'ballot.accepted'
  | 'ballot.recountNeeded'
  | 'ballot.sameAccount'
  | 'ballot.notFound'
  | 'decision.noTie'
  | 'decision.wrongChoice'
  | 'decision.openTies'
  | 'decision.notFound'
  | 'campaign.exists'
  | 'campaign.closed'
  | 'award.notFound'
  | 'setup.alreadyDone'
  | 'setup.notDone'
  | 'campaign.notFound'
  | 'campaign.quotaReasonRequired'
  | 'campaign.locked'
  | 'campaign.badTransition'
  | 'scheme.kindTaken'
  | 'mode.branchOnly'
  | 'review.notFound'
  | 'scheme.notFound'
  | 'unit.notFound'
  | 'unit.retired'
  | 'dossier.notFound'
  | 'dossier.duplicate'
  | 'dossier.kindMismatch'
  | 'dossier.staleRevision'
  | 'demo.notEmpty'
  | 'backup.failed'
  | 'backup.targetExists'
  | 'database.corrupt'
  | 'database.tooNew'
  | 'person.notFound'
  | 'person.retired'
  | 'dossier.alreadySent'
  | 'dossier.incomplete'
  | 'attachment.missing'
  | 'attachment.corrupt'
  | 'attachment.empty'
  | 'attachment.tooLarge'
  | 'attachment.type'
  | 'attachment.tooMany'
  | 'attachment.dossierFull'
  | 'import.unreadable'
  | 'import.empty'
  | 'import.tooManyRows'
  | 'import.hasErrors'
  | 'import.nothingValid'
  | 'import.oldExcel'
  | 'import.encrypted'
  | 'import.unpackedTooLarge'
  | 'import.tooManySheets'
  | 'import.noSheet'
  | 'import.noHeaderRow'
  | 'import.namesakesUnconfirmed'
  | 'report.notWord'
  | 'report.oldWord'
  | 'report.encrypted'
  | 'report.damaged'
  | 'report.tooLarge'
  | 'report.empty'
  | 'report.tooLong'
  | 'exchange.notZip'
  | 'exchange.truncated'
  | 'exchange.unsafePath'
  | 'exchange.link'
  | 'exchange.tooLarge'
  | 'exchange.ratio'
  | 'exchange.tooManyEntries'
  | 'exchange.duplicateEntry'
  | 'exchange.missingEntry'
  | 'exchange.malformed'
  | 'exchange.formatVersion'
  | 'exchange.badSignature'
  | 'exchange.hashMismatch'
  | 'exchange.unknownSender'
  | 'exchange.revokedSender'
  | 'exchange.keyMismatch'
  | 'exchange.wrongRecipient'
  | 'exchange.replay'
  | 'exchange.outOfOrder'
  | 'exchange.otherCampaign'
  | 'exchange.decrypt'
  | 'exchange.wrongMode'
  | 'exchange.notEnrolled'
  | 'exchange.nothingToSend'
  | 'exchange.fileExists'
  | 'exchange.verifyFailed'
  | 'exchange.writeFailed'
  | 'exchange.busy'
  | 'exchange.sequenceTaken'
  | 'exchange.storeFailed'
  | 'exchange.cancelled'
  | 'exchange.notFound'
  | 'exchange.late'
  | 'exchange.notAFile'
  | 'exchange.damaged'
  | 'exchange.sizeMismatch'
  | 'exchange.badLayout'
  | 'exchange.foreignZip'
  | 'exchange.badRecords'
  | 'exchange.notEncrypted'
  | 'exchange.setupUsed'
  | 'exchange.identityChanged'
  | 'exchange.secondInstallation'
  | 'exchange.skipped'
  | 'exchange.applyConflict'
  | 'exchange.applyFailed'
  | 'exchange.fingerprintUnconfirmed'
  | 'documents.notReady'
  | 'documents.nothingToMake'
  | 'documents.unknownSubject'
  | 'documents.noSuchFormat'
  | 'documents.fileExists'
  | 'documents.writeFailed'
  | 'documents.cancelled'
  | 'documents.jobNotFound'
  | 'documents.template.notTemplate'
  | 'documents.template.refused'
  | 'internal';

/** The error value that crosses every transport. */
export interface AppErrorShape {
  code: ErrorCode;
  params?: Record<string, string | number>;
  issues?: FieldIssue[];
}

/** Thrown by services and handlers; transports turn it into an {@link AppErrorShape}. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly params: Record<string, string | number>;
  readonly issues: FieldIssue[];

  constructor(code: ErrorCode, params: Record<string, string | number> = {}, issues: FieldIssue[] = []) {
    super(code);
    this.name = 'AppError';
    this.code = code;
    this.params = params;
    this.issues = issues;
  }

  toShape(): AppErrorShape {
    const shape: AppErrorShape = { code: this.code };
    if (Object.keys(this.params).length > 0) shape.params = this.params;
    if (this.issues.length > 0) shape.issues = this.issues;
    return shape;
  }
}

export function isAppErrorShape(value: unknown): value is AppErrorShape {
  return typeof value === 'object' && value !== null && typeof (value as { code?: unknown }).code === 'string';
}
