// Coverage, the 50,000 rule and the response-time simulation for the current scenario. Every
// figure here is computed by the worker from the scenario and the assumptions shown below; the
// travel times are an estimate, and the panel says so.
import { useEffect, useState } from 'preact/hooks';
import type { GroupStats } from '../core/coverage/index.ts';
import type { Estimate } from '../core/des/stats.ts';
import { TIME_BANDS } from '../core/sim/layout.ts';
import { fmtInt } from '../i18n/strings.ts';
import { useApp } from './context.ts';
import { download, tableCsv } from './download.ts';
import { AssumptionsPanel } from './AssumptionsPanel.tsx';

const pct = (x: number) => `${(x * 100).toLocaleString('it-IT', { maximumFractionDigits: 1 })}%`;
const min = (x: number | null | undefined) => (x === null || x === undefined || !Number.isFinite(x) ? '—' : `${Math.round(x)} min`);
const est = (e: Estimate | null, f: (x: number) => string = (x) => x.toFixed(1)) => (e ? `${f(e.mean)} (${f(e.ciLow)}–${f(e.ciHigh)})` : '—');

export function SimPanel() {
  const { territory, state, sim } = useApp();
  useEffect(() => sim.start(), []);
  const o = sim.options.value;
  const d = sim.defaults.value;
  const cov = sim.coverage.value;
  const scenario = state.scenario.value;
  const [sortKey, setSortKey] = useState<'name' | 'p90' | 'share'>('share');
  if (!o || !d) return <p class="hint" role="status">Avvio del calcolo…{cov.status === 'error' && ` Errore: ${cov.message}`}</p>;
  const targetIdx = o.thresholdsMin.indexOf(o.targetMin);
  return (
    <section class="sim" aria-labelledby="sim-title">
      <h2 id="sim-title" class="sr-only">Simulazione</h2>
      {scenario.illustrative && <p class="illustrative-note" role="note">Esempio illustrativo — non sono dati reali: anche questi risultati lo sono.</p>}
      <p class="small warn" role="note">
        Tempi stimati, non misurati: triage + attivazione + viaggio stimato sui confini comunali ({sim.odNote.value ?? 'nessuna rete stradale offline'}).
        Le ipotesi sono in fondo al pannello e si possono modificare.
      </p>
      <div class="form-grid">
        <label for="sim-band">Fascia oraria</label>
        <select id="sim-band" value={o.band} onChange={(e) => sim.setOptions({ band: (e.target as HTMLSelectElement).value as never })}>
          {TIME_BANDS.map((b) => <option key={b} value={b}>{d.bandLabels[b]}</option>)}
        </select>
        <label for="sim-target">Obiettivo (min)</label>
        <input id="sim-target" type="number" min={5} max={240} step={5} value={o.targetMin} onChange={(e) => {
          const v = Number((e.target as HTMLInputElement).value);
          if (v >= 5 && v <= 240) sim.setOptions({ targetMin: v, thresholdsMin: [...new Set([...d.thresholdsMin, v])].sort((a, b) => a - b) });
        }} />
      </div>

      <div aria-live="polite" data-testid="coverage-status" data-status={cov.status}>
        {cov.status === 'running' && <p class="small muted">Calcolo della copertura…</p>}
        {cov.status === 'error' && <p class="notice error" role="alert">{cov.message}</p>}
      </div>
      {cov.status === 'ok' && (() => {
        const { coverage: c, rule50k: r } = cov.value;
        const byAmbito = [...c.byAmbito].sort((a, b) =>
          sortKey === 'name' ? a.name.localeCompare(b.name, 'it') : sortKey === 'p90' ? (b.p90ResponseMin ?? Infinity) - (a.p90ResponseMin ?? Infinity) : a.shareWithin[Math.max(targetIdx, 0)] - b.shareWithin[Math.max(targetIdx, 0)]);
        return (
          <>
            <h3>Copertura della popolazione</h3>
            <div class="kpis" data-testid="coverage-kpis">
              {c.thresholdsMin.map((t, i) => (
                <div key={t}><span class="kpi">{pct(c.region.shareWithin[i])}</span> entro {t} min</div>
              ))}
            </div>
            <p class="small">
              Media {min(c.region.meanResponseMin)}, p90 {min(c.region.p90ResponseMin)} sui residenti raggiunti ·
              {' '}<strong>{fmtInt(c.residentsWithoutPis)}</strong> residenti in Ambiti senza PIS nello scenario ({c.comuniWithoutPis.length} comuni).
            </p>

            <h3>Regola dei 50.000 abitanti (LEPS 3.7.1)</h3>
            <blockquote class="small">{r.legalText} <cite>— {r.legalSource}</cite></blockquote>
            <p class="small" data-testid="rule50k-summary">
              <strong>{r.passCount}</strong> di {r.comuni.length} comuni soddisfano la regola (PIS con interventi per grave marginalità
              {r.checkTarget ? ` e raggiunti entro ${r.targetMin} min, obiettivo di pianificazione` : ''}). Residenti ANPR al {r.populationDate.split('-').reverse().join('/')}.
            </p>
            <div class="actions">
              <button type="button" onClick={() => download('regola-50000.csv', tableCsv(
                ['codice_istat', 'comune', 'residenti', 'data_residenti', 'capoluogo', 'ambito', 'pis', 'grave_marginalita', 'tempo_min', 'rispettata', 'motivi', 'correzione_minima'],
                r.comuni.map((e) => [e.istat_code, e.name, e.residents, e.populationDate, e.capoluogo ? 'sì' : 'no', e.ambitoName, e.pisName, e.graveMarginalita ? 'sì' : 'no', e.responseMin === null ? null : Math.round(e.responseMin), e.pass ? 'sì' : 'no', e.reasons.join(' | '), e.fixes[0] ?? '']),
                scenario.illustrative), 'text/csv;charset=utf-8')}>Esporta CSV</button>
            </div>
            <table class="rule50k" data-testid="rule50k-table">
              <thead><tr><th>Comune</th><th class="num">Residenti</th><th>PIS</th><th class="num">Tempo</th><th>Esito</th></tr></thead>
              <tbody>
                {r.comuni.map((e) => (
                  <tr key={e.istat_code} class={e.pass ? 'pass' : 'fail'}>
                    <td>
                      <button type="button" class="link" onClick={() => state.actions.selectComune(e.istat_code, { focus: true })}>{e.name}</button>
                      {e.capoluogo && <span class="badge" title="capoluogo di provincia">cap.</span>}
                    </td>
                    <td class="num">{fmtInt(e.residents)}</td>
                    <td class="small">{e.pisName ?? <span class="muted">nessuno</span>}{e.pis && !e.graveMarginalita && <span class="muted"> (senza grave marg.)</span>}</td>
                    <td class="num">{min(e.responseMin)}</td>
                    <td>
                      <span class={`status ${e.pass ? 'sourced' : 'estimated'}`}>{e.pass ? '✓ sì' : '✗ no'}</span>
                      {!e.pass && e.fixes[0] && <div class="small muted">{e.fixes[0]}</div>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>

            <h3>Per Ambito</h3>
            <div class="actions">
              <label class="small">Ordina per{' '}
                <select value={sortKey} onChange={(e) => setSortKey((e.target as HTMLSelectElement).value as never)}>
                  <option value="share">quota entro l'obiettivo (peggiori prima)</option>
                  <option value="p90">p90 (peggiori prima)</option>
                  <option value="name">nome</option>
                </select>
              </label>
              <button type="button" onClick={() => download('copertura-ambiti.csv', coverageCsv(c.byAmbito, c.thresholdsMin, scenario.illustrative), 'text/csv;charset=utf-8')}>Esporta CSV</button>
            </div>
            <table class="coverage-table">
              <thead><tr><th>Ambito</th><th class="num">entro {o.targetMin} min</th><th class="num">p90</th></tr></thead>
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

      <h3>Simulazione degli interventi (eventi discreti)</h3>
      <p class="small muted">
        Chiamate di Poisson proporzionali ai residenti, tasso calibrato sul PIS di Rho (86 segnalazioni in 27 mesi: l'unico dato reale);
        invio dell'unità libera più vicina del PIS competente, coda se tutte occupate. Una chiamata che arriva in una fascia
        senza unità in servizio (es. di notte, se l'unità di strada non è h24) attende la prima unità disponibile: per questo i
        percentili possono superare le ore.
      </p>
      <div class="form-grid">
        <label for="des-reps">Repliche</label>
        <input id="des-reps" type="number" min={1} max={200} value={o.replications} onChange={(e) => sim.setOptions({ replications: clampInt((e.target as HTMLInputElement).value, 1, 200, o.replications) })} />
        <label for="des-days">Orizzonte (giorni)</label>
        <input id="des-days" type="number" min={7} max={1095} value={o.horizonDays} onChange={(e) => sim.setOptions({ horizonDays: clampInt((e.target as HTMLInputElement).value, 7, 1095, o.horizonDays) })} />
        <label for="des-seed">Seme</label>
        <input id="des-seed" type="number" value={o.seed} onChange={(e) => sim.setOptions({ seed: clampInt((e.target as HTMLInputElement).value, 0, 2 ** 31, o.seed) })} />
      </div>
      <DesResults />
      <AssumptionsPanel />
      <p class="small muted">Comuni: {territory.data.comuni.length}; popolazione di riferimento ANPR {d.populationDate}.</p>
    </section>
  );
}

function DesResults() {
  const { sim } = useApp();
  const run = sim.des.value;
  const p = sim.progress.value;
  return (
    <div data-testid="des" data-status={run.status}>
      <div class="actions">
        <button type="button" class="primary" disabled={run.status === 'running'} onClick={() => void sim.runDes()}>Avvia simulazione</button>
        {run.status === 'running' && <button type="button" onClick={() => sim.cancelDes()}>Interrompi</button>}
      </div>
      {run.status === 'running' && p && (
        <div role="status" aria-live="polite">
          <progress max={p.total} value={p.done} aria-label="Avanzamento della simulazione" /> {p.done}/{p.total} repliche
        </div>
      )}
      {run.status === 'cancelled' && <p class="small" role="status">Simulazione interrotta.</p>}
      {run.status === 'error' && <p class="notice error" role="alert">{run.message}</p>}
      {run.status === 'ok' && (() => {
        const r = run.value;
        const resp = r.region.response;
        return (
          <div aria-live="polite">
            {r.illustrative && <p class="illustrative-note">Risultati di uno scenario illustrativo — non sono dati reali.</p>}
            {r.region.saturated ? (
              <p class="notice error" role="alert" data-testid="saturated">
                Saturazione: {r.region.saturatedServices.length} PIS con unità insufficienti; le medie non hanno senso e non sono mostrate.
              </p>
            ) : (
              <div class="kpis" data-testid="des-kpis">
                <div><span class="kpi">{est(resp?.p50Min ?? null, (x) => x.toFixed(0))}</span> min p50</div>
                <div><span class="kpi">{est(resp?.p90Min ?? null, (x) => x.toFixed(0))}</span> min p90</div>
                <div><span class="kpi">{est(resp?.shareWithinTarget ?? null, pct)}</span> entro {r.targetMin} min</div>
              </div>
            )}
            <p class="small">
              {r.replicationsDone} repliche × {r.horizonDays} giorni, seme {r.seed}. Segnalazioni per replica: {est(r.region.reports, (x) => fmtInt(Math.round(x)))};
              interventi sul posto: {est(r.region.dispatched, (x) => fmtInt(Math.round(x)))}. Intervalli al 95%.
            </p>
            <div class="actions">
              <button type="button" onClick={() => download('simulazione-pis.csv', tableCsv(
                ['pis', 'unita', 'utilizzo_medio', 'p90_min', 'prob_tutte_occupate', 'saturo'],
                r.services.map((s) => [s.name, s.units, s.utilisation ? Number(s.utilisation.mean.toFixed(3)) : null, s.response?.p90Min ? Math.round(s.response.p90Min.mean) : null, s.pAllBusy ? Number(s.pAllBusy.mean.toFixed(3)) : null, s.saturated ? 'sì' : 'no']),
                r.illustrative), 'text/csv;charset=utf-8')}>Esporta CSV</button>
            </div>
            <table class="des-table">
              <thead><tr><th>PIS</th><th class="num">unità</th><th class="num">utilizzo</th><th class="num">p90</th><th class="num">tutte occupate</th></tr></thead>
              <tbody>
                {r.services.map((s) => (
                  <tr key={s.id} class={s.saturated ? 'fail' : ''}>
                    <td>{s.name}{s.saturated && <div class="small">{s.saturationReasons.join('; ')}</div>}</td>
                    <td class="num">{s.units}</td>
                    <td class="num">{est(s.utilisation, pct)}</td>
                    <td class="num">{s.response ? est(s.response.p90Min, (x) => x.toFixed(0)) : 'saturo'}</td>
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
  const v = Number(raw);
  return Number.isInteger(v) && v >= lo && v <= hi ? v : fallback;
}

function coverageCsv(rows: GroupStats[], thresholds: number[], illustrative: boolean): string {
  const head = ['codice_ambito', 'ambito', 'residenti', ...thresholds.map((t) => `quota_entro_${t}_min`), 'media_min', 'p90_min'];
  const num = (x: number | null, digits = 1) => (x === null || !Number.isFinite(x) ? '' : x.toFixed(digits).replace('.', ','));
  const lines = rows.map((g) => [g.code, g.name, String(g.residents), ...g.shareWithin.map((s) => num(s * 100)), num(g.meanResponseMin), num(g.p90ResponseMin)].join(';'));
  return `\uFEFF${illustrative ? '# Esempio illustrativo — non sono dati reali\r\n' : ''}${[head.join(';'), ...lines].join('\r\n')}\r\n`;
}
