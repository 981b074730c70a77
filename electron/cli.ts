import type { CallName, CallOutput, Ranking, RankingExplanation, RankingRow, CallInput, ExportResult } from '../shared/contract/calls';
import { AppError, type AppErrorShape } from '../shared/contract/errors';
import { PACKAGE_KINDS, type ImportPlan } from '../shared/domain/exchange';
import { forTerminal } from '../shared/domain/text';
import { INSTALLATION_MODES, LANGUAGES, type InstallationMode, type Language } from '../shared/domain/kinds';
import { describeError, describeProblem, languageForLocale, type Translate } from '../shared/i18n';
import { translator } from '../shared/i18n/translator';
import { ROLES, type Account, type Role } from '../shared/domain/account';
import { auditActionLabel, auditCsv } from '../shared/domain/audit-csv';
import type { AuditEntry } from '../shared/domain/audit';
import { formatBytes, formatDateTime, formatPoints } from '../shared/i18n/format';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DOCUMENT_FORMATS } from '../shared/documents/model';
import { openCore, type Core } from './core';
import { argValue, resolveDataDir } from './data-dir';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  readStdin: () => Promise<string>;
}

class CliFailure extends Error {
  constructor(readonly line: string, readonly exitCode = 1) {
    super(line);
  }
}

async function callOrFail<K extends CallName>(core: Core, t: Translate, name: K, input: CallInput<K>): Promise<CallOutput<K>> {
  const response = await core.call({ call: name, input, session: null }, true);
  if (!response.ok) throw new CliFailure(describeError(response.error, t));
  return response.value as CallOutput<K>;
}

/**
 * An export as a job: each phase is announced on stderr, and Ctrl+C cancels it cleanly (the unfinished file removed,
 * nothing recorded) instead of killing the process mid-write.
 */
async function exportWithProgress(core: Core, t: Translate, io: CliIo, request: CallInput<'exchange.exportStart'>): Promise<ExportResult> {
  let job = await callOrFail(core, t, 'exchange.exportStart', request);
  const cancel = () => void core.call({ call: 'exchange.exportCancel', input: { jobId: job.jobId }, session: null }, true);
  process.once('SIGINT', cancel);
  try {
    let phase: string | null = null;
    for (;;) {
      if (job.phase !== phase && job.state === 'running') {
        phase = job.phase;
        io.stderr(t(`exchange.send.progress.${phase}`));
      }
      if (job.state !== 'running') break;
      await new Promise((resolve) => setTimeout(resolve, 100));
      job = await callOrFail(core, t, 'exchange.exportStatus', { jobId: job.jobId });
    }
  } finally {
    process.removeListener('SIGINT', cancel);
  }
  if (job.result) return job.result;
  throw new CliFailure(describeError(job.error ?? { code: 'internal' }, t));
}

function required(argv: string[], option: string, t: Translate): string {
  const value = argValue(argv, option);
  if (value === undefined || value.startsWith('--')) throw new CliFailure(t('cli.missingOption', { option }), 2);
  return value;
}

function oneOf<T extends string>(value: string, allowed: readonly T[], option: string, t: Translate): T {
  if (!(allowed as readonly string[]).includes(value)) throw new CliFailure(t('cli.badOption', { option, value }), 2);
  return value as T;
}

/** How many explanations `rank --explain` asks for at a time (the call's own limit). */
const EXPLAIN_PAGE = 1000;

async function explanations(core: Core, t: Translate, ranking: Ranking, which: (row: RankingRow) => boolean = () => true): Promise<Map<string, RankingExplanation>> {
  const found = new Map<string, RankingExplanation>();
  const ids = ranking.rows.filter(which).map((row) => row.dossierId);
  for (let start = 0; start < ids.length; start += EXPLAIN_PAGE) {
    for (const explanation of await callOrFail(core, t, 'ranking.explain', { dossierIds: ids.slice(start, start + EXPLAIN_PAGE) })) found.set(explanation.dossierId, explanation);
  }
  return found;
}

