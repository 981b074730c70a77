import { compareNames } from '../../../shared/domain/collation';
import { useMemo, useState } from 'react';
import { useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { toScoreInput } from '../../../shared/domain/dossier';
import type { DossierSummary } from '../../../shared/domain/dossier';
import { schemeSchema } from '../../../shared/scoring/scheme-schema';
import { scoreDossier } from '../../../shared/scoring/score';
import type { Scheme, ScoreInput, ScoreResult } from '../../../shared/scoring/types';
import { useCall } from '../../app/use-call';
import { ErrorBanner } from '../../components/errors';
import { usePoints } from '../../components/format';
import { GateList, ScoreBreakdown } from '../../components/ScoreExplanation';
import { useSchemeForm } from './fields';
import { cleanScheme } from './scheme-form';

/** Scores with a scheme that may be half-edited; null when it cannot give a number (an empty maximum, a rule not chosen). */
function tryScore(scheme: Scheme, input: ScoreInput): ScoreResult | null {
  try {
    const result = scoreDossier(cleanScheme(scheme), input);
    return Number.isInteger(result.total) ? result : null;
  } catch {
    return null;
  }
}

function signed(points: (value: number) => string, value: number): string {
  if (value > 0) return `+${points(value)}`;
  if (value < 0) return `−${points(-value)}`;
  return points(0);
}

/** How one of the campaign's dossiers scores under the scheme being edited, next to the saved version. */
export function SamplePanel({ saved, dossiers, readOnly }: { saved: Scheme; dossiers: DossierSummary[]; readOnly: boolean }) {
  const { t } = useTranslation();
  const points = usePoints();
  const { control } = useSchemeForm();
  const edited = useWatch({ control }) as Scheme;
  const [chosen, setChosen] = useState<string | null>(null);

  const candidates = useMemo(
    () => dossiers.filter((dossier) => (saved.kinds as string[]).includes(dossier.nomineeKind)).sort((a, b) => compareNames(a.unitName, b.unitName) || (a.id < b.id ? -1 : 1)),
    [dossiers, saved.kinds],
  );
  const dossierId = chosen !== null && candidates.some((dossier) => dossier.id === chosen) ? chosen : (candidates[0]?.id ?? null);
  const { value: detail, error } = useCall('dossiers.get', dossierId ? { id: dossierId } : null);
  const input = useMemo(() => (detail ? toScoreInput(detail.dossier.content) : null), [detail]);

  const valid = useMemo(() => schemeSchema.safeParse(edited).success, [edited]);
  const savedResult = useMemo(() => (input ? scoreDossier(saved, input) : null), [saved, input]);
  // A read-only scheme is shown as saved, whatever is left in the form from before the campaign closed.
  const editedResult = useMemo(() => (!input ? null : readOnly ? savedResult : tryScore(edited, input)), [edited, input, readOnly, savedResult]);
  const shownScheme = readOnly ? saved : edited;

  return (
    <aside className="card preview sample-panel" aria-labelledby="sample-heading" data-testid="sample-panel">
      <h2 id="sample-heading">{t('schemes.sample.title')}</h2>
      <p className="muted small">{t('schemes.sample.hint')}</p>
      {candidates.length === 0 ? (
        <p className="empty">{t('schemes.sample.none')}</p>
      ) : (
        <div className="field">
          <label htmlFor="sample-dossier">{t('schemes.sample.dossier')}</label>
          <select id="sample-dossier" value={dossierId ?? ''} onChange={(event) => setChosen(event.target.value)} data-testid="sample-dossier">
            {candidates.map((dossier) => (
              <option key={dossier.id} value={dossier.id}>
                {dossier.unitName}
              </option>
            ))}
          </select>
        </div>
      )}
      <ErrorBanner error={error} />
      {input && savedResult ? (
        <div aria-live="polite">
          <dl className="sample-totals">
            <dt>{readOnly ? t('schemes.sample.saved', { version: saved.version }) : t('schemes.sample.edited')}</dt>
            <dd>
              {editedResult ? (
                <strong data-testid="sample-total" data-hundredths={editedResult.total}>
                  {points(editedResult.total)}
                </strong>
              ) : (
                <span className="muted" data-testid="sample-total">
                  {t('schemes.sample.unavailable')}
                </span>
              )}
            </dd>
            {readOnly ? null : (
              <>
                <dt>{t('schemes.sample.saved', { version: saved.version })}</dt>
                <dd data-testid="sample-saved-total" data-hundredths={savedResult.total}>
                  {points(savedResult.total)}
                </dd>
                <dt>{t('schemes.sample.difference')}</dt>
                <dd data-testid="sample-difference" data-hundredths={editedResult ? editedResult.total - savedResult.total : undefined}>
                  {editedResult ? signed(points, editedResult.total - savedResult.total) : t('app.none')}
                </dd>
              </>
            )}
          </dl>
          {editedResult && !valid && !readOnly ? <p className="banner banner-warn small">{t('schemes.sample.invalid')}</p> : null}
          {detail ? (
            <p className="muted small">{t('schemes.sample.recorded', { version: detail.dossier.schemeVersion, total: points(detail.dossier.selfTotal) })}</p>
          ) : null}
          {editedResult ? (
            <>
              <p className={editedResult.eligible ? 'pill pill-ok' : 'pill pill-bad'}>{editedResult.eligible ? t('preview.eligible') : t('preview.ineligible')}</p>
              <GateList failures={editedResult.gateFailures} scheme={shownScheme} />
              <ScoreBreakdown result={editedResult} scheme={shownScheme} />
            </>
          ) : null}
        </div>
      ) : null}
    </aside>
  );
}
