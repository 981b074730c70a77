import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RankingRow } from '../../../shared/contract/calls';
import type { NomineeGroup } from '../../../shared/domain/kinds';
import type { Criterion, Label, Scheme, TieBreak } from '../../../shared/scoring/types';
import { useRouter } from '../../app/router';
import { ExportToExcel } from '../documents/ExportToExcel';
import { PrintView } from '../documents/PrintView';
import { useSession } from '../../app/session-store';
import { useCall } from '../../app/use-call';
import { ErrorBanner } from '../../components/errors';
import { useLabel, usePoints } from '../../components/format';
import { VirtualTable, type VirtualColumn } from '../../components/VirtualTable';
import { TieDecision } from '../council/TieDecision';
import { RankingDetails } from './RankingDetails';
import { RoundFacts } from './RoundFacts';
import { useCampaignYear } from '../campaign/campaign-year';
import './ranking.css';

/** A criterion's label in any of the campaign's schemes (every scheme has the chain's criteria, see decision 005). */
function criterionLabel(schemes: Scheme[], id: string): Label | null {
  const find = (criteria: Criterion[]): Criterion | undefined => {
    for (const criterion of criteria) {
      if (criterion.id === id) return criterion;
      const inner = find(criterion.children ?? []);
      if (inner) return inner;
    }
    return undefined;
  };
  for (const scheme of schemes) {
    const found = find([...scheme.criteria, ...scheme.bonus.criteria]);
    if (found) return found.label;
  }
  return null;
}

/** The campaign's tie-break chain, in words. */
function useChainText(chain: TieBreak[], schemes: Scheme[]): string {
  const { t } = useTranslation();
  const label = useLabel();
  if (chain.length === 0) return t('council.ranking.chainEmpty');
  const parts = chain.map((tieBreak, index) => {
    const text =
      tieBreak.type === 'criterion'
        ? t('council.ranking.tieBreak.criterion', { criterion: label(criterionLabel(schemes, tieBreak.criterionId)) || tieBreak.criterionId })
        : t(`council.ranking.tieBreak.${tieBreak.type}`);
    return `(${index + 1}) ${text}`;
  });
  return t('council.ranking.chain', { chain: parts.join('; ') });
}

function SourceCell({ row }: { row: RankingRow }) {
  const { t } = useTranslation();
  if (row.source === 'council') {
    return (
      <span className="pill pill-council" data-testid={`ranking-source-${row.dossierId}`} data-source="council" title={t('decides.ranking.sheetsHint', { counted: row.counted, given: row.reviewers })}>
        {t('decides.ranking.sourceCouncil', { counted: row.counted, given: row.reviewers })}
      </span>
    );
  }
  if (row.source === 'awaiting') {
    return (
      <span className="pill pill-warn" data-testid={`ranking-source-${row.dossierId}`} data-source="awaiting" title={t('decides.ranking.awaitingHint')}>
        {t('decides.ranking.sourceAwaiting', { given: row.reviewers })}
      </span>
    );
  }
  return (
    <span className="pill" data-testid={`ranking-source-${row.dossierId}`} data-source="self">
      {t('council.ranking.sourceSelf')}
    </span>
  );
}

/** What the selection made of a row: proposed, awaiting its ballot, refused by the vote, tied, without a seat. */
function OutcomeCell({ row }: { row: RankingRow }) {
  const { t } = useTranslation();
  switch (row.outcome) {
    case 'proposed':
      return (
        <span className="pill pill-proposed" title={t('council.ranking.proposedHint')} data-testid={`ranking-proposed-${row.dossierId}`}>
          {t('council.ranking.proposed')}
        </span>
      );
    case 'awaitingBallot':
      return (
        <span className="pill pill-proposed pill-provisional" title={t('decides.ranking.awaitingBallotHint')} data-testid={`ranking-proposed-${row.dossierId}`} data-outcome="awaitingBallot">
          {t('decides.ranking.outcomes.awaitingBallot')}
        </span>
      );
    case 'tieOpen':
      return (
        <span className="pill pill-warn" data-testid={`ranking-cutoff-${row.dossierId}`}>
          {t('council.ranking.cutoffTie')}
        </span>
      );
    case 'notApproved':
    case 'tieNotChosen':
    case 'noSeatLeft':
      return (
        <span className="pill" data-testid={`ranking-outcome-${row.dossierId}`} data-outcome={row.outcome}>
          {t(`decides.ranking.outcomes.${row.outcome}`)}
        </span>
      );
    default:
      return null;
  }
}

