// The estimator: places the comuni that no public source assigns to an Ambito.
//
// It uses only constraints a planner can defend, in this order of strength:
//  1. pools (ambiti_hints.csv `pool`): a comune may only join one of the Ambiti of its pool;
//  2. province: an Ambito takes comuni of the provinces its sourced comuni lie in (if it has any);
//  3. contiguity: an Ambito grows only across shared borders of the comune adjacency graph, from
//     seeds = its sourced comuni, plus the comuni a source names in it (`anchor_comune`), plus —
//     only for an Ambito with no other seed — the comune it is named after (`name_comune`, weak);
//  4. stated counts (`stated_count`): an Ambito below its stated size is grown first; one at its
//     size takes more only when no other Ambito of the pool can;
//  5. compactness: among the candidates, the comune sharing most of its borders with the Ambito.
// Ties are broken by codes, so the result is deterministic. Every placement is recorded with the
// rule that made it, and stays `estimated`: nothing here is promoted to a sourced fact.

export interface EstimatorInput {
  /** Comuni in index order. */
  comuni: { istat: string; province: string; residents: number }[];
  adjacency: number[][];
  /** Known comune index → ambito code. */
  known: Map<number, string>;
  /** Each pool: Ambiti that may take its comuni. Every unknown comune is in exactly one pool. */
  pools: { ambiti: string[]; comuni: number[] }[];
  statedCount: Map<string, number>;
  /** `population_stated`: approximate residents a source gives for the Ambito (used as a cap). */
  statedPopulation: Map<string, number>;
  anchors: { ambito: string; comune: number }[];
  nameComuni: { ambito: string; comune: number }[];
  /** `candidate` hints: suggested by a source but not authoritative. */
  candidates: { ambito: string; comune: number }[];
  /** Ambito names, for the weak "named after" seed when no name_comune row matches exactly. */
  ambitoNames: Map<string, string>;
  /** Comune names, same use. */
  comuneNames: string[];
}

export interface Placement {
  ambito: string;
  rule: string;
}

interface Candidate {
  comune: number;
  ambito: string;
  tier: number;
  /** Steps across borders from the Ambito's seeds: growth goes ring by ring, like a flood. */
  depth: number;
  /** 1 when a `candidate` hint suggests this comune for this Ambito. */
  hinted: number;
  affinity: number;
}

function better(a: Candidate, b: Candidate): boolean {
  if (a.tier !== b.tier) return a.tier < b.tier;
  if (a.depth !== b.depth) return a.depth < b.depth;
  if (a.hinted !== b.hinted) return a.hinted > b.hinted;
  if (a.affinity !== b.affinity) return a.affinity > b.affinity;
  if (a.ambito !== b.ambito) return a.ambito < b.ambito;
  return a.comune < b.comune;
}

