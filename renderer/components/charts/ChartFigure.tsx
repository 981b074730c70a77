import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import './charts.css';

interface ChartFigureProps {
  title: string;
  intro?: string;
  /** What the chart shows, in one sentence, for those who cannot see it (its table says the rest). */
  summary: string;
  chart: ReactNode;
  /** The same figures as a table, shown on demand. */
  table: ReactNode;
  testId: string;
}

/** A chart with its caption, and its figures as a table on demand: the chart is for looking, the table for reading. */
export function ChartFigure({ title, intro, summary, chart, table, testId }: ChartFigureProps) {
  const { t } = useTranslation();
  const [showTable, setShowTable] = useState(false);
  const tableId = useId();
  const titleId = useId();
  return (
    <figure className="card chart-figure" aria-labelledby={titleId} data-testid={testId}>
      <figcaption>
        <h2 id={titleId}>{title}</h2>
        {intro ? <p className="muted small">{intro}</p> : null}
      </figcaption>
      <div className="chart-area" role="img" aria-label={summary}>
        {chart}
      </div>
      <button type="button" className="link no-print" aria-expanded={showTable} aria-controls={tableId} onClick={() => setShowTable((value) => !value)} data-testid={`${testId}-table-toggle`}>
        {showTable ? t('charts.hideTable') : t('charts.showTable')}
      </button>
      <div id={tableId} hidden={!showTable} className="chart-table">
        {showTable ? table : null}
      </div>
    </figure>
  );
}

/** Colours for the criteria of a stacked bar, told apart in print and by people with a colour deficiency (Okabe–Ito, darkened). */
export const CRITERION_COLOURS = ['#0b5c8e', '#d55e00', '#009e73', '#cc79a7', '#b58900', '#56b4e9', '#5b6776', '#8c510a', '#7a3e9d', '#1f7a3f'];
