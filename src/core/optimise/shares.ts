// Burden sharing and fairness inside an association: what each member Ambito pays (by residents,
// by expected calls, by simulated use, by the Shapley value of a stand-alone cost game) and what it
// gets (its p90 response, the worst-served member, a dispersion index). The annual budget and the
// cost structure are editable, labelled assumptions; the only real reference is the Rho PIS budget.
import { DEFAULT_TARGET_MIN } from '../coverage/coverage.ts';
import type { ResponseAssumptions } from '../coverage/assumptions.ts';
import { defaultDesAssumptions, mergeDesAssumptions, RHO_CALIBRATION, type DesOverrides } from '../des/assumptions.ts';
import { calibrateDemand, expectedDemand } from '../des/demand.ts';
import { mulberry32 } from '../des/rng.ts';
import type { TimeBand } from '../sim/layout.ts';
import type { TravelContext } from '../travel/context.ts';
import type { AssumptionInfo } from '../travel/assumptions.ts';
import { ambitoOfComuni, buildSitingProblem, memberKpis, type MemberKpi, type SitingProblem } from './siting.ts';
import { formatIt } from '../format/numbers.ts';

/** Rho PIS, 2026–2027 (two years): the only real budget figure. */
export const RHO_BUDGET_2026_27_EUR = 89572.8;
/** Default annual budget: the Rho two-year figure halved (assumption: same cost in both years). */
export const DEFAULT_ANNUAL_BUDGET_EUR = RHO_BUDGET_2026_27_EUR / 2;
/** Default share of the budget that does not depend on the number of bases (centrale operativa, coordination). */
export const DEFAULT_FIXED_SHARE = 0.5;
export const EXACT_SHAPLEY_MAX_MEMBERS = 10;
export const MAX_SHAPLEY_MEMBERS = 30;

export const SHARES_ASSUMPTION_INFO: Readonly<Record<'annualBudgetEur' | 'fixedShare' | 'standaloneCost' | 'expectedCalls', AssumptionInfo>> = Object.freeze({
  annualBudgetEur: {
    label: 'Budget annuo del PIS associato',
    unit: '€',
    source: `assunzione modificabile; unico riferimento reale: PIS Ambito Rhodense, ${formatIt(RHO_BUDGET_2026_27_EUR, { minimumFractionDigits: 2 })} € per il biennio 2026–2027 (valore predefinito: metà, per un anno)`,
  },
  fixedShare: { label: 'Quota del budget indipendente dal numero di basi (centrale operativa, coordinamento)', unit: 'quota', source: 'assunzione modificabile (predefinito 50%)' },
  standaloneCost: {
    label: 'Costo di una coalizione di Ambiti (per il valore di Shapley)',
    unit: '€',
    source: 'assunzione: costo fisso + k(S) × costo per base, dove k(S) è il numero minimo di basi (euristica di copertura) perché ogni Ambito della coalizione abbia il 90% dei residenti entro T; costo per base = parte variabile del budget ÷ k(associazione), così il costo dell’intera associazione è il budget',
  },
  expectedCalls: {
    label: 'Segnalazioni attese all’anno',
    unit: 'segnalazioni/anno',
    source: `domanda attesa del modello della simulazione: tassi per tipo calibrati sul PIS Rhodense (${RHO_CALIBRATION.reports} segnalazioni in ${RHO_CALIBRATION.months} mesi, ore di chiusura) sui residenti e, per adulti in difficoltà e/o senza dimora, sull’indicatore di grave marginalità (iscritti ISTAT 2021 o valore per 1.000 residenti)`,
  },
});

