import { Fragment, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { matchesSearch } from '../../../shared/domain/text';
import { sortByName } from '../../../shared/domain/collation';
import { ConfirmButton } from '../../components/ConfirmButton';
import { ErrorBanner } from '../../components/errors';
import { FilterSelect } from '../../components/FilterSelect';
import type { Notice } from '../../components/notice';
import { VirtualTable, type VirtualColumn } from '../../components/VirtualTable';
import { ImportPanel } from '../registry-import/ImportPanel';
import '../../components/filters.css';

/** What every registry keeps of a row: retired rows stay listed, since dossiers may name them. */
export interface RegistryRow {
  id: string;
  retired: boolean;
}

type StatusFilter = 'all' | 'active' | 'retired';

/** Translation keys of one registry's own wording; `count` takes `shown` and `total`, the retire and notice keys take `name`. */
export interface RegistryTexts {
  title: string;
  intro: string;
  nameHeader: string;
  search: string;
  count: string;
  empty: string;
  noMatch: string;
  retire: string;
  retireTitle: string;
  retireMessage: string;
  retireConfirm: string;
  restore: string;
  retiredNotice: string;
  restoredNotice: string;
}

/** The import target and the word the page's test ids and row attributes use. */
const ITEM = { units: 'unit', people: 'person' } as const;

/** One registry's fixed parts: which it is, its wording, and how a row is named and searched. */
export interface RegistryDefinition<Row> {
  registry: keyof typeof ITEM;
  texts: RegistryTexts;
  nameOf: (row: Row) => string;
  /** The text the search box looks in (accents and case do not matter). */
  searchTextOf: (row: Row) => string;
  /** The name column's grid track and its narrowest width in rem. */
  nameColumn: { width: string; minRem: number };
}

/** The registry's own filters, shown between the search box and the "in use" filter. */
export interface RegistryFilters<Row> {
  controls: ReactNode;
  matches: (row: Row) => boolean;
  active: boolean;
  clear: () => void;
}

/** What the page gives its side form: the row being edited (null to add one) and where its outcome goes. */
export interface RegistryFormProps<Row> {
  editing: Row | null;
  notice: string | null;
  onSaved: (notice: Notice) => void;
  onCancel: () => void;
}

interface RegistryPageProps<Row extends RegistryRow> {
  definition: RegistryDefinition<Row>;
  /** Every row, retired ones included; null while loading. */
  rows: Row[] | null;
  error: unknown;
  /** The registry's own columns, between the name and the actions. */
  columns: VirtualColumn<Row>[];
  filters: RegistryFilters<Row>;
  setRetired: (id: string, retired: boolean) => Promise<unknown>;
  reload: () => void;
  form: (props: RegistryFormProps<Row>) => ReactNode;
}

/** A registry page (units, people): search without accents and filters, add and edit beside the list, retire and use again, import from a spreadsheet. */
export function RegistryPage<Row extends RegistryRow>({ definition, rows, error, columns, filters, setRetired, reload, form }: RegistryPageProps<Row>) {
  const { registry, texts, nameOf, searchTextOf, nameColumn } = definition;
  const { matches } = filters;
  const { t } = useTranslation();
  const item = ITEM[registry];
  const [query, setQuery] = useState('');
  const [status, setStatus] = useState<StatusFilter>('all');
  const [editingId, setEditingId] = useState<string | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [importing, setImporting] = useState(false);

  const all = useMemo(() => rows ?? [], [rows]);
  const shown = useMemo(
    () =>
      sortByName(
        all.filter((row) => matches(row) && (status === 'all' || row.retired === (status === 'retired')) && matchesSearch(searchTextOf(row), query)),
        nameOf,
      ),
    [all, matches, status, searchTextOf, query, nameOf],
  );
  const editing = editingId ? (all.find((row) => row.id === editingId) ?? null) : null;
  const filtered = filters.active || status !== 'all' || query !== '';

  const changeRetired = async (row: Row, retired: boolean) => {
    setFailure(null);
    try {
      await setRetired(row.id, retired);
      setNotice({ key: retired ? texts.retiredNotice : texts.restoredNotice, params: { name: nameOf(row) } });
    } catch (caught) {
      setFailure(caught);
    }
  };

  const table: VirtualColumn<Row>[] = [
    {
      id: 'name',
      header: t(texts.nameHeader),
      ...nameColumn,
      cell: (row) => (
        <>
          {nameOf(row)}
          {row.retired ? <span className="tag tag-retired">{t('registry.unitList.retiredTag')}</span> : null}
        </>
      ),
    },
    ...columns,
    {
      id: 'actions',
      header: t('registry.unitList.actions'),
      width: '12rem',
      minRem: 12,
      className: 'list-actions',
      cell: (row) => (
        <>
          <button
            type="button"
            className="link"
            onClick={() => {
              setNotice(null);
              setEditingId(row.id);
            }}
            aria-label={`${t('registry.unitList.edit')}: ${nameOf(row)}`}
            data-testid={`${item}-edit`}
          >
            {t('registry.unitList.edit')}
          </button>
          {row.retired ? (
            <button type="button" className="link" onClick={() => void changeRetired(row, false)} aria-label={`${t(texts.restore)}: ${nameOf(row)}`} data-testid={`${item}-restore`}>
              {t(texts.restore)}
            </button>
          ) : (
            <ConfirmButton
              className="link danger"
              label={t(texts.retire)}
              title={t(texts.retireTitle, { name: nameOf(row) })}
              message={t(texts.retireMessage)}
              confirmLabel={t(texts.retireConfirm)}
              onConfirm={() => void changeRetired(row, true)}
              testId={`${item}-retire`}
            />
          )}
        </>
      ),
    },
  ];

  return (
    <section className="page">
      <header className="page-header">
        <div>
          <h1>{t(texts.title)}</h1>
          <p className="muted">{t(texts.intro)}</p>
        </div>
        <button type="button" className="secondary" onClick={() => setImporting((open) => !open)} aria-expanded={importing} data-testid="open-import">
          {importing ? t('registry.registryImport.close') : t('registry.registryImport.open')}
        </button>
      </header>
      {importing ? <ImportPanel target={registry} onImported={reload} onClose={() => setImporting(false)} /> : null}
      <div className="two-columns">
        <div className="registry-list">
          <div className="toolbar filters">
            <div className="search-row">
              <input type="search" placeholder={t(texts.search)} value={query} onChange={(event) => setQuery(event.target.value)} aria-label={t(texts.search)} data-testid={`${item}-search`} />
              <span className="muted count" data-testid={`${item}-count`} aria-live="polite">
                {t(texts.count, { shown: shown.length, total: all.length })}
              </span>
            </div>
            {filters.controls}
            <FilterSelect
              label={t('registry.unitList.filterStatus')}
              value={status}
              onChange={setStatus}
              options={[
                { value: 'all', label: t('registry.unitList.statusAll') },
                { value: 'active', label: t('registry.unitList.statusActive') },
                { value: 'retired', label: t('registry.unitList.statusRetired') },
              ]}
              testId={`${item}-filter-status`}
            />
            {filtered ? (
              <button
                type="button"
                className="link"
                onClick={() => {
                  setQuery('');
                  setStatus('all');
                  filters.clear();
                }}
              >
                {t('registry.unitList.clearFilters')}
              </button>
            ) : null}
          </div>
          <ErrorBanner error={error ?? failure} />
          {rows && rows.length === 0 ? <p className="empty">{t(texts.empty)}</p> : null}
          {rows && rows.length > 0 && shown.length === 0 ? <p className="empty">{t(texts.noMatch)}</p> : null}
          {shown.length > 0 ? (
            <VirtualTable
              rows={shown}
              columns={table}
              rowKey={(row) => row.id}
              label={t(texts.title)}
              rowClassName={(row) => `${row.retired ? 'retired' : ''}${row.id === editingId ? ' selected' : ''}`}
              rowAttributes={(row) => ({ [`data-${item}`]: row.id })}
              testId={`${item}-table`}
            />
          ) : null}
        </div>
        <Fragment key={editing?.id ?? 'new'}>
          {form({
            editing,
            notice: notice ? t(notice.key, notice.params) : null,
            onSaved: (saved) => {
              setNotice(saved);
              setEditingId(null);
            },
            onCancel: () => setEditingId(null),
          })}
        </Fragment>
      </div>
    </section>
  );
}