/** Totals and tie-break keys of every row; with explanations, each row's breakdown, gates, aggregate and adjustments too. */
function rankingJson(ranking: Ranking, explained: Map<string, RankingExplanation> | null): string {
  const selected = new Set(ranking.selection.selected);
  const rows = ranking.rows.map((row) => {
    const compact = {
      position: row.position,
      tied: row.tied > 0,
      dossierId: row.dossierId,
      unitName: row.unitName,
      personName: row.personName,
      nomineeKind: row.nomineeKind,
      total: row.total / 100,
      totalHundredths: row.total,
      source: row.source,
      selfTotalHundredths: row.selfTotal,
      reviewers: row.reviewers,
      counted: row.counted,
      eligible: row.eligible,
      selected: selected.has(row.dossierId),
      outcome: row.outcome,
      ballot: row.ballot,
      keys: row.keys,
    };
    const explanation = explained?.get(row.dossierId);
    if (!explanation) return compact;
    return {
      ...compact,
      tiedWith: explanation.tiedWith,
      scheme: `${explanation.schemeId}@${explanation.schemeVersion}`,
      aggregate: explanation.aggregate,
      gateFailures: explanation.gateFailures.map((failure) => ({ gate: failure.gateId, reason: failure.note.key, params: failure.note.params })),
      breakdown: [...explanation.result.criteria, ...explanation.result.bonusCriteria],
      bonus: explanation.result.bonus,
      missing: explanation.result.missing,
      adjustments: explanation.adjustments,
    };
  });
  const header = JSON.stringify(
    {
      campaignYear: ranking.campaignYear,
      group: ranking.group,
      round: ranking.round,
      status: ranking.status,
      lockedAt: ranking.lockedAt,
      officialTotal: ranking.officialTotal,
      tieBreaks: ranking.tieBreaks,
      selection: ranking.selection,
      // Every tie at a cut-off with the council's decision on it, or open (null) until the council decides.
      ties: ranking.selection.ties.map((tie) => ({ ...tie, decision: ranking.decisions.find((decision) => decision.subject === tie.subject) ?? null })),
      seats: ranking.seats,
      unranked: ranking.unranked,
      rows: [],
    },
    null,
    2,
  );
  // One row a line: readable, and thousands of rows stay a few megabytes.
  return rows.length === 0 ? header : header.replace(/"rows": \[\]/, `"rows": [\n${rows.map((row) => `    ${JSON.stringify(row)}`).join(',\n')}\n  ]`);
}

/** A ranking's nominee as every list names it: an individual with their unit beside them. */
function nomineeName(row: Pick<RankingRow, 'personName' | 'unitName'>): string {
  return forTerminal(row.personName ? `${row.personName} (${row.unitName})` : row.unitName);
}

/**
 * The ranking as text: the round's state and official total, each row with its total, where it comes from (the
 * sheets counted, and who was left out and why), its ballot and its outcome; then the cut-off, every tie with the
 * council's decision or the open decision it waits for, the seats of round 2, and what stayed out of the ranking.
 */
