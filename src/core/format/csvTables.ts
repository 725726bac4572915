// The layouts of the CSV tables the app exports (coverage per Ambito, DES per PIS, cost shares):
// columns, rounding and units decided here, in the core, so the UI, the CLI and the tests share one
// definition. Cells go through the one CSV writer (csvText.csvDocument: quoted, formula-neutralised,
// BOM, `;`, CRLF) and numbers through the one formatter (no thousands groups; decimal comma in
// Italian, so Excel in it-IT reads them as numbers).
import type { GroupStats } from '../coverage/stats.ts';
import type { ServiceSimResult } from '../des/simulate.ts';
import type { SharesResult } from '../optimise/shares.ts';
import { csvDocument } from '../scenario/csvText.ts';
import { ILLUSTRATIVE_NAME } from '../scenario/types.ts';
import { formatCsvNumber, splitCents, type NumberLocale } from './numbers.ts';

export type CsvCell = string | number | null;

export interface CsvTableOptions {
  locale: NumberLocale;
  /** An illustrative scenario's export says so in its first line (and a re-import keeps the label). */
  illustrative?: boolean;
}

/** Numbers are written with up to 6 decimals: round in the layout to the precision that means something. */
export function tableCsv(headers: readonly string[], rows: readonly (readonly CsvCell[])[], o: CsvTableOptions): string {
  const cells = rows.map((r) => r.map((v) => (typeof v === 'number' ? formatCsvNumber(v, o.locale, 6) : v)));
  return csvDocument([[...headers], ...cells], { notes: o.illustrative ? [`# ${ILLUSTRATIVE_NAME}`] : [] });
}

/** Half-away-from-zero rounding to `digits` decimals (null and non-finite values stay empty). */
export function roundTo(x: number | null | undefined, digits: number): number | null {
  if (x === null || x === undefined || !Number.isFinite(x)) return null;
  const f = 10 ** digits;
  return Math.sign(x) * Math.round(Math.abs(x) * f) / f;
}

/** Coverage per Ambito: shares within each threshold in percent (one decimal), mean and p90 in minutes. */
export function coverageByAmbitoCsv(rows: readonly GroupStats[], thresholdsMin: readonly number[], o: CsvTableOptions): string {
  const head = ['codice_ambito', 'ambito', 'residenti', ...thresholdsMin.map((t) => `quota_entro_${t}_min`), 'media_min', 'p90_min'];
  const lines = rows.map((g) => [
    g.code, g.name, g.residents, ...g.shareWithin.map((s) => roundTo(s * 100, 1)), roundTo(g.meanResponseMin, 1), roundTo(g.p90ResponseMin, 1),
  ]);
  return tableCsv(head, lines, o);
}

/**
 * DES per PIS (means over replications): calls served, calls in roster gaps (counted apart, never a
 * response time), utilisation and all-busy share (three decimals), p90 of the calls served, and
 * the saturation flag — or why the PIS has no units, which is not a saturation.
 */
export function desServicesCsv(services: readonly ServiceSimResult[], o: CsvTableOptions): string {
  const head = ['pis', 'unita', 'chiamate_servite', 'chiamate_scoperte_turno', 'utilizzo_medio', 'p90_min', 'prob_tutte_occupate', 'saturo'];
  const lines = services.map((s) => [
    s.name, s.units, roundTo(s.calls?.mean, 1), roundTo(s.uncoveredByRoster?.mean, 1), roundTo(s.utilisation?.mean, 3),
    roundTo(s.response?.p90Min?.mean, 0), roundTo(s.pAllBusy?.mean, 3),
    s.noUnits ? s.noUnitsLabel : s.saturated ? 'sì' : 'no',
  ]);
  return tableCsv(head, lines, o);
}

/** Each rule's split to the cent, adjusted so that every column adds up to the budget exactly. */
export function costShareColumns(r: SharesResult): { res: number[]; calls: number[]; shap: number[] } {
  return {
    res: splitCents(r.annualBudgetEur, r.members.map((m) => m.byResidents.eur)),
    calls: splitCents(r.annualBudgetEur, r.members.map((m) => m.byExpectedCalls.eur)),
    shap: splitCents(r.annualBudgetEur, r.members.map((m) => m.shapley.eur)),
  };
}

/** Cost shares per member Ambito and a total row (in the UI language: `totalLabel`). */
export function costSharesCsv(r: SharesResult, totalLabel: string, o: CsvTableOptions): string {
  const cols = costShareColumns(r);
  const ms = r.members;
  const head = ['ambito', 'residenti', 'chiamate_attese_anno', 'quota_residenti_eur', 'quota_chiamate_eur', 'quota_shapley_eur', 'p90_min'];
  const lines: CsvCell[][] = ms.map((m, i) => [
    m.name, m.residents, roundTo(m.expectedCallsYear, 1), roundTo(cols.res[i], 2), roundTo(cols.calls[i], 2), roundTo(cols.shap[i], 2), roundTo(m.kpi.p90Min, 0),
  ]);
  const budget = roundTo(r.annualBudgetEur, 2);
  lines.push([totalLabel, ms.reduce((x, m) => x + m.residents, 0), roundTo(ms.reduce((x, m) => x + m.expectedCallsYear, 0), 1), budget, budget, budget, null]);
  return tableCsv(head, lines, o);
}
