// Optimisation state: requests to the optimiser worker and their answers. The only writer of
// these signals; scenario changes (adopting bases, opening a proposal) go through the app
// state's actions, so they are undoable like any edit. Every request is built from the planning
// input (planning.ts): the optimiser sees the composition, assumptions, band, target and OD
// matrix the Simulation panel sees. Worker restarts are handled by the request runner.
import { batch, signal, type ReadonlySignal } from '@preact/signals';
import { serviceOfAmbito } from '../core/scenario/index.ts';
import { proposalToScenario, type AssociationProposal } from '../core/optimise/associations.ts';
import type { SitingResult } from '../core/optimise/api.ts';
import type { SharesResult } from '../core/optimise/shares.ts';
import type { ComparisonResult } from '../core/optimise/compare.ts';
import type { SitingObjective } from '../core/optimise/siting.ts';
import type { AppState } from './appState.ts';
import type { PlanningState } from './planning.ts';
import type { PlanningInput } from '../core/sim/planning.ts';
import { lifecycleNotice, workerMessage } from './simulation.ts';
import { t } from '../i18n/strings.ts';
import type { AssociationAsk, OptimiseClient, SitingAsk } from '../../workers/optimiseClient.ts';

/** Demand points × candidates up to which the exact MIP starts by itself (12 Ambiti: 164 × 164, proven in seconds). */
export const AUTO_EXACT_PAIRS = 40_000;

type Run<T> = { status: 'idle' } | { status: 'running' } | { status: 'ok'; value: T } | { status: 'error'; message: string } | { status: 'cancelled' };

export interface SitingForm {
  objective: SitingObjective;
  k: number;
  /** T of the siting objective; undefined = the planning target (Simulation panel). */
  targetMin?: number;
  keepExisting: boolean;
  timeLimitSec: number;
}

