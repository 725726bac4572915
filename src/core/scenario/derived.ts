// Quantities derived from a scenario, and the CROAS survey they are compared with.
import type { PisService, PisStatus, Scenario } from './types.ts';
import { PIS_STATUSES, pisPresenceOf } from './types.ts';
import type { Territory } from '../territory/index.ts';

/**
 * CROAS's three-variable closeness to the LEPS (CROAS slides: "vicinanza al LEPS"): centrale
 * operativa 365 days, unità di strada h24 and a short (0–7 days) presa in carico, all three
 * together. It is NOT the sheet's requirement (the sheet makes the UdS optional: "e/o") nor the
 * Ambiti's self-declaration (selfDeclaredLeps); the name is kept for the code's history.
 */
export const CROAS_CLOSENESS_LABEL = 'vicinanza al LEPS secondo la misura CROAS (centrale 365 + UdS h24 + presa in carico 0–7 gg)';
export function pienamenteLeps(service: PisService): boolean {
  return service.centraleOperativa24h365 && service.udsH24 && service.presaInCarico === 'breve-0-7';
}

/** A service shared by several Ambiti. */
export function isSovraAmbito(service: PisService): boolean {
  return service.members.length > 1;
}

export function statusOf(scenario: Scenario, ambitoCode: string): PisStatus {
  return scenario.statuses[ambitoCode]?.status ?? 'sconosciuto';
}

/**
 * Counts per Ambito, as the survey counts (its unit is the Ambito, not the service: "6 Ambiti
 * su 50 hanno PIS in forma associata"). Form and LEPS counts cover the Ambiti with status
 * `attivo` only, as the survey's questions were asked of the 50 with a PIS.
 */
export interface ScenarioCounts {
  totalAmbiti: number;
  byStatus: Record<PisStatus, number>;
  /** Three-valued: known present (attivo) / known absent / unknown (sconosciuto); they add up to totalAmbiti. */
  ambitiWithPis: number;
  ambitiWithoutPis: number;
  ambitiPisUnknown: number;
  /** Attivo and member of a single-Ambito service. */
  singleAmbitoPis: number;
  /** Attivo and member of a sovra-Ambito service. */
  sovraAmbitoPis: number;
  /** Attivo but in no service of the scenario (form unknown). */
  attivoWithoutService: number;
  selfDeclaredLeps: number;
  notSelfDeclaredLeps: number;
  /** Attivo Ambiti whose service meets all three conditions (pienamenteLeps). */
  pienamenteLepsAmbiti: number;
  services: number;
  sovraAmbitoServices: number;
  /** Ambiti that are members of any service (whatever their status). */
  ambitiInServices: number;
}

export function countScenario(scenario: Scenario, territory: Territory): ScenarioCounts {
  const byStatus = Object.fromEntries(PIS_STATUSES.map((s) => [s, 0])) as Record<PisStatus, number>;
  const serviceOf = new Map<string, PisService>();
  for (const svc of scenario.services) for (const m of svc.members) if (!serviceOf.has(m)) serviceOf.set(m, svc);
  const c: ScenarioCounts = {
    totalAmbiti: territory.data.ambiti.length,
    byStatus,
    ambitiWithPis: 0,
    ambitiWithoutPis: 0,
    ambitiPisUnknown: 0,
    singleAmbitoPis: 0,
    sovraAmbitoPis: 0,
    attivoWithoutService: 0,
    selfDeclaredLeps: 0,
    notSelfDeclaredLeps: 0,
    pienamenteLepsAmbiti: 0,
    services: scenario.services.length,
    sovraAmbitoServices: scenario.services.filter(isSovraAmbito).length,
    ambitiInServices: 0,
  };
  for (const a of territory.data.ambiti) {
    const status = statusOf(scenario, a.code);
    byStatus[status] += 1;
    const svc = serviceOf.get(a.code);
    if (svc) c.ambitiInServices += 1;
    if (status !== 'attivo') continue;
    c.ambitiWithPis += 1;
    if (!svc) {
      c.attivoWithoutService += 1;
      continue;
    }
    if (isSovraAmbito(svc)) c.sovraAmbitoPis += 1;
    else c.singleAmbitoPis += 1;
    if (svc.selfDeclaredLeps === true) c.selfDeclaredLeps += 1;
    else c.notSelfDeclaredLeps += 1;
    if (pienamenteLeps(svc)) c.pienamenteLepsAmbiti += 1;
  }
  for (const a of territory.data.ambiti) {
    const p = pisPresenceOf(statusOf(scenario, a.code));
    if (p === 'absent') c.ambitiWithoutPis += 1;
    else if (p === 'unknown') c.ambitiPisUnknown += 1;
  }
  return c;
}

/**
 * CROAS Lombardia survey of the Ambiti (November–December 2025), presented on 27/05/2026.
 * The slides label the two LEPS groups "PIS non LEPS (21)" and "PIS LEPS (29)", but the text
 * says 21 were self-declared fully LEPS and 29 not: the text is followed here.
 */
