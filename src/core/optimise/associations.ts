// Suggested associations: a partition of the Ambiti without a PIS (or of all Ambiti) into
// contiguous groups inside the same ATS (optionally the same ASST or Distretto), each to be served
// by one sovra-Ambito PIS with one base. Deterministic greedy agglomeration: the smallest group
// below the minimum residents merges with the compatible neighbouring group that keeps its
// worst-served member best (or its coverage highest), provided the merged group keeps every
// member's p90 within the maximum. Each group comes with an Italian explanation of why.
import { DEFAULT_TARGET_MIN } from '../coverage/coverage.ts';
import type { ResponseAssumptions } from '../coverage/assumptions.ts';
import { createService, nextId, nextServiceId } from '../scenario/edit.ts';
import type { PisBase, Scenario } from '../scenario/types.ts';
import type { TimeBand } from '../sim/layout.ts';
import { createTerritory, type Territory } from '../territory/index.ts';
import type { TravelContext } from '../travel/context.ts';
import type { AssumptionInfo } from '../travel/assumptions.ts';
import { buildSitingProblem, memberKpis, solveHeuristic } from './siting.ts';
import { formatIt } from '../format/numbers.ts';

export type GroupingLevel = 'ats' | 'asst' | 'distretto';
const LEVEL_LABEL: Record<GroupingLevel, string> = { ats: 'ATS', asst: 'ASST', distretto: 'Distretto' };

export interface AssociationOptions {
  /** 'senza-pis' (default): the Ambiti that no service of the scenario serves; 'tutti': every Ambito. */
  scope?: 'senza-pis' | 'tutti';
  /** Explicit list of Ambiti to group (overrides scope). */
  ambiti?: string[];
  /** Members of a group must share a unit at this level; default 'ats'. */
  sameLevel?: GroupingLevel;
  /** Minimum residents per PIS; default DEFAULT_MIN_RESIDENTS (assumption). */
  minResidents?: number;
  /** Maximum p90 response of every member (min); default DEFAULT_MAX_P90_MIN (assumption). */
  maxP90Min?: number;
  /** 'worst' (default): minimise the worst-served member's p90; 'coverage': maximise residents within T. */
  objective?: 'worst' | 'coverage';
  /** Where the group's base sits: its most populous comune, or the best place for the mean response (heuristic, default). */
  baseMode?: 'most-populous' | 'heuristic';
  /** T for the coverage share; default 45 min. */
  targetMin?: number;
  band?: TimeBand;
  response?: ResponseAssumptions;
}

/** Assumption: no source fixes a minimum population for a PIS. Editable. */
export const DEFAULT_MIN_RESIDENTS = 100_000;
/** Assumption: the highest default coverage threshold (60 min); editable. */
export const DEFAULT_MAX_P90_MIN = 60;

export const ASSOCIATION_ASSUMPTION_INFO: Readonly<Record<'minResidents' | 'maxP90Min', AssumptionInfo>> = Object.freeze({
  minResidents: { label: 'Residenti minimi per PIS', unit: 'residenti', source: 'assunzione: nessuna norma fissa una soglia; modificabile' },
  maxP90Min: { label: 'Tempo di risposta massimo al 90° percentile per ogni Ambito', unit: 'min', source: 'assunzione (obiettivo di pianificazione); modificabile' },
});

export interface ProposedGroup {
  id: string;
  members: string[];
  memberNames: string[];
  residents: number;
  /** Units at `sameLevel` shared by every member. */
  sharedUnits: { code: string; name: string }[];
  base: { istat: string; name: string; ambito: string };
  /** Per member (same order as members). */
  memberP90Min: (number | null)[];
  memberShareWithinT: number[];
  worstMember: string;
  worstP90Min: number | null;
  /** Residents within T ÷ residents of the group. */
  shareWithinT: number;
  meetsMinResidents: boolean;
  meetsMaxP90: boolean;
  explanation: string;
}

export interface AssociationProposal {
  groups: ProposedGroup[];
  /** The Ambiti that were grouped. */
  eligible: string[];
  options: Required<Omit<AssociationOptions, 'ambiti' | 'response' | 'band'>> & { band: TimeBand };
  assumptions: typeof ASSOCIATION_ASSUMPTION_INFO;
  warnings: string[];
}