export interface SharesRequest {
  members: string[];
  annualBudgetEur?: number;
  fixedShare?: number;
  /** Per-member call counts from a simulation (any period: only proportions matter). */
  simulatedCalls?: Record<string, number>;
  /** ISTAT codes of the association's bases for the fairness KPIs; default: the k(N) bases of the cost game. */
  bases?: string[];
  targetMin?: number;
  band?: TimeBand;
  response?: ResponseAssumptions;
  /** DES demand assumptions (kinds, indicator, scale); default: the calibrated defaults. */
  des?: DesOverrides;
  /** Above EXACT_SHAPLEY_MAX_MEMBERS: number of sampled permutations (default 1000 up to 15 members, 200 above: seconds, not minutes). */
  shapleySamples?: number;
  seed?: number;
  /** Cap on k(S) (default: 12). */
  maxBases?: number;
  compositionOverrides?: Record<string, string>;
}

export interface ShareSplit {
  share: number;
  eur: number;
}

export interface MemberShare {
  ambito: string;
  name: string;
  residents: number;
  expectedCallsYear: number;
  simulatedCalls: number | null;
  /** Bases it would need alone, and their cost (v of the singleton). */
  standaloneBases: number;
  standaloneCostEur: number;
  byResidents: ShareSplit;
  byExpectedCalls: ShareSplit;
  bySimulatedUse: ShareSplit | null;
  shapley: ShareSplit;
  kpi: MemberKpi;
}

export interface FairnessSummary {
  worstMember: string;
  worstP90Min: number | null;
  /** Coefficient of variation of the members' p90 (population std ÷ mean). */
  p90CoefficientOfVariation: number | null;
  /** Gini index of the members' p90. */
  p90Gini: number | null;
}

export interface SharesResult {
  members: MemberShare[];
  annualBudgetEur: number;
  fixedCostEur: number;
  costPerBaseEur: number;
  /** Bases the whole association needs (k(N)) and where the cost game puts them. */
  associationBases: number;
  basesUsed: { istat: string; name: string }[];
  shapleyMethod: 'esatto' | 'campionato';
  shapleySamples: number | null;
  coalitionsEvaluated: number;
  /** Coalitions for which even maxBases bases do not reach the target (their cost is capped). */
  coalitionsCapped: number;
  fairness: FairnessSummary;
  total: MemberKpi;
  targetMin: number;
  assumptions: typeof SHARES_ASSUMPTION_INFO;
  warnings: string[];
}

// ---------------------------------------------------------------- Shapley value

/** Exact Shapley value of an n-player game given by v(bitmask); v(0) is taken as 0. */
export function shapleyExact(n: number, v: (mask: number) => number): number[] {
  const size = 1 << n;
  const val = new Float64Array(size);
  for (let mask = 1; mask < size; mask++) val[mask] = v(mask);
  const fact = [1];
  for (let i = 1; i <= n; i++) fact.push(fact[i - 1] * i);
  const phi = new Array<number>(n).fill(0);
  for (let mask = 0; mask < size; mask++) {
    let s = 0;
    for (let x = mask; x; x &= x - 1) s++;
    const weight = (fact[s] * fact[n - s - 1]) / fact[n];
    for (let i = 0; i < n; i++) if (!(mask & (1 << i))) phi[i] += weight * (val[mask | (1 << i)] - val[mask]);
  }
  return phi;
}

/** Shapley value estimated over seeded random permutations; shares sum to v(all) exactly. */
export function shapleySampled(n: number, v: (mask: number) => number, samples: number, seed = 1): number[] {
  const rng = mulberry32(seed);
  const memo = new Map<number, number>([[0, 0]]);
  const val = (mask: number): number => {
    let x = memo.get(mask);
    if (x === undefined) memo.set(mask, (x = v(mask)));
    return x;
  };
  const phi = new Array<number>(n).fill(0);
  const perm = Array.from({ length: n }, (_, i) => i);
  for (let s = 0; s < samples; s++) {
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1));
      [perm[i], perm[j]] = [perm[j], perm[i]];
    }
    let mask = 0;
    for (const i of perm) {
      const next = mask | (1 << i);
      phi[i] += val(next) - val(mask);
      mask = next;
    }
  }
  return phi.map((x) => x / samples);
}

