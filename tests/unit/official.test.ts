// Import of an official comune → Ambito table: validation with row numbers, the diff report, and
// the application as sourced rows.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTerritory } from '../../src/core/territory/index.ts';
import { applyOfficialComposition, describeDiff, diffComposition, parseOfficialComposition } from '../../src/core/territory/officialComposition.ts';
import { loadTerritoryData, repoRoot } from './helpers/realData.ts';
import { checkStoredOfficial } from '../../src/state/official.ts';
import { checkScenario, illustrativeScenario } from '../../src/core/scenario/index.ts';

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
    expect(bad('')).toEqual(['riga 1: file vuoto']);
    const withNul = new Uint8Array([...new TextEncoder().encode('istat_code;ambito_code\n'), 0, 65]);
    expect(parseOfficialComposition(withNul, t).ok).toBe(false);
  });
});

describe('compositions that would brick the app are refused', () => {
  const lines = shippedCsv.trim().split('\n');
  const header = lines[0].split(',');
  const iAmb = header.indexOf('ambito_code');
  it('every comune into one Ambito: refused, naming the row that empties each Ambito', () => {
    const all = [lines[0], ...lines.slice(1).map((l) => l.split(',').map((f, i) => (i === iAmb ? '50095' : f)).join(','))].join('\n');
    const r = parseOfficialComposition(all, t);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors[0]).toMatch(/^riga \d+: ambito_code: la tabella lascerebbe l'Ambito \d+ \(.+\) senza comuni/);
    expect(r.errors.at(-1)).toMatch(/^\(file\): … e altri 70 Ambiti senza comuni/);
  });
  it('emptying one Ambito (Rho, 50095) is refused; moving one of its comuni is not', () => {
    const rho = data.comuni.filter((c) => c.ambito === '50095');
    const rows = 'istat_code;ambito_code\n' + rho.map((c) => `${c.istat};50007`).join('\n');
    const r = parseOfficialComposition(rows, t);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors).toEqual([`riga 2: ambito_code: la tabella lascerebbe l'Ambito 50095 (Rho) senza comuni (qui il comune ${rho[0].istat} va in 50007); ogni Ambito deve avere almeno un comune`]);
    expect(parseOfficialComposition(`istat_code;ambito_code\n${rho[0].istat};50007\n`, t).ok).toBe(true);
  });
  it('a stored table is re-validated at start', () => {
    const ok = { label: 'x', fileName: 'x.csv', importedAt: '2026-01-01', report: [], rows: { '015182': '50007' } };
    expect(checkStoredOfficial(ok, t)).toEqual([]);
    const rho = Object.fromEntries(data.comuni.filter((c) => c.ambito === '50095').map((c) => [c.istat, '50007']));
    expect(checkStoredOfficial({ ...ok, rows: rho }, t)[0]).toMatch(/resterebbe senza comuni/);
    expect(checkStoredOfficial({ ...ok, rows: JSON.parse('{"__proto__": "50095"}') }, t)[0]).toMatch(/^rows\["__proto__"\]: comune ISTAT sconosciuto/);
    expect(checkStoredOfficial({ ...ok, rows: { '015182': 'constructor' } }, t)[0]).toMatch(/codice Ambito "constructor" sconosciuto/);
    expect(checkStoredOfficial(null, t)).toHaveLength(1);
  });
  it('what-if moves that empty an Ambito (and its PIS) are an error at the override that empties it', () => {
    const rho = data.comuni.filter((c) => c.ambito === '50095');
    const s = { ...illustrativeScenario(t), compositionOverrides: Object.fromEntries(rho.map((c) => [c.istat, '50007'])) };
    const errs = checkScenario(s, t).filter((p) => p.code === 'empty-ambito');
    expect(errs).toHaveLength(1);
    expect(errs[0].path).toBe(`compositionOverrides.${rho[0].istat}`);
    expect(errs[0].detail).toMatch(/l'Ambito 50095 \(Rho\) resterebbe senza comuni, e con lui il PIS "pis-rhodense"/);
  });
});
