import { colourLevel } from '../core/territory/colouring.ts';
import { PIS_STATUSES, countScenario } from '../core/scenario/index.ts';
import { MULTI_UNIT_FILL, OUTCOME_COLOURS, RESPONSE_CLASSES, STATUS_COLOURS, UNIT_PALETTE, UNREACHED } from '../map/palette.ts';
import { t } from '../i18n/strings.ts';
import { useApp } from './context.ts';

/** Legend of the current colouring; for ATS the units are listed by name (8 of them). */
export function Legend() {
  const { territory, state, sim, opt } = useApp();
  const level = state.level.value;
  const tt = t();
  const S = tt.common;
  const L = tt.legend;
  const LEVEL_LONG = tt.levelLong;
  const common = (
    <>
      <div class="legend-row"><span class="swatch hatch" />{S.estimatedBorder}</div>
    </>
  );
  if (level === 'confronto') {
    const r = opt.comparison.value;
    return (
      <details class="legend" open aria-label={S.legend}>
        <summary>{S.legend}</summary>
        <div class="legend-level">{r.status === 'ok' ? L.compareHeading(r.value.nameA, r.value.nameB) : L.noComparison}</div>
        {Object.entries(OUTCOME_COLOURS).map(([k, c]) => <div class="legend-row" key={k}><span class="swatch" style={{ background: c }} />{tt.enums.outcome[k as keyof typeof tt.enums.outcome]}</div>)}
      </details>
    );
  }
  if (level === 'tempo') {
    const cov = sim.coverage.value;
    let lower = 0;
    return (
      <details class="legend" open aria-label={S.legend}>
        <summary>{S.legend}</summary>
        <div class="legend-level">{LEVEL_LONG.tempo} ({L.estimate}){state.scenario.value.illustrative ? L.illustrativeScenario : ''}</div>
        {RESPONSE_CLASSES.map(([limit, colour]) => {
          const label = Number.isFinite(limit) ? `${lower}–${limit} min` : L.over(lower);
          lower = Number.isFinite(limit) ? limit : lower;
          return <div class="legend-row" key={label}><span class="swatch" style={{ background: colour }} />{label}</div>;
        })}
        <div class="legend-row"><span class="swatch" style={{ background: UNREACHED }} />{L.unreached}</div>
        <div class="legend-row"><span class="ring pass" /> <span class="ring fail" /> {L.rule50k}</div>
        {cov.status === 'running' && <div class="small muted">{L.computing}</div>}
      </details>
    );
  }
  if (level === 'pis') {
    const scenario = state.scenario.value;
    const counts = countScenario(scenario, territory);
    return (
      <details class="legend" open aria-label={S.legend}>
        <summary>{S.legend}</summary>
        <div class="legend-level">{S.colourBy}: {LEVEL_LONG.pis}{scenario.illustrative ? L.illustrative : ''}</div>
        {PIS_STATUSES.map((st) => (
          <div class="legend-row" key={st}>
            <span class="swatch" style={{ background: STATUS_COLOURS[st] }} />
            {tt.enums.status[st]} <span class="muted">({counts.byStatus[st]})</span>
          </div>
        ))}
        <div class="legend-row"><span class="swatch association" />{L.sovra} ({counts.sovraAmbitoServices})</div>
        <div class="legend-row"><span class="dot uds" />{L.uds} <span class="dot centrale" />{L.centrale} <span class="dot rep" />{L.rep}</div>
        {common}
      </details>
    );
  }
  const { unitColour, multiUnit } = colourLevel(territory, level, UNIT_PALETTE.length);
  const list = level === 'ats' ? territory.units('ats') : [];
  return (
    <details class="legend" open aria-label={S.legend}>
        <summary>{S.legend}</summary>
      <div class="legend-level">{S.colourBy}: {LEVEL_LONG[level]}</div>
      {list.map((u) => (
        <div class="legend-row" key={u}>
          <span class="swatch" style={{ background: UNIT_PALETTE[unitColour.get(u)!] }} />
          {territory.unitName('ats', u).replace(/^ATS (DELLA |DELL'|DI )?/i, '')}
        </div>
      ))}
      {level !== 'ats' && <div class="legend-row"><span class="swatch" style={{ background: `linear-gradient(90deg, ${UNIT_PALETTE.slice(0, 5).join(',')})` }} />{L.neighbourColours}</div>}
      {multiUnit.length > 0 && (
        <div class="legend-row"><span class="swatch stripes" style={{ background: MULTI_UNIT_FILL }} />{S.multiUnit} ({multiUnit.length})</div>
      )}
      {common}
      <div class="legend-row"><span class="swatch line" />{L.levelBorder}</div>
    </details>
  );
}
