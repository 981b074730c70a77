import { useTranslation } from 'react-i18next';
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ReferenceLine, XAxis, YAxis } from 'recharts';
import { cumulativeArrivals } from '../../../shared/domain/overview';
import { formatDate } from '../../../shared/i18n/format';
import { ChartFigure } from './ChartFigure';

const DAY = 86_400_000;
const dayNumber = (iso: string) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / DAY;
const isoOf = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);

/** Dossiers received day by day and in all, against the deadline (a red line), with the figures as a table on demand. */
export function ArrivalsChart({ arrivals, deadline }: { arrivals: { day: string; count: number }[]; deadline: string }) {
  const { t, i18n } = useTranslation();
  if (arrivals.length === 0) return <p className="empty">{t('charts.arrivals.empty')}</p>;
  const rows = cumulativeArrivals(arrivals);
  const data = rows.map((row) => ({ x: dayNumber(row.day), count: row.count, total: row.total }));
  const first = data[0]?.x ?? dayNumber(deadline);
  const end = Math.max(data[data.length - 1]?.x ?? first, dayNumber(deadline)) + 1;
  const short = (day: number) => formatDate(isoOf(day), i18n.language).slice(0, 5);
  const last = rows[rows.length - 1];
  return (
    <ChartFigure
      title={t('charts.arrivals.title')}
      intro={t('charts.arrivals.intro')}
      summary={`${t('charts.arrivals.total')}: ${last?.total ?? 0} (${formatDate(last?.day ?? deadline, i18n.language)}); ${t('charts.arrivals.deadline')}: ${formatDate(deadline, i18n.language)}`}
      testId="arrivals-chart"
      chart={
        <ComposedChart width={860} height={280} data={data} margin={{ left: 8, right: 24, top: 16, bottom: 4 }} accessibilityLayer={false}>
          <CartesianGrid stroke="#d8dee6" vertical={false} />
          <XAxis type="number" dataKey="x" domain={[first - 1, end]} tickFormatter={short} stroke="#5b6776" fontSize={12} allowDecimals={false} />
          <YAxis stroke="#5b6776" fontSize={12} allowDecimals={false} />
          <Legend />
          <Bar dataKey="count" name={t('charts.arrivals.received')} fill="#56b4e9" isAnimationActive={false} barSize={8} />
          <Line dataKey="total" name={t('charts.arrivals.total')} type="stepAfter" stroke="#0b5c8e" strokeWidth={2} dot={false} isAnimationActive={false} />
          <ReferenceLine x={dayNumber(deadline)} stroke="#b42318" strokeWidth={2} label={{ value: `${t('charts.arrivals.deadline')} ${short(dayNumber(deadline))}`, position: 'insideTopLeft', fill: '#b42318', fontSize: 12 }} />
        </ComposedChart>
      }
      table={
        <table>
          <thead>
            <tr>
              <th>{t('charts.arrivals.day')}</th>
              <th className="number">{t('charts.arrivals.received')}</th>
              <th className="number">{t('charts.arrivals.total')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.day}>
                <td>{formatDate(row.day, i18n.language)}</td>
                <td className="number">{row.count}</td>
                <td className="number">{row.total}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}
