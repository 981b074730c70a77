import { useLayoutEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { RankingRow } from '../../../shared/contract/calls';
import type { Scheme } from '../../../shared/scoring/types';
import { useCall } from '../../app/use-call';
import { ErrorBanner } from '../../components/errors';
import { usePoints } from '../../components/format';
import { GateList, ScoreBreakdown } from '../../components/ScoreExplanation';
import { CriteriaChart } from '../../components/charts/CriteriaChart';
import { AdjustmentNotes } from '../council/AdjustmentsPanel';
import { AggregateExplanation } from '../council/AggregateExplanation';

/**
 * One opened row of the ranking: its explanation, asked of the main process only now (`ranking.explain`). Opened, it takes
 * the focus, so that the keyboard goes on inside it (the next Tab is its close button) rather than through every row of
 * the table first.
 */
export function RankingDetails({ row, schemes, onClose }: { row: RankingRow; schemes: Scheme[]; onClose: () => void }) {
  const { t } = useTranslation();
  const points = usePoints();
  const { value, error } = useCall('ranking.explain', { dossierIds: [row.dossierId] });
  const explanation = value?.[0] ?? null;
  const panel = useRef<HTMLElement>(null);
  useLayoutEffect(() => {
    panel.current?.focus({ preventScroll: true });
  }, []);
  const scheme = explanation ? (schemes.find((candidate) => candidate.id === explanation.schemeId) ?? null) : null;
  return (
    <aside ref={panel} tabIndex={-1} className="card ranking-details" data-testid="ranking-details" data-dossier={row.dossierId} aria-label={t('ranking.explanation')}>
      <header className="ranking-details-header">
        <div>
          <h2>{row.unitName}</h2>
          <p className="muted small">
            {t('ranking.position')} {row.position} · {t('ranking.total')} <strong>{points(row.total)}</strong>
          </p>
        </div>
        <button type="button" className="link" onClick={onClose}>
          {t('ranking.hide')}
        </button>
      </header>
      <ErrorBanner error={error} />
      {!explanation && !error ? <p className="muted">{t('app.loading')}</p> : null}
      {explanation ? (
        <>
          {explanation.tiedWith.length > 0 ? <p className="muted">{t('ranking.tieHint', { count: explanation.tiedWith.length })}</p> : null}
          <GateList failures={explanation.gateFailures} scheme={scheme} />
          {scheme ? <AdjustmentNotes adjustments={explanation.adjustments} scheme={scheme} /> : null}
          <ScoreBreakdown result={explanation.result} scheme={scheme} />
          <CriteriaChart result={explanation.result} bonusMax={scheme?.bonus.max ?? 0} width={380} />
          {explanation.aggregate ? <AggregateExplanation aggregate={explanation.aggregate} testId="ranking-aggregate" /> : null}
        </>
      ) : null}
    </aside>
  );
}
