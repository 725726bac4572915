// Import of an official comune → Ambito table: validation with row numbers, the diff report, and
// the application as sourced rows.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTerritory } from '../../src/core/territory/index.ts';
import { applyOfficialComposition, describeDiff, diffComposition, parseOfficialComposition } from '../../src/core/territory/officialComposition.ts';
import { loadTerritoryData, repoRoot } from './helpers/realData.ts';

const data = loadTerritoryData();
const t = createTerritory(data);
const shippedCsv = readFileSync(join(repoRoot, 'geodata/generated/comuni-ambiti.csv'), 'utf8');

describe('official comune → Ambito table', () => {
  it('accepts the project\'s own CSV and confirms every row', () => {
    const r = parseOfficialComposition(shippedCsv, t);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(Object.keys(r.rows)).toHaveLength(1503);
    const d = diffComposition(t, r.rows);
    expect(d.estimatesConfirmed).toHaveLength(307);
    expect(d.estimatesCorrected).toHaveLength(0);
    expect(d.sourcedContradicted).toHaveLength(0);
    expect(d.sourcedConfirmed).toBe(1196);
  });

  it('reports corrected estimates and contradicted sourced rows, and applies them as sourced', () => {
    const estimated = data.comuni.find((c) => c.status === 'estimated')!;
    const rows = 'codice_istat;codice_ambito\n' + `${estimated.istat};50095\n015182;50007\n`;
    const r = parseOfficialComposition(rows, t);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.warnings[0]).toMatch(/1501 comuni non sono nella tabella/);
    const d = diffComposition(t, r.rows);
    expect(d.estimatesCorrected).toEqual([[estimated.istat, estimated.ambito, '50095']]);
    expect(d.sourcedContradicted).toEqual([['015182', '50095', '50007']]);
    expect(describeDiff(t, d).join('\n')).toMatch(/Rho \(015182\): documentato in Rho, la tabella ufficiale dice Milano/);
    const applied = applyOfficialComposition(data, { label: 'ufficiale', rows: r.rows });
    const c = applied.comuni.find((x) => x.istat === estimated.istat)!;
    expect([c.ambito, c.status, c.source]).toEqual(['50095', 'sourced', 'ufficiale']);
    expect(data.comuni.find((x) => x.istat === estimated.istat)!.status).toBe('estimated'); // input untouched
  });

  it('rejects bad tables naming the row', () => {
    const bad = (text: string) => {
      const r = parseOfficialComposition(text, t);
      return r.ok ? [] : r.errors;
    };
    expect(bad('comune;ambito_code\nRho;50095\n')[0]).toMatch(/riga 1: servono le colonne/);
    expect(bad('istat_code,ambito_code\n015182,50095\n999999,50095\n')[0]).toMatch(/riga 3: codice ISTAT "999999" sconosciuto/);
    expect(bad('istat_code;ambito_code\n015182;12345\n')[0]).toMatch(/riga 2: codice Ambito "12345" sconosciuto/);
    expect(bad('istat_code;ambito_code\n015182;50095\n15182;50095\n')[0]).toMatch(/riga 3: comune 015182 già presente alla riga 2/);
    expect(bad('istat_code;ambito_code\n')[0]).toMatch(/nessuna riga/);
    expect(bad('')[0]).toBeTruthy();
    const withNul = new Uint8Array([...new TextEncoder().encode('istat_code;ambito_code\n'), 0, 65]);
    expect(parseOfficialComposition(withNul, t).ok).toBe(false);
  });
});