function rankingText(ranking: Ranking, explained: Map<string, RankingExplanation>, t: Translate, language: Language): string {
  const lines = [t('cli.rankHeader', { year: ranking.campaignYear, group: t(`ranking.${ranking.group}`) })];
  const status = ranking.status === 'locked' ? t('decides.cli.lockedBy', { at: ranking.lockedAt ?? '', name: forTerminal(ranking.lockedBy ?? '') }) : t('decides.cli.open');
  lines.push(t('decides.cli.round', { round: ranking.round, status }), t('decides.cli.officialTotal', { total: t(`decides.cli.totals.${ranking.officialTotal}`) }));
  for (const row of ranking.rows) {
    const source =
      row.source === 'council' ? t('decides.cli.sheets', { counted: row.counted, given: row.reviewers }) : row.source === 'awaiting' ? t('decides.cli.awaiting') : '';
    const left = (explained.get(row.dossierId)?.aggregate ?? null) === null ? [] : leftOut(explained.get(row.dossierId) as RankingExplanation, t);
    const marks = [
      row.outcome === 'belowCutoff' ? '' : t(`decides.cli.outcomes.${row.outcome}`),
      row.tied > 0 ? t('cli.tie') : '',
      source,
      ...left,
      row.ballot ? t('decides.cli.votes', { for: row.ballot.votesFor, voters: row.ballot.voters }) : '',
    ].filter(Boolean);
    lines.push(`${String(row.position).padStart(4)}. ${formatPoints(row.total, language).padStart(8)}  ${nomineeName(row)}${marks.length > 0 ? `  (${marks.join('; ')})` : ''}`);
  }
  lines.push('', t('decides.cli.cutoff', { quota: ranking.selection.quota, proposed: ranking.selection.selected.length }));
  const nameOf = new Map(ranking.rows.map((row) => [row.dossierId, nomineeName(row)]));
  for (const tie of ranking.selection.ties) {
    const names = tie.ids.map((id) => nameOf.get(id) ?? id).join(', ');
    const decision = ranking.decisions.find((candidate) => candidate.subject === tie.subject);
    if (tie.chosen && decision) {
      lines.push(t('decides.cli.tieDecided', { chosen: tie.chosen.map((id) => nameOf.get(id) ?? id).join(', '), names, reason: forTerminal(decision.reason), by: forTerminal(decision.decidedBy) }));
    } else lines.push(t('decides.cli.tieOpen', { names, places: tie.places }));
  }
  for (const seat of ranking.seats ?? []) lines.push(t('decides.cli.seats', { office: forTerminal(seat.name), seats: seat.seats, proposed: seat.proposed }));
  const drafts = ranking.unranked.draft ?? 0;
  const returned = ranking.unranked.returned ?? 0;
  if (drafts + returned > 0) lines.push(t('decides.cli.unranked', { drafts, returned }));
  return lines.join('\n');
}

/** The members whose sheets the council's total did not count, and why. */
function leftOut(explanation: RankingExplanation, t: Translate): string[] {
  const aggregate = explanation.aggregate;
  if (!aggregate) return [];
  return [
    ...aggregate.excludedForConflict.map((name) => t('decides.cli.left', { name: forTerminal(name), why: t('decides.cli.why.conflict') })),
    ...aggregate.dropped.map((name) => t('decides.cli.left', { name: forTerminal(name), why: t('decides.cli.why.trimmed') })),
  ];
}

