// Synthetic layouts over the real territory, for tests, the benchmark and the CLI's smoke runs.
// They are NOT scenarios of real PIS services: `illustrative` is always true.
import type { TerritoryData } from '../territory/types.ts';
import { allBands, type LayoutService, type ServiceLayout } from './layout.ts';

function mostPopulous(data: TerritoryData, ambiti: Set<string>): string {
  let best: TerritoryData['comuni'][number] | undefined;
  for (const c of data.comuni) if (ambiti.has(c.ambito) && (!best || c.residents > best.residents)) best = c;
  if (!best) throw new RangeError(`nessun comune negli Ambiti ${[...ambiti].join(', ')}`);
  return best.istat;
}

// One operator answering and one unit on site in every band: a 24h/365 always-on service (option (b)).
const oneUnit = allBands(1);

/** One PIS per ATS (sovra-Ambito over all its Ambiti), one base with one unit in its most populous comune. */
export function layoutOnePerAts(data: TerritoryData, graveMarginalita = true): ServiceLayout {
  const services: LayoutService[] = data.ats.map((ats) => {
    const members = data.ambiti.filter((a) => a.ats === ats.code).map((a) => a.code);
    const istat = mostPopulous(data, new Set(members));
    return {
      id: `ats-${ats.code}`,
      name: `PIS sintetico ${ats.name}`,
      members,
      graveMarginalita,
      centraleOperativa24h: true,
      organisation: 'b-continuativo',
      answerByBand: allBands(1),
      bases: [{ id: `base-${istat}`, istat, unitsByBand: { ...oneUnit } }],
    };
  });
  return { illustrative: true, services };
}

/** One PIS per Ambito, one base with one unit in its most populous comune. */
export function layoutOnePerAmbito(data: TerritoryData, graveMarginalita = true): ServiceLayout {
  const services: LayoutService[] = data.ambiti.map((a) => {
    const istat = mostPopulous(data, new Set([a.code]));
    return {
      id: `ambito-${a.code}`,
      name: `PIS sintetico ${a.name}`,
      members: [a.code],
      graveMarginalita,
      centraleOperativa24h: true,
      organisation: 'b-continuativo',
      answerByBand: allBands(1),
      bases: [{ id: `base-${istat}`, istat, unitsByBand: { ...oneUnit } }],
    };
  });
  return { illustrative: true, services };
}

/**
 * A hand-checkable territory for tests: `n` comuni on the parallel at 45° N, 0.1° of longitude
 * apart (≈ 7.86 km), each adjacent to the next; the first `split` comuni in Ambito "A1", the rest
 * in "A2", both in ATS "T1". Residents and areas as given (default 1,000 residents, 10 km²).
 */
export function lineTerritory(n = 5, split = 3, residents: number[] = [], areaKm2 = 10): TerritoryData {
  const comuni = Array.from({ length: n }, (_, i) => {
    const r = residents[i] ?? 1000;
    return {
      istat: String(i + 1).padStart(6, '0'),
      name: `Comune ${i + 1}`,
      province: 'XX',
      residents: r,
      capoluogo: i === 0,
      over50k: r > 50000,
      areaKm2,
      point: [9 + i * 0.1, 45] as [number, number],
      ambito: i < split ? 'A1' : 'A2',
      status: 'sourced' as const,
      confidence: 'verbatim' as const,
      source: 'fixture',
    };
  });
  const ambito = (code: string) => ({ code, name: `Ambito ${code}`, sioss: code, ats: 'T1', asst: ['S1'], distretti: ['D1'] });
  return {
    version: 1,
    populationDate: '2024-01-10',
    comuni,
    ambiti: [ambito('A1'), ambito('A2')],
    distretti: [{ code: 'D1', name: 'Distretto 1', asst: ['S1'] }],
    asst: [{ code: 'S1', name: 'ASST 1', ats: 'T1' }],
    ats: [{ code: 'T1', name: 'ATS 1' }],
    links: [
      { ambito: 'A1', distretto: 'D1', asst: 'S1', ats: 'T1' },
      { ambito: 'A2', distretto: 'D1', asst: 'S1', ats: 'T1' },
    ],
    adjacency: comuni.map((_, i) => [i - 1, i + 1].filter((j) => j >= 0 && j < n)),
  };
}
