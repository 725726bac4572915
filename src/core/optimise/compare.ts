// Scenario comparison: per-Ambito differences between scenario A and scenario B (coverage within
// the thresholds, p90 response, status under the 50,000 rule, cost share), who gains and who
// loses, and a CSV export (semicolons, decimal commas, Italian headers) for Excel.
import type { CoverageResult } from '../coverage/coverage.ts';
import type { Rule50kResult } from '../rule50k/rule50k.ts';
import { csvDocument } from '../scenario/csvText.ts';
import { ILLUSTRATIVE_NAME } from '../scenario/types.ts';
import { formatIt } from '../format/numbers.ts';

export interface CompareSide {
  /** Scenario name, for headers and the summary. */
  name?: string;
  coverage: CoverageResult;
  rule50k?: Rule50kResult;
  /** Ambito code → annual cost share in euro (e.g. from computeShares). */
  costShareEur?: Record<string, number>;
}

export type Rule50kStatus = 'rispettata' | 'non-rispettata' | 'nessun-comune';
export type CompareOutcome = 'migliora' | 'peggiora' | 'misto' | 'invariato';
export const OUTCOME_LABELS: Readonly<Record<CompareOutcome, string>> = Object.freeze({
  migliora: 'migliora',
  peggiora: 'peggiora',
  misto: 'in parte migliora, in parte peggiora',
  invariato: 'invariato',
});

export interface CompareRow {
  ambito: string;
  name: string;
  residents: number;
  pisA: string | null;
  pisB: string | null;
  /** Same order as thresholdsMin. */
  shareWithinA: number[];
  shareWithinB: number[];
  deltaShareWithin: number[];
  p90A: number | null;
  p90B: number | null;
  /** B − A; null when either is unreachable. */
  deltaP90: number | null;
  rule50kA: { status: Rule50kStatus; pass: number; total: number } | null;
  rule50kB: { status: Rule50kStatus; pass: number; total: number } | null;
  costA: number | null;
  costB: number | null;
  deltaCost: number | null;
  outcome: CompareOutcome;
  /** Italian reasons for the outcome. */
  reasons: string[];
}

export interface ComparisonSummary {
  gainers: number;
  losers: number;
  mixed: number;
  unchanged: number;
  residentsGaining: number;
  residentsLosing: number;
  regionShareWithinA: number[];
  regionShareWithinB: number[];
  regionP90A: number | null;
  regionP90B: number | null;
  rule50kPassA: number | null;
  rule50kPassB: number | null;
  /** Italian sentences. */
  text: string[];
}

export interface ComparisonResult {
  nameA: string;
  nameB: string;
  illustrative: boolean;
  thresholdsMin: number[];
  targetMin: number;
  rows: CompareRow[];
  summary: ComparisonSummary;
  warnings: string[];
}

export interface CompareOptions {
  /** Minutes of p90 change below which an Ambito counts as unchanged; default 0.5. */
  p90ToleranceMin?: number;
  /** Share change below which coverage counts as unchanged; default 0.005 (half a point). */
  shareTolerance?: number;
}

function rule50kByAmbito(r: Rule50kResult | undefined): Map<string, { pass: number; total: number }> {
  const m = new Map<string, { pass: number; total: number }>();
  for (const e of r?.comuni ?? []) {
    const x = m.get(e.ambito) ?? { pass: 0, total: 0 };
    x.total++;
    if (e.pass) x.pass++;
    m.set(e.ambito, x);
  }
  return m;
}

function pisByAmbito(c: CoverageResult, ambiti: readonly string[], ambitoOfPoint: (p: number) => string): Map<string, string | null> {
  const out = new Map<string, string | null>(ambiti.map((a) => [a, null]));
  for (let p = 0; p < c.points.service.length; p++) {
    const s = c.points.service[p];
    const a = ambitoOfPoint(p);
    if (s >= 0 && out.get(a) === null) out.set(a, c.serviceIds[s]);
  }
  return out;
}

/**
 * Compares two coverage results of the same territory and thresholds. `ambitoOfComune` maps a
 * comune index to its Ambito (the territory's composition; what-if moves are read from the rows of
 * the 50,000 rule when given).
 */
