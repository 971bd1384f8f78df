/**
 * The selection worker's message protocol and the work it does, kept apart from the Worker itself so that
 * it runs (and is tested) in Node too. No DOM here: only src/core/sortition and plain messages.
 *
 * One job at a time per worker: feasibility first (its reasons come back before anything long runs), then
 * the maximin lottery (progress messages while column generation runs), the legacy greedy method's
 * probabilities for comparison, and the seeded draw of one panel plus reserves.
 */
import {
  GreedyFailedError,
  SortitionInfeasibleError,
  checkFeasibility,
  drawPanel,
  estimateGreedyProbabilities,
  maximin,
  type FeasibilityReason,
  type FeasibilityWarning,
  type SortitionInstance,
  type SolverSource,
} from '../../../../core/sortition';

export interface RunRequest {
  type: 'run';
  /** Chosen by the page; every answer carries it, so a late answer to an old job is recognised. */
  job: number;
  instance: SortitionInstance;
  /** The draw's seed, recorded with the result so anyone can re-run the draw. */
  seed: string;
  reserves: number;
  /** Panels drawn to estimate the greedy method's probabilities (default 2,000). */
  greedyRuns?: number;
  /** Stop maximin after this long with the best lottery so far (marked not optimal). */
  timeLimitMs?: number;
}
export interface CancelRequest {
  type: 'cancel';
  job: number;
}
export type WorkerRequest = RunRequest | CancelRequest;

export type Stage = 'loading' | 'checking' | 'maximin' | 'greedy' | 'drawing';

export interface ProgressMessage {
  type: 'progress';
  job: number;
  stage: Stage;
  /** Column-generation round (0 before it starts). */
  iteration: number;
  /** The smallest selection probability of the panels found so far. */
  minProbability: number;
  /** The best minimum probability that can still be reached (an upper bound), when known. */
  bound: number | null;
  elapsedMs: number;
}

export interface SelectionOutcome {
  maximin: {
    minProbability: number;
    upperBound: number;
    optimal: boolean;
    iterations: number;
    timeMs: number;
    /** Selection probability of each volunteer, in the order of `instance.volunteers`. */
    probabilities: number[];
    /** The lottery: panels (volunteer ids) and the probability of each. */
    panels: string[][];
    weights: number[];
    /** Volunteers on no panel that meets the quotas (probability 0 under any method). */
    unselectable: string[];
  };
  /** The legacy greedy method's probabilities (Monte Carlo), or why it could not produce panels. */
  greedy: { ok: true; minProbability: number; probabilities: number[]; runs: number } | { ok: false; attempts: number };
  draw: { seed: string; prng: string; u: number; panelIndex: number; panel: string[]; reserves: string[] };
  warnings: FeasibilityWarning[];
}

export type WorkerAnswer =
  | ProgressMessage
  | { type: 'infeasible'; job: number; reasons: FeasibilityReason[]; warnings: FeasibilityWarning[] }
  | { type: 'done'; job: number; outcome: SelectionOutcome }
  | { type: 'cancelled'; job: number }
  | { type: 'failed'; job: number; message: string };

const now = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/** Progress at most this often (the page re-renders on each one), plus always the last of a stage. */
const PROGRESS_EVERY_MS = 100;

/**
 * Runs one selection job, posting progress and exactly one final answer (infeasible, done, cancelled or
 * failed). Never throws.
 */
