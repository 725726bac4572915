// CLI --layout: a raw layout is validated like an import before the engine sees it.
import { describe, expect, it } from 'vitest';
import { loadTerritoryData } from './helpers/realData.ts';
import { createTerritory } from '../../src/core/territory/index.ts';
import { layoutOnePerAts } from '../../src/core/sim/synthetic.ts';
import { readServiceLayout } from '../../src/core/scenario/layoutInput.ts';

const data = loadTerritoryData();
const territory = createTerritory(data);

describe('readServiceLayout', () => {
  it('accepts the synthetic layout and returns it unchanged', () => {
    const l = layoutOnePerAts(data);
    const r = readServiceLayout(JSON.stringify(l), territory);
    expect(r.ok, r.ok ? '' : r.errors.join('\n')).toBe(true);
    if (r.ok) expect(r.layout).toEqual(l);
  });
  it('refuses unknown codes, bad numbers, points outside Lombardy and unknown keys, by path', () => {
    const l = JSON.parse(JSON.stringify(layoutOnePerAts(data)));
    l.services[0].members.push('constructor');
    l.services[0].bases[0].unitsByBand.office = -1;
    l.services[0].bases[0].point = [12.4964, 41.9028];
    l.services[1].bases[0].istat = '999999';
    l.extra = 1;
    const r = readServiceLayout(JSON.stringify(l), territory);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const at = (p: string) => r.errors.some((e) => e.startsWith(p));
    expect(at(`services[0].members[${l.services[0].members.length - 1}]: codice Ambito sconosciuto "constructor"`)).toBe(true);
    expect(at('services[0].bases[0].unitsByBand.office: valore -1')).toBe(true);
    expect(at('services[0].bases[0].point: punto [12.4964, 41.9028] fuori dalla Lombardia')).toBe(true);
    expect(at('services[1].bases[0].istat: comune ISTAT sconosciuto "999999"')).toBe(true);
    expect(at('extra: chiave sconosciuta')).toBe(true);
    expect(readServiceLayout('['.repeat(100_000), territory)).toMatchObject({ ok: false });
  });
});