/** A ranking's nominee as every list names it: an individual, with the unit they work in beside them. */
function NomineeName({ row }: { row: RankingRow }) {
  if (!row.personName) return <>{row.unitName}</>;
  return (
    <>
      {row.personName} <span className="muted small">({row.unitName})</span>
    </>
  );
}

/** How many names of a tie at the cut-off the banner lists (the rows show every one of them). */
const BANNER_NAMES = 8;

/** The quota line stands in the list after the last row proposed or tied at the cut-off. */
type Line = { row: RankingRow } | { quota: number };

/**
 * The official ranking, as the main process stores it: sources, proposals within the quota, ties; a row's explanation
 * when opened. An address that names a dossier (#/ranking/id) opens its row and scrolls to it.
 */
export function RankingPage({ dossierId }: { dossierId: string | null }) {
  const { t } = useTranslation();
  const year = useCampaignYear();
  const replaceRoute = useRouter((state) => state.replace);
  const points = usePoints();
  const [group, setGroup] = useState<NomineeGroup>('collective');
  // The opened row is the address's: a reload or a link opens the same one.
  const open = dossierId;
  // The named dossier the other group was switched to for (it is in one of the two), so that it is done once.
  const [lookedFor, setLookedFor] = useState<string | null>(null);
  const { value: campaign, error: campaignError } = useCall('campaigns.get', { year });
  const { value: ranking, error: rankingError, reload } = useCall('ranking.get', { campaignYear: year, group });
  const failure = campaignError ?? rankingError;
  const schemes = useMemo(() => campaign?.schemes ?? [], [campaign]);
  const chainText = useChainText(ranking?.tieBreaks ?? [], schemes);

  // At an office this is a preview of its own dossiers with the branch's rules: only the branch ranks officially and proposes.
  const office = useSession((state) => state.status?.mode === 'office');
  const quota = office ? undefined : group === 'collective' ? campaign?.quotaCollectives : campaign?.quotaIndividuals;
  const selected = useMemo(() => new Set(office ? [] : (ranking?.selection.selected ?? [])), [ranking, office]);
  const cutoffTie = useMemo(() => new Set(office ? [] : (ranking?.selection.cutoffTie ?? [])), [ranking, office]);
  const lines = useMemo((): Line[] => {
    if (!ranking) return [];
    let last = -1;
    ranking.rows.forEach((row, index) => {
      if (selected.has(row.dossierId) || cutoffTie.has(row.dossierId)) last = index;
    });
    const list: Line[] = ranking.rows.map((row) => ({ row }));
    if (last >= 0 && ranking.selection.quota > 0) list.splice(last + 1, 0, { quota: ranking.selection.quota });
    return list;
  }, [ranking, selected, cutoffTie]);
  const nameOf = useMemo(() => new Map((ranking?.rows ?? []).map((row) => [row.dossierId, row.personName ? `${row.personName} (${row.unitName})` : row.unitName])), [ranking]);
  const tiedNames = useMemo(() => (ranking ? ranking.rows.filter((row) => cutoffTie.has(row.dossierId)).map((row) => row.unitName) : []), [ranking, cutoffTie]);
  const openRow = useMemo(() => ranking?.rows.find((row) => row.dossierId === open) ?? null, [ranking, open]);
  const openIndex = useMemo(() => (open ? lines.findIndex((line) => 'row' in line && line.row.dossierId === open) : -1), [lines, open]);
  if (ranking && open && openIndex < 0 && lookedFor !== open) {
    setLookedFor(open);
    setGroup(group === 'collective' ? 'individual' : 'collective');
  }
  const toggle = (row: RankingRow) => replaceRoute(open === row.dossierId ? { page: 'ranking' } : { page: 'ranking', dossierId: row.dossierId });

  const columns: VirtualColumn<Line>[] = [
    { id: 'position', header: t('ranking.position'), width: '4.5rem', minRem: 4.5, className: 'number', cell: (line) => ('row' in line ? line.row.position : null) },
    {
      id: 'nominee',
      header: t('ranking.nominee'),
      width: 'minmax(14rem, 3fr)',
      minRem: 14,
      cell: (line) =>
        'row' in line ? (
          <>
            <NomineeName row={line.row} />
            {line.row.tied > 0 ? (
              <span className="pill pill-warn" title={t('ranking.tieHint', { count: line.row.tied })}>
                {t('ranking.tie')}
              </span>
            ) : null}
          </>
        ) : null,
    },
    { id: 'kind', header: t('ranking.kind'), width: 'minmax(9rem, 2fr)', minRem: 9, cell: (line) => ('row' in line ? t(`kinds.${line.row.nomineeKind}`) : null) },
    {
      id: 'source',
      header: t('council.ranking.source'),
      width: 'minmax(8rem, 1.2fr)',
      minRem: 8,
      cell: (line) =>
        'row' in line ? (
          <>
            <SourceCell row={line.row} />
            {line.row.adjustments > 0 ? (
              <span className="pill pill-warn" data-testid={`ranking-adjusted-${line.row.dossierId}`}>
                {t('trust.adjustments.title')}
              </span>
            ) : null}
          </>
        ) : null,
    },
    ...(ranking?.approval
      ? [
          {
            id: 'ballot',
            header: t('decides.ranking.ballot'),
            width: '6rem',
            minRem: 6,
            className: 'number',
            cell: (line: Line) =>
              'row' in line ? (
                <span data-testid={`ranking-ballot-${line.row.dossierId}`}>{line.row.ballot ? `${line.row.ballot.votesFor}/${line.row.ballot.voters}` : '—'}</span>
              ) : null,
          } satisfies VirtualColumn<Line>,
        ]
      : []),
    {
      id: 'total',
      header: t('ranking.total'),
      width: '7.5rem',
      minRem: 7.5,
      className: 'number',
      cell: (line) =>
        'row' in line ? (
          <>
            <strong data-testid={`ranking-total-${line.row.dossierId}`} data-hundredths={line.row.total}>
              {points(line.row.total)}
            </strong>
            {(line.row.source === 'council' || line.row.adjustments > 0) && line.row.selfTotal !== line.row.total ? (
              <span className="self-total muted small" data-testid={`ranking-self-${line.row.dossierId}`} data-hundredths={line.row.selfTotal}>
                {t('council.ranking.selfTotal', { total: points(line.row.selfTotal) })}
              </span>
            ) : null}
          </>
        ) : null,
    },
    {
      id: 'status',
      header: t('ranking.status'),
      width: 'minmax(10rem, 1.6fr)',
      minRem: 10,
      cell: (line) =>
        'row' in line ? (
          <span className="status-cell">
            <span className={line.row.eligible ? 'pill pill-ok' : 'pill pill-bad'}>{line.row.eligible ? t('ranking.eligible') : t('ranking.ineligible')}</span>
            {/* Only the branch proposes: an office's preview shows no outcome, as it shows no quota line. */}
            {office ? null : <OutcomeCell row={line.row} />}
          </span>
        ) : null,
    },
    {
      id: 'details',
      header: '',
      width: '5.5rem',
      minRem: 5.5,
      cell: (line) =>
        'row' in line ? (
          <button
            type="button"
            className="link"
            aria-expanded={open === line.row.dossierId}
            onClick={(event) => {
              event.stopPropagation();
              toggle(line.row);
            }}
          >
            {open === line.row.dossierId ? t('ranking.hide') : t('ranking.details')}
          </button>
        ) : null,
    },
  ];

  return (
    <section className="page">
      <header className="page-header">
        <div>
          <h1>{office ? t('rankingPreview.title') : t('ranking.title')}</h1>
          <p className="muted" data-testid="ranking-intro">{office ? t('rankingPreview.intro', { year }) : t('ranking.intro', { year })}</p>
        </div>
        <label className="inline-field">
          <span>{t('ranking.group')}</span>
          <select
            value={group}
            onChange={(event) => {
              replaceRoute({ page: 'ranking' });
              setGroup(event.target.value as NomineeGroup);
            }}
            data-testid="ranking-group"
          >
            <option value="collective">{t('ranking.collective')}</option>
            <option value="individual">{t('ranking.individual')}</option>
          </select>
        </label>
        <ExportToExcel request={{ campaignYear: year, table: 'ranking', group }} />
        <PrintView request={{ campaignYear: year, table: 'ranking', group }} />
      </header>
      {quota ? <p className="muted">{t('ranking.quota', { count: quota })}</p> : null}
      {ranking ? (
        <p className="muted small" data-testid="tie-break-chain">
          {chainText}
        </p>
      ) : null}
      <ErrorBanner error={failure} />
      {ranking && !office ? <RoundFacts ranking={ranking} /> : null}
      {!office && ranking?.approval ? (
        ranking.selection.ties.map((tie) => (
          <TieDecision
            key={tie.subject}
            campaignYear={ranking.campaignYear}
            question={{ kind: 'cutoffTie', round: ranking.round, subject: tie.subject, ids: tie.ids, places: tie.places }}
            decision={ranking.decisions.find((decision) => decision.subject === tie.subject) ?? null}
            nameOf={(id) => nameOf.get(id) ?? id}
            locked={ranking.status === 'locked'}
            onChange={reload}
          />
        ))
      ) : ranking && cutoffTie.size > 0 ? (
        <div className="banner banner-warn" role="alert" data-testid="cutoff-tie-banner">
          {tiedNames.length > BANNER_NAMES
            ? t('rankingScale.tieBannerMany', { names: tiedNames.slice(0, BANNER_NAMES).join(', '), more: tiedNames.length - BANNER_NAMES, count: ranking.selection.openPlaces })
            : t('council.ranking.tieBanner', { names: tiedNames.join(', '), count: ranking.selection.openPlaces })}
        </div>
      ) : null}
      {ranking === null && !failure ? <p className="muted">{t('app.loading')}</p> : null}
      {ranking && ranking.rows.length === 0 ? <p className="empty">{t('ranking.empty')}</p> : null}
      {ranking && ranking.rows.length > 0 ? (
        <div className={openRow ? 'ranking-layout ranking-layout-open' : 'ranking-layout'}>
          <VirtualTable
            rows={lines}
            columns={columns}
            rowKey={(line) => ('row' in line ? line.row.dossierId : 'quota-line')}
            label={t('ranking.title')}
            onRowClick={(line) => {
              if ('row' in line) toggle(line.row);
            }}
            rowClassName={(line) =>
              'row' in line
                ? [line.row.eligible ? '' : 'ineligible', selected.has(line.row.dossierId) ? 'proposed' : '', open === line.row.dossierId ? 'selected' : ''].filter(Boolean).join(' ')
                : 'quota-line'
            }
            rowAttributes={(line): Record<`data-${string}`, string> => ('row' in line ? { 'data-dossier': line.row.dossierId, 'data-position': String(line.row.position) } : { 'data-testid': 'quota-line' })}
            spanningCell={(line) => ('quota' in line ? t('council.ranking.quotaLine', { count: line.quota }) : null)}
            scrollToIndex={openIndex >= 0 ? openIndex : null}
            testId="ranking-table"
            className="ranking-scroll"
          />
          {openRow ? (
            <RankingDetails
              key={openRow.dossierId}
              row={openRow}
              schemes={schemes}
              onClose={() => {
                toggle(openRow);
                // Closed, the focus goes back to the row's button that opened it (not lost to the page's start).
                const opener = document.querySelector<HTMLElement>(`[data-testid="ranking-table"] [data-dossier="${CSS.escape(openRow.dossierId)}"] button[aria-expanded]`);
                opener?.focus({ preventScroll: true });
              }}
            />
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
