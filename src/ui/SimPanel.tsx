// Coverage, the 50,000 rule and the response-time simulation for the current scenario. Every
// figure here is computed by the worker from the scenario and the assumptions shown below; the
// travel times are an estimate, and the panel says so.
import { useEffect, useState } from 'preact/hooks';
import type { GroupStats } from '../core/coverage/index.ts';
import type { Estimate } from '../core/des/stats.ts';
import { TIME_BANDS } from '../core/sim/layout.ts';
import { fmt, fmtInt, t } from '../i18n/strings.ts';
import { useApp } from './context.ts';
import { download, tableCsv } from './download.ts';
import { AssumptionsPanel } from './AssumptionsPanel.tsx';

const pct = (x: number) => fmt.pct(x);
const min = (x: number | null | undefined) => fmt.minutes(x);
const est = (e: Estimate | null, f: (x: number) => string = (x) => fmt.fixed(x, 1)) => (e ? `${f(e.mean)} (${f(e.ciLow)}–${f(e.ciHigh)})` : '—');

export function SimPanel() {
  const { territory, state, sim } = useApp();
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
                <div key={t}><span class="kpi">{pct(c.region.shareWithin[i])}</span> {M.within(t)}</div>
              ))}
            </div>
            <p class="small">
              {M.meanLine(min(c.region.meanResponseMin), min(c.region.p90ResponseMin))}
              {' '}<strong>{fmtInt(c.residentsWithoutPis)}</strong> {M.withoutPis(c.comuniWithoutPis.length)}
            </p>

            <h3>{M.rule50k}</h3>
            <blockquote class="small">{r.legalText} <cite>— {r.legalSource}</cite></blockquote>
            <p class="small" data-testid="rule50k-summary">
              <strong>{r.passCount}</strong> {M.rulePass(r.comuni.length)}
              {r.checkTarget ? M.ruleTarget(r.targetMin) : ''}{M.ruleDate(r.populationDate.split('-').reverse().join('/'))}
            </p>
            <div class="actions">
              <button type="button" onClick={() => download('regola-50000.csv', tableCsv(
                ['codice_istat', 'comune', 'residenti', 'data_residenti', 'capoluogo', 'ambito', 'pis', 'grave_marginalita', 'tempo_min', 'rispettata', 'motivi', 'correzione_minima'],
                r.comuni.map((e) => [e.istat_code, e.name, e.residents, e.populationDate, e.capoluogo ? 'sì' : 'no', e.ambitoName, e.pisName, e.graveMarginalita ? 'sì' : 'no', e.responseMin === null ? null : Math.round(e.responseMin), e.pass ? 'sì' : 'no', e.reasons.join(' | '), e.fixes[0] ?? '']),
                scenario.illustrative), 'text/csv;charset=utf-8')}>{M.exportCsv}</button>
            </div>
            <table class="rule50k" data-testid="rule50k-table">
              <thead><tr><th>{M.comune}</th><th class="num">{M.residents}</th><th>{M.pis}</th><th class="num">{M.time}</th><th>{M.outcome}</th></tr></thead>
              <tbody>
                {r.comuni.map((e) => (
                  <tr key={e.istat_code} class={e.pass ? 'pass' : 'fail'}>
                    <td>
                      <button type="button" class="link" onClick={() => state.actions.selectComune(e.istat_code, { focus: true })}>{e.name}</button>
                      {e.capoluogo && <span class="badge" title={M.capoluogoTitle}>{M.capoluogo}</span>}
                    </td>
                    <td class="num">{fmtInt(e.residents)}</td>
                    <td class="small">{e.pisName ?? <span class="muted">{M.none}</span>}{e.pis && !e.graveMarginalita && <span class="muted">{M.noGrave}</span>}</td>
                    <td class="num">{min(e.responseMin)}</td>
                    <td>
                      <span class={`status ${e.pass ? 'sourced' : 'estimated'}`}>{e.pass ? M.yes : M.no}</span>
                      {!e.pass && e.fixes[0] && <div class="small muted">{e.fixes[0]}</div>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>

            <h3>{M.byAmbito}</h3>
            <div class="actions">
              <label class="small">{M.sortBy}{' '}
                <select value={sortKey} onChange={(e) => setSortKey((e.target as HTMLSelectElement).value as never)}>
                  <option value="share">{M.sortShare}</option>
                  <option value="p90">{M.sortP90}</option>
                  <option value="name">{M.sortName}</option>
                </select>
              </label>
              <button type="button" onClick={() => download('copertura-ambiti.csv', coverageCsv(c.byAmbito, c.thresholdsMin, scenario.illustrative), 'text/csv;charset=utf-8')}>{M.exportCsv}</button>
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
      <div class="actions">
        <button type="button" class="primary" disabled={run.status === 'running'} onClick={() => void sim.runDes()}>{M.run}</button>
        {run.status === 'running' && <button type="button" onClick={() => sim.cancelDes()}>{M.stop}</button>}
      </div>
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
                <div><span class="kpi">{est(resp?.p50Min ?? null, (x) => fmt.int(x))}</span> {M.minP50}</div>
                <div><span class="kpi">{est(resp?.p90Min ?? null, (x) => fmt.int(x))}</span> {M.minP90}</div>
                <div><span class="kpi">{est(resp?.shareWithinTarget ?? null, pct)}</span> {M.within(r.targetMin)}</div>
              </div>
            )}
            <p class="small">
              {M.runLine(r.replicationsDone, r.horizonDays, r.seed, est(r.region.reports, (x) => fmtInt(Math.round(x))), est(r.region.dispatched, (x) => fmtInt(Math.round(x))))}
            </p>
            <div class="actions">
              <button type="button" onClick={() => download('simulazione-pis.csv', tableCsv(
                ['pis', 'unita', 'utilizzo_medio', 'p90_min', 'prob_tutte_occupate', 'saturo'],
                r.services.map((s) => [s.name, s.units, s.utilisation ? fmt.csv(s.utilisation.mean, 3) : null, s.response?.p90Min ? Math.round(s.response.p90Min.mean) : null, s.pAllBusy ? fmt.csv(s.pAllBusy.mean, 3) : null, s.saturated ? 'sì' : 'no']),
                r.illustrative), 'text/csv;charset=utf-8')}>{M.exportCsv}</button>
            </div>
            <table class="des-table">
              <thead><tr><th>{M.pis}</th><th class="num">{M.units}</th><th class="num">{M.utilisation}</th><th class="num">p90</th><th class="num">{M.allBusy}</th></tr></thead>
              <tbody>
                {r.services.map((s) => (
                  <tr key={s.id} class={s.saturated ? 'fail' : ''}>
                    <td>{s.name}{s.saturated && <div class="small">{s.saturationReasons.join('; ')}</div>}</td>
                    <td class="num">{s.units}</td>
                    <td class="num">{est(s.utilisation, pct)}</td>
                    <td class="num">{s.response ? est(s.response.p90Min, (x) => fmt.int(x)) : M.saturatedCell}</td>
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

function coverageCsv(rows: GroupStats[], thresholds: number[], illustrative: boolean): string {
  const head = ['codice_ambito', 'ambito', 'residenti', ...thresholds.map((t) => `quota_entro_${t}_min`), 'media_min', 'p90_min'];
  const num = (x: number | null, digits = 1) => fmt.csv(x, digits);
  const lines = rows.map((g) => [g.code, g.name, String(g.residents), ...g.shareWithin.map((s) => num(s * 100)), num(g.meanResponseMin), num(g.p90ResponseMin)]);
  return tableCsv(head, lines, illustrative);
}
