// The CSV layouts of the app's tables (core/format/csvTables.ts), on hand-checkable fixtures:
// columns, rounding, decimal comma in Italian, the illustrative first line, cents that add up.
import { describe, expect, it } from 'vitest';
import type { GroupStats } from '../../src/core/coverage/stats.ts';
import type { ServiceSimResult } from '../../src/core/des/simulate.ts';
import type { SharesResult } from '../../src/core/optimise/shares.ts';
import { costShareColumns, costSharesCsv, coverageByAmbitoCsv, desServicesCsv, roundTo, tableCsv } from '../../src/core/format/csvTables.ts';
import { parseCsv } from '../../src/core/scenario/csvText.ts';

const IT = { locale: 'it' as const };
/** The CSV as rows of plain cells (BOM, quotes and CRLF removed by the project's own reader). */
function cells(text: string): string[][] {
  const p = parseCsv(text.replace(/^\uFEFF/, ''));
  if (!p.ok) throw new Error(p.errors.join('; '));
  return p.records.map((r) => r.fields);
}
const est = (mean: number) => ({ mean, low: mean, high: mean, n: 30 });

describe('csv tables', () => {
  it('roundTo: half away from zero, empty for null and non-finite', () => {
    expect(roundTo(2.5, 0)).toBe(3);
    expect(roundTo(-2.5, 0)).toBe(-3);
    expect(roundTo(0.1234, 3)).toBe(0.123);
    expect(roundTo(0.1235, 3)).toBe(0.124);
    expect(roundTo(null, 1)).toBe(null);
    expect(roundTo(undefined, 1)).toBe(null);
    expect(roundTo(Infinity, 1)).toBe(null);
  });

  it('numbers with a decimal comma in Italian and no thousands groups; point in English; illustrative line first', () => {
    const it_ = tableCsv(['a', 'b'], [['x', 1234567.5], [null, 0.25]], { locale: 'it', illustrative: true });
    expect(cells(it_)).toEqual([['# Esempio illustrativo — non sono dati reali'], ['a', 'b'], ['x', '1234567,5'], ['', '0,25']]);
    expect(cells(tableCsv(['a'], [[1234.5]], { locale: 'en' }))).toEqual([['a'], ['1234.5']]);
    // Formula payloads in text cells are neutralised by the one writer.
    expect(tableCsv(['a'], [['=1+1']], IT)).toContain(`"'=1+1"`);
  });

  it('coverage per Ambito: shares in percent with one decimal, minutes with one', () => {
    const g = { code: '50095', name: 'Rhodense', comuni: 9, residents: 175229, residentsReached: 175229, residentsWithin: [0, 1, 2], shareWithin: [0, 0.12345, 1], meanResponseMin: 33.333, p90ResponseMin: null } as unknown as GroupStats;
    expect(cells(coverageByAmbitoCsv([g], [15, 30, 45], IT))).toEqual([
      ['codice_ambito', 'ambito', 'residenti', 'quota_entro_15_min', 'quota_entro_30_min', 'quota_entro_45_min', 'media_min', 'p90_min'],
      ['50095', 'Rhodense', '175229', '0', '12,3', '100', '33,3', ''],
    ]);
  });

  it('DES per PIS: calls in roster gaps in their own column; no units is not a saturation', () => {
    const base = { id: 'a', name: 'PIS A', units: 2, calls: est(12.34), uncoveredByRoster: est(3.06), utilisation: est(0.12345), pAllBusy: est(0.0004), response: { p90Min: est(41.6) }, noUnits: false, noUnitsLabel: null, saturated: false };
    const none = { ...base, id: 'b', name: 'PIS B', units: 0, calls: null, uncoveredByRoster: null, utilisation: null, pAllBusy: null, response: null, noUnits: true, noUnitsLabel: 'nessuna base' };
    const sat = { ...base, id: 'c', name: 'PIS C', response: null, saturated: true };
    const rows = cells(desServicesCsv([base, none, sat] as unknown as ServiceSimResult[], IT));
    expect(rows[0]).toEqual(['pis', 'unita', 'chiamate_servite', 'chiamate_scoperte_turno', 'utilizzo_medio', 'p90_min', 'prob_tutte_occupate', 'saturo']);
    expect(rows[1]).toEqual(['PIS A', '2', '12,3', '3,1', '0,123', '42', '0', 'no']);
    expect(rows[2]).toEqual(['PIS B', '0', '', '', '', '', '', 'nessuna base']);
    expect(rows[3]).toEqual(['PIS C', '2', '12,3', '3,1', '0,123', '', '0', 'sì']);
  });

  it('cost shares: cents per rule add up to the budget exactly, total row last', () => {
    const split = (eur: number) => ({ share: eur / 100, eur });
    const member = (ambito: string, eur: number, calls: number, p90: number | null) => ({
      ambito, name: `Ambito ${ambito}`, residents: 1000, expectedCallsYear: calls,
      byResidents: split(eur), byExpectedCalls: split(eur), shapley: split(eur), kpi: { p90Min: p90 },
    });
    // Three equal thirds of 100 € cannot all be 33,33: one member takes the leftover cent.
    const r = { annualBudgetEur: 100, members: [member('1', 100 / 3, 1.26, 40.4), member('2', 100 / 3, 2, null), member('3', 100 / 3, 3, 50.5)] } as unknown as SharesResult;
    const cols = costShareColumns(r);
    for (const c of [cols.res, cols.calls, cols.shap]) {
      expect(Math.round(c.reduce((x, y) => x + y, 0) * 100)).toBe(10000);
      expect([...c].sort()).toEqual([33.33, 33.33, 33.34]);
    }
    const rows = cells(costSharesCsv(r, 'Totale', { locale: 'it', illustrative: true }));
    expect(rows[0]).toEqual(['# Esempio illustrativo — non sono dati reali']);
    expect(rows[1]).toEqual(['ambito', 'residenti', 'chiamate_attese_anno', 'quota_residenti_eur', 'quota_chiamate_eur', 'quota_shapley_eur', 'p90_min']);
    expect(rows[2]?.slice(0, 3)).toEqual(['Ambito 1', '1000', '1,3']);
    expect(rows[2]?.[6]).toBe('40');
    expect(rows[3]?.[6]).toBe('');
    expect(rows[5]).toEqual(['Totale', '3000', '6,3', '100', '100', '100', '']);
  });
});