// ---------------------------------------------------------------- dispersion

export function coefficientOfVariation(xs: readonly number[]): number | null {
  if (xs.length === 0) return null;
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  if (mean === 0) return 0;
  const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length;
  return Math.sqrt(variance) / mean;
}

export function gini(xs: readonly number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const total = s.reduce((a, b) => a + b, 0);
  if (total === 0) return 0;
  let acc = 0;
  s.forEach((x, i) => (acc += (2 * (i + 1) - s.length - 1) * x));
  return acc / (s.length * total);
}

// ---------------------------------------------------------------- bases needed by a coalition

/** For each candidate position, the demand points within targetMin of it (sparse, for the covering greedy). */
export function coverLists(problem: SitingProblem): Int32Array[] {
  const n = problem.points.length;
  const T = problem.targetMin + 1e-9;
  return problem.candidates.map((_, j) => {
    const list: number[] = [];
    for (let i = 0; i < n; i++) if (problem.cost[j * n + i] <= T) list.push(i);
    return Int32Array.from(list);
  });
}

/**
 * Greedy covering for a coalition (bitmask over problem.members): add the candidate (a comune of
 * the coalition) that brings the most uncovered residents of not-yet-satisfied members within T,
 * until every member has 90% of its residents within T (i.e. its p90 ≤ T). Ties: lowest position.
 * Returns the open positions and whether the target was met within maxBases.
 */
export function basesForCoalition(problem: SitingProblem, candidateMember: Int32Array, mask: number, maxBases: number, lists: Int32Array[] = coverLists(problem)): { open: number[]; met: boolean } {
  const n = problem.points.length;
  const nm = problem.members.length;
  const need = new Float64Array(nm);
  const got = new Float64Array(nm);
  const { memberOfPoint, weights } = problem;
  // Stryker disable next-line EqualityOperator,ConditionalExpression: past the end writes a stray property; outside the coalition need is never read (unsatisfied checks the mask first)
  for (let i = 0; i < n; i++) if (mask & (1 << memberOfPoint[i])) need[memberOfPoint[i]] += weights[i];
  // Stryker disable next-line EqualityOperator: writing need[nm] on a Float64Array of length nm is a no-op
  for (let m = 0; m < nm; m++) need[m] = 0.9 * need[m] - 1e-6;
  const covered = new Uint8Array(n);
  const open: number[] = [];
  // Stryker disable next-line ConditionalExpression: outside the coalition need is −1e-6, so got ≥ 0 already says satisfied
  const unsatisfied = (m: number): boolean => (mask & (1 << m)) !== 0 && got[m] < need[m];
  const anyUnsatisfied = (): boolean => {
    // Stryker disable next-line EqualityOperator: m = nm is outside every mask (mask < 2^nm), never unsatisfied
    for (let m = 0; m < nm; m++) if (unsatisfied(m)) return true;
    return false;
  };
  const cands: number[] = [];
  // Stryker disable next-line EqualityOperator: candidateMember past the end is undefined, and undefined >= 0 is false
  for (let j = 0; j < candidateMember.length; j++) if (candidateMember[j] >= 0 && mask & (1 << candidateMember[j])) cands.push(j);
  while (anyUnsatisfied()) {
    if (open.length >= maxBases) return { open, met: false };
    let bestJ = -1;
    let bestGain = 0;
    for (const j of cands) {
      let gain = 0;
      const list = lists[j];
      // Stryker disable next-line EqualityOperator: list past the end is undefined: covered/memberOfPoint/got/need read undefined and add no gain
      for (let t = 0; t < list.length; t++) {
        const i = list[t];
        if (!covered[i] && unsatisfied(memberOfPoint[i])) gain += weights[i];
      }
      if (gain > bestGain) {
        bestGain = gain;
        bestJ = j;
      }
    }
    if (bestJ < 0) return { open, met: false };
    open.push(bestJ);
    for (const i of lists[bestJ])
      if (!covered[i]) {
        covered[i] = 1;
        got[memberOfPoint[i]] += weights[i];
      }
  }
  return { open, met: true };
}

