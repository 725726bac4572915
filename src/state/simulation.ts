// Simulation state: the answers of the simulation worker for the planning input (planning.ts).
// The only writer of its signals. Coverage and the 50,000 rule re-run by themselves, in one call,
// when the input's key changes (a rename or a description does not change it); the
// discrete-event simulation runs only on request. Worker restarts (cancel, a dead worker) are
// handled by the request runner; this module only tells the user.
import { computed, effect, signal, type ReadonlySignal } from '@preact/signals';
import type { CoverageResult } from '../core/coverage/index.ts';
import type { Rule50kResult } from '../core/rule50k/index.ts';
import type { SimulationResult } from '../core/des/index.ts';
import { OD_MISMATCH, type PlanningDefaults } from '../core/sim/planning.ts';
import type { SimulationClient } from '../../workers/client.ts';
import { WORKER_DIED, type LifecycleEvent } from '../../workers/requests.ts';
import { t } from '../i18n/strings.ts';
import type { AppState } from './appState.ts';
import type { PlanningState, SimOptions } from './planning.ts';

export type { SimOptions } from './planning.ts';
export type SimDefaults = PlanningDefaults;

export type Run<T> = { status: 'idle' } | { status: 'running' } | { status: 'ok'; value: T } | { status: 'error'; message: string };

/** Coverage debounce: edits in quick succession (typing a number) send one request. */
export const COVERAGE_DEBOUNCE_MS = 120;

/** A user-facing text for a worker error (the runner's codes are not for users). */
export function workerMessage(message: string, engine: string): string {
  return message.startsWith(WORKER_DIED) ? t().workerNotices.died(engine) : message;
}

/** Tells the user what the runner did to a worker (restart, give up, session replay failure). */
export function lifecycleNotice(app: AppState, engine: () => string) {
  return (e: LifecycleEvent): void => {
    const n = t().workerNotices;
    if (e.kind === 'restarted') app.actions.notify({ kind: 'error', text: n.restarted(engine(), e.retrying), details: [e.reason] });
    else if (e.kind === 'gave-up') app.actions.notify({ kind: 'error', text: n.gaveUp(engine()), details: [e.reason] });
    else app.actions.notify({ kind: 'error', text: n.sessionFailed(engine()), details: [e.message] });
  };
}

export function createSimulationState(app: AppState, planning: PlanningState, client: SimulationClient) {
  const coverage = signal<Run<{ coverage: CoverageResult; rule50k: Rule50kResult; key: string }>>({ status: 'idle' });
  const des = signal<Run<SimulationResult> | { status: 'cancelled' }>({ status: 'idle' });
  const progress = signal<{ done: number; total: number } | undefined>(undefined);
  const engine = () => t().workerNotices.simulation;
  client.onLifecycle(lifecycleNotice(app, engine));

  let started = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let sentKey: string | undefined;
  /** Keeps coverage in step with the planning input (idempotent: the map and the panel both call it). */
  function start() {
    if (started) return;
    started = true;
    effect(() => {
      const input = planning.input.value;
      if (input.key === sentKey) return;
      // The first request goes at once (nothing is being typed yet); later ones are debounced.
      const delay = sentKey === undefined ? 0 : COVERAGE_DEBOUNCE_MS;
      sentKey = input.key;
      clearTimeout(timer);
      timer = setTimeout(async () => {
        coverage.value = { status: 'running' };
        const r = await client.evaluate(input);
        if (r.status === 'stale' || r.status === 'cancelled') return; // a newer request is on its way
        if (r.status === 'ok') coverage.value = { status: 'ok', value: r.value };
        // The workers are being given a new OD matrix: the request that follows it will answer.
        else if (r.message.startsWith(OD_MISMATCH) && planning.odBusy.peek() > 0) return;
        else coverage.value = { status: 'error', message: workerMessage(r.message, engine()) };
      }, delay);
    });
  }

  return {
    defaults: planning.defaults,
    options: planning.options,
    coverage: coverage as ReadonlySignal<Run<{ coverage: CoverageResult; rule50k: Rule50kResult; key: string }>>,
    des: des as ReadonlySignal<Run<SimulationResult> | { status: 'cancelled' }>,
    progress: progress as ReadonlySignal<{ done: number; total: number } | undefined>,
    /** Set while an imported OD matrix replaces the estimate. */
    odNote: computed(() => (planning.od.value ? t().notices.odApplied : undefined)),
    start,
    setOptions(patch: Partial<SimOptions>) {
      planning.actions.setOptions(patch);
    },
    resetOptions() {
      planning.actions.resetOptions();
    },
    async runDes() {
      const input = planning.input.peek();
      const o = planning.options.peek();
      des.value = { status: 'running' };
      progress.value = { done: 0, total: o.replications };
      const r = await client.simulate(input, { seed: o.seed, replications: o.replications, horizonDays: o.horizonDays }, (p) => { progress.value = p; });
      if (r.status === 'stale') return;
      progress.value = undefined;
      if (r.status === 'ok') des.value = { status: 'ok', value: r.value };
      else if (r.status === 'cancelled') des.value = { status: 'cancelled' };
      else des.value = { status: 'error', message: workerMessage(r.message, engine()) };
    },
    /** Stops the simulation only: a coverage run in flight is sent again to the fresh worker. */
    cancelDes() {
      client.cancel(['simulate']);
    },
    importOd(text: string) {
      return planning.actions.importOd(text);
    },
    clearOd() {
      return planning.actions.clearOd();
    },
  };
}

export type SimulationState = ReturnType<typeof createSimulationState>;