export function compareScenarios(a: CompareSide, b: CompareSide, ambitoOfComune: readonly string[], options: CompareOptions = {}): ComparisonResult {
  const tolP90 = options.p90ToleranceMin ?? 0.5;
  const tolShare = options.shareTolerance ?? 0.005;
  const warnings: string[] = [];
  const ca = a.coverage;
  const cb = b.coverage;
  if (ca.thresholdsMin.join(',') !== cb.thresholdsMin.join(',')) throw new Error(`Confronto: soglie diverse tra A (${ca.thresholdsMin.join(', ')} min) e B (${cb.thresholdsMin.join(', ')} min): ricalcolare con le stesse soglie`);
  if (ca.band !== cb.band) throw new Error(`Confronto: fasce orarie diverse tra A (${ca.band}) e B (${cb.band})`);
  if (ca.byAmbito.length !== cb.byAmbito.length) throw new Error('Confronto: i due risultati non riguardano lo stesso territorio');
  if (ca.targetMin !== cb.targetMin) warnings.push(`Obiettivo di tempo diverso (A ${ca.targetMin} min, B ${cb.targetMin} min): vale quello di A`);
  const ambiti = ca.byAmbito.map((g) => g.code);
  const pisA = pisByAmbito(ca, ambiti, (p) => ambitoOfComune[ca.points.comune[p]]);
  const pisB = pisByAmbito(cb, ambiti, (p) => ambitoOfComune[cb.points.comune[p]]);
  const r50A = rule50kByAmbito(a.rule50k);
  const r50B = rule50kByAmbito(b.rule50k);
  const targetIdx = ca.thresholdsMin.indexOf(ca.targetMin);
  const status = (x: { pass: number; total: number } | undefined, has: boolean): CompareRow['rule50kA'] => {
    if (!has) return null;
    if (!x || x.total === 0) return { status: 'nessun-comune', pass: 0, total: 0 };
    return { status: x.pass === x.total ? 'rispettata' : 'non-rispettata', pass: x.pass, total: x.total };
  };
  const fmtMin = (v: number | null): string => (v === null ? 'non raggiunto' : `${v.toFixed(1).replace('.', ',')} min`);

  const rows: CompareRow[] = ca.byAmbito.map((ga, i) => {
    const gb = cb.byAmbito[i];
    const up: string[] = [];
    const down: string[] = [];
    const p90A = ga.p90ResponseMin;
    const p90B = gb.p90ResponseMin;
    const deltaP90 = p90A !== null && p90B !== null ? p90B - p90A : null;
    if (p90A === null && p90B !== null) up.push(`ora raggiunto (p90 ${fmtMin(p90B)})`);
    else if (p90A !== null && p90B === null) down.push('non più raggiunto');
    else if (deltaP90 !== null && deltaP90 < -tolP90) up.push(`p90 da ${fmtMin(p90A)} a ${fmtMin(p90B)}`);
    else if (deltaP90 !== null && deltaP90 > tolP90) down.push(`p90 da ${fmtMin(p90A)} a ${fmtMin(p90B)}`);
    const deltaShareWithin = ga.shareWithin.map((s, j) => gb.shareWithin[j] - s);
    const dT = targetIdx >= 0 ? deltaShareWithin[targetIdx] : deltaShareWithin[deltaShareWithin.length - 1];
    const tLabel = targetIdx >= 0 ? ca.thresholdsMin[targetIdx] : ca.thresholdsMin[ca.thresholdsMin.length - 1];
    const pct = (x: number): string => `${(x * 100).toFixed(1).replace('.', ',')}%`;
    if (dT > tolShare) up.push(`residenti entro ${tLabel} min: ${pct(ga.shareWithin[targetIdx >= 0 ? targetIdx : ga.shareWithin.length - 1])} → ${pct(gb.shareWithin[targetIdx >= 0 ? targetIdx : gb.shareWithin.length - 1])}`);
    else if (dT < -tolShare) down.push(`residenti entro ${tLabel} min: ${pct(ga.shareWithin[targetIdx >= 0 ? targetIdx : ga.shareWithin.length - 1])} → ${pct(gb.shareWithin[targetIdx >= 0 ? targetIdx : gb.shareWithin.length - 1])}`);
    const r5A = status(r50A.get(ga.code), !!a.rule50k);
    const r5B = status(r50B.get(ga.code), !!b.rule50k);
    if (r5A && r5B && r5A.total > 0) {
      if (r5B.pass > r5A.pass) up.push(`regola dei 50.000: ${r5A.pass}/${r5A.total} → ${r5B.pass}/${r5B.total} comuni in regola`);
      else if (r5B.pass < r5A.pass) down.push(`regola dei 50.000: ${r5A.pass}/${r5A.total} → ${r5B.pass}/${r5B.total} comuni in regola`);
    }
    const costA = a.costShareEur ? a.costShareEur[ga.code] ?? null : null;
    const costB = b.costShareEur ? b.costShareEur[ga.code] ?? null : null;
    const outcome: CompareOutcome = up.length && down.length ? 'misto' : up.length ? 'migliora' : down.length ? 'peggiora' : 'invariato';
    return {
      ambito: ga.code,
      name: ga.name,
      residents: ga.residents,
      pisA: pisA.get(ga.code) ?? null,
      pisB: pisB.get(ga.code) ?? null,
      shareWithinA: ga.shareWithin,
      shareWithinB: gb.shareWithin,
      deltaShareWithin,
      p90A,
      p90B,
      deltaP90,
      rule50kA: r5A,
      rule50kB: r5B,
      costA,
      costB,
      deltaCost: costA !== null && costB !== null ? costB - costA : null,
      outcome,
      reasons: [...up.map((x) => `meglio: ${x}`), ...down.map((x) => `peggio: ${x}`)],
    };
  });

  const count = (o: CompareOutcome): number => rows.filter((r) => r.outcome === o).length;
  const res = (o: CompareOutcome): number => rows.filter((r) => r.outcome === o).reduce((s, r) => s + r.residents, 0);
  const nameA = a.name ?? 'A';
  const nameB = b.name ?? 'B';
  const passes = (r?: Rule50kResult): number | null => (r ? r.passCount : null);
  const summary: ComparisonSummary = {
    gainers: count('migliora'),
    losers: count('peggiora'),
    mixed: count('misto'),
    unchanged: count('invariato'),
    residentsGaining: res('migliora'),
    residentsLosing: res('peggiora'),
    regionShareWithinA: ca.region.shareWithin,
    regionShareWithinB: cb.region.shareWithin,
    regionP90A: ca.region.p90ResponseMin,
    regionP90B: cb.region.p90ResponseMin,
    rule50kPassA: passes(a.rule50k),
    rule50kPassB: passes(b.rule50k),
    text: [],
  };
  const int = (x: number): string => formatIt(Math.round(x));
  summary.text.push(`Da «${nameA}» a «${nameB}»: ${summary.gainers} Ambiti migliorano (${int(summary.residentsGaining)} residenti), ${summary.losers} peggiorano (${int(summary.residentsLosing)} residenti), ${summary.mixed} in parte migliorano e in parte peggiorano, ${summary.unchanged} invariati.`);
  summary.text.push(`Lombardia, p90 del tempo di risposta: ${fmtMin(summary.regionP90A)} → ${fmtMin(summary.regionP90B)}.`);
  if (summary.rule50kPassA !== null && summary.rule50kPassB !== null) summary.text.push(`Comuni in regola con la regola dei 50.000: ${summary.rule50kPassA} → ${summary.rule50kPassB}.`);
  return {
    nameA,
    nameB,
    illustrative: ca.illustrative || cb.illustrative,
    thresholdsMin: ca.thresholdsMin,
    targetMin: ca.targetMin,
    rows,
    summary,
    warnings,
  };
}

