// The 50,000 rule (LEPS sheet 3.7.1): every comune with strictly more than 50,000 residents or
// capoluogo di provincia must have emergency interventions for homeless people / grave marginalità.
// Legally: served by a PIS that offers them. As a planning target (editable, labelled): reached
// within T minutes. For each failure, the smallest change that would fix it, in Italian.
import type { CoverageResult } from '../coverage/coverage.ts';
import { DEFAULT_RESPONSE_ASSUMPTIONS, TIME_BAND_LABELS, type ResponseAssumptions } from '../coverage/assumptions.ts';
import type { CompiledLayout } from '../sim/compile.ts';
import type { TravelContext } from '../travel/context.ts';
import { RULE50K_LEGAL_SOURCE, RULE50K_LEGAL_TEXT } from './legal.ts';

export interface Rule50kOptions {
  /** Planning target T in minutes (default: the coverage target). */
  targetMin?: number;
  /** Whether "reached within T" is part of pass (default true). The legal minimum alone is `legalPass`. */
  checkTarget?: boolean;
  response?: ResponseAssumptions;
}

export interface Rule50kEntry {
  istat_code: string;
  name: string;
  province: string;
  residents: number;
  populationDate: string;
  over50k: boolean;
  capoluogo: boolean;
  ambito: string;
  ambitoName: string;
  pis: string | null;
  pisName: string | null;
  graveMarginalita: boolean;
  /** Response time in the coverage band; null when unreachable. */
  responseMin: number | null;
  withinTarget: boolean;
  /** Legal minimum: served by a PIS offering grave-marginalità interventions. */
  legalPass: boolean;
  pass: boolean;
  /** Why it fails, in Italian (empty when it passes). */
  reasons: string[];
  /** Minimal fixes, in Italian, most direct first. */
  fixes: string[];
}

export interface Rule50kResult {
  illustrative: boolean;
  legalText: string;
  legalSource: string;
  populationDate: string;
  targetMin: number;
  checkTarget: boolean;
  band: CoverageResult['band'];
  comuni: Rule50kEntry[];
  passCount: number;
  failCount: number;
}

/** Comune indices under the rule, in ISTAT order. */
export function rule50kComuni(travel: TravelContext): number[] {
  const out: number[] = [];
  travel.data.comuni.forEach((c, i) => {
    if (c.over50k || c.capoluogo) out.push(i);
  });
  return out;
}

const fmt = (m: number): string => `${Math.round(m)} min`;

