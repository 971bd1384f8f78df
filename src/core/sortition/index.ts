/**
 * Fair panel selection (sortition): feasibility, MAXIMIN lottery (Flanigan et al., Nature 2021),
 * the legacy greedy method for comparison, and reproducible seeded draws.
 * Pure TypeScript, no DOM / Node APIs: runs in Node and in a browser Web Worker.
 */
export * from './types';
export { prepare, panelMeetsQuotas, type Prepared, type QuotaRow, type VolunteerType } from './instance';
export { arithmeticChecks, checkFeasibility, SortitionInfeasibleError } from './feasibility';
export { maximin, expandTypePanels, type MaximinOptions } from './maximin';
export { greedy, greedyAttempt, estimateGreedyProbabilities, GreedyFailedError, type GreedyEstimate } from './greedy';
export { drawPanel, computeMarginals, type DrawResult, type DrawableDistribution } from './draw';
export { createRng, seededRandom, cyrb128, sfc32, PRNG_NAME, type Rng } from './prng';
export { parseCsv, parseCategoriesCsv, parseRespondentsCsv, instanceFromCsv, SortitionCsvError, type CsvErrorCode } from './csv';
export { syntheticPool, randomSmallInstance, proportionalQuotas } from './synthetic';
export { loadHighs, resolveSolver, type SolverSource, type Highs } from './solver';