export function createOptimiseState(app: AppState, planning: PlanningState, client: OptimiseClient) {
  const form = signal<SitingForm>({ objective: 'median', k: 2, keepExisting: false, timeLimitSec: 30 });
  /** The service the siting result is for, and both answers (heuristic first, exact later). */
  const siting = signal<{ serviceId: string; heuristic: Run<SitingResult>; exact: Run<SitingResult> } | undefined>(undefined);
  const associations = signal<Run<AssociationProposal>>({ status: 'idle' });
  const shares = signal<Run<SharesResult>>({ status: 'idle' });
  const comparison = signal<Run<ComparisonResult & { csv: string }>>({ status: 'idle' });
  const engine = () => t().workerNotices.optimiser;
  client.onLifecycle(lifecycleNotice(app, engine));

  let lastRequest: { serviceId: string; input: PlanningInput; ask: SitingAsk } | undefined;
  async function runExact(serviceId: string, input: PlanningInput, ask: SitingAsk) {
    const e = await client.siteExact(input, ask, { timeLimitSec: form.value.timeLimitSec });
    if (e.status === 'stale') return;
    if (siting.value?.serviceId === serviceId) siting.value = { ...siting.value, exact: bare(e) };
  }

  const bare = <T,>(r: { status: string; value?: T; message?: string }): Run<T> =>
    r.status === 'ok' ? { status: 'ok', value: r.value as T } : r.status === 'error' ? { status: 'error', message: workerMessage(r.message ?? '', engine()) } : { status: 'cancelled' };

  return {
    form: form as ReadonlySignal<SitingForm>,
    siting: siting as ReadonlySignal<{ serviceId: string; heuristic: Run<SitingResult>; exact: Run<SitingResult> } | undefined>,
    associations: associations as ReadonlySignal<Run<AssociationProposal>>,
    shares: shares as ReadonlySignal<Run<SharesResult>>,
    comparison: comparison as ReadonlySignal<Run<ComparisonResult & { csv: string }>>,
    setForm(patch: Partial<SitingForm>) {
      form.value = { ...form.value, ...patch };
    },
    async site(serviceId: string) {
      const svc = app.scenario.value.services.find((s) => s.id === serviceId);
      if (!svc) return;
      const f = form.value;
      const input = planning.input.peek();
      const current = svc.bases.filter((b) => b.kind !== 'centrale' && b.istat).map((b) => b.istat!);
      const ask = { members: svc.members, k: f.k, objective: f.objective, targetMin: f.targetMin, fixed: f.keepExisting ? current : [], before: current };
      siting.value = { serviceId, heuristic: { status: 'running' }, exact: { status: 'idle' } };
      const h = await client.siteHeuristic(input, ask);
      if (h.status === 'stale') return;
      // The heuristic comes with a proven gap. The MIP runs by itself only where it is quick (small
      // associations) and the gap is not already 0; otherwise it is a certificate on request.
      const auto = h.status === 'ok' && !h.value.bound?.proven && h.value.demandPoints * h.value.candidates <= AUTO_EXACT_PAIRS;
      siting.value = { serviceId, heuristic: bare(h), exact: auto ? { status: 'running' } : { status: 'idle' } };
      lastRequest = { serviceId, input, ask };
      if (auto) await runExact(serviceId, input, ask);
    },
    /** Exact solve on request (warm-started from the heuristic), for the last siting request. */
    async certify() {
      const last = lastRequest;
      if (!last || siting.value?.serviceId !== last.serviceId || siting.value.heuristic.status !== 'ok') return;
      siting.value = { ...siting.value, exact: { status: 'running' } };
      await runExact(last.serviceId, last.input, last.ask);
    },
    /** Stops the exact solve (and anything else the optimiser is doing); the OD matrix comes back by itself. */
    cancel() {
      client.cancel();
    },
    /**
     * Writes the proposed bases into the scenario (one undoable edit). The centrale and the
     * reperibilità bases stay; UdS bases the proposal drops move to the new comuni with their
     * roster (core/scenario/adopt.ts).
     */
    adopt(which: 'heuristic' | 'exact') {
      const s = siting.value;
      const run = s && (which === 'exact' ? s.exact : s.heuristic);
      if (!s || !run || run.status !== 'ok') return;
      const chosen = which === 'exact' ? run.value.exact?.bases ?? [] : run.value.heuristic.bases;
      app.actions.adoptBases(s.serviceId, chosen.map((b) => b.istat), t().notices.basesAdopted(chosen.map((b) => b.name).join(', ')));
    },
    async suggest(options: AssociationAsk) {
      associations.value = { status: 'running' };
      const r = await client.suggestAssociations(planning.input.peek(), app.scenario.value, options);
      if (r.status !== 'stale') associations.value = bare(r);
    },
    openProposal() {
      const r = associations.value;
      if (r.status !== 'ok') return;
      app.actions.addScenario(proposalToScenario(app.scenario.value, r.value), t().notices.proposalHow);
    },
    async computeShares(serviceId: string, annualBudgetEur: number, fixedShare: number) {
      const svc = app.scenario.value.services.find((s) => s.id === serviceId);
      if (!svc) return;
      shares.value = { status: 'running' };
      const bases = svc.bases.filter((b) => b.kind !== 'centrale' && b.istat).map((b) => b.istat!);
      const r = await client.shares(planning.input.peek(), { members: svc.members, annualBudgetEur, fixedShare, bases: bases.length ? bases : undefined });
      if (r.status !== 'stale') shares.value = bare(r);
    },
    async compare(idA: string, idB: string) {
      const w = app.workspace.value;
      const a = w.scenarios.find((s) => s.id === idA);
      const b = w.scenarios.find((s) => s.id === idB);
      if (!a || !b) return;
      comparison.value = { status: 'running' };
      // Both sides through the one input builder: same effective composition, assumptions and OD.
      const r = await client.compare({ name: a.name, input: planning.inputFor(a) }, { name: b.name, input: planning.inputFor(b) });
      if (r.status !== 'stale') batch(() => {
        comparison.value = bare(r);
      });
    },
    serviceOf(ambito: string | undefined) {
      return ambito ? serviceOfAmbito(app.scenario.value, ambito) : undefined;
    },
  };
}

export type OptimiseState = ReturnType<typeof createOptimiseState>;