// ---------------------------------------------------------------- shares

export function computeShares(ctx: TravelContext, req: SharesRequest): SharesResult {
  const data = ctx.data;
  const members = [...new Set(req.members)];
  if (members.length > MAX_SHAPLEY_MEMBERS) throw new Error(`Ripartizione dei costi: al massimo ${MAX_SHAPLEY_MEMBERS} Ambiti (richiesti ${members.length})`);
  const budget = req.annualBudgetEur ?? DEFAULT_ANNUAL_BUDGET_EUR;
  if (!(budget >= 0) || !Number.isFinite(budget)) throw new Error(`Ripartizione dei costi: budget annuo non valido (${budget})`);
  const fixedShare = req.fixedShare ?? DEFAULT_FIXED_SHARE;
  if (!(fixedShare >= 0 && fixedShare <= 1)) throw new Error(`Ripartizione dei costi: la quota fissa deve essere tra 0 e 1 (valore: ${fixedShare})`);
  const targetMin = req.targetMin ?? DEFAULT_TARGET_MIN;
  const maxBases = req.maxBases ?? 12;
  const warnings: string[] = [];
  // One problem over all members' comuni; coalitions use subsets of its rows and columns.
  const problem = buildSitingProblem(ctx, { members, k: 1, objective: 'cover', targetMin, band: req.band, response: req.response, compositionOverrides: req.compositionOverrides });
  const ambitoOf = ambitoOfComuni(ctx, req.compositionOverrides);
  const memberPos = new Map(problem.members.map((m, i) => [m, i]));
  const candidateMember = Int32Array.from(problem.candidates, (c) => memberPos.get(ambitoOf[c]) ?? -1);
  const nm = problem.members.length;
  const all = (1 << nm) - 1;

  const lists = coverLists(problem);
  let capped = 0;
  let evaluated = 0;
  const kCache = new Map<number, number>();
  const kOf = (mask: number): number => {
    let k = kCache.get(mask);
    if (k === undefined) {
      const r = basesForCoalition(problem, candidateMember, mask, maxBases, lists);
      evaluated++;
      if (!r.met) capped++;
      k = r.met ? r.open.length : maxBases;
      kCache.set(mask, k);
    }
    return k;
  };
  const full = basesForCoalition(problem, candidateMember, all, maxBases, lists);
  const kN = Math.max(1, full.met ? full.open.length : maxBases);
  if (!full.met) warnings.push(`Anche con ${maxBases} basi non tutti gli Ambiti raggiungono il 90% dei residenti entro ${targetMin} min: costo delle coalizioni limitato a ${maxBases} basi`);
  const fixedCostEur = fixedShare * budget;
  const costPerBaseEur = ((1 - fixedShare) * budget) / kN;
  // Stryker disable next-line ConditionalExpression: v(∅) is never asked (shapleyExact skips it, shapleySampled memoises it as 0)
  const v = (mask: number): number => (mask === 0 ? 0 : fixedCostEur + kOf(mask) * costPerBaseEur);

  let shapleyEur: number[];
  let method: SharesResult['shapleyMethod'];
  let samples: number | null = null;
  if (nm <= EXACT_SHAPLEY_MAX_MEMBERS) {
    shapleyEur = shapleyExact(nm, v);
    method = 'esatto';
  } else {
    samples = req.shapleySamples ?? (nm <= 15 ? 1000 : 200);
    shapleyEur = shapleySampled(nm, v, samples, req.seed ?? 1);
    method = 'campionato';
  }
  // v(all) = budget by construction (up to rounding of kN): rescale so the split is the budget exactly.
  const vAll = v(all);
  if (vAll > 0) shapleyEur = shapleyEur.map((x) => (x * budget) / vAll);

  // Residents and expected calls per member.
  const des = mergeDesAssumptions(defaultDesAssumptions(data), req.des);
  const calibration = calibrateDemand(data, des);
  const residents = new Array<number>(nm).fill(0);
  const calls = new Array<number>(nm).fill(0);
  for (let i = 0; i < problem.points.length; i++) {
    const m = problem.memberOfPoint[i];
    const w = problem.weights[i];
    const c = data.comuni[ctx.demand.comune[problem.points[i]]];
    residents[m] += w;
    // A point's share of its comune's expected reports (points split residents evenly).
    // Stryker disable next-line ConditionalExpression,EqualityOperator: comuni without residents have no demand points, so c.residents > 0 here
    calls[m] += c.residents > 0 ? (expectedDemand([c], calibration, des).total * w) / c.residents : 0;
  }
  const split = (xs: readonly number[]): ShareSplit[] => {
    const tot = xs.reduce((a, b) => a + b, 0);
    return xs.map((x) => ({ share: tot > 0 ? x / tot : 0, eur: tot > 0 ? (x / tot) * budget : 0 }));
  };
  const sim = req.simulatedCalls;
  if (sim) for (const m of problem.members) if (!(typeof sim[m] === 'number' && sim[m] >= 0)) warnings.push(`Uso simulato: manca il numero di chiamate dell'Ambito ${m}, considerato 0`);
  // Stryker disable next-line EqualityOperator: at 0 both branches give 0 calls
  const simCalls = sim ? problem.members.map((m) => (typeof sim[m] === 'number' && sim[m] >= 0 ? sim[m] : 0)) : null;

  // Fairness with the given bases, or with the cost game's bases for the whole association.
  if (req.bases && req.bases.length) {
    const withBases = buildSitingProblem(ctx, { members, k: 1, objective: 'median', candidates: req.bases, before: req.bases, targetMin, band: req.band, response: req.response, compositionOverrides: req.compositionOverrides });
    return finish(withBases, withBases.before);
  }
  return finish(problem, full.open);

  function finish(p: SitingProblem, openPos: number[]): SharesResult {
    const kpis = memberKpis(p, openPos);
    const memberK = kpis.slice(0, nm);
    const p90s = memberK.map((k) => k.p90Min).filter((x): x is number => x !== null);
    let worst = 0;
    memberK.forEach((k, i) => {
      if ((k.p90Min ?? Infinity) > (memberK[worst].p90Min ?? Infinity)) worst = i;
    });
    const byRes = split(residents);
    const byCalls = split(calls);
    const bySim = simCalls ? split(simCalls) : null;
    const shap = shapleyEur.map((eur) => ({ share: budget > 0 ? eur / budget : 0, eur }));
    return {
      members: problem.members.map((code, i) => ({
        ambito: code,
        name: problem.memberNames[i],
        residents: residents[i],
        expectedCallsYear: calls[i],
        simulatedCalls: simCalls ? simCalls[i] : null,
        standaloneBases: kOf(1 << i),
        standaloneCostEur: v(1 << i),
        byResidents: byRes[i],
        byExpectedCalls: byCalls[i],
        bySimulatedUse: bySim ? bySim[i] : null,
        shapley: shap[i],
        kpi: memberK[i],
      })),
      annualBudgetEur: budget,
      fixedCostEur,
      costPerBaseEur,
      associationBases: kN,
      basesUsed: openPos.map((j) => ({ istat: data.comuni[p.candidates[j]].istat, name: data.comuni[p.candidates[j]].name })),
      shapleyMethod: method,
      shapleySamples: samples,
      coalitionsEvaluated: evaluated,
      coalitionsCapped: capped,
      fairness: {
        worstMember: problem.members[worst],
        worstP90Min: memberK[worst].p90Min,
        p90CoefficientOfVariation: coefficientOfVariation(p90s),
        p90Gini: gini(p90s),
      },
      total: kpis[nm],
      targetMin,
      assumptions: SHARES_ASSUMPTION_INFO,
      warnings,
    };
  }
}
