import { createSignal } from 'solid-js';
import type { SortitionInstance } from '../../../../core/sortition';
import type { ProgressMessage, RunRequest, SelectionOutcome, WorkerAnswer } from './selectionProtocol';

export type SelectionState =
  | { kind: 'idle' }
  | { kind: 'running'; progress: ProgressMessage | undefined }
  | { kind: 'infeasible'; answer: Extract<WorkerAnswer, { type: 'infeasible' }> }
  | { kind: 'done'; outcome: SelectionOutcome; instance: SortitionInstance }
  | { kind: 'cancelled' }
  | { kind: 'failed'; message: string };

/** If the worker has not confirmed a cancel by then (a long solver call), it is stopped outright. */
const CANCEL_GRACE_MS = 1500;

/**
 * The page's side of the selection worker: one worker, started on the first run (so HiGHS is fetched only
 * when someone selects), its answers turned into one state signal. Answers to older jobs are ignored.
 */
export function createSelection() {
  const [state, setState] = createSignal<SelectionState>({ kind: 'idle' });
  let worker: Worker | undefined;
  let job = 0;
  let instance: SortitionInstance | undefined;
  let stopTimer: ReturnType<typeof setTimeout> | undefined;

  const onAnswer = (answer: WorkerAnswer) => {
    if (answer.job !== job) return;
    if (answer.type === 'progress') return setState({ kind: 'running', progress: answer });
    clearTimeout(stopTimer);
    if (answer.type === 'done' && instance) setState({ kind: 'done', outcome: answer.outcome, instance });
    else if (answer.type === 'infeasible') setState({ kind: 'infeasible', answer });
    else if (answer.type === 'cancelled') setState({ kind: 'cancelled' });
    else if (answer.type === 'failed') setState({ kind: 'failed', message: answer.message });
  };

  const start = (): Worker => {
    const w = new Worker(new URL('./selection.worker.ts', import.meta.url), { type: 'module', name: 'panel-selection' });
    w.addEventListener('message', (e: MessageEvent<WorkerAnswer>) => onAnswer(e.data));
    w.addEventListener('error', (e) => {
      e.preventDefault();
      stop();
      setState({ kind: 'failed', message: e.message || 'worker' });
    });
    return w;
  };
  const stop = () => {
    worker?.terminate();
    worker = undefined;
  };

  return {
    state,
    run(request: Omit<RunRequest, 'type' | 'job'>) {
      job += 1;
      instance = request.instance;
      worker ??= start();
      setState({ kind: 'running', progress: undefined });
      worker.postMessage({ type: 'run', job, ...request } satisfies RunRequest);
    },
    cancel() {
      if (state().kind !== 'running' || !worker) return;
      const cancelling = job;
      worker.postMessage({ type: 'cancel', job: cancelling });
      stopTimer = setTimeout(() => {
        if (job !== cancelling || state().kind !== 'running') return;
        stop();
        setState({ kind: 'cancelled' });
      }, CANCEL_GRACE_MS);
    },
    reset: () => setState({ kind: 'idle' }),
    dispose() {
      clearTimeout(stopTimer);
      stop();
    },
  };
}
