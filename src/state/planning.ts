// The one place where the input of every computation is built (core/sim/planning.ts): the
// current scenario's service layout with the effective composition (shipped table → imported
// official table → what-if moves), the assumptions the user edits, the band, the target and the
// identity of the imported OD matrix. The simulation and the optimisation states both read
// `input`; neither builds its own. This module is the only writer of the options and of the OD
// matrix, which it gives to both workers (and back to a restarted one, through setSession).
import { computed, signal, type ReadonlySignal } from '@preact/signals';
import { toServiceLayout, type Scenario } from '../core/scenario/index.ts';
import { hash53, planningDefaults, planningInput, type PlanningDefaults, type PlanningDemand, type PlanningInput } from '../core/sim/planning.ts';
import type { TimeBand } from '../core/sim/layout.ts';
import type { TravelAssumptions } from '../core/travel/index.ts';
import type { ResponseAssumptions } from '../core/coverage/index.ts';
import type { Territory } from '../core/territory/index.ts';
import type { TerritoryData } from '../core/territory/types.ts';
import type { OdImportReport } from '../core/sim/api.ts';
import type { AsyncApi, ClientResult } from '../../workers/requests.ts';
import { t } from '../i18n/strings.ts';
import type { AppState } from './appState.ts';

export interface SimOptions {
  band: TimeBand;
  targetMin: number;
  thresholdsMin: number[];
  travel: TravelAssumptions;
  response: ResponseAssumptions;
  des: PlanningDemand;
  replications: number;
  horizonDays: number;
  seed: number;
}

/** What the planning state needs of a worker client to hand it the OD matrix. */
export interface OdTarget {
  importOdMatrix(csv: string, id: string): Promise<ClientResult<OdImportReport>>;
  clearOdMatrix(): Promise<ClientResult<void>>;
  setSession(fn: ((api: AsyncApi<{ importOdMatrix(csv: string, id: string | null): Promise<OdImportReport> }>) => Promise<unknown>) | undefined): void;
}

export function fromDefaults(d: PlanningDefaults): SimOptions {
  return {
    band: d.band, targetMin: d.targetMin, thresholdsMin: [...d.thresholdsMin],
    travel: { ...d.travel }, response: { ...d.response, mobilisationMinByBand: { ...d.response.mobilisationMinByBand } },
    des: {
      demandScale: d.des.demandScale, officeRateFactor: d.des.officeRateFactor, indicator: { ...d.des.indicator },
      kinds: Object.fromEntries(Object.entries(d.des.kinds).map(([k, v]) => [k, { ...v, onScene: { ...v.onScene } }])) as typeof d.des.kinds,
    },
    replications: 30, horizonDays: 365, seed: 1,
  };
}

/** Comuni whose Ambito in `territory` (the official table applied) differs from the shipped file the workers load. */
export function officialOverrides(territory: TerritoryData, shipped: TerritoryData): Record<string, string> {
  const shippedAmbito = new Map(shipped.comuni.map((c) => [c.istat, c.ambito]));
  return Object.fromEntries(territory.comuni.filter((c) => shippedAmbito.get(c.istat) !== c.ambito).map((c) => [c.istat, c.ambito]));
}

/** Identity of an OD matrix's text (SHA-256 where available, else a 53-bit hash). */
export async function odContentId(text: string): Promise<string> {
  const subtle = globalThis.crypto?.subtle;
  if (subtle) {
    const digest = new Uint8Array(await subtle.digest('SHA-256', new TextEncoder().encode(text)));
    return `sha256:${Array.from(digest.subarray(0, 12), (b) => b.toString(16).padStart(2, '0')).join('')}`;
  }
  return `h53:${hash53(text)}`;
}

/**
 * `territory`: the territory the app uses (official table applied); `shipped`: the file the
 * workers load. `targets`: the worker clients that must hold the same OD matrix.
 */
export function createPlanningState(app: AppState, territory: Territory, shipped: TerritoryData, targets: readonly OdTarget[] = []) {
  const defaults = planningDefaults(territory.data);
  const options = signal<SimOptions>(fromDefaults(defaults));
  const od = signal<{ id: string } | undefined>(undefined);
  /** > 0 while an OD matrix is being handed to the workers (answers computed meanwhile may mismatch). */
  const odBusy = signal(0);
  const base = officialOverrides(territory.data, shipped);

  /** The input of any scenario with the current options (the other side of a comparison, too). */
  function inputFor(scenario: Scenario): PlanningInput {
    const o = options.value;
    const layout = toServiceLayout(scenario, territory);
    return planningInput({
      layout: { ...layout, compositionOverrides: { ...base, ...layout.compositionOverrides } },
      band: o.band, targetMin: o.targetMin, thresholdsMin: o.thresholdsMin,
      travel: o.travel, response: o.response, demand: o.des,
      odMatrixId: od.value?.id ?? null,
    });
  }
  const input = computed(() => inputFor(app.scenario.value));

  let odText: string | undefined;
  const replay = (text: string, id: string): Parameters<OdTarget['setSession']>[0] => (api) => api.importOdMatrix(text, id);
  /** Puts every worker back on the previous matrix after a partial failure. */
  async function restore(): Promise<void> {
    const prev = od.peek();
    await Promise.all(targets.map((c) => (prev && odText ? c.importOdMatrix(odText, prev.id) : c.clearOdMatrix())));
  }

  const failure = (r: ClientResult<unknown>): string | undefined => (r.status === 'ok' ? undefined : r.status === 'error' ? r.message : r.status);

  return {
    defaults: computed(() => defaults) as ReadonlySignal<PlanningDefaults>,
    options: options as ReadonlySignal<SimOptions>,
    od: od as ReadonlySignal<{ id: string } | undefined>,
    odBusy: odBusy as ReadonlySignal<number>,
    input,
    inputFor,
    actions: {
      setOptions(patch: Partial<SimOptions>) {
        options.value = { ...options.value, ...patch };
      },
      resetOptions() {
        options.value = fromDefaults(defaults);
      },
      /** Gives the matrix to every worker; on any refusal or failure nothing changes and the user is told why. */
      async importOd(text: string): Promise<boolean> {
        odBusy.value++;
        try {
          const id = await odContentId(text);
          const results = await Promise.all(targets.map((c) => c.importOdMatrix(text, id)));
          const failed = results.map(failure).find((f) => f !== undefined);
          const first = results[0];
          if (failed !== undefined || !first || first.status !== 'ok') {
            await restore();
            if (failed !== 'stale') app.actions.notify({ kind: 'error', text: t().workerNotices.odFailed(failed ?? '?') });
            return false;
          }
          const rep = first.value;
          if (!rep.ok) {
            app.actions.notify({ kind: 'error', text: t().notices.odRejected, details: rep.errors });
            return false;
          }
          odText = text;
          for (const c of targets) c.setSession(replay(text, id));
          od.value = { id };
          app.actions.notify({ kind: 'info', text: t().notices.odApplied, details: rep.warnings });
          return true;
        } finally {
          odBusy.value--;
        }
      },
      async clearOd(): Promise<void> {
        odBusy.value++;
        try {
          for (const c of targets) c.setSession(undefined);
          await Promise.all(targets.map((c) => c.clearOdMatrix()));
          odText = undefined;
          od.value = undefined;
          app.actions.notify({ kind: 'info', text: t().workerNotices.odCleared });
        } finally {
          odBusy.value--;
        }
      },
    },
  };
}

export type PlanningState = ReturnType<typeof createPlanningState>;
