// Simulation state: the options the user edits, and the answers of the worker. This module is the
// only writer of its signals; coverage and the 50,000 rule re-run by themselves when the scenario
// or the options change (they take milliseconds), the discrete-event simulation only on request.
import { effect, signal } from '@preact/signals';
import { toServiceLayout } from '../core/scenario/index.ts';
import type { CoverageResult } from '../core/coverage/index.ts';
import type { Rule50kResult } from '../core/rule50k/index.ts';
import type { SimulationResult } from '../core/des/index.ts';
import type { TravelAssumptions } from '../core/travel/index.ts';
import type { ResponseAssumptions } from '../core/coverage/index.ts';
import type { DesAssumptions } from '../core/des/assumptions.ts';
import type { TimeBand } from '../core/sim/layout.ts';
import type { Territory } from '../core/territory/index.ts';
import type { AppState } from './appState.ts';
import { t } from '../i18n/strings.ts';
import type { createSimulationClient } from '../../workers/client.ts';

type Client = ReturnType<typeof createSimulationClient>;
export type SimDefaults = Extract<Awaited<ReturnType<Client['defaults']>>, { status: 'ok' }>['value'];

export interface SimOptions {
  band: TimeBand;
  targetMin: number;
  thresholdsMin: number[];
  travel: TravelAssumptions;
  response: ResponseAssumptions;
  des: Pick<DesAssumptions, 'baseRatePerResidentYear' | 'graveMarginalitaUplift'>;
  replications: number;
  horizonDays: number;
  seed: number;
}

type Run<T> = { status: 'idle' } | { status: 'running' } | { status: 'ok'; value: T } | { status: 'error'; message: string };

/**
 * `baseOverrides`: comuni whose Ambito differs from the shipped territory.json the worker loads
 * (an imported official table); the scenario's what-if moves apply on top.
 */
export function createSimulationState(
  app: AppState,
  territory: Territory,
  client: Client,
  baseOverrides: Record<string, string> = {},
  /** Other workers that must use the same OD matrix (the optimiser). */
  odMirrors: { importOdMatrix(csv: string): Promise<unknown> }[] = [],
) {
  const layoutOf = () => {
    const l = toServiceLayout(app.scenario.value, territory);
    return { ...l, compositionOverrides: { ...baseOverrides, ...l.compositionOverrides } };
  };
  const defaults = signal<SimDefaults | undefined>(undefined);
  const options = signal<SimOptions | undefined>(undefined);
  const coverage = signal<Run<{ coverage: CoverageResult; rule50k: Rule50kResult }>>({ status: 'idle' });
  const des = signal<Run<SimulationResult> | { status: 'cancelled' }>({ status: 'idle' });
  const progress = signal<{ done: number; total: number } | undefined>(undefined);
  const odNote = signal<string | undefined>(undefined);
  /** The imported OD matrix (CSV text): a restarted worker (after cancel) gets it again. */
  const odCsv = signal<string | undefined>(undefined);

  const fromDefaults = (d: SimDefaults): SimOptions => ({
    band: d.band, targetMin: d.targetMin, thresholdsMin: [...d.thresholdsMin],
    travel: { ...d.travel }, response: { ...d.response, mobilisationMinByBand: { ...d.response.mobilisationMinByBand } },
    des: { baseRatePerResidentYear: d.des.baseRatePerResidentYear, graveMarginalitaUplift: d.des.graveMarginalitaUplift },
    replications: 30, horizonDays: 365, seed: 1,
  });

  let started = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  /** Loads defaults once, then keeps coverage in step with the scenario and the options. */
  function start() {
    if (started) return;
    started = true;
    void client.defaults().then((r) => {
      if (r.status === 'ok') {
        defaults.value = r.value;
        options.value = fromDefaults(r.value);
      } else if (r.status === 'error') coverage.value = { status: 'error', message: r.message };
    });
    effect(() => {
      const o = options.value;
      const layout = layoutOf();
      if (!o) return;
      clearTimeout(timer);
      timer = setTimeout(async () => {
        coverage.value = { status: 'running' };
        const opts = { band: o.band, targetMin: o.targetMin, thresholdsMin: o.thresholdsMin, travel: o.travel, response: o.response };
        const [c, r] = await Promise.all([client.coverage(layout, opts), client.rule50k(layout, opts)]);
        if (c.status === 'stale' || r.status === 'stale') return; // a newer request is on its way
        if (c.status === 'ok' && r.status === 'ok') coverage.value = { status: 'ok', value: { coverage: c.value, rule50k: r.value } };
        else coverage.value = { status: 'error', message: c.status === 'error' ? c.message : r.status === 'error' ? r.message : 'annullato' };
      }, 120);
    });
  }

  return {
    defaults, options, coverage, des, progress, odNote, odCsv, start,
    setOptions(patch: Partial<SimOptions>) {
      if (options.value) options.value = { ...options.value, ...patch };
    },
    resetOptions() {
      if (defaults.value) options.value = fromDefaults(defaults.value);
    },
    async runDes() {
      const o = options.value;
      if (!o) return;
      des.value = { status: 'running' };
      progress.value = { done: 0, total: o.replications };
      const r = await client.simulate(layoutOf(), {
        seed: o.seed, replications: o.replications, horizonDays: o.horizonDays, targetMin: o.targetMin,
        travel: o.travel, response: o.response, des: o.des,
      }, (p) => { progress.value = p; });
      if (r.status === 'stale') return;
      progress.value = undefined;
      if (r.status === 'ok') des.value = { status: 'ok', value: r.value };
      else if (r.status === 'cancelled') des.value = { status: 'cancelled' };
      else des.value = { status: 'error', message: r.message };
    },
    cancelDes() {
      client.cancel();
      if (odCsv.peek()) void client.importOdMatrix(odCsv.peek()!);
    },
    async importOd(text: string) {
      const r = await client.importOdMatrix(text);
      if (r.status !== 'ok') return;
      const rep = r.value;
      if (rep.ok) {
        await Promise.all(odMirrors.map((m) => m.importOdMatrix(text)));
        odCsv.value = text;
        odNote.value = t().notices.odApplied;
        app.actions.notify({ kind: 'info', text: odNote.value, details: rep.warnings });
        if (options.value) options.value = { ...options.value }; // re-run coverage
      } else app.actions.notify({ kind: 'error', text: t().notices.odRejected, details: rep.errors });
    },
  };
}

export type SimulationState = ReturnType<typeof createSimulationState>;