async function run(core: Core, command: string, argv: string[], io: CliIo, t: Translate, language: Language): Promise<void> {
  switch (command) {
    case 'status': {
      const status = await callOrFail(core, t, 'app.status', {});
      io.stdout(
        t('cli.status', {
          dataDir: status.dataDir,
          initialised: status.initialised ? t('cli.yes') : t('cli.no'),
          mode: status.mode ?? '—',
          organisation: status.organisationName ?? '—',
          year: status.currentCampaignYear,
        }),
      );
      return;
    }
    case 'init': {
      const mode = oneOf<InstallationMode>(required(argv, '--mode', t), INSTALLATION_MODES, '--mode', t);
      const organisationName = required(argv, '--organisation', t);
      const username = required(argv, '--admin', t);
      const language = oneOf<Language>(argValue(argv, '--language') ?? 'vi', LANGUAGES, '--language', t);
      const password = (await io.readStdin()).split(/\r?\n/)[0] ?? '';
      if (password.length === 0) throw new CliFailure(t('cli.noPassword'), 2);
      await callOrFail(core, t, 'setup.initialise', {
        mode,
        organisationName,
        admin: { username, fullName: argValue(argv, '--full-name') ?? username, password },
        language,
        loadDemo: argv.includes('--demo'),
      });
      io.stdout(t('cli.initDone', { organisation: organisationName, mode, dataDir: core.dataDir, admin: username }));
      return;
    }
    case 'demo': {
      const summary = await callOrFail(core, t, 'demo.load', {});
      io.stdout(t('cli.demoDone', { units: summary.units, dossiers: summary.dossiers }));
      return;
    }
    case 'generate': {
      const count = (option: string, fallback: number): number => {
        const text = argValue(argv, option);
        const value = text === undefined ? fallback : Number(text);
        if (!Number.isInteger(value) || value < 0) throw new CliFailure(t('cli.badOption', { option, value: text ?? '' }), 2);
        return value;
      };
      const dossiers = count('--dossiers', 10_000);
      const input = { dossiers, individuals: count('--individuals', Math.round(dossiers / 5)), seed: count('--seed', 20_251_000), attachmentKb: count('--attachments', 0) };
      const status = await callOrFail(core, t, 'app.status', {});
      // A fresh folder becomes a branch installation with an administrator whose password is printed below.
      const password = argValue(argv, '--password') ?? GENERATED_PASSWORD;
      if (!status.initialised) {
        await callOrFail(core, t, 'setup.initialise', { mode: 'branch', organisationName: 'Chi nhánh NHCSXH tỉnh Tây Ninh', admin: { username: 'admin', fullName: 'Quản trị viên', password }, language, loadDemo: false });
      }
      const summary = await callOrFail(core, t, 'demo.generate', input);
      io.stdout(t('cli.generateDone', { ...summary, dataDir: core.dataDir }));
      if (!status.initialised) io.stdout(t('cli.generateAccount', { username: 'admin', password }));
      return;
    }
    case 'rank': {
      const yearText = required(argv, '--campaign', t);
      const year = Number(yearText);
      if (!Number.isInteger(year)) throw new CliFailure(t('cli.badOption', { option: '--campaign', value: yearText }), 2);
      const group = oneOf(argValue(argv, '--group') ?? 'collective', ['collective', 'individual'] as const, '--group', t);
      const ranking = await callOrFail(core, t, 'ranking.get', { campaignYear: year, group });
      const explain = argv.includes('--explain');
      if (argv.includes('--json') || explain) io.stdout(rankingJson(ranking, explain ? await explanations(core, t, ranking) : null));
      // The members left out of a council's total are named: only those rows are explained.
      else io.stdout(rankingText(ranking, await explanations(core, t, ranking, (row) => row.reviewers > row.counted), t, language));
      return;
    }
    case 'documents':
      await documentsCommand(core, argv, io, t);
      return;
    case 'backup': {
      const result = await callOrFail(core, t, 'backup.create', { to: required(argv, '--to', t) });
      io.stdout(t('cli.backupDone', { path: result.path, bytes: result.bytes }));
      return;
    }
    case 'keys': {
      const own = await callOrFail(core, t, 'exchange.identity', {});
      const lines = [t('cli.keysOwn', { organisation: own.organisation, mode: own.mode, fingerprint: own.fingerprint })];
      for (const peer of own.peers) lines.push(t('cli.keysPeer', { organisation: peer.organisation, mode: peer.mode, fingerprint: peer.fingerprint, status: peer.status }));
      io.stdout(argv.includes('--json') ? JSON.stringify(own, null, 2) : lines.join('\n'));
      return;
    }
    case 'export': {
      const kind = oneOf(required(argv, '--kind', t), PACKAGE_KINDS, '--kind', t);
      const status = await callOrFail(core, t, 'app.status', {});
      const campaignYear = Number(argValue(argv, '--campaign') ?? status.currentCampaignYear);
      const result = await exportWithProgress(core, t, io, {
        kind,
        campaignYear,
        to: required(argv, '--to', t),
        ...(argValue(argv, '--office-unit') ? { officeUnitId: argValue(argv, '--office-unit') } : {}),
        ...(argValue(argv, '--office') ? { officeInstallationId: argValue(argv, '--office') } : {}),
      });
      io.stdout(t('cli.exportDone', { path: result.path, items: result.items, sequence: result.sequence, bytes: result.bytes }));
      return;
    }
    case 'import': {
      const file = positionalArgs(argv)[1];
      if (!file) throw new CliFailure(t('cli.missingOption', { option: 'FILE' }), 2);
      const source = { path: file };
      const dryRun = argv.includes('--dry-run');
      const decision = {
        acceptReplay: argv.includes('--accept-replay') || argv.includes('--accept-out-of-order'),
        acceptLate: argv.includes('--accept-late'),
        fingerprintConfirmed: argv.includes('--fingerprint-confirmed'),
        acceptReplacement: argv.includes('--accept-new-installation'),
        keepOwnName: argv.includes('--keep-own-name'),
      };
      const response = dryRun
        ? await core.call({ call: 'exchange.dryRun', input: { source }, session: null }, true)
        : await core.call({ call: 'exchange.apply', input: { source, decision }, session: null }, true);
      if (!response.ok) {
        // What the file lacks, and how to accept it when a person may: the option is named, never guessed at.
        const option = ACCEPTED_BY[response.error.code];
        throw new CliFailure([describeError(response.error, t), dryRun ? t('cli.wouldBeRefused') : option ? t('cli.acceptWith', { option }) : t('cli.notImported')].join('\n'));
      }
      const plan = response.value as ImportPlan;
      if (argv.includes('--json')) io.stdout(JSON.stringify(plan, null, 2));
      else {
        const counts = plan.counts;
        io.stdout(
          [
            t(dryRun ? 'cli.dryRunHeader' : 'cli.importHeader', { kind: t(`exchange.kinds.${plan.kind}`), organisation: plan.sender.organisation, fingerprint: plan.sender.fingerprint, sequence: plan.sequence }),
            t('cli.importCounts', { ...counts }),
            ...(plan.officeName ? [t('officeName.cli', plan.officeName)] : []),
            ...plan.items
              .filter((item) => item.category !== 'unchanged')
              .flatMap((item) => [
                `  ${t(`exchange.receive.categories.${item.category}`).padEnd(11)} ${forTerminal(typeof item.label === 'string' ? item.label : item.label[language])}${item.reason ? ` — ${t(item.reason.key, item.reason.params)}` : ''}`,
                ...(item.problems ?? []).map((problem) => `      · ${forTerminal(describeProblem(problem, t, language))}`),
              ]),
          ].join('\n'),
        );
      }
      const needed = dryRun ? acceptancesNeeded(plan) : [];
      if (needed.length > 0) throw new CliFailure(t('cli.needsAcceptance', { options: needed.join(' ') }), EXIT_NEEDS_ACCEPTANCE);
      return;
    }
    case 'users':
      await usersCommand(core, argv, io, t);
      return;
    case 'audit':
      await auditCommand(core, argv, io, t, language);
      return;
    case 'backups': {
      const backups = await callOrFail(core, t, 'backup.list', {});
      io.stdout(
        backups.length === 0
          ? t('trust.cli.noBackups')
          : backups.map((backup) => t('trust.cli.backupsList', { name: backup.name, reason: t(`trust.backups.reasons.${backup.reason}`), size: formatBytes(backup.bytes, language) })).join('\n'),
      );
      return;
    }
    case 'restore':
      await restoreCommand(core, argv, io, t, language);
      return;
    case 'verify': {
      const result = await callOrFail(core, t, 'database.verify', {});
      if (!result.ok) throw new CliFailure([t('cli.verifyProblems', { count: result.problems.length }), ...result.problems].join('\n'));
      io.stdout(t('cli.verifyOk', { dossiers: result.dossiers }));
      return;
    }
    default:
      throw new CliFailure(t('cli.unknownCommand', { command }), 2);
  }
}

