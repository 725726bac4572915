// The 50,000 rule (LEPS sheet 3.7.1): every comune with strictly more than 50,000 residents or
// capoluogo di provincia must have emergency interventions for homeless people / grave
// marginalità "disponibili". Two answers per comune, side by side, never merged:
// - the LEGAL TEST: grave-marginalità intervention available at all hours through the PIS that
//   serves the comune (a service offering it, with a 24h/365 roster — sim/roster.ts). The sheet
//   sets no time limit. Unknown facts give "non determinabile", never "attivare un PIS".
// - the PLANNING TARGET: an editable response-time target (default 45 min), met or not, per band.
// For each failure the smallest change, in Italian: what is missing for the legal test first.
import type { CoverageResult } from '../coverage/coverage.ts';
import { DEFAULT_RESPONSE_ASSUMPTIONS, TIME_BAND_LABELS, type ResponseAssumptions } from '../coverage/assumptions.ts';
import { DEFAULT_CALENDAR, type CalendarAssumptions } from '../des/calendar.ts';
import type { CompiledLayout } from '../sim/compile.ts';
import { type PisPresence, type TimeBand } from '../sim/layout.ts';
import { ambitoCompliance, type AmbitoCompliance, type ComplianceStatus } from '../sim/roster.ts';
import type { TravelContext } from '../travel/context.ts';
import { RULE50K_LEGAL_SOURCE, RULE50K_LEGAL_TEXT } from './legal.ts';
import { formatInt } from '../format/numbers.ts';
import { at, got } from '../check/at.ts';

export interface Rule50kOptions {
  /** Planning target T in minutes (default: the coverage target). */
  targetMin?: number;
  response?: ResponseAssumptions;
  /** Calendar of the bands (default: the labelled default calendar). */
  calendar?: CalendarAssumptions;
}

export type LegalOutcome = 'pass' | 'fail' | 'non-determinabile';
export const LEGAL_OUTCOME_LABELS: Readonly<Record<LegalOutcome, string>> = Object.freeze({
  'pass': 'rispettata',
  'fail': 'non rispettata',
  'non-determinabile': 'non determinabile',
});

/** The planning target in one band: met, not met, handled by the territorial services (option (a)), or nobody rostered. */
export type BandTargetState = 'met' | 'not-met' | 'territoriali' | 'scoperto';
export interface BandTarget {
  band: TimeBand;
  state: BandTargetState;
  /** Population-weighted response from the bases on duty in the band; null when none. */
  responseMin: number | null;
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
  /** What is known of the Ambito's PIS: present / absent / unknown. */
  pisPresence: PisPresence;
  graveMarginalita: boolean;
  /** 24h/365 compliance of the comune's Ambito in its PIS; null when no PIS serves it. */
  compliance: ComplianceStatus | null;
  gapBands: TimeBand[];
  uncoveredHoursPerYear: number | null;
  /** LEGAL TEST. */
  legal: LegalOutcome;
  /** legal === 'pass'. */
  legalPass: boolean;
  legalReasons: string[];
  /** PLANNING TARGET. Response time in the coverage band (null when unreachable) and whether it is within T. */
  responseMin: number | null;
  withinTarget: boolean;
  /** Met in every band the PIS handles and no band left to nobody; null when it cannot be said. */
  targetMet: boolean | null;
  targetByBand: BandTarget[];
  /** Bands where the target is not met or nobody is rostered. */
  targetFailingBands: TimeBand[];
  targetReasons: string[];
  /** = legalPass: the law decides; the target is reported beside it. */
  pass: boolean;
  /** legalReasons then targetReasons. */
  reasons: string[];
  /** Minimal fixes, in Italian: the legal test first, then the target. */
  fixes: string[];
}

