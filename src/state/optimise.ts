// Optimisation state: requests to the optimiser worker and their answers. The only writer of
// these signals; scenario changes (adopting bases, opening a proposal) go through the app
// state's actions, so they are undoable like any edit.
import { batch, signal } from '@preact/signals';
import { addBase, removeBase, serviceOfAmbito, toServiceLayout, type Scenario } from '../core/scenario/index.ts';
import { proposalToScenario, type AssociationProposal } from '../core/optimise/associations.ts';
import type { AssociationApiOptions, SitingResult } from '../core/optimise/api.ts';
import type { SharesResult } from '../core/optimise/shares.ts';
import type { ComparisonResult } from '../core/optimise/compare.ts';
import type { SitingObjective } from '../core/optimise/siting.ts';
import type { Territory } from '../core/territory/index.ts';
import type { AppState } from './appState.ts';
import { t } from '../i18n/strings.ts';
import type { OptimiseClient } from '../../workers/optimiseClient.ts';

type Run<T> = { status: 'idle' } | { status: 'running' } | { status: 'ok'; value: T } | { status: 'error'; message: string } | { status: 'cancelled' };

export interface SitingForm {
  objective: SitingObjective;
  k: number;
  targetMin: number;
  keepExisting: boolean;
  timeLimitSec: number;
}

/** `odCsv`: the imported OD matrix, re-sent to the worker after a cancel restarts it. */
export function createOptimiseState(app: AppState, territory: Territory, client: OptimiseClient, odCsv: () => string | undefined = () => undefined) {
  const form = signal<SitingForm>({ objective: 'median', k: 2, targetMin: 45, keepExisting: false, timeLimitSec: 30 });
  /** The service the siting result is for, and both answers (heuristic first, exact later). */
  const siting = signal<{ serviceId: string; heuristic: Run<SitingResult>; exact: Run<SitingResult> } | undefined>(undefined);
  const associations = signal<Run<AssociationProposal>>({ status: 'idle' });
  const shares = signal<Run<SharesResult>>({ status: 'idle' });
  const comparison = signal<Run<ComparisonResult & { csv: string }>>({ status: 'idle' });

  const bare = <T,>(r: { status: string; value?: T; message?: string }): Run<T> =>
    r.status === 'ok' ? { status: 'ok', value: r.value as T } : r.status === 'error' ? { status: 'error', message: r.message! } : { status: 'cancelled' };

  return {
    form, siting, associations, shares, comparison,
    setForm(patch: Partial<SitingForm>) {
      form.value = { ...form.value, ...patch };
    },
    async site(serviceId: string) {
      const svc = app.scenario.value.services.find((s) => s.id === serviceId);
      if (!svc) return;
      const f = form.value;
      const current = svc.bases.filter((b) => b.kind !== 'centrale' && b.istat).map((b) => b.istat!);
      const req = {
        members: svc.members, k: f.k, objective: f.objective, targetMin: f.targetMin,
        fixed: f.keepExisting ? current : [], before: current,
        compositionOverrides: app.scenario.value.compositionOverrides,
      };
      siting.value = { serviceId, heuristic: { status: 'running' }, exact: { status: 'idle' } };
      const h = await client.siteHeuristic(req);
      if (h.status === 'stale') return;
      siting.value = { serviceId, heuristic: bare(h), exact: h.status === 'ok' ? { status: 'running' } : { status: 'idle' } };
      if (h.status !== 'ok') return;
      const e = await client.siteExact(req, { timeLimitSec: f.timeLimitSec });
      if (e.status === 'stale') return;
      if (siting.value?.serviceId === serviceId) siting.value = { ...siting.value, exact: bare(e) };
    },
    cancel() {
      client.cancel();
      const od = odCsv();
      if (od) void client.importOdMatrix(od);
    },
    /** Writes the proposed bases into the scenario (one undoable edit): non-fixed UdS bases replaced. */
    adopt(which: 'heuristic' | 'exact') {
      const s = siting.value;
      const run = s && (which === 'exact' ? s.exact : s.heuristic);
      if (!s || !run || run.status !== 'ok') return;
      const chosen = which === 'exact' ? run.value.exact?.bases ?? [] : run.value.heuristic.bases;
      app.actions.edit((scenario: Scenario) => {
        const svc = scenario.services.find((x) => x.id === s.serviceId);
        if (!svc) return scenario;
        const keep = new Set(chosen.filter((b) => b.fixed).map((b) => b.istat));
        let next = scenario;
        for (const b of svc.bases) if (b.kind !== 'centrale' && !(b.istat && keep.has(b.istat))) next = removeBase(next, svc.id, b.id);
        for (const b of chosen) {
          if (!b.fixed) next = addBase(next, svc.id, { kind: 'uds', istat: b.istat, unitsByBand: { office: 1, closure: 1, night: 1, holiday: 1 } });
        }
        return next;
      }, t().notices.basesAdopted(chosen.map((b) => b.name).join(', ')));
    },
    async suggest(options: AssociationApiOptions) {
      associations.value = { status: 'running' };
      const r = await client.suggestAssociations(app.scenario.value, options);
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
      const r = await client.shares({ members: svc.members, annualBudgetEur, fixedShare, bases: bases.length ? bases : undefined, compositionOverrides: app.scenario.value.compositionOverrides });
      if (r.status !== 'stale') shares.value = bare(r);
    },
    async compare(idA: string, idB: string) {
      const w = app.workspace.value;
      const a = w.scenarios.find((s) => s.id === idA);
      const b = w.scenarios.find((s) => s.id === idB);
      if (!a || !b) return;
      comparison.value = { status: 'running' };
      const r = await client.compare({ name: a.name, layout: toServiceLayout(a, territory) }, { name: b.name, layout: toServiceLayout(b, territory) });
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
