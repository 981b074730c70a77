import { useTranslation } from 'react-i18next';
import type { CriterionResult, GateFailure, RuleNote, Scheme, ScoreResult } from '../../shared/scoring/types';
import { namedParams } from '../../shared/scoring/note-names';
import { useLabel, usePoints } from './format';

/** Translates a scoring note, naming indicators by their label rather than their key. */
export function useNoteText(scheme: Scheme | null): (note: RuleNote | null) => string {
  const { t, i18n } = useTranslation();
  return (note) => (note ? t(note.key, namedParams(note, scheme, i18n.language === 'vi' ? 'vi' : 'en')) : '');
}

function CriterionRow({ criterion, depth, scheme }: { criterion: CriterionResult; depth: number; scheme: Scheme | null }) {
  const points = usePoints();
  const label = useLabel();
  const noteText = useNoteText(scheme);
  const share = criterion.max > 0 ? Math.round((criterion.points / criterion.max) * 100) : 0;
  return (
    <>
      <tr className={`criterion depth-${depth}${criterion.missing.length > 0 ? ' criterion-missing' : ''}`} data-criterion={criterion.id}>
        <td>
          <span className="criterion-label">{label(criterion.label)}</span>
          {criterion.note ? <span className="criterion-note">{noteText(criterion.note)}</span> : null}
        </td>
        <td className="number">
          <span data-testid={`points-${criterion.id}`} data-hundredths={criterion.points}>
            {points(criterion.points)}
          </span>
          <span className="muted"> / {points(criterion.max)}</span>
          <div className="bar" aria-hidden="true">
            <div className="bar-fill" style={{ width: `${share}%` }} />
          </div>
        </td>
      </tr>
      {criterion.children.map((child) => (
        <CriterionRow key={child.id} criterion={child} depth={depth + 1} scheme={scheme} />
      ))}
    </>
  );
}

export function GateList({ failures, scheme }: { failures: GateFailure[]; scheme: Scheme | null }) {
  const { t } = useTranslation();
  const label = useLabel();
  const noteText = useNoteText(scheme);
  if (failures.length === 0) return null;
  return (
    <ul className="gate-failures" data-testid="gate-failures">
      {failures.map((failure) => (
        <li key={failure.gateId}>
          <strong>{failure.label ? label(failure.label) : t(`gateLabel.${failure.gateId}`)}</strong>: {noteText(failure.note)}
        </li>
      ))}
    </ul>
  );
}

/** Per-criterion breakdown of a score: points, maximum, and why. */
export function ScoreBreakdown({ result, scheme }: { result: ScoreResult; scheme: Scheme | null }) {
  const { t } = useTranslation();
  const points = usePoints();
  return (
    <table className="breakdown">
      <tbody>
        {result.criteria.map((criterion) => (
          <CriterionRow key={criterion.id} criterion={criterion} depth={0} scheme={scheme} />
        ))}
        <tr className="bonus-heading">
          <td colSpan={2}>
            {t('preview.bonus', { max: (scheme?.bonus.max ?? 0) / 100 })}: <strong data-testid="bonus-total">{points(result.bonus)}</strong>
          </td>
        </tr>
        {result.bonusCriteria.map((criterion) => (
          <CriterionRow key={criterion.id} criterion={criterion} depth={1} scheme={scheme} />
        ))}
      </tbody>
    </table>
  );
}