export interface Rule50kResult {
  illustrative: boolean;
  legalText: string;
  legalSource: string;
  populationDate: string;
  targetMin: number;
  band: CoverageResult['band'];
  comuni: Rule50kEntry[];
  /** Legal test: pass / fail / non determinabile (three counts that add up to the comuni). */
  passCount: number;
  failCount: number;
  nonDeterminabileCount: number;
  /** Planning target: met / not met / cannot be said. */
  targetMetCount: number;
  targetNotMetCount: number;
  targetUnknownCount: number;
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
/** A suggested base's time; a comune without resident points has none (never "Infinity min"). */
const minutesOrNa = (m: number): string => (Number.isFinite(m) ? fmt(m) : 'non calcolabile');
const fmtHours = (h: number): string => formatInt(h, 'it');
const bandList = (bands: readonly TimeBand[]): string => bands.map((b) => TIME_BAND_LABELS[b]).join(', ');

/** What is missing in the gap bands: nobody answering and/or nobody on site. */
function missingText(c: AmbitoCompliance): string {
  const parts = c.bands.filter((b) => b.state === 'gap').map((b) => {
    const what = b.missing.length === 2 ? 'nessuno risponde e nessuno va sul posto' : b.missing[0] === 'risposta' ? 'nessuno risponde (centrale operativa)' : 'nessuno va sul posto (reperibilità / UdS)';
    return `${TIME_BAND_LABELS[b.band]}: ${what}`;
  });
  return parts.join('; ');
}

export function evaluateRule50k(travel: TravelContext, layout: CompiledLayout, coverage: CoverageResult, options: Rule50kOptions = {}): Rule50kResult {
  const { data, demand } = travel;
  const targetMin = options.targetMin ?? coverage.targetMin;
  const response = options.response ?? DEFAULT_RESPONSE_ASSUMPTIONS;
  const calendar = options.calendar ?? DEFAULT_CALENDAR;
  const band = coverage.band;
  const ambitoName = new Map(data.ambiti.map((a) => [a.code, a.name]));
  const complianceCache = new Map<string, AmbitoCompliance>();
  const complianceOf = (si: number, ambito: string): AmbitoCompliance => {
    const key = `${si}|${ambito}`;
    let c = complianceCache.get(key);
    // Stryker disable next-line ConditionalExpression: a cache; recomputing on every call gives the same compliance
    if (!c) {
      c = ambitoCompliance(at(layout.services, si), ambito, calendar, layout.openingHours);
      complianceCache.set(key, c);
    }
    return c;
  };

  /** Population-weighted response to comune i from the given bases in band b (Infinity when none). */
  const responseFrom = (i: number, travelArrays: Float32Array[], b: TimeBand = band): number => {
    const fixedMin = response.triageMin + response.mobilisationMinByBand[b];
    const factor = travel.bandFactor(b);
    let w = 0;
    let s = 0;
    for (let p = at(demand.firstOfComune, i); p < at(demand.firstOfComune, i + 1); p++) {
      let best = Infinity;
      for (const arr of travelArrays) best = Math.min(best, at(arr, p));
      const residents = at(demand.residents, p);
      w += residents;
      s += residents * (fixedMin + best * factor);
    }
    return w > 0 ? s / w : Infinity;
  };
  const activeTravel = (si: number, b: TimeBand = band): Float32Array[] =>
    at(layout.services, si).baseIndices.map((bi) => at(layout.bases, bi)).filter((x) => x.unitsByBand[b] > 0).map((x) => x.travelMin);
  /**
   * A neighbouring service that itself passes the legal test, judged for its first member Ambito
   * (it serves a bordering comune, so it has one).
   */
  const legallySound = (si: number): boolean => {
    const s = at(layout.services, si);
    return s.graveMarginalita && complianceOf(si, at(s.members, 0)).status === 'compliant';
  };

  const comuni = rule50kComuni(travel).map((i): Rule50kEntry => {
    const c = at(data.comuni, i);
    const ambito = at(layout.ambitoOfComune, i);
    const si = at(layout.serviceOfComune, i);
    const svc = si >= 0 ? at(layout.services, si) : undefined;
    // compileLayout gives every Ambito of the territory (and every override target) a status.
    const presence: PisPresence = got(layout.ambitoPis, ambito);
    const r = at(coverage.comuni.responseMin, i);
    const responseMin = Number.isFinite(r) ? r : null;
    const withinTarget = responseMin !== null && responseMin <= targetMin;
    const aName = `${ambitoName.get(ambito) ?? ambito} (${ambito})`;
    const ownBaseMin = responseFrom(i, [travel.travelToPoints(i)]);
    const legalReasons: string[] = [];
    const targetReasons: string[] = [];
    const legalFixes: string[] = [];
    const targetFixes: string[] = [];
    let legal: LegalOutcome = 'pass';
    let comp: AmbitoCompliance | null = null;
    let targetMet: boolean | null = null;
    const targetByBand: BandTarget[] = [];

    if (!svc) {
      if (presence === 'unknown') {
        legal = 'non-determinabile';
        legalReasons.push(`Stato del PIS dell'Ambito ${aName} sconosciuto`);
        legalFixes.push(`Verificare e registrare, con la fonte, lo stato del PIS dell'Ambito ${aName}`);
        targetReasons.push('Non determinabile: stato del PIS sconosciuto');
      } else if (presence === 'present') {
        legal = 'non-determinabile';
        legalReasons.push(`L'Ambito ${aName} ha un PIS attivo, ma lo scenario non lo descrive (turni, interventi)`);
        legalFixes.push(`Descrivere il PIS dell'Ambito ${aName}: chi risponde e chi va sul posto in ogni fascia, e se offre interventi per persone senza dimora o in grave marginalità`);
        targetReasons.push('Non determinabile: servizio non descritto');
      } else {
        legal = 'fail';
        targetMet = false;
        legalReasons.push(`Nessun PIS serve l'Ambito ${aName}`);
        targetReasons.push('Nessun PIS: nessuna risposta');
        // Join a neighbouring PIS: legally sound ones first, then the fastest.
        const ranked = neighbourAmbitiServices(data.adjacency, layout, ambito)
          .map((j) => [j, responseFrom(i, activeTravel(j))] as const)
          .sort((a, b) => Number(legallySound(b[0])) - Number(legallySound(a[0])) || a[1] - b[1]);
        const best = ranked[0];
        if (best) {
          const [j, t] = best;
          const s = at(layout.services, j);
          const missing: string[] = [];
          if (!s.graveMarginalita) missing.push('attivarvi gli interventi per persone senza dimora o in grave marginalità');
          const cj = complianceOf(j, at(s.members, 0));
          if (cj.status === 'gap') missing.push(`coprirne i turni scoperti (${bandList(cj.gapBands)})`);
          legalFixes.push(`Far aderire l'Ambito ${aName} al PIS «${s.name}» in forma associata${missing.length ? ' e ' + missing.join(' e ') : ''} (tempo stimato ${minutesOrNa(t)})`);
        }
        legalFixes.push(`Attivare un PIS per l'Ambito ${aName} attivo 24h/365, con gli interventi per persone senza dimora o in grave marginalità e una base a ${c.name} (tempo stimato ${minutesOrNa(ownBaseMin)})`);
      }
    } else {
      comp = complianceOf(si, ambito);
      // Legal test: interventions offered, and available at all hours.
      if (!svc.graveMarginalita) {
        if (svc.graveMarginalitaKnown) {
          legal = 'fail';
          legalReasons.push(`Il PIS «${svc.name}» non offre interventi per persone senza dimora o in grave marginalità`);
          legalFixes.push(`Attivare nel PIS «${svc.name}» gli interventi per persone senza dimora o in grave marginalità`);
        } else {
          legal = 'non-determinabile';
          legalReasons.push(`Non è documentato se il PIS «${svc.name}» offra interventi per persone senza dimora o in grave marginalità`);
          legalFixes.push(`Verificare se il PIS «${svc.name}» offre interventi per persone senza dimora o in grave marginalità`);
        }
      }
      if (comp.status === 'gap') {
        legal = 'fail';
        legalReasons.push(`Il PIS «${svc.name}» non è disponibile a tutte le ore: ${fmtHours(comp.uncoveredHoursPerYear ?? 0)} h/anno scoperte (${missingText(comp)})`);
        legalFixes.push(`Coprire nel PIS «${svc.name}» le fasce scoperte per l'Ambito ${aName}: ${missingText(comp)}`);
      } else if (comp.status === 'unknown') {
        if (legal === 'pass') legal = 'non-determinabile';
        legalReasons.push(`I turni del PIS «${svc.name}» non sono documentati`);
        legalFixes.push(`Documentare i turni del PIS «${svc.name}»: chi risponde e chi va sul posto in ogni fascia`);
      }

      // Planning target, band by band.
      if (comp.status !== 'unknown') {
        for (const b of comp.bands) {
          if ((b.uncoveredHours ?? 0) > 0) targetByBand.push({ band: b.band, state: 'scoperto', responseMin: null });
          else if ((b.pisHours ?? 0) === 0) targetByBand.push({ band: b.band, state: 'territoriali', responseMin: null });
          else {
            const t = responseFrom(i, activeTravel(si, b.band), b.band);
            const rm = Number.isFinite(t) ? t : null;
            targetByBand.push({ band: b.band, state: rm !== null && rm <= targetMin ? 'met' : 'not-met', responseMin: rm });
          }
        }
        targetMet = targetByBand.every((b) => b.state === 'met' || b.state === 'territoriali');
        const slow = targetByBand.filter((b) => b.state === 'not-met');
        const none = targetByBand.filter((b) => b.state === 'scoperto');
        if (none.length) targetReasons.push(`Nessuno in turno: ${bandList(none.map((b) => b.band))}`);
        if (slow.length) {
          targetReasons.push(`Oltre l'obiettivo di ${targetMin} min: ${slow.map((b) => `${TIME_BAND_LABELS[b.band]} ${b.responseMin === null ? '—' : fmt(b.responseMin)}`).join(', ')}`);
          const worst = slow.reduce((a, b) => ((b.responseMin ?? Infinity) > (a.responseMin ?? Infinity) ? b : a));
          const ownBase = svc.baseIndices.map((bi) => at(layout.bases, bi)).find((x) => x.comune === i);
          if (ownBase && ownBase.unitsByBand[worst.band] === 0) {
            targetFixes.push(`Assegnare almeno un'unità nella fascia "${TIME_BAND_LABELS[worst.band]}" alla base ${ownBase.id} del PIS «${svc.name}» a ${c.name}`);
          } else {
            targetFixes.push(`Aggiungere una base del PIS «${svc.name}» a ${c.name} (tempo stimato ${minutesOrNa(responseFrom(i, [travel.travelToPoints(i)], worst.band))})`);
          }
        }
      } else {
        targetReasons.push('Non determinabile: turni non documentati');
      }
    }
    const targetFailingBands = targetByBand.filter((b) => b.state === 'not-met' || b.state === 'scoperto').map((b) => b.band);
    const legalPass = legal === 'pass';
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
      pisPresence: presence,
      graveMarginalita: svc?.graveMarginalita ?? false,
      compliance: comp?.status ?? null,
      gapBands: comp?.gapBands ?? [],
      uncoveredHoursPerYear: comp ? comp.uncoveredHoursPerYear : null,
      legal,
      legalPass,
      legalReasons,
      responseMin,
      withinTarget,
      targetMet,
      targetByBand,
      targetFailingBands,
      targetReasons,
      pass: legalPass,
      // Without a PIS the target's reason only restates the legal one ("stato sconosciuto" twice):
      // the joined list gives it once; targetReasons keeps it for the target column.
      reasons: [...legalReasons, ...(targetMet === true || !svc ? [] : targetReasons)],
      fixes: [...(legalPass ? [] : legalFixes), ...(targetMet === false ? targetFixes : [])],
    };
  });
  const count = (f: (e: Rule50kEntry) => boolean): number => comuni.filter(f).length;
  return {
    illustrative: layout.illustrative,
    legalText: RULE50K_LEGAL_TEXT,
    legalSource: RULE50K_LEGAL_SOURCE,
    populationDate: data.populationDate,
    targetMin,
    band,
    comuni,
    passCount: count((e) => e.legal === 'pass'),
    failCount: count((e) => e.legal === 'fail'),
    nonDeterminabileCount: count((e) => e.legal === 'non-determinabile'),
    targetMetCount: count((e) => e.targetMet === true),
    targetNotMetCount: count((e) => e.targetMet === false),
    targetUnknownCount: count((e) => e.targetMet === null),
  };
}

/**
 * Services of the Ambiti bordering `ambito` (comune adjacency, overrides applied), in layout order.
 * Called only for an Ambito no service serves, so any service found across a border is another's.
 */
function neighbourAmbitiServices(adjacency: number[][], layout: CompiledLayout, ambito: string): number[] {
  const found = new Set<number>();
  layout.ambitoOfComune.forEach((a, i) => {
    if (a !== ambito) return;
    for (const j of at(adjacency, i)) {
      const s = at(layout.serviceOfComune, j);
      if (s >= 0) found.add(s);
    }
  });
  return [...found].sort((a, b) => a - b);
}

/** One line for a comune, legal test and target side by side (CLI, summaries). */
export function rule50kLine(e: Rule50kEntry, targetMin: number): string {
  const target = e.targetMet === null ? 'non determinabile' : e.targetMet ? 'raggiunto' : `non raggiunto (${bandList(e.targetFailingBands)})`;
  return `legale: ${LEGAL_OUTCOME_LABELS[e.legal]}; obiettivo ${targetMin} min: ${target}`;
}

