import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type CSSProperties, type ReactNode } from 'react';
import { usePrinting } from './use-printing';
import './virtual-table.css';

export type SortDirection = 'ascending' | 'descending';

export interface VirtualColumn<Row> {
  id: string;
  header: ReactNode;
  cell: (row: Row) => ReactNode;
  /** The column's grid track, e.g. "minmax(14rem, 3fr)" or "7rem". */
  width: string;
  /** Its narrowest width in rem (the table scrolls sideways below the sum). */
  minRem: number;
  className?: string;
  /** A class for one row's cell (e.g. a value with a problem). */
  cellClassName?: (row: Row) => string;
  /** A sortable column: its current direction (null when another column sorts) and what a click does. */
  sort?: { direction: SortDirection | null; onSort: () => void; label: string };
}

interface VirtualTableProps<Row> {
  rows: readonly Row[];
  columns: VirtualColumn<Row>[];
  rowKey: (row: Row) => string;
  /** What the table is, for screen readers. */
  label: string;
  rowClassName?: (row: Row) => string;
  onRowClick?: (row: Row) => void;
  rowAttributes?: (row: Row) => Record<`data-${string}`, string>;
  /** A first guess of a row's height in pixels; rows are measured once shown. */
  estimateRowHeight?: number;
  /** A row drawn as one cell across the table (a divider such as the quota line), or null for an ordinary row. */
  spanningCell?: (row: Row) => ReactNode | null;
  /** A totals line kept in view at the bottom: one cell per column, the first one its heading. */
  footer?: ReactNode[];
  /** Attributes of the table itself (what it shows, for tests and styles). */
  tableAttributes?: Record<`data-${string}`, string>;
  /** A row to bring into view (its index), e.g. the one an address names. */
  scrollToIndex?: number | null;
  testId?: string;
  className?: string;
  /** A table with nothing to focus in its rows: its scrolling area takes the focus itself, so the keyboard can scroll it. */
  focusable?: boolean;
}

/**
 * A table that renders only the rows in view (and a few around them), so lists of thousands scroll
 * smoothly; it keeps table semantics, with the full row count and each row's index for screen readers.
 */
export function VirtualTable<Row>({ rows, columns, rowKey, label, rowClassName, onRowClick, rowAttributes, estimateRowHeight = 44, spanningCell, footer, tableAttributes, scrollToIndex = null, testId, className, focusable = false }: VirtualTableProps<Row>) {
  const scroller = useRef<HTMLDivElement>(null);
  // On paper every row is printed, one after another, under a header repeated on each page.
  const printing = usePrinting();
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualiser re-renders this component itself; nothing memoises its output.
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => estimateRowHeight,
    overscan: 8,
    getItemKey: (index) => {
      const row = rows[index];
      return row === undefined ? index : rowKey(row);
    },
  });
  useEffect(() => {
    if (scrollToIndex !== null && scrollToIndex >= 0) virtualizer.scrollToIndex(scrollToIndex, { align: 'center' });
  }, [scrollToIndex, virtualizer]);
  const template = columns.map((column) => column.width).join(' ');
  const minWidth = `${columns.reduce((sum, column) => sum + column.minRem, 0)}rem`;
  const style = { '--vt-columns': template, minWidth } as CSSProperties;

  return (
    <div className={`vt-scroll${className ? ` ${className}` : ''}`} ref={scroller} {...(focusable ? { tabIndex: 0, role: 'region', 'aria-label': label } : {})}>
      <table className="vt" style={style} aria-label={label} aria-rowcount={rows.length + (footer ? 2 : 1)} data-testid={testId} {...tableAttributes}>
        <thead>
          <tr aria-rowindex={1}>
            {columns.map((column) => (
              <th key={column.id} scope="col" className={column.className} aria-sort={column.sort ? (column.sort.direction ?? 'none') : undefined}>
                {column.sort ? (
                  <button type="button" className="vt-sort" onClick={column.sort.onSort} title={column.sort.label} data-testid={`sort-${column.id}`}>
                    {column.header}
                    <span className="vt-sort-mark" aria-hidden="true">
                      {column.sort.direction === 'ascending' ? '▲' : column.sort.direction === 'descending' ? '▼' : '↕'}
                    </span>
                  </button>
                ) : (
                  column.header
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody style={printing ? undefined : { height: `${virtualizer.getTotalSize()}px` }}>
          {(printing ? rows.map((row, index) => ({ index, key: rowKey(row), start: 0 })) : virtualizer.getVirtualItems()).map((item) => {
            const row = rows[item.index];
            if (row === undefined) return null;
            const spanning = spanningCell?.(row) ?? null;
            return (
              <tr
                key={item.key}
                ref={printing ? undefined : virtualizer.measureElement}
                data-index={item.index}
                aria-rowindex={item.index + 2}
                className={`${onRowClick ? 'clickable ' : ''}${rowClassName ? rowClassName(row) : ''}`.trim() || undefined}
                style={printing ? undefined : { transform: `translateY(${item.start}px)` }}
                onClick={onRowClick ? () => onRowClick(row) : undefined}
                {...(rowAttributes ? rowAttributes(row) : {})}
              >
                {spanning !== null ? (
                  <td className="vt-span" colSpan={columns.length}>
                    {spanning}
                  </td>
                ) : (
                  columns.map((column) => (
                    <td key={column.id} className={[column.className, column.cellClassName?.(row)].filter(Boolean).join(' ') || undefined}>
                      {column.cell(row)}
                    </td>
                  ))
                )}
              </tr>
            );
          })}
        </tbody>
        {footer ? (
          <tfoot>
            <tr aria-rowindex={rows.length + 2}>
              {columns.map((column, index) =>
                index === 0 ? (
                  <th key={column.id} scope="row" className={column.className}>
                    {footer[index]}
                  </th>
                ) : (
                  <td key={column.id} className={column.className}>
                    {footer[index]}
                  </td>
                ),
              )}
            </tr>
          </tfoot>
        ) : null}
      </table>
    </div>
  );
}
