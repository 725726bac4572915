// 24h/365 compliance of the scenario's PIS rosters (core/scenario/compliance.ts), first-class:
// the counts and the full table (in the table drawer, with CSV) for the scenario panel, the
// Ambito's own answer with its bands, opening hours (editable, option (a)) and documented facts
// for the Ambito panel, and the map tooltip of the "copertura h24/365" layer. Three states,
// always: covered / gap / not documented — "not documented" is never drawn or counted as a gap.
import { factsOfAmbito, h24Class, scenarioCompliance, type AmbitoH24, type Scenario, type ScenarioCompliance } from '../core/scenario/index.ts';
import { DEFAULT_OPENING_HOURS, TIME_BANDS } from '../core/sim/layout.ts';
import type { Territory } from '../core/territory/index.ts';
import { fmt, t } from '../i18n/strings.ts';
import { useApp, type AppContext } from './context.ts';
import { OpenTableButton, type TableSpec } from './TableDrawer.tsx';

// One computation per scenario object (edits make a new object): cheap to call from every view.
const cache = new WeakMap<Scenario, ScenarioCompliance>();
export function complianceOf(s: Scenario, territory: Territory): ScenarioCompliance {
  let c = cache.get(s);
  if (!c) {
    c = scenarioCompliance(s, territory);
    cache.set(s, c);
  }
  return c;
}

const bandName = (b: string): string => t().enums.band[b as keyof ReturnType<typeof t>['enums']['band']] ?? b;

/** Tooltip line of the map layer. */
export function H24Tip({ ambito }: { ambito: string }) {
  const { territory, state } = useApp();
  const R = t().roster;
  const a = complianceOf(state.scenario.value, territory).ambiti.find((x) => x.ambito === ambito);
  if (!a) return null;
  return (
    <div data-testid="h24-tip">
      {R.h24}: <strong>{R.h24Class[h24Class(a)]}</strong> ({R.reason[a.reason]})
      {a.status === 'gap' && a.uncoveredHoursPerYear !== null && ` · ${a.gapBands.map(bandName).join(', ')} · ${fmt.int(a.uncoveredHoursPerYear)} h`}
    </div>
  );
}

/** Scenario panel: the counts and the button to the full table. */
export function ComplianceSection() {
  const app = useApp();
  const { territory, state } = app;
  const R = t().roster;
  const c = complianceOf(state.scenario.value, territory);
  return (
    <section class="compliance" data-testid="compliance" aria-labelledby="h24-title">
      <h3 id="h24-title">{R.h24}</h3>
      <p class="small muted">{R.h24Intro}</p>
      <p class="small" data-testid="compliance-counts">{R.serviceCounts(c.serviceCounts.compliant, c.serviceCounts.gap, c.serviceCounts.unknown)} {R.counts(c.classCounts.compliant, c.classCounts['roster-gap'], c.classCounts['no-pis'], c.classCounts.unknown)}</p>
      <div class="actions">
        <OpenTableButton id="compliance" label={R.table} count={c.ambiti.length} spec={() => complianceTable(app)} />
        <button type="button" data-action="show-h24" onClick={() => state.actions.setLevel('h24')}>{t().levelLong.h24}</button>
      </div>
    </section>
  );
}

function complianceTable(ctx: AppContext): TableSpec<AmbitoH24> {
  const s = ctx.state.scenario.value;
  const c = complianceOf(s, ctx.territory);
  const R = t().roster;
  const order = { gap: 0, unknown: 1, compliant: 2 };
  return {
    title: R.table,
    note: R.tableNote,
    csvName: 'copertura-h24-365.csv',
    illustrative: s.illustrative,
    rows: [...c.ambiti].sort((a, b) => order[a.status] - order[b.status] || (a.serviceName ?? '~').localeCompare(b.serviceName ?? '~', 'it') || a.name.localeCompare(b.name, 'it')),
    rowKey: (a) => a.ambito,
    rowClass: (a) => (a.status === 'compliant' ? 'pass' : a.status === 'gap' ? 'fail' : 'unknown'),
    columns: [
      { id: 'pis', label: R.pis, value: (a) => a.serviceName },
      { id: 'codice_ambito', label: 'Cod.', value: (a) => a.ambito },
      { id: 'ambito', label: R.ambito, value: (a) => a.name, cell: (a) => <button type="button" class="link" onClick={() => ctx.state.actions.selectAmbito(a.ambito, { focus: true })}>{a.name}</button> },
      { id: 'opzione', label: R.option, value: (a) => (a.organisation === null ? null : a.organisation === 'a-chiusura' ? R.optionA : R.optionB) },
      ...TIME_BANDS.map((b) => ({
        id: `fascia_${b}`,
        label: bandName(b),
        value: (a: AmbitoH24) => {
          const x = a.bands?.find((y) => y.band === b);
          if (!x) return a.reason === 'nessun-pis' ? R.bandState.gap : null;
          if (x.state === 'covered' && (x.territorialHours ?? 0) > 0 && (x.pisHours ?? 0) === 0) return R.territorial;
          return R.bandState[x.state] + (x.missing.length ? ` (${x.missing.map((m) => R.missing[m]).join(', ')})` : '');
        },
      })),
      { id: 'ore_anno_scoperte', label: R.hours, num: true, value: (a) => a.uncoveredHoursPerYear },
      { id: 'stato', label: R.statusCol, value: (a) => R.status[a.status], cell: (a) => <span class={`h24 h24-${a.status}`}>{R.status[a.status]}</span> },
      { id: 'motivo', label: R.reasonCol, wide: true, value: (a) => R.reason[a.reason] + (a.openingHoursAssumed ? `; ${R.openingAssumed}` : '') },
    ],
  };
}