export function estimate(input: EstimatorInput): Map<number, Placement> {
  const { comuni, adjacency, known } = input;
  const assigned = new Map<number, string>(known);
  const placements = new Map<number, Placement>();
  const poolOf = new Map<number, string[]>();
  for (const pool of input.pools) for (const c of pool.comuni) if (!known.has(c)) poolOf.set(c, pool.ambiti);

  const provinces = new Map<string, Set<string>>();
  const size = new Map<string, number>();
  const residents = new Map<string, number>();
  const depth = new Map<number, number>();
  for (const [c, a] of known) {
    if (!provinces.has(a)) provinces.set(a, new Set());
    provinces.get(a)!.add(comuni[c].province);
    size.set(a, (size.get(a) ?? 0) + 1);
    residents.set(a, (residents.get(a) ?? 0) + comuni[c].residents);
    depth.set(c, 0);
  }

  const place = (c: number, ambito: string, rule: string, d = 0) => {
    assigned.set(c, ambito);
    placements.set(c, { ambito, rule });
    depth.set(c, d);
    size.set(ambito, (size.get(ambito) ?? 0) + 1);
    residents.set(ambito, (residents.get(ambito) ?? 0) + comuni[c].residents);
    if (!provinces.has(ambito)) provinces.set(ambito, new Set([comuni[c].province]));
  };

  // Seeds, strongest first: anchors always; then, only for an Ambito that still has no comune,
  // the comune it is named after, a `candidate` hint, and as a last resort the pool comune
  // farthest (in steps across borders) from the comuni of the other Ambiti of its pool.
  const byComune = (a: { comune: number }, b: { comune: number }) => a.comune - b.comune;
  const seedless = (ambito: string) => !size.get(ambito);
  for (const { ambito, comune } of [...input.anchors].sort(byComune)) {
    if (!assigned.has(comune) && poolOf.get(comune)?.includes(ambito)) place(comune, ambito, 'ancora: una fonte cita il comune nell\'Ambito');
  }
  const poolAmbiti = [...new Set(input.pools.flatMap((p) => p.ambiti))].sort();
  const nameSeeds = [...input.nameComuni];
  for (const ambito of poolAmbiti) {
    // "Trezzo d'Adda" is named after Trezzo sull'Adda: same first word of at least 4 letters.
    const first = firstWord(input.ambitoNames.get(ambito) ?? '');
    if (first.length < 4 || nameSeeds.some((n) => n.ambito === ambito)) continue;
    for (const [c, ambiti] of poolOf) if (ambiti.includes(ambito) && firstWord(input.comuneNames[c]) === first) nameSeeds.push({ ambito, comune: c });
  }
  for (const { ambito, comune } of nameSeeds.sort(byComune)) {
    if (!assigned.has(comune) && seedless(ambito) && poolOf.get(comune)?.includes(ambito)) {
      place(comune, ambito, 'seme debole: comune che dà il nome all\'Ambito');
    }
  }
  const hintedFor = new Map<number, Set<string>>();
  for (const { ambito, comune } of input.candidates) hintedFor.set(comune, (hintedFor.get(comune) ?? new Set()).add(ambito));
  for (const ambito of poolAmbiti) {
    if (!seedless(ambito)) continue;
    const hinted = input.candidates.filter((h) => h.ambito === ambito && !assigned.has(h.comune) && poolOf.get(h.comune)?.includes(ambito)).sort(byComune);
    for (const { comune } of hinted) place(comune, ambito, 'seme debole: comune suggerito da una fonte non ufficiale (candidate)');
  }
  for (const ambito of poolAmbiti) {
    if (!seedless(ambito)) continue;
    const open = [...poolOf].filter(([c, ambiti]) => ambiti.includes(ambito) && !assigned.has(c)).map(([c]) => c);
    const rivals = new Set(input.pools.filter((p) => p.ambiti.includes(ambito)).flatMap((p) => p.ambiti).filter((a) => a !== ambito));
    const rivalComuni = [...assigned].filter(([, a]) => rivals.has(a)).map(([c]) => c);
    const far = farthest(open, rivalComuni.length ? rivalComuni : [...assigned.keys()], adjacency);
    if (far !== undefined) place(far, ambito, 'seme debole: comune del pool più lontano dai comuni già collocati');
  }

  const allowed = (c: number, a: string, strictProvince: boolean): boolean => {
    if (!poolOf.get(c)?.includes(a)) return false;
    if (!strictProvince) return true;
    const p = provinces.get(a);
    return !p || p.has(comuni[c].province);
  };
  // Tier 0: below every size a source states; 1: no stated size; 2: at or above one of them.
  const tierOf = (a: string) => {
    const count = input.statedCount.get(a);
    const population = input.statedPopulation.get(a);
    if (count === undefined && population === undefined) return 1;
    if (count !== undefined && (size.get(a) ?? 0) >= count) return 2;
    if (population !== undefined && (residents.get(a) ?? 0) >= population) return 2;
    return 0;
  };

  // Best-first growth across shared borders: province-strict first, then relaxed for leftovers.
  for (const strictProvince of [true, false]) {
    for (;;) {
      let best: Candidate | undefined;
      for (const c of poolOf.keys()) {
        if (assigned.has(c)) continue;
        const degree = adjacency[c].length || 1;
        const touching = new Map<string, { shared: number; depth: number }>();
        for (const n of adjacency[c]) {
          const a = assigned.get(n);
          if (a === undefined) continue;
          const t = touching.get(a) ?? { shared: 0, depth: Infinity };
          touching.set(a, { shared: t.shared + 1, depth: Math.min(t.depth, depth.get(n)! + 1) });
        }
        for (const [a, t] of touching) {
          if (!allowed(c, a, strictProvince)) continue;
          const cand = { comune: c, ambito: a, tier: tierOf(a), depth: t.depth, hinted: hintedFor.get(c)?.has(a) ? 1 : 0, affinity: t.shared / degree };
          if (!best || better(cand, best)) best = cand;
        }
      }
      if (!best) break;
      const target = input.statedCount.get(best.ambito);
      const population = input.statedPopulation.get(best.ambito);
      const why = [`contiguità con l'Ambito (${best.depth} passi dai semi)`, strictProvince ? 'stessa provincia' : 'provincia diversa (nessuna alternativa)'];
      if (target !== undefined) why.push(`conteggio dichiarato ${target}`);
      if (population !== undefined) why.push(`popolazione dichiarata ${population}`);
      if (best.hinted) why.push('comune suggerito per l\'Ambito da una fonte non ufficiale');
      place(best.comune, best.ambito, `stima: pool ${poolOf.get(best.comune)!.join('|')}; ${why.join('; ')}`, best.depth);
    }
  }

  // Comuni no allowed Ambito can reach across borders (e.g. enclosed by other pools): nearest
  // allowed Ambito by steps on the adjacency graph.
  for (const c of [...poolOf.keys()].sort((a, b) => a - b)) {
    if (assigned.has(c)) continue;
    const seen = new Set([c]);
    let frontier = [c];
    let found: string | undefined;
    while (frontier.length && !found) {
      const next: number[] = [];
      for (const x of frontier) for (const n of adjacency[x]) if (!seen.has(n)) { seen.add(n); next.push(n); }
      next.sort((a, b) => a - b);
      found = next.map((n) => assigned.get(n)).find((a): a is string => a !== undefined && allowed(c, a, false));
      frontier = next;
    }
    const fallback = found ?? [...poolOf.get(c)!].sort()[0];
    place(c, fallback, `stima: pool ${poolOf.get(c)!.join('|')}; Ambito del pool più vicino sul grafo dei confini (non contiguo)`);
  }
  return placements;
}