/** The exit code of a dry run whose file can be imported only with a person's deliberate acceptance. */
const EXIT_NEEDS_ACCEPTANCE = 3;

/** The option that gives the acceptance an import was refused for. */
const ACCEPTED_BY: Partial<Record<string, string>> = {
  'exchange.fingerprintUnconfirmed': '--fingerprint-confirmed',
  'exchange.replay': '--accept-replay',
  'exchange.outOfOrder': '--accept-out-of-order',
  'exchange.skipped': '--accept-out-of-order',
  'exchange.late': '--accept-late',
  'exchange.secondInstallation': '--accept-new-installation',
};

/** The options a dry run's file needs before it can be imported, in the order a person meets them. */
function acceptancesNeeded(plan: ImportPlan): string[] {
  return [
    plan.needsFingerprintCheck ? '--fingerprint-confirmed' : null,
    plan.sequenceStatus === 'replay' ? '--accept-replay' : null,
    plan.sequenceStatus === 'gap' || plan.sequenceStatus === 'skipped' ? '--accept-out-of-order' : null,
    plan.late && plan.counts.new + plan.counts.updated > 0 ? '--accept-late' : null,
    plan.replaces ? '--accept-new-installation' : null,
  ].filter((option): option is string => option !== null);
}

/** A translator whose parameters (names from files and the database) cannot move the cursor, recolour or hide text. */
function terminalSafe(t: Translate): Translate {
  return (key, params) => t(key, params && Object.fromEntries(Object.entries(params).map(([name, value]) => [name, typeof value === 'string' ? forTerminal(value) : value])));
}

