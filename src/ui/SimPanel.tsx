// Coverage, the 50,000 rule and the response-time simulation for the current scenario. Every
// figure here is computed by the worker from the scenario and the assumptions shown below; the
// travel times are an estimate, and the panel says so.
import { useEffect, useState } from 'preact/hooks';
import type { GroupStats } from '../core/coverage/index.ts';
import type { Estimate } from '../core/des/stats.ts';
import { TIME_BANDS } from '../core/sim/layout.ts';
import { fmt, fmtInt, t } from '../i18n/strings.ts';
import { useApp } from './context.ts';
import { coverageByAmbitoCsv, desServicesCsv } from '../core/format/csvTables.ts';
import { csvOptions, download } from './download.ts';
import { AssumptionsPanel } from './AssumptionsPanel.tsx';
import { OpenTableButton, type TableSpec } from './TableDrawer.tsx';
import type { AppContext } from './context.ts';
import { Rule50kSection, rule50kTable } from './Rule50kView.tsx';

const pct = (x: number) => fmt.pct(x);
const min = (x: number | null | undefined) => fmt.minutes(x);
/** Minutes with their interval; one decimal when the interval is narrower than 5 min, so it does not read "44 (44–44)". */
const estMin = (e: Estimate | null) => est(e, (x) => (e && e.ciHigh - e.ciLow < 5 ? fmt.fixed(x, 1) : fmt.int(x)));
const est = (e: Estimate | null, f: (x: number) => string = (x) => fmt.fixed(x, 1)) => (e ? `${f(e.mean)} (${f(e.ciLow)}–${f(e.ciHigh)})` : '—');

/** The core's caveats (why the figures are what they are): the same list the CLI prints. */
function Caveats(p: { list: readonly { id: string; text: string }[] | undefined; testId: string }) {
  if (!p.list?.length) return null;
  return <ul class="small caveats" data-testid={p.testId}>{p.list.map((c) => <li key={c.id} data-caveat={c.id}>{c.text}</li>)}</ul>;
}

