// Associated PIS: where its bases should sit (heuristic at once, exact with HiGHS after), whom to
// associate, what each member pays, and scenario A vs B. Every figure comes from the optimiser
// worker on the current scenario; assumptions are labelled where they are used.
import { useState } from 'preact/hooks';
import { SITING_OBJECTIVE_LABELS, type MemberKpi, type SitingObjective } from '../core/optimise/siting.ts';
import { DEFAULT_ANNUAL_BUDGET_EUR, DEFAULT_FIXED_SHARE, RHO_BUDGET_2026_27_EUR } from '../core/optimise/shares.ts';
import { DEFAULT_MAX_P90_MIN, DEFAULT_MIN_RESIDENTS } from '../core/optimise/associations.ts';
import type { SitingResult } from '../core/optimise/api.ts';
import { fmt, fmtInt, t } from '../i18n/strings.ts';
import { costShareColumns, costSharesCsv } from '../core/format/csvTables.ts';
import { useApp } from './context.ts';
import { csvOptions, download, slug } from './download.ts';
import { OpenTableButton } from './TableDrawer.tsx';
import { associationText, comparisonText } from '../i18n/modelText.ts';

const min = (x: number | null | undefined) => fmt.minutes(x);
const pct = (x: number) => fmt.pct(x);
const eur = (x: number) => fmt.eur(x);

export function OptimisePanel() {
  const { state, opt } = useApp();
  const svc = opt.serviceOf(state.selectedAmbito.value);
  const O = t().optimise;
  return (
    <section class="optimise" aria-labelledby="opt-title">
      <h2 id="opt-title" class="sr-only">{O.title}</h2>
      {state.scenario.value.illustrative && <p class="illustrative-note" role="note">{O.illustrative}</p>}
      <h3>{O.sitingTitle}</h3>
      {svc ? <Siting serviceId={svc.id} /> : <p class="hint">{O.sitingHint}</p>}
      <h3>{O.sharesTitle}</h3>
      {svc ? <Shares serviceId={svc.id} members={svc.members.length} budget={svc.annualBudgetEur} /> : <p class="hint">{O.sharesHint}</p>}
      <Associations />
      <Compare />
    </section>
  );
}

function Kpis({ rows, title }: { rows: MemberKpi[] | null; title: string }) {
  if (!rows) return null;
  const O = t().optimise;
  return (
    <table class="kpi-table">
      <caption class="small">{title}</caption>
      <thead><tr><th>{O.ambito}</th><th class="num">{O.mean}</th><th class="num">p90</th><th class="num">{O.withinT}</th></tr></thead>
      <tbody>{rows.map((r) => <tr key={r.ambito} class={r.ambito === 'totale' ? 'total' : ''}><td>{r.name}</td><td class="num">{min(r.meanMin)}</td><td class="num">{min(r.p90Min)}</td><td class="num">{pct(r.shareWithinT)}</td></tr>)}</tbody>
    </table>
  );
}

/** The proven gap of the heuristic's answer (bound over all candidates), at once with the heuristic. */
function Bound({ r }: { r: SitingResult }) {
  const b = r.bound;
  if (!b) return null;
  const O = t().optimise;
  const pct2 = (x: number) => fmt.pctValue(x, 2);
  const s = b.ms < 1000 ? `${fmt.int(Math.max(1, Math.round(b.ms)))} ms` : fmt.seconds(b.ms);
  return (
    <p class="small" data-testid="siting-bound" data-gap={b.gapPct} data-proven={b.proven}>
      {b.proven ? O.boundProven(O.boundMethod[b.method], s) : O.boundLine(pct2(b.gapPct), b.travelGapPct === null ? null : pct2(b.travelGapPct), O.boundMethod[b.method], s)}
    </p>
  );
}

