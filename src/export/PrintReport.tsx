// The A4-landscape report printed by the browser (and saved as PDF from its print dialog): the
// map as exported, the coverage KPIs, the 50,000-rule table and one row per Ambito. It is
// rendered into a container outside the app; print.css shows only that container on paper.
import { render } from 'preact';
import type { Territory } from '../core/territory/index.ts';
import { serviceOfAmbito, statusOf, type Scenario } from '../core/scenario/index.ts';
import type { CoverageResult } from '../core/coverage/index.ts';
import type { Rule50kResult } from '../core/rule50k/index.ts';
import type { Caption } from './caption.ts';
import type { LegendModel } from './legendModel.ts';
import { fmt, fmtInt, t } from '../i18n/strings.ts';
import { lang } from '../i18n/lang.ts';
import { ruleReasons, targetText } from '../i18n/modelText.ts';

export interface ReportData {
  caption: Caption;
  legend: LegendModel;
  mapUrl: string;
  scenario: Scenario;
  territory: Territory;
  /** Absent when the worker could not compute it in time: the report says so. */
  coverage?: { coverage: CoverageResult; rule50k: Rule50kResult };
  coverageNote?: string;
}

const pct = (x: number) => fmt.pct(x);
const mins = (x: number | null) => (x === null || !Number.isFinite(x) ? '—' : `${Math.round(x)} min`);

export function PrintReport({ data }: { data: ReportData }) {
  const { caption, scenario, territory, coverage } = data;
  const tt = t();
  const R = tt.report;
  const byAmbito = new Map(coverage?.coverage.byAmbito.map((g) => [g.code, g]) ?? []);
  const c = coverage?.coverage;
  const targetIdx = c ? Math.max(0, c.thresholdsMin.indexOf(c.targetMin)) : 0;
  const ambiti = [...territory.data.ambiti].sort((a, b) => a.name.localeCompare(b.name, 'it'));
  return (
    <article class="report" lang={lang.value}>
      <header class="report-head">
        <h1>{caption.title}</h1>
        <p>{caption.subtitle} · {caption.dateLine}</p>
        {caption.illustrativeLabel && <p class="report-illustrative" role="note">{caption.illustrativeLabel}</p>}
      </header>
      <section class="report-page report-map">
        <img src={data.mapUrl} alt={R.mapAlt(caption.title, data.legend.heading)} />
        <p class="report-sources">{caption.attribution}</p>
      </section>
      <section class="report-page">
        <h2>{R.coverage}</h2>
        {c ? (
          <>
            <ul class="report-kpis">
              {c.thresholdsMin.map((th, i) => <li key={th}><strong>{pct(c.region.shareWithin[i])}</strong>{R.within(th)}</li>)}
              <li>{R.mean(mins(c.region.meanResponseMin), mins(c.region.p90ResponseMin))}</li>
              <li><strong>{fmtInt(c.residentsWithoutPis)}</strong>{R.withoutPis}</li>
              {/* Unknown is not absent: the residents whose PIS status is not known are counted apart. */}
              <li><strong>{fmtInt(c.residentsPisUnknown)}</strong>{R.pisUnknown}</li>
            </ul>
            <p class="small">{R.estimatedNote}</p>
          </>
        ) : <p>{data.coverageNote ?? R.notComputed}</p>}
        {coverage && (
          <>
            <h2>{R.rule50k}</h2>
            <p class="small">{coverage.rule50k.legalText} — {coverage.rule50k.legalSource}</p>
            {/* The law (availability at all hours, no time limit) and the planning target (minutes) side by side, never merged. */}
            <p class="small" data-testid="report-rule-summary">
              {tt.roster.ruleSummary(coverage.rule50k.passCount, coverage.rule50k.failCount, coverage.rule50k.nonDeterminabileCount, coverage.rule50k.comuni.length)}{' '}
              {tt.roster.targetSummary(coverage.rule50k.targetMetCount, coverage.rule50k.targetNotMetCount, coverage.rule50k.targetUnknownCount, coverage.rule50k.targetMin)}
            </p>
            <table class="report-rule50k">
              <thead><tr>
                <th scope="col">{R.comune}</th><th scope="col">{R.province}</th><th scope="col" class="num">{R.residents}</th><th scope="col">{R.pis}</th>
                <th scope="col">{tt.roster.legal}</th><th scope="col">{tt.roster.target(coverage.rule50k.targetMin)}</th><th scope="col" class="num">{R.time}</th><th scope="col">{R.reasons}</th>
              </tr></thead>
              <tbody>
                {coverage.rule50k.comuni.map((e) => (
                  <tr key={e.istat_code} data-legal={e.legal}>
                    <td>{e.name}{e.capoluogo ? R.capoluogo : ''}</td><td>{e.province}</td><td class="num">{fmtInt(e.residents)}</td>
                    <td>{e.pisName ?? R.none}</td>
                    <td>{tt.roster.legalValues[e.legal]}</td><td>{targetText(e)}</td><td class="num">{mins(e.responseMin)}</td>
                    <td class="small">{ruleReasons(e, coverage.rule50k.targetMin)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </section>
      <section class="report-page">
        <h2>{R.ambiti(ambiti.length)}</h2>
        <table class="report-ambiti">
          <thead>
            <tr>
              <th scope="col">{R.ambito}</th><th scope="col">{R.code}</th><th scope="col" class="num">{R.comuni}</th><th scope="col" class="num">{R.residents}</th>
              <th scope="col">{R.pisStatus}</th><th scope="col">{R.pisService}</th>
              {c && <th scope="col" class="num">{R.withinHead(c.targetMin)}</th>}{c && <th scope="col" class="num">p90</th>}
            </tr>
          </thead>
          <tbody>
            {ambiti.map((a) => {
              const r = territory.rollupOf('ambito', a.code);
              const svc = serviceOfAmbito(scenario, a.code);
              const g = byAmbito.get(a.code);
              return (
                <tr key={a.code}>
                  <td>{a.name}</td><td>{a.code}</td><td class="num">{r.comuni}</td><td class="num">{fmtInt(r.residents)}</td>
                  <td>{tt.enums.status[statusOf(scenario, a.code)]}</td><td>{svc ? `${svc.name}${svc.members.length > 1 ? R.sovra : ''}` : '—'}</td>
                  {c && <td class="num">{g ? pct(g.shareWithin[targetIdx]) : '—'}</td>}{c && <td class="num">{g ? mins(g.p90ResponseMin) : '—'}</td>}
                </tr>
              );
            })}
          </tbody>
        </table>
        <p class="report-sources">{caption.attribution} · {caption.dateLine}</p>
      </section>
    </article>
  );
}

export const REPORT_ID = 'print-report';

/** Mounts the report (replacing a previous one), resolves once its map image has loaded. */
export async function mountReport(data: ReportData): Promise<HTMLElement> {
  document.getElementById(REPORT_ID)?.remove();
  const host = document.createElement('div');
  host.id = REPORT_ID;
  document.body.append(host);
  render(<PrintReport data={data} />, host);
  const img = host.querySelector('img');
  if (img && !img.complete) await new Promise<void>((resolve) => { img.onload = img.onerror = () => resolve(); });
  return host;
}

export function unmountReport(): void {
  const host = document.getElementById(REPORT_ID);
  if (!host) return;
  render(null, host);
  host.remove();
}