const dec = (v: number | null, digits = 1): string => (v === null || !Number.isFinite(v) ? '' : v.toFixed(digits).replace('.', ','));
const RULE_LABEL: Record<Rule50kStatus, string> = { 'rispettata': 'rispettata', 'non-rispettata': 'non rispettata', 'nessun-comune': 'nessun comune soggetto' };

/** CSV for Excel in Italian: BOM, semicolons, decimal commas, CRLF; shares in %. */
export function comparisonCsv(r: ComparisonResult): string {
  const th = r.thresholdsMin;
  const header = [
    'codice_ambito', 'ambito', 'residenti', 'pis_A', 'pis_B',
    ...th.flatMap((t) => [`quota_entro_${t}_min_A_%`, `quota_entro_${t}_min_B_%`, `differenza_entro_${t}_min_punti`]),
    'p90_A_min', 'p90_B_min', 'differenza_p90_min',
    'regola_50000_A', 'regola_50000_B',
    'costo_A_euro', 'costo_B_euro', 'differenza_costo_euro',
    'esito', 'motivi',
  ];
  const rule = (x: CompareRow['rule50kA']): string => (x ? `${RULE_LABEL[x.status]}${x.total ? ` (${x.pass}/${x.total})` : ''}` : '');
  const rows = r.rows.map((x) => [
    x.ambito, x.name, String(Math.round(x.residents)), x.pisA ?? '', x.pisB ?? '',
    ...th.flatMap((_, j) => [dec(x.shareWithinA[j] * 100), dec(x.shareWithinB[j] * 100), dec(x.deltaShareWithin[j] * 100)]),
    dec(x.p90A), dec(x.p90B), dec(x.deltaP90),
    rule(x.rule50kA), rule(x.rule50kB),
    dec(x.costA, 2), dec(x.costB, 2), dec(x.deltaCost, 2),
    OUTCOME_LABELS[x.outcome], x.reasons.join(' | '),
  ]);
  // Scenario names go in a quoted note cell: a line break or ";" in a name cannot inject a row.
  const notes = [...(r.illustrative ? [`# ${ILLUSTRATIVE_NAME}`] : []), `# Confronto: A = ${r.nameA}; B = ${r.nameB}`];
  return csvDocument([header, ...rows], { notes });
}