const OPTIONS_WITH_VALUES = /^--(data-dir|lang|mode|organisation|admin|full-name|language|campaign|group|to|kind|office|office-unit|username|role|from|until|dossiers|individuals|seed|attachments|password)$/;

/** The administrator's password of a folder `generate` sets up, unless --password gives one: test data, not records. */
const GENERATED_PASSWORD = 'thu-nghiem-quy-mo';

/** The words that are not options or option values: the command and its file. */
function positionalArgs(argv: string[]): string[] {
  return argv.filter((arg, index) => !arg.startsWith('--') && !OPTIONS_WITH_VALUES.test(argv[index - 1] ?? ''));
}

function firstLine(text: string): string {
  return text.split(/\r?\n/)[0] ?? '';
}

async function accountNamed(core: Core, t: Translate, username: string) {
  const account = (await callOrFail(core, t, 'users.list', {})).find((candidate) => candidate.username.toLowerCase() === username.toLowerCase());
  if (!account) throw new CliFailure(t('trust.cli.unknownUser', { username }), 1);
  return account;
}

/** `tdcs users add|list|disable|enable|reset-password`: passwords are read from standard input, never from the arguments. */
async function usersCommand(core: Core, argv: string[], io: CliIo, t: Translate): Promise<void> {
  const [, action, name] = positionalArgs(argv);
  switch (action) {
    case 'add': {
      const role = oneOf<Role>(required(argv, '--role', t), ROLES, '--role', t);
      const username = required(argv, '--username', t);
      const password = firstLine(await io.readStdin());
      if (password.length === 0) throw new CliFailure(t('cli.noPassword'), 2);
      await callOrFail(core, t, 'users.create', { username, fullName: argValue(argv, '--full-name') ?? username, role, password });
      io.stdout(t('trust.cli.userAdded', { username, role: t(`roles.${role}`) }));
      return;
    }
    case 'list': {
      const accounts = await callOrFail(core, t, 'users.list', {});
      if (argv.includes('--json')) {
        io.stdout(JSON.stringify(accounts, null, 2));
        return;
      }
      const state = (account: Account) => (account.disabled ? t('trust.accounts.states.disabled') : account.mustChangePassword ? t('trust.accounts.states.mustChange') : t('trust.accounts.states.active'));
      io.stdout(accounts.map((account) => t('trust.cli.usersList', { username: forTerminal(account.username), fullName: forTerminal(account.fullName), role: t(`roles.${account.role}`), state: state(account) })).join('\n'));
      return;
    }
    case 'disable':
    case 'enable': {
      if (!name) throw new CliFailure(t('cli.missingOption', { option: 'USERNAME' }), 2);
      const account = await accountNamed(core, t, name);
      await callOrFail(core, t, 'users.setDisabled', { id: account.id, disabled: action === 'disable' });
      io.stdout(t(action === 'disable' ? 'trust.cli.userDisabled' : 'trust.cli.userEnabled', { username: account.username }));
      return;
    }
    case 'reset-password': {
      if (!name) throw new CliFailure(t('cli.missingOption', { option: 'USERNAME' }), 2);
      const account = await accountNamed(core, t, name);
      const password = firstLine(await io.readStdin());
      if (password.length === 0) throw new CliFailure(t('cli.noPassword'), 2);
      await callOrFail(core, t, 'users.resetPassword', { id: account.id, password });
      io.stdout(t('trust.cli.passwordReset', { username: account.username }));
      return;
    }
    default:
      throw new CliFailure(t('cli.unknownCommand', { command: `users ${action ?? ''}`.trim() }), 2);
  }
}

