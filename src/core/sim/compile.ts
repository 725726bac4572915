// Turns a ServiceLayout into index-based arrays over the territory (what serves each comune, where
// each base is, its travel times), validating as it goes. Shared by coverage, the 50,000 rule and
// the DES so all three read a layout the same way. Problems become Italian warnings, never throws:
// a half-edited scenario must still simulate.
import type { TerritoryData } from '../territory/types.ts';
import type { TravelContext } from '../travel/context.ts';
import { TIME_BANDS, type OpeningHours, type PisOrganisationOption, type PisPresence, type ServiceLayout, type TimeBand } from './layout.ts';
import { rosterView } from './roster.ts';
import { at, got } from '../check/at.ts';

export interface CompiledBase {
  id: string;
  serviceIndex: number;
  comune: number;
  point: [number, number];
  unitsByBand: Record<TimeBand, number>;
  /** Daytime minutes to every demand point (TravelContext.demand order). */
  travelMin: Float32Array;
}

export interface CompiledService {
  id: string;
  name: string;
  members: string[];
  graveMarginalita: boolean;
  graveMarginalitaKnown: boolean;
  centraleOperativa24h: boolean;
  organisation: PisOrganisationOption;
  /** Operators answering per band (centrale operativa). */
  answerByBand: Record<TimeBand, number>;
  /** On-site units per band, summed over the valid bases. */
  onSiteByBand: Record<TimeBand, number>;
  rosterKnown: boolean;
  baseIndices: number[];
}

export interface CompiledLayout {
  illustrative: boolean;
  services: CompiledService[];
  bases: CompiledBase[];
  /** Ambito code of each comune, overrides applied. */
  ambitoOfComune: string[];
  /** Service index per comune; -1 = no PIS. */
  serviceOfComune: Int32Array;
  serviceOfAmbito: Map<string, number>;
  /** Territorial services' opening hours per Ambito (missing = DEFAULT_OPENING_HOURS). */
  openingHours: Record<string, OpeningHours>;
  /** Three-valued PIS status of every Ambito of the territory (see ServiceLayout.ambitoPis). */
  ambitoPis: Map<string, PisPresence>;
  warnings: string[];
}

const indexCache = new WeakMap<TerritoryData, Map<string, number>>();
export function comuneIndexOf(data: TerritoryData): Map<string, number> {
  let m = indexCache.get(data);
  // Stryker disable next-line ConditionalExpression: a cache; rebuilding the index gives the same map
  if (!m) {
    m = new Map(data.comuni.map((c, i) => [c.istat, i]));
    indexCache.set(data, m);
  }
  return m;
}

export function compileLayout(travel: TravelContext, layout: ServiceLayout): CompiledLayout {
  const data = travel.data;
  const idx = comuneIndexOf(data);
  const ambitoCodes = new Set(data.ambiti.map((a) => a.code));
  const warnings: string[] = [];

  const ambitoOfComune = data.comuni.map((c) => c.ambito);
  for (const [istat, code] of Object.entries(layout.compositionOverrides ?? {})) {
    const i = idx.get(istat);
    if (i === undefined) warnings.push(`Spostamento di composizione ignorato: comune ${istat} sconosciuto`);
    else if (!ambitoCodes.has(code)) warnings.push(`Spostamento di composizione ignorato: Ambito ${code} sconosciuto (comune ${at(data.comuni, i).name})`);
    else ambitoOfComune[i] = code;
  }

  const serviceOfAmbito = new Map<string, number>();
  const services: CompiledService[] = [];
  const bases: CompiledBase[] = [];
  layout.services.forEach((s, si) => {
    const baseIndices: number[] = [];
    for (const m of s.members) {
      if (!ambitoCodes.has(m)) warnings.push(`PIS "${s.name}": Ambito ${m} sconosciuto, ignorato`);
      else if (serviceOfAmbito.has(m)) warnings.push(`PIS "${s.name}": l'Ambito ${m} è già servito dal PIS "${at(layout.services, got(serviceOfAmbito, m)).name}", vale il primo`);
      else serviceOfAmbito.set(m, si);
    }
    for (const b of s.bases) {
      const ci = idx.get(b.istat);
      if (ci === undefined) {
        warnings.push(`PIS "${s.name}", base ${b.id}: comune ${b.istat} sconosciuto, base ignorata`);
        continue;
      }
      const unitsByBand = {} as Record<TimeBand, number>;
      for (const band of TIME_BANDS) {
        const u = b.unitsByBand?.[band];
        const ok = typeof u === 'number' && Number.isInteger(u) && u >= 0;
        if (!ok) warnings.push(`PIS "${s.name}", base ${b.id}: unità nella fascia ${band} non valide (${String(u)}), considerate 0`);
        unitsByBand[band] = ok ? u : 0;
      }
      const where = b.point ?? at(data.comuni, ci).point;
      const point: [number, number] = [where[0], where[1]];
      baseIndices.push(bases.length);
      bases.push({ id: b.id, serviceIndex: si, comune: ci, point, unitsByBand, travelMin: travel.travelToPoints(ci, point) });
    }
    // The roster read once, over the bases that compiled (an ignored base puts nobody on site).
    const roster = rosterView({ ...s, bases: baseIndices.map((bi) => {
      const base = at(bases, bi);
      // Stryker disable next-line StringLiteral: rosterView reads the bases' units only, not their comune
      return { id: base.id, istat: '', unitsByBand: base.unitsByBand };
    }) });
    services.push({
      id: s.id,
      name: s.name,
      members: [...s.members],
      graveMarginalita: s.graveMarginalita,
      graveMarginalitaKnown: s.graveMarginalitaKnown !== false,
      centraleOperativa24h: s.centraleOperativa24h,
      organisation: roster.organisation,
      answerByBand: roster.answerByBand,
      onSiteByBand: roster.onSiteByBand,
      rosterKnown: roster.rosterKnown,
      baseIndices,
    });
  });

  const serviceOfComune = new Int32Array(data.comuni.length);
  ambitoOfComune.forEach((a, i) => {
    serviceOfComune[i] = serviceOfAmbito.get(a) ?? -1;
  });
  const ambitoPis = new Map<string, PisPresence>();
  for (const a of data.ambiti) {
    const given = layout.ambitoPis ? Object.prototype.hasOwnProperty.call(layout.ambitoPis, a.code) ? layout.ambitoPis[a.code] : undefined : undefined;
    ambitoPis.set(a.code, given ?? (serviceOfAmbito.has(a.code) ? 'present' : 'absent'));
  }
  return { illustrative: layout.illustrative, services, bases, ambitoOfComune, serviceOfComune, serviceOfAmbito, openingHours: { ...(layout.openingHours ?? {}) }, ambitoPis, warnings };
}
