import type { Criterion, Scheme } from './types';

/** Every criterion that carries a rule, groups flattened, bonus included, in scheme order. */
export function leafCriteria(scheme: Scheme): Criterion[] {
  const leaves: Criterion[] = [];
  const visit = (criterion: Criterion): void => {
    if (criterion.children && criterion.children.length > 0) criterion.children.forEach(visit);
    else if (criterion.rule) leaves.push(criterion);
  };
  scheme.criteria.forEach(visit);
  scheme.bonus.criteria.forEach(visit);
  return leaves;
}

/** The criteria a person scores by hand (self-scores), in scheme order. */
export function manualCriteria(scheme: Scheme): Criterion[] {
  return leafCriteria(scheme).filter((criterion) => criterion.rule?.type === 'manual');
}
