// Queries over the territory: the Allegato C hierarchy as relations, neighbours, roll-ups and
// lookups. Built once from TerritoryData; every query is then a map look-up.
import type { AmbitoRecord, ComuneRecord, Level, TerritoryData } from './types.ts';

export type * from './types.ts';

/** Residents and counts summed over a set of comuni. */
export interface Rollup {
  comuni: number;
  residents: number;
  areaKm2: number;
  estimatedComuni: number;
  estimatedResidents: number;
  /** Comuni with more than 50,000 residents or capoluogo di provincia (LEPS 3.7.1). */
  rule50kComuni: number;
}

export interface Territory {
  data: TerritoryData;
  comuneIndex(istat: string): number | undefined;
  /** The comune's record; with a composition, `.ambito` is the Ambito it was moved to. */
  comune(istat: string): ComuneRecord | undefined;
  ambito(code: string): AmbitoRecord | undefined;
  /** Comuni indices of an Ambito, in ISTAT order. With `composition`, what-if moves apply. */
  comuniOfAmbito(code: string): number[];
  /** Ambiti codes of a unit at a level (for `ambito`, the Ambito itself). */
  ambitiOf(level: Level, code: string): string[];
  /** Codes of the units of `level` that an Ambito belongs to (several where the hierarchy is not a tree). */
  unitsOfAmbito(level: Level, ambitoCode: string): string[];
  /** Name of a unit at a level. */
  unitName(level: Level, code: string): string;
  /** Codes of all units at a level, sorted. */
  units(level: Level): string[];
  /** Ambiti that share a border with this Ambito (over the comune adjacency graph). */
  neighbourAmbiti(code: string): string[];
  rollup(comuneIndices: Iterable<number>): Rollup;
  rollupOf(level: Level, code: string): Rollup;
  /** Accent- and case-insensitive search over comuni and Ambiti names (and codes). */
  search(query: string, limit?: number): SearchHit[];
  /** Comune boundaries, when loaded (territory/places.ts): base points are then checked against them. */
  places?: import('./places.ts').PlaceIndex;
}

export interface SearchHit {
  kind: 'comune' | 'ambito';
  code: string;
  name: string;
  /** Ambito of the hit (the Ambito itself for an Ambito). */
  ambito: string;
  /** 0 = exact, 1 = prefix, 2 = word prefix, 3 = substring. */
  rank: number;
}

/** Lower case, no accents, apostrophes and dashes as spaces, single spaces. */
export function normalizeName(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’'`\-_.,/()]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) {
    if (!list.includes(value)) list.push(value);
  } else map.set(key, [value]);
}

