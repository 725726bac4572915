// 24h/365 compliance and the 50,000 rule on the two built-in scenarios (real territory data).
import { describe, expect, it } from 'vitest';
import { computeCoverage } from '../../src/core/coverage/index.ts';
import { evaluateRule50k } from '../../src/core/rule50k/index.ts';
import { defaultScenario, factsOfAmbito, h24Class, illustrativeScenario, scenarioCompliance, toServiceLayout } from '../../src/core/scenario/index.ts';
import { compileLayout } from '../../src/core/sim/compile.ts';
import { createTerritory } from '../../src/core/territory/index.ts';
import { createTravelContext } from '../../src/core/travel/index.ts';
import { loadTerritoryData } from './helpers/realData.ts';

const data = loadTerritoryData();
const territory = createTerritory(data);
const ctx = createTravelContext(data);
const rule = (s: ReturnType<typeof defaultScenario>) => {
  const c = compileLayout(ctx, toServiceLayout(s, territory));
  return evaluateRule50k(ctx, c, computeCoverage(ctx, c));
};

describe('documented scenario', () => {
  const doc = defaultScenario(territory);
  const comp = scenarioCompliance(doc, territory);

  it('Rho is h24/365-compliant (option (a): territorial services in office hours, PIS the rest) and passes the legal test', () => {
    const rho = comp.services.find((s) => s.serviceId === 'pis-rhodense')!;
    expect(rho).toMatchObject({ status: 'compliant', organisation: 'a-chiusura', uncoveredHoursPerYear: 0 });
    const office = rho.members[0].bands.find((b) => b.band === 'office')!;
    expect(office).toMatchObject({ territorialHours: 2032, pisHours: 0 });
    const e = rule(doc).comuni.find((x) => x.istat_code === '015182')!;
    expect(e.legal).toBe('pass');
    expect(e.targetMet).toBe(true);
  });

  it('unknown is not a gap: 82 Ambiti unknown, none "senza PIS"; undocumented rosters are unknown', () => {
    expect(comp.counts).toEqual({ compliant: 7, gap: 0, unknown: 84 });
    expect(comp.services.find((s) => s.serviceId === 'pis-corsichese')?.status).toBe('unknown');
    const r = rule(doc);
    // Milano, Lodi, …: "non determinabile", never "attivare un PIS".
    for (const e of r.comuni) expect(e.fixes.join(' ')).not.toMatch(/Attivare un PIS/);
    expect(r.comuni.find((x) => x.istat_code === '098031')!.legal).toBe('non-determinabile'); // Lodi: PIS per CROAS, not described
    expect(r.passCount + r.failCount + r.nonDeterminabileCount).toBe(19);
  });

  it('keeps contradictions visible: Rho\'s 2023 hours next to its 2026-27 project', () => {
    const facts = factsOfAmbito('50095');
    expect(facts.some((f) => /venerdì pomeriggio al lunedì mattina/.test(f.quote))).toBe(true);
    expect(facts.some((f) => /fasce orarie di chiusura/.test(f.quote))).toBe(true);
    for (const f of facts) expect(f.sourceUrl.length).toBeGreaterThan(5);
  });
});

describe('illustrative scenario', () => {
  it('rosters are h24 where the CROAS numbers allow; the others are shown with their gaps', () => {
    const c = scenarioCompliance(illustrativeScenario(territory), territory);
    // 41 Ambiti known without a PIS are gaps at every hour (8,760 h).
    expect(c.ambiti.filter((a) => a.reason === 'nessun-pis').every((a) => a.uncoveredHoursPerYear === 8760)).toBe(true);
    expect(c.counts.unknown).toBe(0);
    // The map's four classes split the gaps: a PIS with night gaps is not an Ambito without PIS.
    expect(c.classCounts).toEqual({ 'compliant': 37, 'roster-gap': 13, 'no-pis': 41, 'unknown': 0 });
    expect(c.classCounts['roster-gap'] + c.classCounts['no-pis']).toBe(c.counts.gap);
    expect(c.ambiti.filter((a) => h24Class(a) === 'roster-gap').every((a) => a.serviceId !== null && a.uncoveredHoursPerYear === 2920)).toBe(true);
    const gaps = c.services.filter((s) => s.status === 'gap');
    expect(gaps.length).toBeGreaterThan(0);
    for (const s of gaps) expect(s).toMatchObject({ gapBands: ['night'], uncoveredHoursPerYear: 2920 });
    expect(c.services.find((s) => s.serviceId === 'pis-rhodense')?.status).toBe('compliant');
  });
});
