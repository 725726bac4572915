import { colourLevel } from '../core/territory/colouring.ts';
import { MULTI_UNIT_FILL, UNIT_PALETTE } from '../map/palette.ts';
import { LEVEL_LONG, S } from '../i18n/strings.ts';
import { useApp } from './context.ts';

/** Legend of the current colouring; for ATS the units are listed by name (8 of them). */
export function Legend() {
  const { territory, state } = useApp();
  const level = state.level.value;
  const { unitColour, multiUnit } = colourLevel(territory, level, UNIT_PALETTE.length);
  const list = level === 'ats' ? territory.units('ats') : [];
  return (
    <section class="legend" aria-label={S.legend}>
      <h2>{S.legend}</h2>
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
      <div class="legend-row"><span class="swatch hatch" />{S.estimatedBorder}</div>
      <div class="legend-row"><span class="swatch line" />confine del livello scelto</div>
    </section>
  );
}
