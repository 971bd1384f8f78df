import { describe, expect, it } from 'vitest';
import { loadHighs, panelMeetsQuotas, syntheticPool, type SortitionInstance } from '../../src/core/sortition';
import { createSelectionHandler, type WorkerAnswer, type WorkerRequest } from '../../src/app/routes/admin/panels/selectionProtocol';

/** What a page talking to the selection worker would receive, for one sequence of requests. */
async function exchange(requests: WorkerRequest[], onAnswer?: (answer: WorkerAnswer, send: (r: WorkerRequest) => void) => void) {
  const answers: WorkerAnswer[] = [];
  const pending: Promise<void>[] = [];
  const handle = createSelectionHandler((answer) => {
    answers.push(answer);
    onAnswer?.(answer, (r) => pending.push(handle(r)));
  }, loadHighs);
  for (const r of requests) pending.push(handle(r));
  while (pending.length) await pending.shift();
  return answers;
}

const pool = (): SortitionInstance => syntheticPool({ n: 60, k: 10, seed: 'worker test pool' });
const finals = (answers: WorkerAnswer[]) => answers.filter((a) => a.type !== 'progress');

describe('selection worker protocol', () => {
  it('checks, runs maximin with progress, compares greedy and draws a panel with reserves from the seed', async () => {
    const instance = pool();
    const answers = await exchange([{ type: 'run', job: 1, instance, seed: 'town hall 2026', reserves: 4 }]);
    const stages = answers.filter((a) => a.type === 'progress').map((a) => (a.type === 'progress' ? a.stage : ''));
    expect([...new Set(stages)]).toEqual(['loading', 'checking', 'maximin', 'greedy', 'drawing']);
    expect(finals(answers)).toHaveLength(1);
    const done = answers.at(-1);
    if (done?.type !== 'done') throw new Error(`expected done, got ${JSON.stringify(done)}`);
    const { maximin, greedy, draw } = done.outcome;

    // Every volunteer has a probability; they add up to k; the lottery's panels meet the quotas.
    expect(maximin.probabilities).toHaveLength(60);
    expect(maximin.probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(10, 6);
    expect(maximin.weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    const index = new Map(instance.volunteers.map((v, i) => [v.id, i]));
    for (const panel of maximin.panels) expect(panelMeetsQuotas(instance, panel.map((id) => index.get(id) ?? -1))).toBe(true);
    expect(maximin.minProbability).toBeGreaterThan(0);
    // Fairness: maximin's smallest probability is at least greedy's (greedy's is an estimate: allow noise).
    if (!greedy.ok) throw new Error('greedy should find panels on this pool');
    expect(maximin.minProbability).toBeGreaterThanOrEqual(greedy.minProbability - 0.02);

    // The drawn panel is one of the lottery's panels; reserves are others from the pool.
    expect(draw.panel).toHaveLength(10);
    expect(maximin.panels[draw.panelIndex]?.slice().sort()).toEqual(draw.panel.slice().sort());
    expect(draw.reserves).toHaveLength(4);
    expect(new Set([...draw.panel, ...draw.reserves]).size).toBe(14);
    expect(draw.seed).toBe('town hall 2026');

    // Anyone re-running with the same seed gets the same panel and reserves.
    const again = (await exchange([{ type: 'run', job: 2, instance, seed: 'town hall 2026', reserves: 4 }])).at(-1);
    expect(again?.type === 'done' && again.outcome.draw).toEqual(draw);
  });

  it('explains quotas no panel can meet before running anything long', async () => {
    const instance = pool();
    const gender = instance.categories.find((c) => c.name === 'gender');
    const first = gender?.values[0];
    if (!first) throw new Error('pool has a gender category');
    first.min = 50;
    first.max = 50;
    const answers = await exchange([{ type: 'run', job: 7, instance, seed: 's', reserves: 0 }]);
    expect(answers.some((a) => a.type === 'progress' && a.stage === 'maximin')).toBe(false);
    const last = answers.at(-1);
    expect(last?.type).toBe('infeasible');
    if (last?.type !== 'infeasible') return;
    expect(last.job).toBe(7);
    expect(last.reasons).toContainEqual(expect.objectContaining({ code: 'quota-too-high', category: 'gender', value: first.value, min: 50 }));
  });

  it('stops a job when asked, answering cancelled and never done', async () => {
    const answers = await exchange([{ type: 'run', job: 3, instance: pool(), seed: 's', reserves: 2 }], (answer, send) => {
      if (answer.type === 'progress' && answer.stage === 'maximin' && answer.iteration === 0) send({ type: 'cancel', job: 3 });
    });
    expect(finals(answers)).toEqual([{ type: 'cancelled', job: 3 }]);
  });

  it('a new run replaces the one still going', async () => {
    const answers = await exchange([
      { type: 'run', job: 4, instance: pool(), seed: 'a', reserves: 0 },
      { type: 'run', job: 5, instance: pool(), seed: 'b', reserves: 0 },
    ]);
    expect(finals(answers).map((a) => `${a.type}:${a.job}`)).toEqual(['cancelled:4', 'done:5']);
  });

  it('reports a solver that cannot load as a failure, not as impossible quotas', async () => {
    const answers: WorkerAnswer[] = [];
    const handle = createSelectionHandler((a) => answers.push(a), () => Promise.reject(new Error('wasm not found')));
    await handle({ type: 'run', job: 9, instance: pool(), seed: 's', reserves: 0 });
    expect(finals(answers)).toEqual([{ type: 'failed', job: 9, message: 'wasm not found' }]);
  });
});
