// The 50,000 rule (LEPS 3.7.1) in the simulation panel: two answers per comune, side by side and
// never merged — the LEGAL TEST (grave-marginalità intervention available at all hours through
// the comune's PIS; no time limit) and the PLANNING TARGET (editable minutes, band by band).
import type { Rule50kEntry, Rule50kResult } from '../core/rule50k/rule50k.ts';
import { fmt, t } from '../i18n/strings.ts';
import { ruleFix, ruleReasons, targetText } from '../i18n/modelText.ts';
import { useApp, type AppContext } from './context.ts';
import { OpenTableButton, type TableSpec } from './TableDrawer.tsx';

export { targetText };

const legalClass = (e: Rule50kEntry): string => (e.legal === 'pass' ? 'sourced' : e.legal === 'fail' ? 'estimated' : 'unknown');

export function Rule50kSection({ r }: { r: Rule50kResult }) {
  const app = useApp();
  const M = t().sim;
  const R = t().roster;
  return (
    <>
      <h3>{M.rule50k}</h3>
      <blockquote class="small">{r.legalText} <cite>— {r.legalSource}</cite></blockquote>
      <p class="small" data-testid="rule50k-summary">
        {R.ruleSummary(r.passCount, r.failCount, r.nonDeterminabileCount, r.comuni.length)} {R.targetSummary(r.targetMetCount, r.targetNotMetCount, r.targetUnknownCount, r.targetMin)}
        {M.ruleDate(r.populationDate.split('-').reverse().join('/')).replace(/^\)\.\s*/, ' ')}
      </p>
      <div class="actions">
        <OpenTableButton id="rule50k" label={M.fullRuleTable} count={r.comuni.length} spec={() => rule50kTable(app)} />
      </div>
      <table class="rule50k" data-testid="rule50k-table">
        <thead><tr><th>{M.comune}</th><th title={R.legalTitle}>{R.legal}</th><th title={R.targetTitle}>{R.target(r.targetMin)}</th></tr></thead>
        <tbody>
          {r.comuni.map((e) => (
            <tr key={e.istat_code} class={e.legal === 'pass' ? 'pass' : e.legal === 'fail' ? 'fail' : 'unknown'} data-legal={e.legal}>
              <td>
                <button type="button" class="link" onClick={() => app.state.actions.selectComune(e.istat_code, { focus: true })}>{e.name}</button>
                {e.capoluogo && <span class="badge" title={M.capoluogoTitle}>{M.capoluogo}</span>}
              </td>
              <td data-col="legal"><span class={`status ${legalClass(e)}`}>{R.legalValues[e.legal]}</span></td>
              <td data-col="target" class="small">{targetText(e)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

export function rule50kTable(ctx: AppContext): TableSpec<Rule50kEntry> | null {
  const cov = ctx.sim.coverage.value;
  if (!cov || cov.status !== 'ok') return null;
  const r = cov.value.rule50k;
  const M = t().sim;
  const R = t().roster;
  return {
    title: M.rule50k,
    note: `${r.legalSource}. ${R.legalTitle}. ${M.ruleDate(r.populationDate.split('-').reverse().join('/')).replace(/^\)\.\s*/, '')}`,
    csvName: 'regola-50000.csv',
    illustrative: ctx.state.scenario.value.illustrative,
    rows: r.comuni,
    rowKey: (e) => e.istat_code,
    rowClass: (e) => (e.legal === 'pass' ? 'pass' : e.legal === 'fail' ? 'fail' : 'unknown'),
    columns: [
      { id: 'codice_istat', label: 'ISTAT', value: (e) => e.istat_code },
      { id: 'comune', label: M.comune, value: (e) => e.name, cell: (e) => <button type="button" class="link" onClick={() => ctx.state.actions.selectComune(e.istat_code, { focus: true })}>{e.name}</button> },
      { id: 'residenti', label: M.residents, num: true, value: (e) => e.residents, cell: (e) => fmt.int(e.residents) },
      { id: 'ambito', label: M.ambito, value: (e) => e.ambitoName },
      { id: 'pis', label: M.pis, value: (e) => e.pisName ?? null, cell: (e) => e.pisName ?? <span class="muted">{M.none}</span> },
      { id: 'test_legale', label: R.legal, value: (e) => e.legal, cell: (e) => <span class={legalClass(e)}>{R.legalValues[e.legal]}</span> },
      { id: 'obiettivo', label: R.target(r.targetMin), value: (e) => (e.targetMet === null ? 'non determinabile' : e.targetMet ? 'raggiunto' : `non raggiunto${e.targetFailingBands.length ? ': ' + e.targetFailingBands.join(' ') : ''}`), cell: (e) => targetText(e) },
      { id: 'tempo_min', label: M.time, num: true, value: (e) => (e.responseMin === null ? null : Math.round(e.responseMin)), cell: (e) => fmt.minutes(e.responseMin) },
      { id: 'motivi', label: M.reasons, wide: true, value: (e) => ruleReasons(e, r.targetMin) },
      { id: 'correzione_minima', label: M.fix, wide: true, value: (e) => ruleFix(e) },
    ],
  };
}
