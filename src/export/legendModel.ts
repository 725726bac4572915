// The legend of the current colouring as data, so that the PNG export and the print report draw
// the same entries the on-screen legend (ui/Legend.tsx) shows. Pure: it can be tested in Node.
import { colourLevel } from '../core/territory/colouring.ts';
import type { Territory } from '../core/territory/index.ts';
import { H24_CLASSES, PIS_STATUSES, countScenario, scenarioCompliance, type Scenario } from '../core/scenario/index.ts';
import { H24_COLOURS, MULTI_UNIT_FILL, OUTCOME_COLOURS, RESPONSE_CLASSES, RULE_FAIL, RULE_PASS, STATUS_COLOURS, UNIT_PALETTE, UNREACHED } from '../map/palette.ts';
import type { SlideLevel } from '../core/presentation/types.ts';
import { t } from '../i18n/strings.ts';

/** Every colouring the app offers (the presentation core keeps the list). */
export type SlideLevelLike = SlideLevel;

export type Swatch =
  | { kind: 'fill'; colour: string }
  | { kind: 'gradient'; colours: string[] }
  | { kind: 'hatch' }
  | { kind: 'stripes'; colour: string }
  | { kind: 'line' }
  | { kind: 'dashed'; colour: string }
  | { kind: 'dots'; colours: string[] }
  | { kind: 'rings'; colours: string[] };

export interface LegendRow {
  swatch: Swatch;
  label: string;
}

export interface LegendModel {
  title: string;
  heading: string;
  rows: LegendRow[];
}

/** `comparisonHeading`: what the 'confronto' colouring compares ("B rispetto a A"), when computed. */
export function legendModel(territory: Territory, level: SlideLevelLike, scenario: Scenario, comparisonHeading?: string): LegendModel {
  const tt = t();
  const S = tt.common;
  const L = tt.legend;
  const LEVEL_LONG = tt.levelLong;
  const hatch: LegendRow = { swatch: { kind: 'hatch' }, label: S.estimatedBorder };
  if (level === 'confronto') {
    const rows: LegendRow[] = Object.entries(OUTCOME_COLOURS).map(([k, colour]) => ({ swatch: { kind: 'fill', colour }, label: tt.enums.outcome[k as keyof typeof tt.enums.outcome] }));
    return { title: S.legend, heading: comparisonHeading ?? L.noComparison, rows };
  }
  if (level === 'tempo') {
    let lower = 0;
    const rows: LegendRow[] = RESPONSE_CLASSES.map(([limit, colour]) => {
      const label = Number.isFinite(limit) ? `${lower}–${limit} min` : L.over(lower);
      lower = Number.isFinite(limit) ? limit : lower;
      return { swatch: { kind: 'fill', colour }, label };
    });
    rows.push({ swatch: { kind: 'fill', colour: UNREACHED }, label: L.unreached });
    rows.push({ swatch: { kind: 'rings', colours: [RULE_PASS, RULE_FAIL] }, label: L.rule50k });
    return { title: S.legend, heading: `${LEVEL_LONG.tempo} (${L.estimate})${scenario.illustrative ? L.illustrativeScenario : ''}`, rows };
  }
  if (level === 'h24') {
    // Three states, never two: "not documented" is drawn apart from a gap (and says so).
    // A gap in a PIS's roster and no PIS at all are different findings: two rows, summing to the 91.
    const c = scenarioCompliance(scenario, territory).classCounts;
    const R = tt.roster;
    const rows: LegendRow[] = H24_CLASSES.map((k) => ({ swatch: { kind: 'fill', colour: H24_COLOURS[k] }, label: `${R.h24Class[k]} (${c[k]})` }));
    rows.push(hatch);
    return { title: S.legend, heading: `${S.colourBy}: ${LEVEL_LONG.h24}${scenario.illustrative ? L.illustrative : ''}`, rows };
  }
  if (level === 'pis') {
    const counts = countScenario(scenario, territory);
    const rows: LegendRow[] = PIS_STATUSES.map((st) => ({ swatch: { kind: 'fill', colour: STATUS_COLOURS[st] }, label: `${tt.enums.status[st]} (${counts.byStatus[st]})` }));
    rows.push({ swatch: { kind: 'dashed', colour: '#6a1b9a' }, label: `${L.sovra} (${counts.sovraAmbitoServices})` });
    rows.push({ swatch: { kind: 'dots', colours: ['#c1121f', '#0b3d91'] }, label: L.basesPng });
    rows.push(hatch);
    return { title: S.legend, heading: `${S.colourBy}: ${LEVEL_LONG.pis}${scenario.illustrative ? L.illustrative : ''}`, rows };
  }
  const { unitColour, multiUnit } = colourLevel(territory, level, UNIT_PALETTE.length);
  const rows: LegendRow[] = [];
  if (level === 'ats') {
    for (const u of territory.units('ats')) {
      rows.push({ swatch: { kind: 'fill', colour: UNIT_PALETTE[unitColour.get(u)!] }, label: territory.unitName('ats', u).replace(/^ATS (DELLA |DELL'|DI )?/i, '') });
    }
  } else rows.push({ swatch: { kind: 'gradient', colours: UNIT_PALETTE.slice(0, 5) }, label: L.neighbourColours });
  if (multiUnit.length > 0) rows.push({ swatch: { kind: 'stripes', colour: MULTI_UNIT_FILL }, label: `${S.multiUnit} (${multiUnit.length})` });
  rows.push(hatch);
  rows.push({ swatch: { kind: 'line' }, label: L.levelBorder });
  return { title: S.legend, heading: `${S.colourBy}: ${LEVEL_LONG[level]}`, rows };
}