function Siting({ serviceId }: { serviceId: string }) {
  const { opt, sim } = useApp();
  const f = opt.form.value;
  const s = opt.siting.value?.serviceId === serviceId ? opt.siting.value : undefined;
  const h = s?.heuristic;
  const e = s?.exact;
  const tt = t();
  const O = tt.optimise;
  return (
    <div data-testid="siting">
      <div class="form-grid">
        <label for="opt-objective">{O.objective}</label>
        <select id="opt-objective" value={f.objective} onChange={(ev) => opt.setForm({ objective: (ev.target as HTMLSelectElement).value as SitingObjective })}>
          {(Object.keys(SITING_OBJECTIVE_LABELS) as SitingObjective[]).map((o) => <option key={o} value={o}>{tt.enums.objective[o]}</option>)}
        </select>
        <label for="opt-k">{O.k}</label>
        <input id="opt-k" inputMode="numeric" value={fmt.input(f.k)} onChange={(ev) => { const v = fmt.read((ev.target as HTMLInputElement).value, { integer: true, min: 1, max: 12 }); if (v !== undefined) opt.setForm({ k: v }); }} />
        <label for="opt-t">{O.t}</label>
        <input id="opt-t" inputMode="decimal" value={fmt.input(f.targetMin ?? sim.options.value.targetMin)} onChange={(ev) => { const v = fmt.read((ev.target as HTMLInputElement).value, { min: 5, max: 240 }); if (v !== undefined) opt.setForm({ targetMin: v }); }} />
        <label for="opt-keep">{O.keep}</label>
        <input id="opt-keep" type="checkbox" checked={f.keepExisting} onChange={(ev) => opt.setForm({ keepExisting: (ev.target as HTMLInputElement).checked })} />
        <label for="opt-limit">{O.limit}</label>
        <input id="opt-limit" inputMode="numeric" value={fmt.input(f.timeLimitSec)} onChange={(ev) => { const v = fmt.read((ev.target as HTMLInputElement).value, { min: 1, max: 600 }); if (v !== undefined) opt.setForm({ timeLimitSec: v }); }} />
      </div>
      <div class="actions">
        <button type="button" class="primary" onClick={() => void opt.site(serviceId)} disabled={h?.status === 'running' || e?.status === 'running'}>{O.compute}</button>
        {e?.status === 'running' && <button type="button" onClick={() => opt.cancel()}>{O.stopExact}</button>}
      </div>
      <div aria-live="polite" data-testid="siting-status" data-heuristic={h?.status ?? 'idle'} data-exact={e?.status ?? 'idle'}>
        {h?.status === 'error' && <p class="notice error" role="alert">{h.message}</p>}
        {h?.status === 'ok' && (
          <div>
            <p class="small"><strong>{O.heuristic}</strong>{O.heuristicLine(fmt.int(h.value.heuristic.ms), h.value.heuristic.bases.map((b) => b.name + (b.fixed ? O.fixed : '')).join(', '))}</p>
            <Bound r={e?.status === 'ok' ? e.value : h.value} />
            {e?.status === 'running' && <p class="small muted" role="status">{O.exactRunning}</p>}
            {e?.status === 'cancelled' && <p class="small" role="status">{O.exactCancelled}</p>}
            {e?.status === 'error' && <p class="notice error" role="alert">{O.exactFailed(e.message)}</p>}
            {e?.status === 'ok' && e.value.exact && (
              <p class="small" data-testid="exact">
                <strong>{O.exact}</strong>{O.exactHead(e.value.exact.statusLabel, fmt.fixed(e.value.exact.ms / 1000, 1), e.value.exact.mipGapPct !== null ? fmt.fixed(e.value.exact.mipGapPct, 2) : null)}
                {O.gapBefore(e.value.exact.bases.map((b) => b.name).join(', '))}<strong data-testid="heuristic-gap">{e.value.heuristicGapPct === null ? '—' : fmt.pctValue(e.value.heuristicGapPct, 2)}</strong>{O.gapAfter}
                {e.value.exact.candidatesDropped > 0 && O.dropped(e.value.exact.candidatesDropped)}
              </p>
            )}
            <Kpis rows={h.value.before} title={O.before} />
            <Kpis rows={e?.status === 'ok' && e.value.afterExact ? e.value.afterExact : h.value.afterHeuristic} title={O.after} />
            {h.value.warnings.length > 0 && <ul class="small muted">{h.value.warnings.map((w, i) => <li key={i}>{w}</li>)}</ul>}
            <div class="actions">
              <button type="button" onClick={() => opt.adopt(e?.status === 'ok' && e.value.exact?.bases.length ? 'exact' : 'heuristic')}>{O.adopt}</button>
              {(!e || e.status === 'idle' || e.status === 'cancelled') && !h.value.bound?.proven && <button type="button" data-testid="certify" onClick={() => void opt.certify()}>{O.certify}</button>}
            </div>
          </div>
        )}
      </div>
    </div>
  );
}

