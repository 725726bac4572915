import { describe, expect, it } from 'vitest';
import { createTerritory, normalizeName } from '../../src/core/territory/index.ts';
import { loadTerritoryData } from './helpers/realData.ts';

const data = loadTerritoryData();
const t = createTerritory(data);

describe('territory core on the real Lombardy data', () => {
  it('has the Allegato C counts: 91 Ambiti, 8 ATS, 25 ASST, 86 distretti, 102 relations', () => {
    expect(t.units('ambito')).toHaveLength(91);
    expect(t.units('ats')).toHaveLength(8);
    expect(t.units('asst')).toHaveLength(25);
    expect(t.units('distretto')).toHaveLength(86);
    expect(data.links).toHaveLength(102);
  });

  it('keeps the many-to-many cases of the hierarchy', () => {
    expect(t.unitsOfAmbito('asst', '50007')).toEqual(['701', '702', '703']); // Milano Città
    expect(t.unitsOfAmbito('distretto', '50007')).toHaveLength(9);
    expect(t.unitsOfAmbito('distretto', '50096')).toEqual(['22002', '22003']); // Alto Milanese
    expect(t.unitsOfAmbito('distretto', '50066')).toEqual(['22015', '22016']); // Lodi
    expect(t.unitsOfAmbito('asst', '50097')).toEqual(['724', '725']); // Oglio Po
    expect(t.unitsOfAmbito('ats', '50097')).toEqual(['327']);
    // A distretto holding several Ambiti, and the reverse query.
    const multi = t.units('distretto').filter((d) => t.ambitiOf('distretto', d).length > 1);
    expect(multi.length).toBeGreaterThan(0);
    for (const d of multi) for (const a of t.ambitiOf('distretto', d)) expect(t.unitsOfAmbito('distretto', a)).toContain(d);
  });

  it('every Ambito belongs to exactly one ATS and the ATS roll-ups sum to the region', () => {
    for (const a of t.units('ambito')) expect(t.unitsOfAmbito('ats', a)).toHaveLength(1);
    const total = t.units('ats').reduce((s, ats) => s + t.rollupOf('ats', ats).residents, 0);
    expect(total).toBe(10_116_766);
    const comuni = t.units('ambito').reduce((s, a) => s + t.rollupOf('ambito', a).comuni, 0);
    expect(comuni).toBe(1503);
  });

  it('rolls up Rho: 9 comuni and their residents', () => {
    const rho = t.comuniOfAmbito('50095').map((i) => data.comuni[i]);
    expect(rho.map((c) => c.name).sort()).toEqual(
      ['Arese', 'Cornaredo', 'Lainate', 'Pero', 'Pogliano Milanese', 'Pregnana Milanese', 'Rho', 'Settimo Milanese', 'Vanzago'],
    );
    expect(t.rollupOf('ambito', '50095').residents).toBe(rho.reduce((s, c) => s + c.residents, 0));
    expect(t.rollupOf('ambito', '50095').estimatedComuni).toBe(0);
  });

  it('counts an Ambito in several distretti once in a roll-up that spans them', () => {
    const milano = t.rollupOf('ambito', '50007');
    const sumOfMunicipi = t.unitsOfAmbito('distretto', '50007').map((d) => t.rollupOf('distretto', d).residents);
    // Each municipio-distretto is carried by the whole Ambito (no sub-comunal data): the roll-up says so.
    for (const r of sumOfMunicipi) expect(r).toBe(milano.residents);
    expect(t.rollupOf('asst', '702').residents).toBeGreaterThanOrEqual(milano.residents);
  });

  it('finds neighbours over shared borders, symmetric', () => {
    expect(t.neighbourAmbiti('50095')).toEqual(expect.arrayContaining(['50007', '50094']));
    for (const a of t.units('ambito')) for (const b of t.neighbourAmbiti(a)) expect(t.neighbourAmbiti(b)).toContain(a);
    expect(t.neighbourAmbiti('50085')).toEqual([]); // Campione d'Italia is an exclave in Switzerland
  });

  it('looks up by ISTAT code and by name, accent- and case-insensitively', () => {
    expect(t.comune('015209')?.name).toBe('Sesto San Giovanni');
    // Ambiti rank before comuni on the same match: the Ambito named after Sesto comes first.
    const hits = t.search('sesto san giovanni');
    expect(hits[0]).toMatchObject({ kind: 'ambito', code: '50046' });
    expect(hits.find((h) => h.kind === 'comune')).toMatchObject({ code: '015209' });
    expect(t.search('SESTO S')[0].name).toMatch(/^Sesto/);
    expect(t.search('cantu').some((h) => h.name === 'Cantù')).toBe(true);
    expect(t.search('Rho')[0]).toMatchObject({ kind: 'ambito', code: '50095' });
    expect(t.search('015146')[0]).toMatchObject({ kind: 'comune', name: 'Milano' });
    expect(t.search('zzzz')).toEqual([]);
    expect(normalizeName("  Sant'Angelo  Lodigiano ")).toBe('sant angelo lodigiano');
  });

  it('applies what-if composition moves', () => {
    const moved = createTerritory(data, new Map([['015182', '50094']])); // Rho comune → Garbagnate
    expect(moved.comuniOfAmbito('50095')).toHaveLength(8);
    expect(moved.rollupOf('ambito', '50094').estimatedComuni).toBeGreaterThanOrEqual(1);
    expect(t.comuniOfAmbito('50095')).toHaveLength(9);
  });
});

describe('map colouring of a level', () => {
  const t = createTerritory(loadTerritoryData());
  it('gives neighbouring Ambiti different colours and marks the multi-unit Ambiti', async () => {
    const { colourLevel } = await import('../../src/core/territory/colouring.ts');
    const byAmbito = colourLevel(t, 'ambito', 10);
    for (const a of t.data.ambiti) for (const n of t.neighbourAmbiti(a.code)) {
      expect(byAmbito.ambitoColour.get(a.code), `${a.code}/${n}`).not.toBe(byAmbito.ambitoColour.get(n));
    }
    expect(colourLevel(t, 'distretto', 10).multiUnit).toEqual(['50007', '50066', '50096']);
    expect(colourLevel(t, 'asst', 10).multiUnit).toEqual(['50007', '50097']);
    expect(colourLevel(t, 'ats', 10).multiUnit).toEqual([]);
  });
});