export function evaluateRule50k(travel: TravelContext, layout: CompiledLayout, coverage: CoverageResult, options: Rule50kOptions = {}): Rule50kResult {
  const { data, demand } = travel;
  const targetMin = options.targetMin ?? coverage.targetMin;
  const checkTarget = options.checkTarget ?? true;
  const response = options.response ?? DEFAULT_RESPONSE_ASSUMPTIONS;
  const band = coverage.band;
  const fixedMin = response.triageMin + response.mobilisationMinByBand[band];
  const factor = travel.bandFactor(band);
  const ambitoName = new Map(data.ambiti.map((a) => [a.code, a.name]));

  /** Population-weighted response to comune i from the given bases (Infinity when none). */
  const responseFrom = (i: number, travelArrays: Float32Array[]): number => {
    let w = 0;
    let s = 0;
    for (let p = demand.firstOfComune[i]; p < demand.firstOfComune[i + 1]; p++) {
      let best = Infinity;
      for (const arr of travelArrays) best = Math.min(best, arr[p]);
      w += demand.residents[p];
      s += demand.residents[p] * (fixedMin + best * factor);
    }
    return w > 0 ? s / w : Infinity;
  };
  const activeTravel = (si: number): Float32Array[] =>
    layout.services[si].baseIndices.map((bi) => layout.bases[bi]).filter((b) => b.unitsByBand[band] > 0).map((b) => b.travelMin);

  const comuni = rule50kComuni(travel).map((i): Rule50kEntry => {
    const c = data.comuni[i];
    const ambito = layout.ambitoOfComune[i];
    const si = layout.serviceOfComune[i];
    const svc = si >= 0 ? layout.services[si] : undefined;
    const r = coverage.comuni.responseMin[i];
    const responseMin = Number.isFinite(r) ? r : null;
    const graveMarginalita = svc?.graveMarginalita ?? false;
    const withinTarget = responseMin !== null && responseMin <= targetMin;
    const legalPass = !!svc && graveMarginalita;
    const pass = legalPass && (!checkTarget || withinTarget);
    const reasons: string[] = [];
    const fixes: string[] = [];
    const aName = `${ambitoName.get(ambito) ?? ambito} (${ambito})`;
    const ownBaseMin = responseFrom(i, [travel.travelToPoints(i)]);

    if (!svc) {
      reasons.push(`Nessun PIS serve l'Ambito ${aName}`);
      // Join a neighbouring PIS: the Ambiti sharing a border, served in the layout, fastest first.
      const candidates = new Map<number, number>();
      for (const j of neighbourAmbitiServices(data.adjacency, layout, ambito)) candidates.set(j, responseFrom(i, activeTravel(j)));
      const ranked = [...candidates].sort((a, b) => Number(layout.services[b[0]].graveMarginalita) - Number(layout.services[a[0]].graveMarginalita) || a[1] - b[1]);
      const joinable = ranked.find(([, t]) => !checkTarget || t <= targetMin);
      if (joinable) {
        const [j, t] = joinable;
        const s = layout.services[j];
        fixes.push(`Far aderire l'Ambito ${aName} al PIS «${s.name}» in forma associata (tempo stimato ${fmt(t)})` + (s.graveMarginalita ? '' : ' e attivarvi gli interventi per persone senza dimora o in grave marginalità'));
      }
      fixes.push(`Attivare un PIS per l'Ambito ${aName} con gli interventi per persone senza dimora o in grave marginalità e una base a ${c.name} (tempo stimato ${fmt(ownBaseMin)})`);
    } else {
      if (!graveMarginalita) {
        reasons.push(`Il PIS «${svc.name}» non offre interventi per persone senza dimora o in grave marginalità`);
        fixes.push(`Attivare nel PIS «${svc.name}» gli interventi per persone senza dimora o in grave marginalità`);
      }
      if (checkTarget && !withinTarget) {
        reasons.push(responseMin === null
          ? `Nessuna base del PIS «${svc.name}» ha unità attive nella fascia "${TIME_BAND_LABELS[band]}"`
          : `Tempo di risposta stimato ${fmt(responseMin)} oltre l'obiettivo di ${targetMin} min`);
        const ownBase = svc.baseIndices.map((bi) => layout.bases[bi]).find((b) => b.comune === i);
        if (ownBase && ownBase.unitsByBand[band] === 0) {
          fixes.push(`Assegnare almeno un'unità nella fascia "${TIME_BAND_LABELS[band]}" alla base ${ownBase.id} del PIS «${svc.name}» a ${c.name}`);
        } else {
          fixes.push(`Aggiungere una base del PIS «${svc.name}» a ${c.name} (tempo stimato ${fmt(ownBaseMin)})`);
        }
      }
    }
    return {
      istat_code: c.istat,
      name: c.name,
      province: c.province,
      residents: c.residents,
      populationDate: data.populationDate,
      over50k: c.over50k,
      capoluogo: c.capoluogo,
      ambito,
      ambitoName: ambitoName.get(ambito) ?? ambito,
      pis: svc?.id ?? null,
      pisName: svc?.name ?? null,
      graveMarginalita,
      responseMin,
      withinTarget,
      legalPass,
      pass,
      reasons,
      fixes: pass ? [] : fixes,
    };
  });
  const passCount = comuni.filter((e) => e.pass).length;
  return {
    illustrative: layout.illustrative,
    legalText: RULE50K_LEGAL_TEXT,
    legalSource: RULE50K_LEGAL_SOURCE,
    populationDate: data.populationDate,
    targetMin,
    checkTarget,
    band,
    comuni,
    passCount,
    failCount: comuni.length - passCount,
  };
}

/** Services of the Ambiti bordering `ambito` (comune adjacency, overrides applied), in layout order. */
function neighbourAmbitiServices(adjacency: number[][], layout: CompiledLayout, ambito: string): number[] {
  const found = new Set<number>();
  layout.ambitoOfComune.forEach((a, i) => {
    if (a !== ambito) return;
    for (const j of adjacency[i]) {
      const s = layout.serviceOfComune[j];
      if (s >= 0 && layout.ambitoOfComune[j] !== ambito) found.add(s);
    }
  });
  return [...found].sort((a, b) => a - b);
}
