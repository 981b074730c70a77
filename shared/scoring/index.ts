export * from './types';
export * from './decimal';
export { applyRule } from './rules';
export { scoreDossier, criterionPoints } from './score';
export { rankDossiers } from './rank';
export type { RankEntry, RankedRow } from './rank';
export { collectiveScheme2025 } from './schemes/collective-2025';
export * from './leaves';
