// Quantities derived from a scenario, and the CROAS survey they are compared with.
import type { PisService, PisStatus, Scenario } from './types.ts';
import { PIS_STATUSES } from './types.ts';
import type { Territory } from '../territory/index.ts';

/**
 * "Pienamente LEPS" as the CROAS analysis measures closeness to the LEPS: centrale operativa
 * 365 days, unità di strada h24 and a short (0–7 days) presa in carico, all three together.
 */
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
  ambitiWithPis: number;
  ambitiWithoutPis: number;
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
  c.ambitiWithoutPis = c.totalAmbiti - c.ambitiWithPis;
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
} as const;

export interface SurveyComparisonRow {
  key: string;
  label: string;
  survey: number;
  scenario: number;
  /** scenario − survey. */
  difference: number;
}

/**
 * The survey next to the scenario. Status mapping: `in-attivazione-2026` = in the PdZ 2024-26
 * and expected in 2026; `previsto-pdz-2024-26` = in the PdZ 2024-26, not expected in 2026;
 * "no plan / no answer" = `non-previsto` + `sconosciuto`.
 */
export function compareWithSurvey(c: ScenarioCounts): SurveyComparisonRow[] {
  const s = CROAS_SURVEY;
  const rows: [string, string, number, number][] = [
    ['withPis', 'Ambiti con PIS', s.withPis, c.ambitiWithPis],
    ['withoutPis', 'Ambiti senza PIS', s.withoutPis, c.ambitiWithoutPis],
    ['pdz2024_26', 'senza PIS, previsto nel PdZ 2024-26', s.pdz2024_26, c.byStatus['in-attivazione-2026'] + c.byStatus['previsto-pdz-2024-26']],
    ['expected2026', '— di cui realizzabile nel 2026', s.expected2026, c.byStatus['in-attivazione-2026']],
    ['pdz2027_29', 'senza PIS, previsto nel PdZ 2027-29', s.pdz2027_29, c.byStatus['previsto-pdz-2027-29']],
    ['noPlanOrNoAnswer', 'senza PIS, nessun programma o nessuna risposta', s.noPlanOrNoAnswer, c.byStatus['non-previsto'] + c.byStatus['sconosciuto']],
    ['singleAmbito', 'con PIS di un solo Ambito', s.singleAmbito, c.singleAmbitoPis],
    ['associated', 'con PIS sovra-Ambito (forma associata)', s.associated, c.sovraAmbitoPis],
    ['selfDeclaredLeps', 'PIS dichiarato pienamente LEPS', s.selfDeclaredLeps, c.selfDeclaredLeps],
    ['notSelfDeclaredLeps', 'PIS dichiarato non pienamente LEPS', s.notSelfDeclaredLeps, c.notSelfDeclaredLeps],
    ['allThreeConditions', 'centrale 365 + UdS h24 + presa in carico breve', s.allThreeConditions, c.pienamenteLepsAmbiti],
  ];
  return rows.map(([key, label, survey, scenario]) => ({ key, label, survey, scenario, difference: scenario - survey }));
}