/** `tdcs audit verify` (exit 1 naming the first broken link) and `tdcs audit export --to FILE.csv`. */
async function auditCommand(core: Core, argv: string[], io: CliIo, t: Translate, language: Language): Promise<void> {
  const [, action] = positionalArgs(argv);
  if (action === 'verify') {
    const result = await callOrFail(core, t, 'audit.verify', {});
    if (!result.firstBroken) {
      io.stdout(t('trust.cli.auditOk', { entries: result.entries }));
      return;
    }
    throw new CliFailure(t('trust.cli.auditBroken', { seq: result.firstBroken.seq, reason: t(`trust.audit.brokenReasons.${result.firstBroken.reason}`) }), 1);
  }
  if (action === 'export') {
    const to = required(argv, '--to', t);
    const entries: AuditEntry[] = [];
    for (let offset = 0; ; offset += 10_000) {
      const page = await callOrFail(core, t, 'audit.list', { offset, limit: 10_000, ...(argValue(argv, '--from') ? { from: argValue(argv, '--from') } : {}), ...(argValue(argv, '--until') ? { to: argValue(argv, '--until') } : {}) });
      entries.push(...page.entries);
      if (entries.length >= page.total || page.entries.length === 0) break;
    }
    writeFileSync(to, auditCsv(entries, t, language), { flag: 'wx' });
    io.stdout(t('trust.cli.auditExported', { count: entries.length, path: to }));
    return;
  }
  throw new CliFailure(t('cli.unknownCommand', { command: `audit ${action ?? ''}`.trim() }), 2);
}

/** `tdcs restore FILE|NAME [--yes]`: shows what the backup holds; replaces the data only with --yes. */
async function restoreCommand(core: Core, argv: string[], io: CliIo, t: Translate, language: Language): Promise<void> {
  const [, given] = positionalArgs(argv);
  if (!given) throw new CliFailure(t('cli.missingOption', { option: 'FILE' }), 2);
  const source = /^[A-Za-z0-9._-]+\.sqlite$/.test(given) && !existsSync(given) ? { name: given } : { path: given };
  const summary = await callOrFail(core, t, 'backup.inspect', { source });
  const lastAudit = summary.lastAudit
    ? t('trust.backups.summary.lastAuditValue', { seq: summary.lastAudit.seq, action: auditActionLabel(summary.lastAudit.action, t), actor: forTerminal(summary.lastAudit.actor), at: formatDateTime(summary.lastAudit.at, language) })
    : t('trust.backups.summary.none');
  io.stdout(
    t('trust.cli.restoreSummary', {
      source: given,
      organisation: forTerminal(summary.organisation ?? '—'),
      mode: summary.mode ? t(`modes.${summary.mode}`) : '—',
      campaigns: summary.campaigns.join(', ') || '—',
      counts: t('trust.backups.summary.counts', { dossiers: summary.dossiers, units: summary.units, people: summary.people, accounts: summary.accounts }),
      lastAudit,
    }),
  );
  if (!summary.sameInstallation) io.stdout(t('trust.backups.summary.otherInstallation'));
  if (!argv.includes('--yes')) throw new CliFailure(t('trust.cli.restoreNeedsYes'), 3);
  const result = await callOrFail(core, t, 'backup.restore', { source });
  io.stdout(t('trust.cli.restored', { source: given, safety: result.safetyBackup }));
}

