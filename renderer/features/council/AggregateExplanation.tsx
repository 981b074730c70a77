import { useTranslation } from 'react-i18next';
import { TRIM_FROM_REVIEWERS, type AggregateScore } from '../../../shared/scoring/aggregation';
import { usePoints } from '../../components/format';

type Standing = 'counted' | 'excluded' | 'droppedHigh' | 'droppedLow';

/** Where a reviewer stands in the aggregate: counted, excluded for a conflict, or dropped by the trim (highest first). */
function standingOf(aggregate: AggregateScore, reviewer: string): Standing {
  if (aggregate.excludedForConflict.includes(reviewer)) return 'excluded';
  if (aggregate.dropped[0] === reviewer) return 'droppedHigh';
  if (aggregate.dropped[1] === reviewer) return 'droppedLow';
  return 'counted';
}

const PILL: Record<Standing, string> = { counted: 'pill pill-ok', excluded: 'pill pill-bad', droppedHigh: 'pill pill-muted', droppedLow: 'pill pill-muted' };

/** The council's score and how it was reached: each member's total, and whether it was counted, excluded or left out. */
export function AggregateExplanation({ aggregate, testId = 'aggregate' }: { aggregate: AggregateScore; testId?: string }) {
  const { t } = useTranslation();
  const points = usePoints();
  const trimmed = aggregate.method === 'trimmedMean';
  return (
    <div className="aggregate" data-testid={testId}>
      <div className="aggregate-total">
        <span>{t('council.aggregate.title')}</span>
        <strong data-testid={`${testId}-total`} data-hundredths={aggregate.total ?? ''}>
          {aggregate.total === null ? t('app.none') : points(aggregate.total)}
        </strong>
      </div>
      <p className="muted small">
        {t('council.aggregate.methodLine', { method: t(`council.aggregate.method.${aggregate.method}`) })}{' '}
        {trimmed
          ? aggregate.dropped.length > 0
            ? t('council.aggregate.trimRule', { count: TRIM_FROM_REVIEWERS })
            : t('council.aggregate.trimNotApplied', { count: TRIM_FROM_REVIEWERS })
          : null}
      </p>
      <table className="aggregate-table">
        <tbody>
          {aggregate.totals.map(({ reviewer, total }) => {
            const standing = standingOf(aggregate, reviewer);
            return (
              <tr key={reviewer} data-reviewer={reviewer} data-standing={standing} className={standing === 'counted' ? '' : 'not-counted'}>
                <td>{reviewer}</td>
                <td className="number">{points(total)}</td>
                <td>
                  <span className={PILL[standing]}>{t(`council.aggregate.${standing}`)}</span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="small">{aggregate.total === null ? t('council.aggregate.none') : t('council.aggregate.summary', { count: aggregate.counted.length })}</p>
    </div>
  );
}