export function createTerritory(data: TerritoryData, composition?: ReadonlyMap<string, string>): Territory {
  const byIstat = new Map<string, number>();
  data.comuni.forEach((c, i) => byIstat.set(c.istat, i));
  const ambitoByCode = new Map(data.ambiti.map((a) => [a.code, a]));

  const ambitoOfComune = data.comuni.map((c) => composition?.get(c.istat) ?? c.ambito);
  const comuniByAmbito = new Map<string, number[]>();
  for (const a of data.ambiti) comuniByAmbito.set(a.code, []);
  ambitoOfComune.forEach((code, i) => pushTo(comuniByAmbito, code, i));

  // Relations from the Allegato C rows, kept many-to-many.
  const ambitiByUnit: Record<Level, Map<string, string[]>> = {
    ats: new Map(), asst: new Map(), distretto: new Map(), ambito: new Map(),
  };
  const unitsByAmbito: Record<Level, Map<string, string[]>> = {
    ats: new Map(), asst: new Map(), distretto: new Map(), ambito: new Map(),
  };
  for (const l of data.links) {
    const pairs: [Level, string][] = [['ats', l.ats], ['asst', l.asst], ['distretto', l.distretto], ['ambito', l.ambito]];
    for (const [level, unit] of pairs) {
      pushTo(ambitiByUnit[level], unit, l.ambito);
      pushTo(unitsByAmbito[level], l.ambito, unit);
    }
  }
  for (const m of [...Object.values(ambitiByUnit), ...Object.values(unitsByAmbito)]) {
    for (const list of m.values()) list.sort();
  }

  const names: Record<Level, Map<string, string>> = {
    ats: new Map(data.ats.map((u) => [u.code, u.name])),
    asst: new Map(data.asst.map((u) => [u.code, u.name])),
    distretto: new Map(data.distretti.map((u) => [u.code, u.name])),
    ambito: new Map(data.ambiti.map((u) => [u.code, u.name])),
  };

  const neighbours = new Map<string, string[]>();
  data.adjacency.forEach((adj, i) => {
    const a = ambitoOfComune[i];
    for (const j of adj) {
      const b = ambitoOfComune[j];
      if (a !== b) pushTo(neighbours, a, b);
    }
  });
  for (const list of neighbours.values()) list.sort();

  const searchIndex = [
    ...data.comuni.map((c, i) => ({ kind: 'comune' as const, code: c.istat, name: c.name, ambito: ambitoOfComune[i] ?? '', key: normalizeName(c.name) })),
    ...data.ambiti.map((a) => ({ kind: 'ambito' as const, code: a.code, name: a.name, ambito: a.code, key: normalizeName(a.name) })),
  ];

  function rollup(indices: Iterable<number>): Rollup {
    const r: Rollup = { comuni: 0, residents: 0, areaKm2: 0, estimatedComuni: 0, estimatedResidents: 0, rule50kComuni: 0 };
    for (const i of indices) {
      const c = data.comuni[i];
      if (!c) throw new Error(`Territorio: indice di comune ${i} fuori intervallo`);
      r.comuni += 1;
      r.residents += c.residents;
      r.areaKm2 += c.areaKm2;
      if (c.status === 'estimated' || composition?.has(c.istat)) {
        r.estimatedComuni += 1;
        r.estimatedResidents += c.residents;
      }
      if (c.over50k || c.capoluogo) r.rule50kComuni += 1;
    }
    r.areaKm2 = Math.round(r.areaKm2 * 1000) / 1000;
    return r;
  }

  const movedRecords = new Map<number, ComuneRecord>();
  const territory: Territory = {
    data,
    comuneIndex: (istat) => byIstat.get(istat),
    // With what-if moves, a moved comune's record says the Ambito it was moved to (as
    // comuniOfAmbito, search and neighbourAmbiti do); the record is built once per comune.
    comune: (istat) => {
      const i = byIstat.get(istat);
      if (i === undefined) return undefined;
      const c = data.comuni[i]!;
      const a = ambitoOfComune[i]!;
      if (a === c.ambito) return c;
      let m = movedRecords.get(i);
      if (!m) movedRecords.set(i, (m = { ...c, ambito: a }));
      return m;
    },
    ambito: (code) => ambitoByCode.get(code),
    comuniOfAmbito: (code) => comuniByAmbito.get(code) ?? [],
    ambitiOf: (level, code) => (level === 'ambito' ? (ambitoByCode.has(code) ? [code] : []) : ambitiByUnit[level].get(code) ?? []),
    unitsOfAmbito: (level, code) => unitsByAmbito[level].get(code) ?? [],
    unitName: (level, code) => names[level].get(code) ?? code,
    units: (level) => [...names[level].keys()].sort(),
    neighbourAmbiti: (code) => neighbours.get(code) ?? [],
    rollup,
    rollupOf(level, code) {
      const seen = new Set<number>();
      for (const a of territory.ambitiOf(level, code)) for (const i of territory.comuniOfAmbito(a)) seen.add(i);
      return rollup([...seen].sort((x, y) => x - y));
    },
    search(query, limit = 20) {
      const q = normalizeName(query);
      if (!q) return [];
      const hits: SearchHit[] = [];
      for (const e of searchIndex) {
        let rank = -1;
        if (e.key === q || e.code === query.trim()) rank = 0;
        else if (e.key.startsWith(q)) rank = 1;
        else if (e.key.includes(' ' + q)) rank = 2;
        else if (e.key.includes(q)) rank = 3;
        if (rank >= 0) hits.push({ kind: e.kind, code: e.code, name: e.name, ambito: e.ambito, rank });
      }
      // Ambiti before comuni at equal rank: a planner typing "Rho" usually means the Ambito.
      hits.sort((a, b) => a.rank - b.rank || (a.kind === b.kind ? 0 : a.kind === 'ambito' ? -1 : 1) || a.name.localeCompare(b.name, 'it'));
      return hits.slice(0, limit);
    },
  };
  return territory;
}
