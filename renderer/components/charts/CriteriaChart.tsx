import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, XAxis, YAxis } from 'recharts';
import type { ScoreResult } from '../../../shared/scoring/types';
import { useLabel, usePoints } from '../format';
import { ChartFigure } from './ChartFigure';

/** A label shortened for an axis: the whole one is in the table. */
export function shortLabel(text: string, length = 34): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}

/** One nominee's points against each criterion's maximum (the bonus as one line), with the figures as a table. */
export function CriteriaChart({ result, bonusMax, width = 420 }: { result: ScoreResult; bonusMax: number; width?: number }) {
  const { t, i18n } = useTranslation();
  const label = useLabel();
  const points = usePoints();
  const rows = [
    ...result.criteria.map((criterion) => ({ id: criterion.id, name: label(criterion.label), points: criterion.points, max: criterion.max })),
    { id: 'bonus', name: t('preview.bonus', { max: bonusMax / 100 }), points: result.bonus, max: bonusMax },
  ];
  const data = rows.map((row) => ({ ...row, name: shortLabel(row.name, 26), pointsValue: row.points / 100, maxValue: row.max / 100 }));
  const number = (value: number) => new Intl.NumberFormat(i18n.language === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 2 }).format(value);
  return (
    <ChartFigure
      title={t('charts.criteria.title')}
      summary={rows.map((row) => `${row.name}: ${points(row.points)} / ${points(row.max)}`).join('; ')}
      testId="criteria-chart"
      chart={
        <BarChart layout="vertical" width={width} height={rows.length * 44 + 50} data={data} margin={{ left: 8, right: 16, top: 4, bottom: 4 }} accessibilityLayer={false}>
          <CartesianGrid horizontal={false} stroke="#d8dee6" />
          <XAxis type="number" tickFormatter={number} stroke="#5b6776" fontSize={12} />
          <YAxis type="category" dataKey="name" width={150} stroke="#5b6776" fontSize={12} />
          <Legend formatter={(value: string) => <span className="chart-legend">{value}</span>} />
          <Bar dataKey="maxValue" name={t('charts.criteria.maxLegend')} fill="#c9d3de" isAnimationActive={false} />
          <Bar dataKey="pointsValue" name={t('charts.criteria.pointsLegend')} fill="#0b5c8e" isAnimationActive={false} />
        </BarChart>
      }
      table={
        <table>
          <thead>
            <tr>
              <th>{t('charts.criteria.criterion')}</th>
              <th className="number">{t('charts.criteria.points')}</th>
              <th className="number">{t('charts.criteria.max')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id}>
                <td>{row.name}</td>
                <td className="number">{points(row.points)}</td>
                <td className="number">{points(row.max)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}