interface Evaluation {
  baseComune: number;
  memberP90: (number | null)[];
  memberShare: number[];
  worstP90: number;
  worstIdx: number;
  shareWithinT: number;
  residents: number;
}

const fmtMin = (v: number | null): string => (v === null ? 'non raggiunto' : `${Math.round(v)} min`);
const fmtInt = (v: number): string => formatIt(Math.round(v));

export function suggestAssociations(ctx: TravelContext, scenario: Scenario | null, options: AssociationOptions = {}): AssociationProposal {
  const data = ctx.data;
  const overrides = scenario?.compositionOverrides ?? {};
  const territory: Territory = createTerritory(data, new Map(Object.entries(overrides)));
  const o = {
    scope: options.scope ?? 'senza-pis',
    sameLevel: options.sameLevel ?? 'ats',
    minResidents: options.minResidents ?? DEFAULT_MIN_RESIDENTS,
    maxP90Min: options.maxP90Min ?? DEFAULT_MAX_P90_MIN,
    objective: options.objective ?? 'worst',
    baseMode: options.baseMode ?? 'heuristic',
    targetMin: options.targetMin ?? DEFAULT_TARGET_MIN,
    band: options.band ?? ('closure' as TimeBand),
  };
  const warnings: string[] = [];
  const known = new Set(data.ambiti.map((a) => a.code));
  let eligible: string[];
  if (options.ambiti) {
    for (const a of options.ambiti) if (!known.has(a)) throw new Error(`Associazioni suggerite: Ambito ${a} sconosciuto`);
    eligible = [...new Set(options.ambiti)].sort();
  } else if (o.scope === 'tutti' || !scenario) {
    eligible = data.ambiti.map((a) => a.code).sort();
  } else {
    const served = new Set(scenario.services.flatMap((s) => s.members));
    eligible = data.ambiti.map((a) => a.code).filter((c) => !served.has(c)).sort();
  }
  const eligibleSet = new Set(eligible);
  const residentsOf = new Map<string, number>();
  for (const a of eligible) residentsOf.set(a, territory.rollup(territory.comuniOfAmbito(a)).residents);
  const unitsOf = (a: string): string[] => territory.unitsOfAmbito(o.sameLevel, a);

  const cache = new Map<string, Evaluation>();
  const evaluate = (members: string[]): Evaluation => {
    const key = members.join(',');
    const hit = cache.get(key);
    if (hit) return hit;
    const comuni = members.flatMap((m) => territory.comuniOfAmbito(m));
    let candidates: string[];
    if (o.baseMode === 'most-populous') {
      let best = comuni[0];
      for (const i of comuni) if (data.comuni[i].residents > data.comuni[best].residents || (data.comuni[i].residents === data.comuni[best].residents && i < best)) best = i;
      candidates = [data.comuni[best].istat];
    } else candidates = comuni.map((i) => data.comuni[i].istat);
    const problem = buildSitingProblem(ctx, { members, k: 1, objective: 'median', candidates, targetMin: o.targetMin, band: o.band, response: options.response, compositionOverrides: overrides });
    // Stryker disable next-line StringLiteral: with 'most-populous' there is one candidate, and the heuristic on one candidate opens it ([0])
    const open = o.baseMode === 'most-populous' ? [0] : solveHeuristic(problem).open;
    const kpis = memberKpis(problem, open);
    const memberP90 = kpis.slice(0, members.length).map((k) => k.p90Min);
    let worstIdx = 0;
    memberP90.forEach((v, i) => {
      if ((v ?? Infinity) > (memberP90[worstIdx] ?? Infinity)) worstIdx = i;
    });
    const ev: Evaluation = {
      baseComune: problem.candidates[open[0]],
      memberP90,
      memberShare: kpis.slice(0, members.length).map((k) => k.shareWithinT),
      worstP90: memberP90[worstIdx] ?? Infinity,
      worstIdx,
      shareWithinT: kpis[members.length].shareWithinT,
      residents: members.reduce((s, m) => s + (residentsOf.get(m) ?? 0), 0),
    };
    cache.set(key, ev);
    return ev;
  };

  // Groups: sorted member lists; shared units at the level.
  let groups: { members: string[]; units: string[] }[] = eligible.map((a) => ({ members: [a], units: unitsOf(a) }));
  const stuck = new Set<string>();
  for (;;) {
    const small = groups
      .filter((g) => !stuck.has(g.members.join(',')) && evaluate(g.members).residents < o.minResidents)
      .sort((a, b) => evaluate(a.members).residents - evaluate(b.members).residents || a.members[0].localeCompare(b.members[0]));
    if (small.length === 0) break;
    const g = small[0];
    // Stryker disable next-line MethodExpression,ConditionalExpression,LogicalOperator: the filter only drops codes no other group holds (not eligible, or g's own), so h.members.some(...) below is the same without it
    const neighbours = new Set(g.members.flatMap((m) => territory.neighbourAmbiti(m)).filter((a) => eligibleSet.has(a) && !g.members.includes(a)));
    let best: { h: (typeof groups)[number]; merged: string[]; units: string[]; ev: Evaluation } | undefined;
    for (const h of groups) {
      if (h === g || !h.members.some((m) => neighbours.has(m))) continue;
      const units = g.units.filter((u) => h.units.includes(u));
      if (units.length === 0) continue;
      const merged = [...g.members, ...h.members].sort();
      const ev = evaluate(merged);
      if (!(ev.worstP90 <= o.maxP90Min + 1e-9)) continue;
      if (!best) {
        best = { h, merged, units, ev };
        continue;
      }
      const b = best.ev;
      const d = o.objective === 'worst' ? ev.worstP90 - b.worstP90 || b.shareWithinT - ev.shareWithinT : b.shareWithinT - ev.shareWithinT || ev.worstP90 - b.worstP90;
      if (d < -1e-9 || (Math.abs(d) <= 1e-9 && (ev.residents < b.residents || (ev.residents === b.residents && merged[0] < best.merged[0])))) best = { h, merged, units, ev };
    }
    if (!best) {
      stuck.add(g.members.join(','));
      continue;
    }
    const chosen = best;
    groups = groups.filter((x) => x !== g && x !== chosen.h);
    groups.push({ members: chosen.merged, units: chosen.units });
  }
  groups.sort((a, b) => a.members[0].localeCompare(b.members[0]));

  // Stryker disable next-line OptionalChaining: every grouped Ambito is one of data.ambiti (checked or taken from them above)
  const name = (a: string): string => territory.ambito(a)?.name ?? a;
  const out: ProposedGroup[] = groups.map((g, gi) => {
    const ev = evaluate(g.members);
    const base = data.comuni[ev.baseComune];
    const memberNames = g.members.map(name);
    const sharedUnits = g.units.map((u) => ({ code: u, name: territory.unitName(o.sameLevel, u) }));
    const meetsMinResidents = ev.residents >= o.minResidents;
    const meetsMaxP90 = ev.worstP90 <= o.maxP90Min + 1e-9;
    const parts: string[] = [];
    const label = (i: number): string => `${memberNames[i]} (${g.members[i]})`;
    const unitText = sharedUnits.map((u) => u.name).join(' / ');
    if (g.members.length === 1) {
      parts.push(`Ambito ${label(0)} da solo`);
    } else {
      const edges: string[] = [];
      for (let i = 0; i < g.members.length; i++)
        for (let j = i + 1; j < g.members.length; j++) if (territory.neighbourAmbiti(g.members[i]).includes(g.members[j])) edges.push(`${memberNames[i]}–${memberNames[j]}`);
      parts.push(`Ambiti ${g.members.map((_, i) => label(i)).join(', ')}: confinanti (${edges.join(', ')}), tutti nella stessa ${LEVEL_LABEL[o.sameLevel]} (${unitText})`);
    }
    parts.push(`${fmtInt(ev.residents)} residenti (ANPR ${data.populationDate}); minimo richiesto ${fmtInt(o.minResidents)}${meetsMinResidents ? '' : ': NON raggiunto'}`);
    parts.push(`base unica a ${base.name} (${o.baseMode === 'most-populous' ? 'comune più popoloso' : 'posizione che minimizza il tempo medio di risposta'})`);
    parts.push(`tempo di risposta al 90° percentile: ${g.members.map((_, i) => `${memberNames[i]} ${fmtMin(ev.memberP90[i])}`).join(', ')}`);
    if (g.members.length > 1) parts.push(`il peggio servito è ${memberNames[ev.worstIdx]} (${fmtMin(ev.memberP90[ev.worstIdx])}), ${meetsMaxP90 ? 'entro' : 'OLTRE'} il massimo di ${o.maxP90Min} min`);
    else if (!meetsMaxP90) parts.push(`oltre il massimo di ${o.maxP90Min} min anche da solo con una base`);
    parts.push(`residenti raggiunti entro ${o.targetMin} min: ${(ev.shareWithinT * 100).toFixed(1).replace('.', ',')}%`);
    if (!meetsMinResidents) {
      parts.push(
        g.members.length === 1 && ![...territory.neighbourAmbiti(g.members[0])].some((a) => eligibleSet.has(a))
          ? 'nessun Ambito confinante tra quelli da raggruppare'
          : `nessuna aggregazione con un Ambito confinante della stessa ${LEVEL_LABEL[o.sameLevel]} rispetta il tempo massimo`,
      );
    }
    return {
      id: `proposta-${gi + 1}`,
      members: g.members,
      memberNames,
      residents: ev.residents,
      sharedUnits,
      base: { istat: base.istat, name: base.name, ambito: overrides[base.istat] ?? base.ambito },
      memberP90Min: ev.memberP90,
      memberShareWithinT: ev.memberShare,
      worstMember: g.members[ev.worstIdx],
      worstP90Min: ev.memberP90[ev.worstIdx],
      shareWithinT: ev.shareWithinT,
      meetsMinResidents,
      meetsMaxP90,
      explanation: parts.join('; ') + '.',
    };
  });
  const below = out.filter((g) => !g.meetsMinResidents).length;
  if (below > 0) warnings.push(`${below} gruppi restano sotto la soglia di ${fmtInt(o.minResidents)} residenti: nessuna aggregazione ammessa dai vincoli`);
  if (eligible.length === 0) warnings.push('Nessun Ambito da raggruppare: tutti hanno già un PIS nello scenario');
  return { groups: out, eligible, options: o, assumptions: ASSOCIATION_ASSUMPTION_INFO, warnings };
}

