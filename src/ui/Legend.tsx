import { colourLevel } from '../core/territory/colouring.ts';
import { PIS_STATUSES, STATUS_LABELS, countScenario } from '../core/scenario/index.ts';
import { MULTI_UNIT_FILL, OUTCOME_COLOURS, RESPONSE_CLASSES, STATUS_COLOURS, UNIT_PALETTE, UNREACHED } from '../map/palette.ts';
import { OUTCOME_LABELS } from '../core/optimise/compare.ts';
import { LEVEL_LONG, S } from '../i18n/strings.ts';
import { useApp } from './context.ts';

/** Legend of the current colouring; for ATS the units are listed by name (8 of them). */
export function Legend() {
  const { territory, state, sim, opt } = useApp();
  const level = state.level.value;
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
        <div class="legend-level">{r.status === 'ok' ? `${r.value.nameB} rispetto a ${r.value.nameA}` : 'Nessun confronto calcolato (scheda Associazioni)'}</div>
        {Object.entries(OUTCOME_COLOURS).map(([k, c]) => <div class="legend-row" key={k}><span class="swatch" style={{ background: c }} />{OUTCOME_LABELS[k as keyof typeof OUTCOME_LABELS]}</div>)}
      </details>
    );
  }
  if (level === 'tempo') {
    const cov = sim.coverage.value;
    let lower = 0;
    return (
      <details class="legend" open aria-label={S.legend}>
        <summary>{S.legend}</summary>
        <div class="legend-level">{LEVEL_LONG.tempo} (stima){state.scenario.value.illustrative ? ', scenario illustrativo' : ''}</div>
        {RESPONSE_CLASSES.map(([limit, colour]) => {
          const label = Number.isFinite(limit) ? `${lower}–${limit} min` : `oltre ${lower} min`;
          lower = Number.isFinite(limit) ? limit : lower;
          return <div class="legend-row" key={label}><span class="swatch" style={{ background: colour }} />{label}</div>;
        })}
        <div class="legend-row"><span class="swatch" style={{ background: UNREACHED }} />senza PIS o senza base attiva</div>
        <div class="legend-row"><span class="ring pass" /> <span class="ring fail" /> regola dei 50.000: rispettata / no</div>
        {cov.status === 'running' && <div class="small muted">calcolo…</div>}
      </details>
    );
  }
  if (level === 'pis') {
    const scenario = state.scenario.value;
    const counts = countScenario(scenario, territory);
    return (
      <details class="legend" open aria-label={S.legend}>
        <summary>{S.legend}</summary>
        <div class="legend-level">{S.colourBy}: {LEVEL_LONG.pis}{scenario.illustrative ? ' (illustrativo)' : ''}</div>
        {PIS_STATUSES.map((st) => (
          <div class="legend-row" key={st}>
            <span class="swatch" style={{ background: STATUS_COLOURS[st] }} />
            {STATUS_LABELS[st]} <span class="muted">({counts.byStatus[st]})</span>
          </div>
        ))}
        <div class="legend-row"><span class="swatch association" />PIS sovra-Ambito ({counts.sovraAmbitoServices})</div>
        <div class="legend-row"><span class="dot uds" />unità di strada <span class="dot centrale" />centrale <span class="dot rep" />reperibilità</div>
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
      {level !== 'ats' && <div class="legend-row"><span class="swatch" style={{ background: `linear-gradient(90deg, ${UNIT_PALETTE.slice(0, 5).join(',')})` }} />colori diversi per unità confinanti</div>}
      {multiUnit.length > 0 && (
        <div class="legend-row"><span class="swatch stripes" style={{ background: MULTI_UNIT_FILL }} />{S.multiUnit} ({multiUnit.length})</div>
      )}
      {common}
      <div class="legend-row"><span class="swatch line" />confine del livello scelto</div>
    </details>
  );
}
