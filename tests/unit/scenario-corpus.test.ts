// Bad-input corpus: every file in tests/fixtures/bad must be refused with an Italian message
// that names where the problem is, and the scenario given to the importer must not change.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { loadTerritoryData } from './helpers/realData.ts';
import { createTerritory } from '../../src/core/territory/index.ts';
import { illustrativeScenario, importBasesGeoJson, importScenarioCsv, importScenarioJson } from '../../src/core/scenario/index.ts';
import type { ImportResult } from '../../src/core/scenario/index.ts';

const territory = createTerritory(loadTerritoryData());
const dir = new URL('../fixtures/bad/', import.meta.url);
const files = readdirSync(dir).filter((f) => f !== 'README.md').sort();

// "riga N: …", "(radice)/(file): …", a feature ("features[3]…: …"), a JSON path with at least one
// step ("services[2].members[0]: …") or a top-level field of the scenario or GeoJSON by name. A
// bare word is not a place: "Errore: boh" is not located (review §2.2).
const TOP_FIELDS = 'schemaVersion|version|id|name|description|referenceDate|authorNote|illustrative|statuses|services|compositionOverrides|openingHours|features|type';
const LOCATED = new RegExp(`^(riga \\d+|\\(radice\\)|\\(file\\)|features\\[\\d+\\](\\.[\\w]+|\\[\\d+\\])*|[A-Za-z_]\\w*(\\.[\\w-]+|\\[\\d+\\]|\\["[^"]*"\\])+|${TOP_FIELDS}): \\S`);
const ITALIAN = /\b(non|sconosciut\w*|mancant\w*|vuot\w*|attes\w*|ripetut\w*|fuori|troppo|codifica|separatore|virgolette|campi|inesistente|ammess\w*|capofila|carattere|chiave|diverso|troncato|serve|nessun\w*|appartiene|testo|numero|ambiguo|duplicat\w*|deve|usare|valid\w*)\b/i;

function importFile(name: string, bytes: Uint8Array, current: ReturnType<typeof illustrativeScenario>): ImportResult {
  if (name.endsWith('.csv')) return importScenarioCsv(bytes, current, territory);
  if (name.endsWith('.geojson')) return importBasesGeoJson(bytes, current, territory);
  if (name.endsWith('.json')) return importScenarioJson(bytes, territory);
  throw new Error(`estensione non gestita: ${name}`);
}

describe('bad-input corpus', () => {
  it('the "located" check itself: paths and rows pass, a bare word does not', () => {
    for (const ok of ['riga 3: x', '(radice): x', 'features[2].geometry: x', 'services[0].bases[1].istat: x', 'statuses: x']) expect(ok).toMatch(LOCATED);
    for (const bad of ['Errore: boh', 'problema: x', 'riga: x', 'x']) expect(bad).not.toMatch(LOCATED);
  });

  it('holds at least 50 malformed files of each kind we import', () => {
    expect(files.length).toBeGreaterThanOrEqual(50);
    for (const ext of ['.csv', '.json', '.geojson']) expect(files.filter((f) => f.endsWith(ext)).length).toBeGreaterThanOrEqual(10);
    const readme = readFileSync(new URL('README.md', dir), 'utf8');
    for (const f of files) expect(readme, `README must list ${f}`).toContain(`\`${f}\``);
  });

  it.each(files)('%s is rejected with a located Italian message, scenario untouched', (name) => {
    const current = illustrativeScenario(territory);
    const before = JSON.stringify(current);
    const bytes = new Uint8Array(readFileSync(new URL(name, dir)));
    const r = importFile(name, bytes, current);
    expect(r.ok, `${name} was accepted`).toBe(false);
    if (r.ok) return;
    expect(r.errors.length).toBeGreaterThan(0);
    for (const e of r.errors) {
      expect(e, `${name}: message without row/path/feature`).toMatch(LOCATED);
      expect(e, `${name}: message not in Italian`).toMatch(ITALIAN);
    }
    expect(JSON.stringify(current)).toBe(before);
  });
});