export async function runSelection(
  request: RunRequest,
  options: { solver: SolverSource; post: (answer: WorkerAnswer) => void; signal: AbortSignal },
): Promise<void> {
  const { job, instance } = request;
  const started = now();
  let lastPost = -Infinity;
  const progress = (stage: Stage, iteration = 0, minProbability = 0, bound: number | null = null, force = false) => {
    const t = now();
    if (!force && t - lastPost < PROGRESS_EVERY_MS) return;
    lastPost = t;
    options.post({ type: 'progress', job, stage, iteration, minProbability, bound, elapsedMs: Math.round(t - started) });
  };
  const cancelled = () => options.signal.aborted;
  try {
    progress('loading', 0, 0, null, true);
    // Load the solver once, so a missing wasm file is reported as a failure rather than as infeasible quotas.
    const solver = await (typeof options.solver === 'function' ? options.solver() : options.solver);
    if (cancelled()) return options.post({ type: 'cancelled', job });

    progress('checking', 0, 0, null, true);
    const feasibility = await checkFeasibility(instance, { solver });
    if (cancelled()) return options.post({ type: 'cancelled', job });
    if (!feasibility.feasible) return options.post({ type: 'infeasible', job, reasons: feasibility.reasons, warnings: feasibility.warnings });

    progress('maximin', 0, 0, null, true);
    const result = await maximin(instance, {
      solver,
      signal: options.signal,
      ...(request.timeLimitMs ? { timeLimitMs: request.timeLimitMs } : {}),
      onProgress: (p) => progress('maximin', p.iteration, p.value, p.bound),
    });
    progress('maximin', result.iterations, result.minProbability, result.upperBound, true);
    if (cancelled()) return options.post({ type: 'cancelled', job });

    progress('greedy', result.iterations, result.minProbability, result.upperBound, true);
    const ids = instance.volunteers.map((v) => v.id);
    let greedyResult: SelectionOutcome['greedy'];
    try {
      const estimate = estimateGreedyProbabilities(instance, request.greedyRuns ?? 2000, `${request.seed} greedy`);
      greedyResult = { ok: true, minProbability: estimate.minProbability, probabilities: estimate.marginals, runs: estimate.runs };
    } catch (error) {
      if (!(error instanceof GreedyFailedError)) throw error;
      greedyResult = { ok: false, attempts: error.attempts };
    }
    if (cancelled()) return options.post({ type: 'cancelled', job });

    progress('drawing', result.iterations, result.minProbability, result.upperBound, true);
    const draw = drawPanel(result, request.seed, { reserves: request.reserves });
    const idOf = (i: number): string => ids[i] ?? String(i);
    options.post({
      type: 'done',
      job,
      outcome: {
        maximin: {
          minProbability: result.minProbability,
          upperBound: result.upperBound,
          optimal: result.optimal,
          iterations: result.iterations,
          timeMs: Math.round(result.timeMs),
          probabilities: result.marginals,
          panels: result.panels.map((panel) => panel.map(idOf)),
          weights: result.probabilities,
          unselectable: result.unselectable.map(idOf),
        },
        greedy: greedyResult,
        draw: { seed: draw.seed, prng: draw.prng, u: draw.u, panelIndex: draw.panelIndex, panel: draw.panel.map(idOf), reserves: draw.reserves.map(idOf) },
        warnings: result.warnings,
      },
    });
  } catch (error) {
    if (cancelled()) return options.post({ type: 'cancelled', job });
    if (error instanceof SortitionInfeasibleError) return options.post({ type: 'infeasible', job, reasons: error.reasons, warnings: [] });
    options.post({ type: 'failed', job, message: error instanceof Error ? error.message : String(error) });
  }
}

/**
 * The worker's message handler: a `run` starts a job (cancelling any job still running, since the page
 * only shows the newest), a `cancel` aborts the job it names.
 */
export function createSelectionHandler(post: (answer: WorkerAnswer) => void, solver: SolverSource) {
  const running = new Map<number, AbortController>();
  return async (request: WorkerRequest): Promise<void> => {
    if (request.type === 'cancel') {
      running.get(request.job)?.abort(new Error('cancelled'));
      return;
    }
    for (const controller of running.values()) controller.abort(new Error('cancelled'));
    const controller = new AbortController();
    running.set(request.job, controller);
    try {
      await runSelection(request, { solver, post, signal: controller.signal });
    } finally {
      running.delete(request.job);
    }
  };
}
