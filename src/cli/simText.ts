// The CLI's text for the simulation and the demand behind it: percentiles with their 95 %
// intervals, calls a year where they arise (the 19 comuni of the 50,000 rule, each PIS), the
// Lomellina check, and the caveats the UI shows. Kept apart from simulate.ts so the text is testable.
import type { Caveat } from '../core/des/caveats.ts';
import type { Estimate } from '../core/des/stats.ts';
import type { SimulationResult } from '../core/des/simulate.ts';
import { componentRatesPerYear } from '../core/des/demand.ts';
import { formatIt } from '../core/format/numbers.ts';

const it1 = (x: number): string => formatIt(x, { maximumFractionDigits: 1, minimumFractionDigits: 1 });
const int = (x: number): string => formatIt(Math.round(x));

/** "43,9 min (43,8–43,9)"; "—" when absent. */
export function fmtEstimateMin(e: Estimate | null | undefined): string {
  if (!e) return '—';
  return `${it1(e.mean)} min (IC 95% ${it1(e.ciLow)}–${it1(e.ciHigh)})`;
}

const estCount = (e: Estimate | null | undefined): string => (e ? `${int(e.mean)} (${int(e.ciLow)}–${int(e.ciHigh)})` : '—');

export function demandLines(sim: SimulationResult): string[] {
  const d = sim.demand;
  const rates = componentRatesPerYear(d.calibration, sim.assumptions.kinds);
  const it3 = (x: number) => formatIt(x, { maximumFractionDigits: 3, minimumFractionDigits: 3 });
  return [
    `Domanda (calibrata sul PIS di Rho, 86 segnalazioni in ${int(d.calibration.closureHours)} ore di chiusura, lug 2023 – set 2025), all'anno nelle ore di chiusura:`,
    `  ${it1(rates.residents * 1e5)} ogni 100.000 residenti (58 di 86); MSNA ${it3(rates.msna)} per minore presente nella provincia (21 di 86); grave marginalità ${it3(rates.graveMarginalita)} per iscritto senza dimora (7 di 86)`,
    `  attese in Lombardia: ${int(d.expected.total)} all'anno (${int(d.expected.closure)} in ore di chiusura, ${int(d.expected.office)} in orario d'ufficio), ${int(d.expected.dispatched)} con intervento sul posto`,
    `  per comune (segnalazioni/anno, di cui con intervento; indicatore di grave marginalità e fonte):`,
    ...d.comuni50k.map((c) => `    ${c.istat} ${c.name.padEnd(20)} ${it1(c.expectedReportsYear).padStart(6)}  (${it1(c.expectedDispatchedYear)})  indicatore ${int(c.indicator)}: ${c.indicatorSource}`),
    `  Verifica fuori campione, Lomellina feb–nov 2023: previste ${it1(d.lomellina.predictedReports)} segnalazioni (${it1(d.lomellina.predictedPertinent)} emergenze e urgenze), osservate ${d.lomellina.observedActivations} attivazioni`,
  ];
}

export function simulationLines(sim: SimulationResult): string[] {
  const r = sim.region;
  const head = `Simulazione: ${sim.replicationsDone} repliche × ${sim.horizonDays} giorni, seme ${sim.seed}; segnalazioni ${estCount(r.reports)}; con intervento: del PIS ${estCount(r.dispatched)}, dei servizi territoriali in orario di apertura ${estCount(r.handledByTerritorial)}, scoperte dal turno (nessuno in servizio, non in coda) ${estCount(r.uncoveredByRoster)}, da comuni senza PIS ${estCount(r.unserved)}`;
  const resp = r.response;
  const lines = [head];
  lines.push('  percentili delle sole chiamate servite dal PIS (le scoperte dal turno non sono tempi di risposta):');
  if (r.saturated) lines.push(`  SATURAZIONE (coda in crescita) in ${r.saturatedServices.join(', ')}: percentili non mostrati`);
  else if (resp) {
    lines.push(`  regione p50 ${fmtEstimateMin(resp.p50Min)}`);
    lines.push(`  regione p90 ${fmtEstimateMin(resp.p90Min)}`);
    lines.push(`  regione p95 ${fmtEstimateMin(resp.p95Min)}`);
    if (resp.shareWithinTarget) lines.push(`  entro ${sim.targetMin} min: ${it1(resp.shareWithinTarget.mean * 100)}% delle chiamate servite`);
  }
  lines.push('  per PIS (chiamate con intervento all\'anno: gestite dal PIS simulate / attese in tutte le ore; p90):');
  for (const s of sim.services) {
    const status = s.noUnits ? s.noUnitsLabel : s.saturated ? `SATURO: ${s.saturationReasons.join('; ')}` : `p90 ${fmtEstimateMin(s.response?.p90Min)}`;
    const perYear = (x: number | undefined) => (x === undefined ? '—' : it1((x * 365) / sim.horizonDays));
    const gap = s.uncoveredByRoster && s.uncoveredByRoster.mean > 0 ? `; scoperte dal turno ${perYear(s.uncoveredByRoster.mean)}` : '';
    const terr = s.handledByTerritorial && s.handledByTerritorial.mean > 0 ? `; ai servizi territoriali ${perYear(s.handledByTerritorial.mean)}` : '';
    lines.push(`    ${s.name}: ${perYear(s.calls?.mean)} / ${it1(s.expectedDispatchedYear)}${terr}${gap}; ${status}`);
  }
  return lines;
}

export function caveatLines(caveats: readonly Caveat[]): string[] {
  return caveats.length ? ['Da sapere:', ...caveats.map((c) => `  * ${c.text}`)] : [];
}