/**
 * Writes every document of a campaign's round into a folder, in each format asked for that the document has: one file
 * per document, and per nominee or office for the reports and the notices. A document not possible yet is named, not made.
 */
async function documentsCommand(core: Core, argv: string[], io: CliIo, t: Translate): Promise<void> {
  const yearText = required(argv, '--campaign', t);
  const campaignYear = Number(yearText);
  if (!Number.isInteger(campaignYear)) throw new CliFailure(t('cli.badOption', { option: '--campaign', value: yearText }), 2);
  const round = Number(oneOf(required(argv, '--round', t), ['1', '2'] as const, '--round', t)) as 1 | 2;
  const folder = resolve(required(argv, '--to', t));
  const formats = (argValue(argv, '--format') ?? DOCUMENT_FORMATS.join(',')).split(',').map((format) => oneOf(format.trim(), DOCUMENT_FORMATS, '--format', t));
  mkdirSync(folder, { recursive: true });
  const overview = await callOrFail(core, t, 'documents.overview', { campaignYear, round });
  let written = 0;
  for (const document of overview.documents) {
    if (document.state === 'blocked') {
      io.stderr(t('documents.cli.skipped', { document: t(`documents.kinds.${document.kind}`) }));
      continue;
    }
    const subjects = document.subjects ? document.subjects.filter((subject) => document.kind !== 'report' || subject.proposed).map((subject) => subject.id) : [null];
    for (const subject of subjects) {
      const model = await callOrFail(core, t, 'documents.preview', { campaignYear, round, kind: document.kind, subject });
      for (const format of formats.filter((candidate) => document.formats.includes(candidate))) {
        const file = await callOrFail(core, t, 'documents.generate', { campaignYear, round, kind: document.kind, subject, format, to: join(folder, `${model.fileStem}.${format}`) });
        io.stdout(t('documents.cli.written', { path: file.path ?? file.fileName, bytes: file.bytes }));
        written += 1;
      }
    }
  }
  io.stdout(t('documents.cli.done', { count: written, folder }));
}

/** The command line: every command is a call through the same handler table, as the machine's operator. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const languageFlag = argValue(argv, '--lang');
  const language: Language = languageFlag === 'vi' || languageFlag === 'en' ? languageFlag : languageForLocale(process.env.LC_ALL ?? process.env.LANG);
  const t = terminalSafe(translator(language));
  const command = positionalArgs(argv)[0];
  if (!command || command === 'help' || argv.includes('--help')) {
    io.stdout(`${t('cli.usage')}\n${t('documents.cli.usage')}`);
    return command ? 0 : 2;
  }
  let core: Core | null = null;
  try {
    core = openCore({ dataDir: resolveDataDir(argValue(argv, '--data-dir')) });
    await run(core, command, argv, io, t, language);
    return 0;
  } catch (error) {
    if (error instanceof CliFailure) {
      io.stderr(`tdcs: ${error.line}`);
      return error.exitCode;
    }
    const shape: AppErrorShape = error instanceof AppError ? error.toShape() : { code: 'internal' };
    io.stderr(`tdcs: ${describeError(shape, t)}`);
    return 1;
  } finally {
    core?.close();
  }
}