export function SimPanel() {
  const app = useApp();
  const { territory, state, sim } = app;
  useEffect(() => sim.start(), []);
  const o = sim.options.value;
  const d = sim.defaults.value;
  const cov = sim.coverage.value;
  const scenario = state.scenario.value;
  const tt = t();
  const M = tt.sim;
  const [sortKey, setSortKey] = useState<'name' | 'p90' | 'share'>('share');
  if (!o || !d) return <p class="hint" role="status">{M.starting}{cov.status === 'error' && M.error(cov.message)}</p>;
  const targetIdx = o.thresholdsMin.indexOf(o.targetMin);
  return (
    <section class="sim" aria-labelledby="sim-title">
      <h2 id="sim-title" class="sr-only">{M.title}</h2>
      <SimHead targetIdx={targetIdx} />
      {scenario.illustrative && <p class="illustrative-note" role="note">{M.illustrative}</p>}
      <p class="small warn" role="note">
        {M.estimatedNote(sim.odNote.value ?? M.noRoads)}
      </p>
      <div class="form-grid">
        <label for="sim-band">{M.band}</label>
        <select id="sim-band" value={o.band} onChange={(e) => sim.setOptions({ band: (e.target as HTMLSelectElement).value as never })}>
          {TIME_BANDS.map((b) => <option key={b} value={b}>{tt.enums.band[b] ?? d.bandLabels[b]}</option>)}
        </select>
        <label for="sim-target">{M.target}</label>
        <input id="sim-target" inputMode="numeric" value={fmt.input(o.targetMin)} onChange={(e) => {
          const v = fmt.read((e.target as HTMLInputElement).value, { integer: true, min: 5, max: 240 });
          if (v !== undefined) sim.setOptions({ targetMin: v, thresholdsMin: [...new Set([...d.thresholdsMin, v])].sort((a, b) => a - b) });
        }} />
      </div>

      <div aria-live="polite" data-testid="coverage-status" data-status={cov.status}>
        {cov.status === 'running' && <p class="small muted">{M.computingCoverage}</p>}
        {cov.status === 'error' && <p class="notice error" role="alert">{cov.message}</p>}
      </div>
      {cov.status === 'ok' && (() => {
        const { coverage: c, rule50k: r } = cov.value;
        const byAmbito = [...c.byAmbito].sort((a, b) =>
          sortKey === 'name' ? a.name.localeCompare(b.name, 'it') : sortKey === 'p90' ? (b.p90ResponseMin ?? Infinity) - (a.p90ResponseMin ?? Infinity) : a.shareWithin[Math.max(targetIdx, 0)] - b.shareWithin[Math.max(targetIdx, 0)]);
        return (
          <>
            <h3>{M.coverage}</h3>
            <div class="kpis" data-testid="coverage-kpis">
              {c.thresholdsMin.map((t, i) => (
                <div key={t}><span class="kpi">{pct(c.region.shareWithin[i])}</span> {M.within(t)}{c.unreachableThresholdsMin.includes(t) && <span class="small muted"> {M.emptyByConstruction}</span>}</div>
              ))}
            </div>
            <p class="small">
              {M.meanLine(min(c.region.meanResponseMin), min(c.region.p90ResponseMin))}
              {' '}<strong>{fmtInt(c.residentsWithoutPis)}</strong> {M.withoutPis(c.comuniWithoutPis.length)}
              {c.residentsPisUnknown > 0 && <> {t().roster.withoutPisUnknown(fmtInt(c.residentsPisUnknown))}</>}
            </p>
            <Caveats list={c.caveats} testId="coverage-caveats" />

            <Rule50kSection r={r} />

            <h3>{M.byAmbito}</h3>
            <div class="actions">
              <label class="small">{M.sortBy}{' '}
                <select value={sortKey} onChange={(e) => setSortKey((e.target as HTMLSelectElement).value as never)}>
                  <option value="share">{M.sortShare}</option>
                  <option value="p90">{M.sortP90}</option>
                  <option value="name">{M.sortName}</option>
                </select>
              </label>
              <button type="button" onClick={() => download('copertura-ambiti.csv', coverageByAmbitoCsv(c.byAmbito, c.thresholdsMin, csvOptions(scenario.illustrative)), 'text/csv;charset=utf-8')}>{M.exportCsv}</button>
              <OpenTableButton id="coverage" label={M.fullCoverageTable} count={c.byAmbito.length} spec={() => coverageTable(app)} />
            </div>
            <table class="coverage-table">
              <thead><tr><th>{M.ambito}</th><th class="num">{M.within(o.targetMin)}</th><th class="num">p90</th></tr></thead>
              <tbody>
                {byAmbito.map((g) => (
                  <tr key={g.code}>
                    <td><button type="button" class="link" onClick={() => state.actions.selectAmbito(g.code, { focus: true })}>{g.name}</button></td>
                    <td class="num">{pct(g.shareWithin[Math.max(targetIdx, 0)])}</td>
                    <td class="num">{min(g.p90ResponseMin)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        );
      })()}

      <h3>{M.desTitle}</h3>
      <p class="small muted">
        {M.desNote}
      </p>
      <div class="form-grid">
        <label for="des-reps">{M.reps}</label>
        <input id="des-reps" inputMode="numeric" value={fmt.input(o.replications)} onChange={(e) => sim.setOptions({ replications: clampInt((e.target as HTMLInputElement).value, 1, 200, o.replications) })} />
        <label for="des-days">{M.days}</label>
        <input id="des-days" inputMode="numeric" value={fmt.input(o.horizonDays)} onChange={(e) => sim.setOptions({ horizonDays: clampInt((e.target as HTMLInputElement).value, 7, 1095, o.horizonDays) })} />
        <label for="des-seed">{M.seed}</label>
        <input id="des-seed" inputMode="numeric" value={String(o.seed)} onChange={(e) => sim.setOptions({ seed: clampInt((e.target as HTMLInputElement).value, 0, 2 ** 31, o.seed) })} />
      </div>
      <DesResults />
      <AssumptionsPanel />
      <p class="small muted">{M.population(territory.data.comuni.length, d.populationDate)}</p>
    </section>
  );
}

function DesResults() {
  const { sim } = useApp();
  const run = sim.des.value;
  const p = sim.progress.value;
  const M = t().sim;
  return (
    <div data-testid="des" data-status={run.status}>
      {run.status === 'running' && p && (
        <div role="status" aria-live="polite">
          <progress max={p.total} value={p.done} aria-label={M.progress} /> {p.done}/{p.total} {M.replications}
        </div>
      )}
      {run.status === 'cancelled' && <p class="small" role="status">{M.cancelled}</p>}
      {run.status === 'error' && <p class="notice error" role="alert">{run.message}</p>}
      {run.status === 'ok' && (() => {
        const r = run.value;
        const resp = r.region.response;
        return (
          <div aria-live="polite">
            {r.illustrative && <p class="illustrative-note">{M.illustrativeResults}</p>}
            {r.region.saturated ? (
              <p class="notice error" role="alert" data-testid="saturated">
                {M.saturated(r.region.saturatedServices.length)}
              </p>
            ) : (
              <div class="kpis" data-testid="des-kpis">
                <div><span class="kpi">{estMin(resp?.p50Min ?? null)}</span> {M.minP50}</div>
                <div><span class="kpi">{estMin(resp?.p90Min ?? null)}</span> {M.minP90}</div>
                <div><span class="kpi">{estMin(resp?.p95Min ?? null)}</span> {M.minP95}</div>
                <div><span class="kpi">{est(resp?.shareWithinTarget ?? null, pct)}</span> {M.within(r.targetMin)}</div>
              </div>
            )}
            <p class="small" data-testid="des-roster">
              {t().roster.uncovered(est(r.region.uncoveredByRoster, (x) => fmt.fixed(x, 1)), est(r.region.shareUncoveredByRoster, pct))}
              {' '}{t().roster.territorialCalls(est(r.region.handledByTerritorial, (x) => fmt.fixed(x, 1)))}
              {r.region.rosterUnknown && r.region.rosterUnknown.mean > 0 ? ` ${t().roster.unknownCalls(est(r.region.rosterUnknown, (x) => fmt.fixed(x, 1)))}` : ''}
            </p>
            <p class="small">
              {M.runLine(r.replicationsDone, r.horizonDays, r.seed, est(r.region.reports, (x) => fmtInt(Math.round(x))), est(r.region.dispatched, (x) => fmtInt(Math.round(x))))}
            </p>
            <Caveats list={r.caveats} testId="des-caveats" />
            <div class="actions">
              <button type="button" onClick={() => download('simulazione-pis.csv', desServicesCsv(r.services, csvOptions(r.illustrative)), 'text/csv;charset=utf-8')}>{M.exportCsv}</button>
            </div>
            <table class="des-table">
              <thead><tr><th>{M.pis}</th><th class="num">{M.units}</th><th class="num">{M.utilisation}</th><th class="num">p90</th><th class="num">{M.allBusy}</th></tr></thead>
              <tbody>
                {r.services.map((s) => (
                  <tr key={s.id} class={s.saturated ? 'fail' : ''}>
                    <td>{s.name}{s.saturated && <div class="small">{s.saturationReasons.join('; ')}</div>}</td>
                    <td class="num">{s.units}</td>
                    <td class="num">{est(s.utilisation, pct)}</td>
                    <td class="num">{s.response ? est(s.response.p90Min, (x) => fmt.int(x)) : s.noUnits ? s.noUnitsLabel : s.saturated ? M.saturatedCell : '—'}</td>
                    <td class="num">{est(s.pAllBusy, pct)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {r.warnings.length > 0 && <ul class="small muted">{r.warnings.map((w, i) => <li key={i}>{w}</li>)}</ul>}
          </div>
        );
      })()}
    </div>
  );
}

function clampInt(raw: string, lo: number, hi: number, fallback: number): number {
  return fmt.read(raw, { integer: true, min: lo, max: hi }) ?? fallback;
}


/**
 * The panel's headline, pinned at its top: the run button and the figures a planner looks for
 * first (coverage within the target, the 50,000 rule, the simulated p90), before any detail.
 */
function SimHead({ targetIdx }: { targetIdx: number }) {
  const app = useApp();
  const { sim } = app;
  const M = t().sim;
  const cov = sim.coverage.value;
  const run = sim.des.value;
  const o = sim.options.value!;
  const resp = run.status === 'ok' && !run.value.region.saturated ? run.value.region.response : null;
  return (
    <div class="panel-head" data-testid="sim-head">
      <div class="actions">
        <button type="button" class="primary" data-action="run-des" disabled={run.status === 'running'} onClick={() => void sim.runDes()}>{M.run}</button>
        {run.status === 'running' && <button type="button" onClick={() => sim.cancelDes()}>{M.stop}</button>}
        {cov.status === 'ok' && <OpenTableButton id="rule50k" label={M.fullRuleTable} count={cov.value.rule50k.comuni.length} spec={() => rule50kTable(app)} />}
      </div>
      <div class="kpis" aria-live="polite">
        {cov.status === 'ok' && (
          <>
            {/* Unknown is not absent: the headline says how much of it rests on unknown PIS statuses. */}
            <div data-testid="head-coverage">
              <span class="kpi">{pct(cov.value.coverage.region.shareWithin[Math.max(targetIdx, 0)] ?? 0)}</span> {M.headCoverage(o.targetMin)}
              {cov.value.coverage.residentsPisUnknown > 0 && <span class="small muted"> · {t().roster.headUnknownResidents(pct(cov.value.coverage.residentsPisUnknown / cov.value.coverage.region.residents))}</span>}
            </div>
            <div data-testid="head-rule">
              <span class="kpi">{fmt.int(cov.value.rule50k.passCount)}/{fmt.int(cov.value.rule50k.comuni.length)}</span> {t().roster.headRule}
              {cov.value.rule50k.nonDeterminabileCount > 0 && <span class="small muted"> · {t().roster.headRuleUnknown(cov.value.rule50k.nonDeterminabileCount)}</span>}
            </div>
          </>
        )}
        {resp && <div><span class="kpi">{min(resp.p90Min?.mean)}</span> {M.headP90}</div>}
        {run.status === 'ok' && run.value.region.saturated && <div class="small warn">{M.headSaturated}</div>}
      </div>
    </div>
  );
}

// The drawer tables read the simulation state when the drawer renders (they follow new results).

function coverageTable(ctx: AppContext): TableSpec<GroupStats> | null {
  const cov = ctx.sim.coverage.value;
  if (!cov || cov.status !== 'ok') return null;
  const c = cov.value.coverage;
  const M = t().sim;
  return {
    title: `${M.coverage} — ${M.byAmbito}`,
    csvName: 'copertura-ambiti.csv',
    illustrative: ctx.state.scenario.value.illustrative,
    rows: c.byAmbito,
    rowKey: (g) => g.code,
    initialSort: { id: `quota_entro_${ctx.sim.options.value?.targetMin ?? c.thresholdsMin[0]}_min`, dir: 'asc' },
    columns: [
      { id: 'codice_ambito', label: 'Codice', value: (g) => g.code },
      { id: 'ambito', label: M.ambito, value: (g) => g.name, cell: (g) => <button type="button" class="link" onClick={() => ctx.state.actions.selectAmbito(g.code, { focus: true })}>{g.name}</button> },
      { id: 'residenti', label: M.residents, num: true, value: (g) => g.residents, cell: (g) => fmt.int(g.residents) },
      ...c.thresholdsMin.map((th, i) => ({ id: `quota_entro_${th}_min`, label: M.within(th), num: true, value: (g: GroupStats) => Math.round(g.shareWithin[i] * 1000) / 10, cell: (g: GroupStats) => pct(g.shareWithin[i]) })),
      { id: 'media_min', label: M.meanCol, num: true, value: (g) => (g.meanResponseMin === null ? null : Math.round(g.meanResponseMin * 10) / 10), cell: (g) => min(g.meanResponseMin) },
      { id: 'p90_min', label: 'p90', num: true, value: (g) => (g.p90ResponseMin === null ? null : Math.round(g.p90ResponseMin * 10) / 10), cell: (g) => min(g.p90ResponseMin) },
    ],
  };
}