/**
 * The proposal as a new scenario: one service per group (createService, so the usual structural
 * rules apply; members already served elsewhere move), one UdS base with one unit per band at
 * the proposed comune. Every new service's features are placeholders ("da verificare").
 */
export function proposalToScenario(base: Scenario, proposal: AssociationProposal, id = `${base.id}-proposta`, name = `${base.name} — associazioni proposte`): Scenario {
  let s: Scenario = {
    ...(JSON.parse(JSON.stringify(base)) as Scenario),
    id,
    name,
    description: `Proposta generata da "${base.name}": ${proposal.groups.length} PIS (${proposal.groups.filter((g) => g.members.length > 1).length} sovra-Ambito). Vincoli: stessa ${LEVEL_LABEL[proposal.options.sameLevel]}, almeno ${fmtInt(proposal.options.minResidents)} residenti, p90 entro ${proposal.options.maxP90Min} min. Da verificare con gli Ambiti.`,
  };
  for (const g of proposal.groups) {
    const baseIds = s.services.flatMap((x) => x.bases.map((b) => b.id));
    const pisBase: PisBase = { id: nextId(baseIds, 'base'), kind: 'uds', istat: g.base.istat, unitsByBand: { office: 1, closure: 1, night: 1, saturday: 1, holiday: 1 } };
    const capofila = g.members.includes(g.base.ambito) ? g.base.ambito : g.members[0];
    s = createService(s, {
      id: nextServiceId(s),
      name: g.members.length > 1 ? `PIS proposto ${g.memberNames.join(' + ')}` : `PIS proposto ${g.memberNames[0]}`,
      members: g.members,
      capofila,
      bases: [pisBase],
      unverifiedFields: ['organisation', 'centraleOperativa24h365', 'udsH24', 'presaInCarico', 'graveMarginalita', 'bases'],
      source: `Associazioni suggerite dal pianificatore: ${g.explanation}`,
    });
  }
  return s;
}