function Shares({ serviceId, members, budget }: { serviceId: string; members: number; budget?: number }) {
  const { opt, state } = useApp();
  const illustrative = state.scenario.value.illustrative;
  const [amount, setAmount] = useState(fmt.input(budget ?? DEFAULT_ANNUAL_BUDGET_EUR));
  const [fixed, setFixed] = useState(fmt.input(DEFAULT_FIXED_SHARE * 100));
  const r = opt.shares.value;
  const O = t().optimise;
  return (
    <div data-testid="shares">
      <p class="small muted">
        {O.budgetNote(eur(RHO_BUDGET_2026_27_EUR), eur(DEFAULT_ANNUAL_BUDGET_EUR))}
      </p>
      <div class="form-grid">
        <label for="sh-budget">{O.budget}</label>
        <input id="sh-budget" value={amount} onInput={(ev) => setAmount((ev.target as HTMLInputElement).value)} />
        <label for="sh-fixed">{O.fixedShare}</label>
        <input id="sh-fixed" value={fixed} onInput={(ev) => setFixed((ev.target as HTMLInputElement).value)} />
      </div>
      <div class="actions">
        <button type="button" disabled={members < 1} onClick={() => {
          const b = fmt.parse(amount, { min: 0.01 });
          const fx = fmt.parse(fixed, { min: 0, max: 100 });
          if (!b.ok || !fx.ok) return state.actions.notify({ kind: 'error', text: O.badShareInput });
          void opt.computeShares(serviceId, b.value, fx.value / 100);
        }}>{O.computeShares}</button>
      </div>
      {r.status === 'running' && <p class="small muted" role="status">{O.computingShares}</p>}
      {r.status === 'error' && <p class="notice error" role="alert">{r.message}</p>}
      {r.status === 'ok' && (() => {
        // Shown and exported to the cent, split so that each column adds up to the budget exactly.
        const ms = r.value.members;
        const budgetEur = r.value.annualBudgetEur;
        const cols = costShareColumns(r.value);
        return (
        <>
          <div class="actions">
            <button type="button" onClick={() => download('quote-pis.csv', costSharesCsv(r.value, O.total, csvOptions(illustrative)), 'text/csv;charset=utf-8')}>{O.exportCsv}</button>
          </div>
          {/* Compact in the panel (what each member pays); residents, calls and p90 in the full table. */}
          <table class="shares-table" data-testid="shares-table" data-budget={budgetEur}>
            <thead><tr><th>{O.ambito}</th><th class="num">{O.byResidents}</th><th class="num">{O.byCalls}</th><th class="num">Shapley</th></tr></thead>
            <tbody>
              {ms.map((m, i) => (
                <tr key={m.ambito}><td>{m.name}</td><td class="num" data-col="res" data-eur={cols.res[i]}>{eur(cols.res[i])}</td><td class="num" data-col="calls" data-eur={cols.calls[i]}>{eur(cols.calls[i])}</td><td class="num" data-col="shap" data-eur={cols.shap[i]}>{eur(cols.shap[i])}</td></tr>
              ))}
            </tbody>
            <tfoot>
              <tr class="total" data-testid="shares-total"><th scope="row">{O.total}</th><td class="num">{eur(budgetEur)}</td><td class="num">{eur(budgetEur)}</td><td class="num">{eur(budgetEur)}</td></tr>
            </tfoot>
          </table>
          <div class="actions">
            <OpenTableButton id="shares" label={O.fullShares} spec={() => (opt.shares.value.status === 'ok' ? {
              title: O.sharesTitle, csvName: 'quote-pis.csv', illustrative, rows: ms.map((m, i) => ({ m, i })), rowKey: (x) => x.m.ambito,
              columns: [
                { id: 'ambito', label: O.ambito, value: (x) => x.m.name },
                { id: 'residenti', label: O.residents, num: true, value: (x) => x.m.residents, cell: (x) => fmtInt(x.m.residents) },
                { id: 'chiamate_attese_anno', label: O.callsYear, num: true, value: (x) => Math.round(x.m.expectedCallsYear * 10) / 10, cell: (x) => fmt.fixed(x.m.expectedCallsYear, 1) },
                { id: 'quota_residenti_eur', label: O.byResidents, num: true, value: (x) => cols.res[x.i], cell: (x) => eur(cols.res[x.i]) },
                { id: 'quota_chiamate_eur', label: O.byCalls, num: true, value: (x) => cols.calls[x.i], cell: (x) => eur(cols.calls[x.i]) },
                { id: 'quota_shapley_eur', label: 'Shapley', num: true, value: (x) => cols.shap[x.i], cell: (x) => eur(cols.shap[x.i]) },
                { id: 'p90_min', label: 'p90', num: true, value: (x) => (x.m.kpi.p90Min === null ? null : Math.round(x.m.kpi.p90Min)), cell: (x) => min(x.m.kpi.p90Min) },
              ],
            } : null)} />
          </div>
          <p class="small">
            {O.shapleyNote(r.value.shapleyMethod, eur(r.value.costPerBaseEur), r.value.targetMin)}
            {O.fairness(r.value.members.find((m) => m.ambito === r.value.fairness.worstMember)?.name ?? r.value.fairness.worstMember, min(r.value.fairness.worstP90Min), r.value.fairness.p90Gini === null || r.value.fairness.p90Gini === undefined ? '—' : fmt.fixed(r.value.fairness.p90Gini, 3))}
          </p>
        </>
        );
      })()}
    </div>
  );
}

