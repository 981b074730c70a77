import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, ReferenceLine, XAxis, YAxis } from 'recharts';
import type { Ranking, RankingExplanation } from '../../../shared/contract/calls';
import type { Label } from '../../../shared/scoring/types';
import { useCall } from '../../app/use-call';
import { ErrorBanner } from '../errors';
import { useLabel, usePoints } from '../format';
import { ChartFigure, CRITERION_COLOURS } from './ChartFigure';
import { shortLabel } from './CriteriaChart';

/** How many rows of the ranking the chart draws: the quota and as many again, at least 10, at most 20. */
export function chartedRows(quota: number): number {
  return Math.min(20, Math.max(10, quota * 2));
}

/** The criteria the charted rows are scored on, in the order first met (schemes of one group share the plan's criteria). */
function criteriaOf(explanations: RankingExplanation[]): { id: string; label: Label }[] {
  const seen = new Map<string, Label>();
  for (const explanation of explanations) for (const criterion of explanation.result.criteria) if (!seen.has(criterion.id)) seen.set(criterion.id, criterion.label);
  return [...seen].map(([id, label]) => ({ id, label }));
}

/**
 * The first rows of a ranking as bars stacked by criterion (the bonus on top), with a dashed line under the last row
 * proposed within the quota; the figures as a table on demand. Reads `ranking.explain` for the rows it draws.
 */
export function RankingChart({ ranking, quota }: { ranking: Ranking; quota: number }) {
  const { t, i18n } = useTranslation();
  const label = useLabel();
  const points = usePoints();
  const rows = ranking.rows.slice(0, chartedRows(quota));
  const ids = useMemo(() => rows.map((row) => row.dossierId), [rows]);
  const { value: explained, error } = useCall('ranking.explain', ids.length > 0 ? { dossierIds: ids } : null);
  const byId = useMemo(() => new Map((explained ?? []).map((explanation) => [explanation.dossierId, explanation])), [explained]);
  const criteria = useMemo(() => criteriaOf(explained ?? []), [explained]);
  if (rows.length === 0) return <p className="empty">{t('charts.ranking.empty')}</p>;
  if (error) return <ErrorBanner error={error} />;
  if (!explained) return <p className="muted">{t('app.loading')}</p>;
  const selected = new Set(ranking.selection.selected);
  const lastProposed = [...rows].reverse().find((row) => selected.has(row.dossierId));
  const data = rows.map((row) => {
    const name = `${row.position}. ${shortLabel(row.unitName, 30)}`;
    // The council's aggregate has no breakdown by criterion: its total is drawn as one bar of its own.
    if (row.source === 'council') return { id: row.dossierId, name, council: row.total / 100 };
    const result = byId.get(row.dossierId)?.result;
    const parts: Record<string, number> = {};
    for (const criterion of result?.criteria ?? []) parts[criterion.id] = criterion.points / 100;
    return { id: row.dossierId, name, ...parts, bonus: (result?.bonus ?? 0) / 100 };
  });
  const names = new Map(data.map((entry) => [entry.id, entry.name]));
  const number = (value: number) => new Intl.NumberFormat(i18n.language === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 2 }).format(value);
  const series = [
    ...criteria.map((criterion) => ({ key: criterion.id, name: label(criterion.label) })),
    { key: 'bonus', name: t('charts.ranking.bonus') },
    ...(rows.some((row) => row.source === 'council') ? [{ key: 'council', name: t('charts.ranking.council') }] : []),
  ];
  return (
    <ChartFigure
      title={t('charts.ranking.title')}
      intro={t('charts.ranking.intro', { count: rows.length })}
      summary={rows.map((row) => `${row.position}. ${row.unitName}: ${points(row.total)}`).join('; ')}
      testId="ranking-chart"
      chart={
        <BarChart layout="vertical" width={860} height={rows.length * 30 + 90} data={data} margin={{ left: 8, right: 24, top: 4, bottom: 4 }} accessibilityLayer={false}>
          <CartesianGrid horizontal={false} stroke="#d8dee6" />
          <XAxis type="number" tickFormatter={number} stroke="#5b6776" fontSize={12} domain={[0, 'dataMax']} />
          <YAxis type="category" dataKey="id" width={260} tickFormatter={(id: string) => names.get(id) ?? ''} stroke="#5b6776" fontSize={12} interval={0} />
          <Legend />
          {series.map((entry, index) => (
            <Bar key={entry.key} dataKey={entry.key} name={entry.name} stackId="total" fill={CRITERION_COLOURS[index % CRITERION_COLOURS.length]} isAnimationActive={false} />
          ))}
          {lastProposed ? (
            <ReferenceLine y={lastProposed.dossierId} position="end" stroke="#b42318" strokeWidth={2} strokeDasharray="6 4" label={{ value: t('charts.ranking.quota', { count: ranking.selection.quota }), position: 'insideBottomRight', fill: '#b42318', fontSize: 12 }} />
          ) : null}
        </BarChart>
      }
      table={
        <table>
          <thead>
            <tr>
              <th className="number">{t('charts.ranking.position')}</th>
              <th>{t('charts.ranking.nominee')}</th>
              {series.map((entry) => (
                <th key={entry.key} className="number">
                  {entry.name}
                </th>
              ))}
              <th className="number">{t('charts.ranking.total')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const result = row.source === 'council' ? undefined : byId.get(row.dossierId)?.result;
              const cell = (value: number | undefined) => (value === undefined ? t('app.none') : points(value));
              return (
                <tr key={row.dossierId} className={selected.has(row.dossierId) ? 'proposed' : ''}>
                  <td className="number">{row.position}</td>
                  <td>{row.unitName}</td>
                  {criteria.map((criterion) => (
                    <td key={criterion.id} className="number">
                      {cell(result?.criteria.find((entry) => entry.id === criterion.id)?.points)}
                    </td>
                  ))}
                  <td className="number">{cell(result?.bonus)}</td>
                  {series.some((entry) => entry.key === 'council') ? <td className="number">{row.source === 'council' ? points(row.total) : t('app.none')}</td> : null}
                  <td className="number">{points(row.total)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      }
    />
  );
}
