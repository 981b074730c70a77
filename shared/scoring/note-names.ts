import type { Criterion, Label, RuleNote, Scheme } from './types';

function criterionLabel(criteria: readonly Criterion[], id: string): Label | null {
  for (const criterion of criteria) {
    if (criterion.id === id) return criterion.label;
    const child = criterionLabel(criterion.children ?? [], id);
    if (child) return child;
  }
  return null;
}

/** The scheme's own name of an indicator or a criterion, or the key itself when the scheme has none. */
export function inputLabel(scheme: Scheme | null, key: string, language: keyof Label): string {
  if (!scheme) return key;
  const label = scheme.indicators.find((indicator) => indicator.key === key)?.label ?? criterionLabel([...scheme.criteria, ...scheme.bonus.criteria], key);
  return label ? label[language] : key;
}

/** A note's parameters with names in place of keys: the indicator it speaks of, the list of what is still missing. */
export function namedParams(note: RuleNote, scheme: Scheme | null, language: keyof Label): Record<string, string | number> {
  const params: Record<string, string | number> = { ...note.params };
  if (typeof params.indicator === 'string') params.indicator = inputLabel(scheme, params.indicator, language);
  if (typeof params.items === 'string') params.items = params.items.split(',').map((key) => `“${inputLabel(scheme, key, language)}”`).join(', ');
  return params;
}
