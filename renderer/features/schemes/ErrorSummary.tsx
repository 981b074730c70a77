import { useFormState, type FieldErrors } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { decodeIssueMessage } from '../../../shared/contract/validation';
import type { Criterion, Label, Scheme } from '../../../shared/scoring/types';
import { useLabel } from '../../components/format';
import { controlId, useSchemeForm } from './fields';
import { codesOnPath, useFoldCommand } from './folding';

interface Problem {
  path: string;
  message: string;
}

/** Every error of the form with its dotted path; react-hook-form nests them like the values, arrays' own errors under `root`. */
function flatten(errors: FieldErrors, prefix = ''): Problem[] {
  const problems: Problem[] = [];
  for (const [key, node] of Object.entries(errors)) {
    if (!node || typeof node !== 'object' || key === 'ref') continue;
    const path = key === 'root' ? prefix.replace(/\.$/, '') : `${prefix}${key}`;
    const { message } = node as { message?: unknown };
    if (typeof message === 'string' && message !== '') problems.push({ path, message });
    problems.push(...flatten(node as FieldErrors, `${path}.`));
  }
  return problems;
}

/** Where in the scheme a path points, in the reader's words: "Criterion › Sub-criterion". */
function usePlace(): (path: string, values: Scheme) => string {
  const { t } = useTranslation();
  const label = useLabel();
  return (path, values) => {
    const parts = path.split('.');
    const named = (item: { label?: Label } | undefined, fallback: string) => label(item?.label) || fallback;
    const chain = (list: Criterion[] | undefined, rest: string[], names: string[]): string[] => {
      const index = Number(rest[0]);
      const criterion = list?.[index];
      if (!criterion) return names;
      const next = [...names, named(criterion, criterion.id || `#${index + 1}`)];
      return rest[1] === 'children' ? chain(criterion.children, rest.slice(2), next) : next;
    };
    switch (parts[0]) {
      case 'criteria':
        return chain(values.criteria, parts.slice(1), []).join(' › ') || t('schemes.editor.criteria');
      case 'bonus':
        return parts[1] === 'criteria' ? [t('schemes.editor.bonus'), ...chain(values.bonus?.criteria, parts.slice(2), [])].join(' › ') : t('schemes.editor.bonusMax');
      case 'indicators': {
        const indicator = values.indicators?.[Number(parts[1])];
        return [t('schemes.editor.indicator'), named(indicator, indicator?.key ?? '')].filter(Boolean).join(' › ');
      }
      case 'gates': {
        const gate = values.gates?.[Number(parts[1])];
        return [t('schemes.editor.gates'), named(gate, gate?.id ?? '')].filter(Boolean).join(' › ');
      }
      case 'tieBreaks':
        return t('schemes.editor.places.tieBreaks');
      default:
        return t('schemes.editor.places.general');
    }
  };
}

/** Unfolds the criteria (or condition) around the field at fault, opens a folded section if need be, and puts the focus there. */
function useFocusField(): (path: string) => void {
  const { getValues } = useSchemeForm();
  const setOpen = useFoldCommand();
  return (path) => {
    const codes = codesOnPath(path, getValues());
    if (codes.length > 0) setOpen(codes, true);
    // The unfolded fields are on screen by the next frame.
    requestAnimationFrame(() => {
      const element = document.getElementById(controlId(path));
      if (!element) return;
      const details = element.closest('details');
      if (details) details.open = true;
      element.focus();
    });
  };
}

/** The list of what to fix, each a link to its field, so that a long form can be corrected from the top. */
export function ErrorSummary() {
  const { t } = useTranslation();
  const { control, getValues } = useSchemeForm();
  const { errors } = useFormState({ control });
  const place = usePlace();
  const focusField = useFocusField();
  const problems = flatten(errors);
  if (problems.length === 0) return null;
  const values = getValues();
  return (
    <div className="banner banner-error error-summary" role="alert" data-testid="scheme-errors">
      <strong>{t('schemes.editor.errorSummary', { count: problems.length })}</strong>
      <ul>
        {problems.slice(0, 20).map((problem) => {
          const { key, params } = decodeIssueMessage(problem.message);
          return (
            <li key={`${problem.path}:${problem.message}`}>
              <button type="button" className="link" onClick={() => focusField(problem.path)}>
                {t('schemes.editor.errorAt', { place: place(problem.path, values), message: t(key, params) })}
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
