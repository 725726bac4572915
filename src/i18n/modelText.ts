// User-visible words for what the pure core computes. The core keeps its Italian sentences for the
// CLI and the exports' notes; the UI renders the same results from their structured fields
// (counts, ids, minutes, names) through these functions, in the UI language. Italian returns the
// core's own text where it already has one (one wording, not two).
import type { ComparisonSummary } from '../core/optimise/compare.ts';
import type { Rule50kEntry } from '../core/rule50k/rule50k.ts';
import { STARTER_TITLES } from '../core/presentation/edit.ts';
import { lang } from './lang.ts';
import { fmt, t } from './strings.ts';

const en = () => lang.value === 'en';

const bandName = (b: string): string => t().enums.band[b as keyof ReturnType<typeof t>['enums']['band']] ?? b;

/** The planning target of a 50,000-rule comune in words (panel, table, printed report). */
export function targetText(e: Rule50kEntry): string {
  const R = t().roster;
  if (e.targetMet === null) return R.targetUnknown;
  if (e.targetMet) return R.targetMet;
  if (e.targetByBand.length === 0) return R.targetNoPis;
  return R.targetNotMet(e.targetFailingBands.map(bandName).join(', '));
}

/** The comparison of scenario A and B in sentences. */
export function comparisonText(s: ComparisonSummary, nameA: string, nameB: string): string[] {
  if (!en()) return s.text;
  const min = (v: number | null) => (v === null ? 'not reached' : fmt.minutes(v, 1));
  const out = [
    `From “${nameA}” to “${nameB}”: ${s.gainers} Ambiti improve (${fmt.int(s.residentsGaining)} residents), ${s.losers} get worse (${fmt.int(s.residentsLosing)} residents), ${s.mixed} partly improve and partly get worse, ${s.unchanged} unchanged.`,
    `Lombardy, p90 of the response time: ${min(s.regionP90A)} → ${min(s.regionP90B)}.`,
  ];
  if (s.rule50kPassA !== null && s.rule50kPassB !== null) out.push(`Comuni meeting the 50,000 rule: ${s.rule50kPassA} → ${s.rule50kPassB}.`);
  return out;
}

export interface GroupLike {
  members: string[];
  memberNames: string[];
  residents: number;
  sharedUnits: { name: string }[];
  base: { name: string };
  memberP90Min: (number | null)[];
  worstMember: string;
  worstP90Min: number | null;
  shareWithinT: number;
  meetsMinResidents: boolean;
  meetsMaxP90: boolean;
  explanation: string;
}

/** Why a suggested association was formed. */
export function associationText(g: GroupLike, o: { sameLevel: string; minResidents: number; maxP90Min: number; targetMin: number }): string {
  if (!en()) return g.explanation;
  const level = t().level[o.sameLevel as 'ats'] ?? o.sameLevel;
  const parts: string[] = [];
  parts.push(g.members.length === 1 ? `Ambito ${g.memberNames[0]} on its own` : `Ambiti ${g.memberNames.join(', ')}: neighbouring, all in the same ${level} (${g.sharedUnits.map((u) => u.name).join(' / ')})`);
  parts.push(`${fmt.int(g.residents)} residents; minimum required ${fmt.int(o.minResidents)}${g.meetsMinResidents ? '' : ': NOT reached'}`);
  parts.push(`one base at ${g.base.name}`);
  parts.push(`90th-percentile response time: ${g.memberNames.map((n, i) => `${n} ${fmt.minutes(g.memberP90Min[i])}`).join(', ')}`);
  if (g.members.length > 1) {
    const worst = g.memberNames[g.members.indexOf(g.worstMember)] ?? g.worstMember;
    parts.push(`worst served: ${worst} (${fmt.minutes(g.worstP90Min)}), ${g.meetsMaxP90 ? 'within' : 'BEYOND'} the maximum of ${o.maxP90Min} min`);
  } else if (!g.meetsMaxP90) parts.push(`beyond the maximum of ${o.maxP90Min} min even alone with one base`);
  parts.push(`residents reached within ${o.targetMin} min: ${fmt.pct(g.shareWithinT)}`);
  return parts.join('; ') + '.';
}

/** Why a comune of the 50,000 rule fails (or cannot be judged), from the entry's fields. */
export function ruleReasons(e: Rule50kEntry, targetMin?: number): string {
  if (!en()) return e.reasons.join(' | ');
  const band = t().enums.band as Record<string, string>;
  const out: string[] = [];
  if (e.pisPresence === 'absent') out.push(`No PIS serves the Ambito ${e.ambitoName} (${e.ambito})`);
  else if (e.pisPresence === 'unknown') out.push(`Not known whether a PIS serves the Ambito ${e.ambitoName} (${e.ambito}): cannot be determined`);
  else {
    if (!e.graveMarginalita) out.push(`${e.pisName ?? 'The PIS'} does not declare services for homeless people / severe marginality`);
    if (e.gapBands.length) out.push(`nobody on duty in: ${e.gapBands.map((b) => band[b] ?? b).join(', ')}${e.uncoveredHoursPerYear ? ` (${fmt.int(e.uncoveredHoursPerYear)} h a year)` : ''}`);
  }
  if (e.targetMet === false) out.push(`planning target${targetMin ? ` of ${targetMin} min` : ''} not met${e.targetFailingBands.length ? ` in: ${e.targetFailingBands.map((b) => band[b] ?? b).join(', ')}` : ''}${e.responseMin !== null ? ` (estimated ${fmt.minutes(e.responseMin)})` : ''}`);
  return out.join(' | ');
}

/** The minimal fix, from the entry's fields. */
export function ruleFix(e: Rule50kEntry): string {
  if (!en()) return e.fixes[0] ?? '';
  if (e.legalPass && e.targetMet !== false) return '';
  if (e.pisPresence === 'absent') return `Activate a PIS for the Ambito ${e.ambitoName} (${e.ambito}) with services for homeless people / severe marginality and a base at ${e.name}`;
  if (e.pisPresence === 'unknown') return `Find out whether the Ambito ${e.ambitoName} has a PIS (source) and record it in the scenario`;
  if (!e.graveMarginalita) return `Add services for homeless people / severe marginality to ${e.pisName ?? 'the PIS'}`;
  if (e.gapBands.length) return `Roster someone in ${e.pisName ?? 'the PIS'} for: ${e.gapBands.map((b) => (t().enums.band as Record<string, string>)[b] ?? b).join(', ')}`;
  if (e.targetMet === false) return `Add or move a base of ${e.pisName ?? 'the PIS'} nearer to ${e.name}`;
  return '';
}

/** Slide titles: the starter slides' titles are message ids, shown in the UI language. */
export function slideTitle(title: string): string {
  if (!en()) return title;
  const P = t().presenter.starterTitles as Record<string, string>;
  const key = (Object.keys(STARTER_TITLES) as (keyof typeof STARTER_TITLES)[]).find((k) => STARTER_TITLES[k] === title);
  return key ? P[key] : title;
}