function firstWord(name: string): string {
  return name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().split(/[^a-z]+/).filter(Boolean)[0] ?? '';
}

/** The comune of `open` whose distance in border steps from `placed` is largest (ties: lowest index). */
function farthest(open: number[], placed: number[], adjacency: number[][]): number | undefined {
  const dist = new Map<number, number>(placed.map((c) => [c, 0]));
  let frontier = [...placed];
  for (let d = 1; frontier.length; d++) {
    const next: number[] = [];
    for (const x of frontier) for (const n of adjacency[x]) if (!dist.has(n)) { dist.set(n, d); next.push(n); }
    frontier = next;
  }
  let best: number | undefined;
  for (const c of [...open].sort((a, b) => a - b)) {
    if (best === undefined || (dist.get(c) ?? Infinity) > (dist.get(best) ?? Infinity)) best = c;
  }
  return best;
}

export interface LeaveOneOutResult {
  hiddenComuni: number;
  placedRight: number;
  accuracyPct: number;
  perAmbito: { ambito: string; hidden: number; right: number }[];
}

/**
 * Leave-one-out: for each fully sourced Ambito, hide its rows, put them in a pool with the Ambiti
 * of the same ATS that border them, keep the hints a real estimate would have (stated count,
 * anchors, name comune), re-estimate, and count the hidden comuni placed in the right Ambito.
 */
export function leaveOneOut(input: EstimatorInput, completeAmbiti: string[], atsOf: Map<string, string>): LeaveOneOutResult {
  const perAmbito: LeaveOneOutResult['perAmbito'] = [];
  for (const ambito of [...completeAmbiti].sort()) {
    const hidden = [...input.known].filter(([, a]) => a === ambito).map(([c]) => c);
    if (hidden.length === 0) continue;
    const hiddenSet = new Set(hidden);
    const known = new Map([...input.known].filter(([c]) => !hiddenSet.has(c)));
    const neighbours = new Set<string>();
    for (const c of hidden) for (const n of input.adjacency[c]) {
      const a = known.get(n);
      if (a !== undefined && atsOf.get(a) === atsOf.get(ambito)) neighbours.add(a);
    }
    const pool = { ambiti: [ambito, ...[...neighbours].sort()], comuni: hidden };
    const placements = estimate({ ...input, known, pools: [...input.pools, pool] });
    const right = hidden.filter((c) => placements.get(c)?.ambito === ambito).length;
    perAmbito.push({ ambito, hidden: hidden.length, right });
  }
  const hiddenComuni = perAmbito.reduce((s, r) => s + r.hidden, 0);
  const placedRight = perAmbito.reduce((s, r) => s + r.right, 0);
  return { hiddenComuni, placedRight, accuracyPct: Math.round((1000 * placedRight) / hiddenComuni) / 10, perAmbito };
}
