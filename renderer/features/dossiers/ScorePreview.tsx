import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { leafCriteria } from '../../../shared/scoring/leaves';
import type { Label, Scheme, ScoreResult } from '../../../shared/scoring/types';
import { useLabel, usePoints } from '../../components/format';
import { GateList, ScoreBreakdown } from '../../components/ScoreExplanation';
import { CriteriaChart } from '../../components/charts/CriteriaChart';

/** The live score beside the dossier form: total, eligibility, what is missing, and every criterion. */
export function ScorePreview({ scheme, result }: { scheme: Scheme; result: ScoreResult }) {
  const { t } = useTranslation();
  const points = usePoints();
  const label = useLabel();
  const [chart, setChart] = useState(false);
  const missingLabels = useMemo(
    () => new Map<string, Label>([...scheme.indicators.map((item) => [item.key, item.label] as const), ...leafCriteria(scheme).map((item) => [item.id, item.label] as const)]),
    [scheme],
  );
  return (
    <aside className="card preview" aria-live="polite" data-testid="score-preview">
      <h2>{t('preview.title')}</h2>
      <p className="muted small">{t('preview.hint')}</p>
      <div className="preview-total">
        <span>{t('preview.total')}</span>
        <strong data-testid="preview-total" data-hundredths={result.total}>
          {points(result.total)}
        </strong>
      </div>
      <p className={result.eligible ? 'pill pill-ok' : 'pill pill-bad'} data-testid="preview-eligibility">
        {result.eligible ? t('preview.eligible') : t('preview.ineligible')}
      </p>
      {result.missing.length > 0 ? (
        <>
          <p className="muted small">{t('preview.missing', { count: result.missing.length })}</p>
          <ul className="missing-list" data-testid="preview-missing">
            {result.missing.map((key) => (
              <li key={key}>{label(missingLabels.get(key)) || key}</li>
            ))}
          </ul>
        </>
      ) : null}
      <GateList failures={result.gateFailures} scheme={scheme} />
      <ScoreBreakdown result={result} scheme={scheme} />
      <button type="button" className="link no-print" aria-expanded={chart} onClick={() => setChart((value) => !value)} data-testid="preview-chart-toggle">
        {chart ? t('charts.criteria.hide') : t('charts.criteria.show')}
      </button>
      {chart ? <CriteriaChart result={result} bonusMax={scheme.bonus.max} width={340} /> : null}
      <p className="muted small">{t('preview.schemeNote', { scheme: label(scheme.label), version: scheme.version })}</p>
    </aside>
  );
}