export const CROAS_SURVEY = {
  source: 'CROAS Lombardia, "Un LEPS, un servizio, una sfida comune" (G. Ghezzi, Milano, 27/05/2026)',
  surveyPeriod: 'novembre–dicembre 2025',
  totalAmbiti: 91,
  answered: 87,
  withPis: 50,
  withoutPis: 41,
  /** Of the 41 without: put the PIS in the Piano di Zona 2024-26. */
  pdz2024_26: 31,
  /** Of those 31: expect to realise it in 2026 (wholly or in part). */
  expected2026: 26,
  pdz2027_29: 4,
  noPlanOrNoAnswer: 6,
  singleAmbito: 44,
  associated: 6,
  selfDeclaredLeps: 21,
  notSelfDeclaredLeps: 29,
  allThreeConditions: 9,
  prevailingOrganisation: '«Strada 1»: Comune in orario di servizio + Terzo Settore fuori orario',
  /** The PIS question had "Totale: 91 (tutti gli Ambiti)": presence is known for all 91. */
  pisPresenceUnknown: 0,
} as const;

/** Notes shown with the comparison: where the survey's labels or structure differ from the DGR or the app. */
export const CROAS_NOTES: readonly string[] = [
  'Le etichette «PdZ 2024-26» e «PdZ 2027-29» sono quelle delle slide CROAS: la programmazione lombarda segue il triennio 2025-2027 della DGR XII/2167 (2024). I numeri sono quelli dell\'indagine; le etichette sono dell\'indagine.',
  'Le slide CROAS etichettano i gruppi «PIS non LEPS (21)» e «PIS LEPS (29)», ma il testo dice che 21 si dichiarano pienamente LEPS e 29 no: qui si segue il testo.',
  '«Pienamente LEPS» (21) è l\'autodichiarazione degli Ambiti; «centrale 365 + UdS h24 + presa in carico breve» (9) è la misura di vicinanza al LEPS del CROAS, non il requisito della scheda 3.7.1 (che rende l\'UdS facoltativa: «e/o»).',
  'Hanno risposto 87 Ambiti su 91 (novembre–dicembre 2025), ma la presenza del PIS è nota per tutti i 91: nello scenario «stato sconosciuto» è una riga a parte, non è «senza PIS» né «nessuna risposta».',
];

export interface SurveyComparisonRow {
  key: string;
  label: string;
  survey: number;
  scenario: number;
  /** scenario − survey. */
  difference: number;
}

/**
 * The survey next to the scenario, three-valued. Status mapping: `in-attivazione-2026` = in the
 * PdZ 2024-26 and expected in 2026; `previsto-pdz-2024-26` = in the PdZ 2024-26, not expected in
 * 2026; "no plan / no answer" = `non-previsto` + `senza-pis-non-risponde` (known without a PIS).
 * `sconosciuto` (the scenario does not know) is its own row: never absorbed in "senza PIS".
 */
export function compareWithSurvey(c: ScenarioCounts): SurveyComparisonRow[] {
  const s = CROAS_SURVEY;
  const rows: [string, string, number, number][] = [
    ['withPis', 'Ambiti con PIS', s.withPis, c.ambitiWithPis],
    ['withoutPis', 'Ambiti senza PIS', s.withoutPis, c.ambitiWithoutPis],
    ['pdz2024_26', 'senza PIS, previsto nel PdZ 2024-26', s.pdz2024_26, c.byStatus['in-attivazione-2026'] + c.byStatus['previsto-pdz-2024-26']],
    ['expected2026', '— di cui realizzabile nel 2026', s.expected2026, c.byStatus['in-attivazione-2026']],
    ['pdz2027_29', 'senza PIS, previsto nel PdZ 2027-29', s.pdz2027_29, c.byStatus['previsto-pdz-2027-29']],
    ['noPlanOrNoAnswer', 'senza PIS, nessun programma o nessuna risposta', s.noPlanOrNoAnswer, c.byStatus['non-previsto'] + c.byStatus['senza-pis-non-risponde']],
    ['pisPresenceUnknown', 'stato del PIS sconosciuto (nello scenario)', s.pisPresenceUnknown, c.ambitiPisUnknown],
    ['singleAmbito', 'con PIS di un solo Ambito', s.singleAmbito, c.singleAmbitoPis],
    ['associated', 'con PIS sovra-Ambito (forma associata)', s.associated, c.sovraAmbitoPis],
    ['selfDeclaredLeps', 'PIS dichiarato pienamente LEPS', s.selfDeclaredLeps, c.selfDeclaredLeps],
    ['notSelfDeclaredLeps', 'PIS dichiarato non pienamente LEPS', s.notSelfDeclaredLeps, c.notSelfDeclaredLeps],
    ['allThreeConditions', 'centrale 365 + UdS h24 + presa in carico breve (misura CROAS)', s.allThreeConditions, c.pienamenteLepsAmbiti],
  ];
  return rows.map(([key, label, survey, scenario]) => ({ key, label, survey, scenario, difference: scenario - survey }));
}