function Associations() {
  const { opt, state } = useApp();
  const [level, setLevel] = useState<'ats' | 'asst' | 'distretto'>('ats');
  const [minRes, setMinRes] = useState(fmt.input(DEFAULT_MIN_RESIDENTS));
  const [maxP90, setMaxP90] = useState(fmt.input(DEFAULT_MAX_P90_MIN));
  const r = opt.associations.value;
  const tt = t();
  const O = tt.optimise;
  return (
    <div data-testid="associations">
      <h3>{O.suggested}</h3>
      <p class="small muted">{O.suggestedNote}</p>
      <div class="form-grid">
        <label for="as-level">{O.same}</label>
        <select id="as-level" value={level} onChange={(ev) => setLevel((ev.target as HTMLSelectElement).value as never)}>
          <option value="ats">ATS</option><option value="asst">ASST</option><option value="distretto">{tt.level.distretto}</option>
        </select>
        <label for="as-min">{O.minRes}</label>
        <input id="as-min" value={minRes} onInput={(ev) => setMinRes((ev.target as HTMLInputElement).value)} />
        <label for="as-p90">{O.maxP90}</label>
        <input id="as-p90" value={maxP90} onInput={(ev) => setMaxP90((ev.target as HTMLInputElement).value)} />
      </div>
      <div class="actions">
        <button type="button" onClick={() => void opt.suggest({ sameLevel: level, minResidents: fmt.read(minRes, { min: 0 }) ?? DEFAULT_MIN_RESIDENTS, maxP90Min: fmt.read(maxP90, { min: 1 }) ?? DEFAULT_MAX_P90_MIN })}>{O.propose}</button>
        {r.status === 'ok' && <button type="button" class="primary" onClick={() => opt.openProposal()}>{O.openProposal}</button>}
      </div>
      {r.status === 'running' && <p class="small muted" role="status">{O.computingProposals}</p>}
      {r.status === 'error' && <p class="notice error" role="alert">{r.message}</p>}
      {r.status === 'ok' && (
        <div data-testid="proposal">
          <p class="small">{O.proposalLine(r.value.groups.length, r.value.eligible.length, r.value.groups.filter((g) => g.members.length > 1).length)}</p>
          <ol class="small groups">
            {r.value.groups.filter((g) => g.members.length > 1).map((g) => (
              <li key={g.id}>
                <strong>{g.memberNames.join(' + ')}</strong>{O.groupLine(fmtInt(g.residents), g.base.name, min(g.worstP90Min))}
                <div class="muted">{associationText(g, { ...r.value.options, targetMin: r.value.options.targetMin ?? 30 })}</div>
              </li>
            ))}
          </ol>
          {state.scenario.value.illustrative && <p class="small muted">{O.proposalIllustrative}</p>}
        </div>
      )}
    </div>
  );
}

