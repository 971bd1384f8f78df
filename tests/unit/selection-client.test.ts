import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSelection } from '../../src/app/routes/admin/panels/selectionClient';
import type { WorkerAnswer, WorkerRequest } from '../../src/app/routes/admin/panels/selectionProtocol';
import { syntheticPool } from '../../src/core/sortition';

/** A stand-in for the selection worker: records what the page sends; the test answers for it. */
class FakeWorker {
  static made: FakeWorker[] = [];
  sent: WorkerRequest[] = [];
  terminated = false;
  private listeners: ((e: MessageEvent<WorkerAnswer>) => void)[] = [];
  constructor() {
    FakeWorker.made.push(this);
  }
  postMessage(message: WorkerRequest) {
    this.sent.push(message);
  }
  addEventListener(type: string, listener: (e: MessageEvent<WorkerAnswer>) => void) {
    if (type === 'message') this.listeners.push(listener);
  }
  terminate() {
    this.terminated = true;
  }
  answer(message: WorkerAnswer) {
    for (const l of this.listeners) l({ data: message } as MessageEvent<WorkerAnswer>);
  }
}

const request = () => ({ instance: syntheticPool({ n: 30, k: 5, seed: 'client' }), seed: 'abc', reserves: 2 });

describe('the selection page and its worker', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
    FakeWorker.made = [];
  });

  it('starts the worker only when a selection runs, shows its progress, and ignores answers to an older run', () => {
    vi.stubGlobal('Worker', FakeWorker);
    const selection = createSelection();
    expect(FakeWorker.made).toHaveLength(0);
    selection.run(request());
    const worker = FakeWorker.made[0]!;
    const first = worker.sent[0]!;
    expect(first).toMatchObject({ type: 'run', seed: 'abc', reserves: 2 });
    worker.answer({ type: 'progress', job: first.job, stage: 'maximin', iteration: 3, minProbability: 0.1, bound: 0.2, elapsedMs: 40 });
    expect(selection.state()).toMatchObject({ kind: 'running', progress: { iteration: 3 } });

    selection.run(request());
    expect(FakeWorker.made).toHaveLength(1); // the same worker, a new job
    worker.answer({ type: 'failed', job: first.job, message: 'late answer to the first run' });
    expect(selection.state().kind).toBe('running');
  });

  it('a cancel the worker does not answer (a long solver call) stops the worker after a moment', () => {
    vi.useFakeTimers();
    vi.stubGlobal('Worker', FakeWorker);
    const selection = createSelection();
    selection.run(request());
    const worker = FakeWorker.made[0]!;
    selection.cancel();
    expect(worker.sent.at(-1)).toMatchObject({ type: 'cancel', job: worker.sent[0]!.job });
    expect(selection.state().kind).toBe('running');
    vi.advanceTimersByTime(2000);
    expect(worker.terminated).toBe(true);
    expect(selection.state().kind).toBe('cancelled');
    // The next run gets a fresh worker.
    selection.run(request());
    expect(FakeWorker.made).toHaveLength(2);
  });

  it('a cancel the worker confirms keeps the worker for the next run', () => {
    vi.useFakeTimers();
    vi.stubGlobal('Worker', FakeWorker);
    const selection = createSelection();
    selection.run(request());
    const worker = FakeWorker.made[0]!;
    selection.cancel();
    worker.answer({ type: 'cancelled', job: worker.sent[0]!.job });
    vi.advanceTimersByTime(2000);
    expect(worker.terminated).toBe(false);
    expect(selection.state().kind).toBe('cancelled');
  });
});