/** Ambito panel: the Ambito's 24h/365 answer, its opening hours (option (a)) and the documented facts. */
export function AmbitoCompliance({ ambito }: { ambito: string }) {
  const { territory, state } = useApp();
  const R = t().roster;
  const s = state.scenario.value;
  const a = complianceOf(s, territory).ambiti.find((x) => x.ambito === ambito);
  const facts = factsOfAmbito(ambito);
  if (!a) return null;
  const oh = s.openingHours?.[ambito] ?? DEFAULT_OPENING_HOURS;
  const setHours = (startHour: number, endHour: number) =>
    state.actions.setOpeningHours(ambito, { days: [0, 1, 2, 3, 4], startHour, endHour, assumed: false, source: 'inserito dall\'utente' }, R.openingSaved);
  return (
    <div class="ambito-h24" data-testid="ambito-h24">
      <h4>{R.h24}: <span class={`h24 h24-${a.status}`}>{R.status[a.status]}</span></h4>
      <p class="small">{R.reason[a.reason]}{a.uncoveredHoursPerYear !== null && a.uncoveredHoursPerYear > 0 ? ` — ${R.hoursLine(fmt.int(a.uncoveredHoursPerYear))}` : ''}</p>
      {a.bands && (
        <ul class="small bands-h24">
          {a.bands.map((b) => (
            <li key={b.band} class={b.state}>
              {R.band(bandName(b.band), b.state === 'covered' && (b.territorialHours ?? 0) > 0 && (b.pisHours ?? 0) === 0 ? R.territorial : R.bandState[b.state])}
              {b.missing.length > 0 && ` (${b.missing.map((m) => R.missing[m]).join(', ')})`}
            </li>
          ))}
        </ul>
      )}
      {a.organisation === 'a-chiusura' && (
        <div class="form-grid">
          <span>{R.opening} ({R.weekdays}){oh.assumed ? ` — ${R.openingAssumed}` : ''}</span>
          <span>
            <input class="units" aria-label={R.openingFrom} inputMode="numeric" value={String(oh.startHour)} onChange={(e) => {
              const v = fmt.read((e.target as HTMLInputElement).value, { integer: true, min: 0, max: 23 });
              if (v !== undefined && v < oh.endHour) setHours(v, oh.endHour);
            }} />–
            <input class="units" aria-label={R.openingTo} inputMode="numeric" value={String(oh.endHour)} onChange={(e) => {
              const v = fmt.read((e.target as HTMLInputElement).value, { integer: true, min: 1, max: 24 });
              if (v !== undefined && v > oh.startHour) setHours(oh.startHour, v);
            }} />
            {!oh.assumed && <button type="button" class="link small" onClick={() => state.actions.setOpeningHours(ambito, undefined)}>{R.openingReset}</button>}
          </span>
        </div>
      )}
      {facts.length > 0 && (
        <details class="facts">
          <summary>{R.facts} ({facts.length})</summary>
          <p class="small muted">{R.factsNote}</p>
          <ul class="small">
            {facts.map((f, i) => (
              <li key={i}>
                <strong>{f.fact}</strong>: {f.value} — «{f.quote}» <span class="muted">({/^https?:/.test(f.sourceUrl) ? <a href={f.sourceUrl} target="_blank" rel="noopener noreferrer">{f.sourceTitle}</a> : f.sourceTitle}, {f.sourceDate})</span>
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