function Compare() {
  const { opt, state } = useApp();
  const w = state.workspace.value;
  const [a, setA] = useState(w.scenarios[0]?.id ?? '');
  const [b, setB] = useState(w.currentId);
  const r = opt.comparison.value;
  const tt = t();
  const O = tt.optimise;
  return (
    <div data-testid="compare">
      <h3>{O.compareTitle}</h3>
      <div class="form-grid">
        <label for="cmp-a">{O.scenarioA}</label>
        <select id="cmp-a" value={a} onChange={(ev) => setA((ev.target as HTMLSelectElement).value)}>{w.scenarios.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}</select>
        <label for="cmp-b">{O.scenarioB}</label>
        <select id="cmp-b" value={b} onChange={(ev) => setB((ev.target as HTMLSelectElement).value)}>{w.scenarios.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}</select>
      </div>
      <div class="actions">
        <button type="button" onClick={() => void opt.compare(a, b)} disabled={!a || !b || a === b}>{O.compare}</button>
        {r.status === 'ok' && (
          <>
            <button type="button" onClick={() => state.actions.setLevel('confronto')}>{O.showOnMap}</button>
            <button type="button" onClick={() => download(`confronto-${slug(r.value.nameA)}-${slug(r.value.nameB)}.csv`, r.value.csv, 'text/csv;charset=utf-8')}>{O.exportCsv}</button>
          </>
        )}
      </div>
      {r.status === 'running' && <p class="small muted" role="status">{O.comparing}</p>}
      {r.status === 'error' && <p class="notice error" role="alert">{r.message}</p>}
      {r.status === 'ok' && (
        <div data-testid="comparison">
          {r.value.illustrative && <p class="illustrative-note">{O.compareIllustrative}</p>}
          <ul class="small">{comparisonText(r.value.summary, r.value.nameA, r.value.nameB).map((t, i) => <li key={i}>{t}</li>)}</ul>
          <table class="compare-table">
            <thead><tr><th>{O.ambito}</th><th>{O.outcome}</th><th class="num">{O.deltaWithin(r.value.targetMin)}</th><th class="num">{O.deltaP90}</th></tr></thead>
            <tbody>
              {r.value.rows.filter((x) => x.outcome !== 'invariato').map((x) => {
                const ti = Math.max(0, r.value.thresholdsMin.indexOf(r.value.targetMin));
                return (
                  <tr key={x.ambito} class={`outcome-${x.outcome}`}>
                    <td>{x.name}</td><td>{tt.enums.outcome[x.outcome]}</td>
                    <td class="num">{fmt.points(x.deltaShareWithin[ti] * 100)}</td>
                    <td class="num">{x.deltaP90 === null ? '—' : fmt.signed(x.deltaP90, 1, 'min')}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
