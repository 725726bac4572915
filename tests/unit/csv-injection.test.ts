// CSV injection (OWASP): one hostile scenario whose text fields start with =, +, -, @, tab or
// CR, and whose names carry line breaks, exported through every CSV the app writes. A "live
// formula cell" is a parsed cell a spreadsheet would evaluate (first character = + - @ TAB CR,
// not a plain number). Before the one-writer change this scenario gave 102 such cells and the
// comparison header line broke into extra rows; now 0, and the scenario CSV re-imports exactly.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadTerritoryData } from './helpers/realData.ts';
import { createTerritory } from '../../src/core/territory/index.ts';
import { exportScenarioCsv, illustrativeScenario, importScenarioCsv, exportScenarioJson } from '../../src/core/scenario/index.ts';
import type { Scenario } from '../../src/core/scenario/index.ts';
import { parseCsv } from '../../src/core/scenario/csvText.ts';
import { comparisonCsv, compareScenarios } from '../../src/core/optimise/index.ts';
import { computeCoverage } from '../../src/core/coverage/coverage.ts';
import { compileLayout } from '../../src/core/sim/compile.ts';
import type { ServiceLayout } from '../../src/core/sim/layout.ts';
import { lineTerritory } from '../../src/core/sim/synthetic.ts';
import { createTravelContext } from '../../src/core/travel/context.ts';
import { tableCsv } from '../../src/ui/download.ts';

const territory = createTerritory(loadTerritoryData());
const PAYLOADS = ['=HYPERLINK("http://x.invalid","clic")', '+1+cmd|" /C calc"!A0', '-2+3+cmd', '@SUM(1+1)*cmd', '\t=1+1', '\r=1+1', "'=già con apostrofo"];
const LIVE = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[-+]?\d+([.,]\d+)?$/;

function liveCells(csv: string): string[] {
  const parsed = parseCsv(csv.replace(/^\uFEFF/, ''));
  if (!parsed.ok) throw new Error(parsed.errors.join('; '));
  return parsed.records.flatMap((r) => r.fields).filter((f) => LIVE.test(f) && !PLAIN_NUMBER.test(f));
}

function hostileScenario(): Scenario {
  const s = illustrativeScenario(territory);
  const codes = Object.keys(s.statuses);
  codes.forEach((c, i) => { s.statuses[c] = { ...s.statuses[c], source: PAYLOADS[i % PAYLOADS.length] }; });
  s.services.forEach((svc, i) => { svc.name = PAYLOADS[(i + 3) % PAYLOADS.length]; });
  s.name = 'Scenario\r\n=1+1;"riga iniettata"';
  return s;
}

describe('CSV injection: every CSV the app writes', () => {
  it('scenario CSV: 0 live formula cells, and the hostile values come back exactly', () => {
    const s = hostileScenario();
    const csv = exportScenarioCsv(s, territory);
    expect(liveCells(csv)).toEqual([]);
    // The neutralising apostrophe is removed on import: the round trip is exact.
    const r = importScenarioCsv(csv, s, territory);
    expect(r.ok, r.ok ? '' : r.errors.join('\n')).toBe(true);
    if (r.ok) {
      // The apostrophe shields a leading tab/CR from the importer's trim too: values are exact.
      expect(Object.values(r.scenario.statuses).map((x) => x.source)).toEqual(Object.values(s.statuses).map((x) => x.source));
      expect(r.scenario.services.map((x) => x.name)).toEqual(s.services.map((x) => x.name));
    }
    expect(exportScenarioJson(s)).toContain('=HYPERLINK'); // the JSON keeps the user's text as typed
  });

  it('table CSVs (rule 50,000, simulation, quality, coverage, shares): 0 live cells, numbers stay numbers', () => {
    const csv = tableCsv(['ambito', 'pis', 'delta'], PAYLOADS.map((p, i) => [p, `PIS ${p}`, -i - 0.5]), true);
    expect(liveCells(csv)).toEqual([]);
    expect(csv).toContain('"-0,5"');
    expect(csv).toContain('"\'=HYPERLINK(""http://x.invalid"",""clic"")"');
  });

  it('comparison CSV: names with a line break stay in one quoted note cell; 0 live cells', () => {
    const d = lineTerritory(5, 3);
    const ctx = createTravelContext(d);
    const unit = { office: 1, closure: 1, night: 1, saturday: 1, holiday: 1 };
    const A: ServiceLayout = { illustrative: true, services: [{ id: '=cmd', name: '+P', members: ['A1', 'A2'], graveMarginalita: true, centraleOperativa24h: true, bases: [{ id: 'b1', istat: '000001', unitsByBand: unit }] }] };
    const cov = computeCoverage(ctx, compileLayout(ctx, A));
    const r = compareScenarios({ name: 'A\r\n=2+5;x', coverage: cov }, { name: '@B\n-1', coverage: cov }, d.comuni.map((c) => c.ambito));
    const csv = comparisonCsv(r);
    expect(liveCells(csv)).toEqual([]);
    const parsed = parseCsv(csv.replace(/^\uFEFF/, ''));
    expect(parsed.ok && parsed.records.filter((x) => x.fields.length === 1).length).toBe(2); // two note lines, no injected row
  });

  it('the shipped comuni→Ambito table has no live formula cell', () => {
    const text = readFileSync(new URL('../../geodata/generated/comuni-ambiti.csv', import.meta.url), 'utf8');
    const rows = text.split('\n').flatMap((l) => l.split(',')).map((f) => f.replace(/^"/, ''));
    expect(rows.filter((f) => LIVE.test(f) && !PLAIN_NUMBER.test(f))).toEqual([]);
  });
});
