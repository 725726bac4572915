// Every parameter of the estimate, with its unit and its source, editable; "Ripristina" restores
// the defaults. Values are validated by the worker, whose message is shown if one is refused.
import { MAX_OD_BYTES } from '../core/travel/odMatrix.ts';
import type { TravelAssumptions } from '../core/travel/index.ts';
import { TIME_BANDS } from '../core/sim/layout.ts';
import { DEMAND_KINDS } from '../core/des/demand.ts';
import { validateDistribution, type Distribution } from '../core/des/distributions.ts';
import { useApp } from './context.ts';
import { fmt, t } from '../i18n/strings.ts';

// MAX_OD_BYTES: a full Lombardy OD matrix (1,503² pairs, ~20 bytes a row) is about 45 MB of CSV; larger files are refused unread.

const num = (raw: string) => fmt.read(raw);

/**
 * One numeric assumption: label, value (applied when valid), unit, source. `scale` shows a tiny
 * rate in a readable unit (0.000218 calls per resident-year as 0,218 per 1,000 residents); the
 * value is then shown with 6 significant digits and only an edit replaces it.
 */
function NumberRow(p: { id: string; info: { label: string; source: string }; value: number; unit?: string; wide?: boolean; scale?: number; ok: (x: number) => boolean; onValue: (x: number) => void }) {
  const k = p.scale ?? 1;
  const shown = k === 1 ? fmt.input(p.value) : fmt.sig(p.value * k, 6);
  return (
    <tr>
      <td><label for={p.id}>{p.info.label}</label></td>
      <td>
        <input id={p.id} class={p.wide ? 'units wide' : 'units'} inputMode="decimal" value={shown} onChange={(e) => {
          const x = num((e.target as HTMLInputElement).value);
          if (x !== undefined && p.ok(x / k)) p.onValue(x / k);
        }} />{p.unit && <> <span class="small muted">{p.unit}</span></>}
      </td>
      <td class="small muted">{p.info.source}</td>
    </tr>
  );
}

/** An on-scene time as "min / moda / max" (triangular, minutes); a fixed time as one number. Applied when valid. */
function OnSceneRow(p: { id: string; info: { label: string; source: string }; value: Distribution; hint: string; onValue: (d: Distribution) => void }) {
  const v = p.value;
  const shown = v.kind === 'triangular' ? [v.minMin, v.modeMin, v.maxMin].map((x) => fmt.input(x)).join(' / ') : v.kind === 'fixed' ? fmt.input(v.valueMin) : `${fmt.input(v.medianMin)} (σ ${fmt.input(v.sigma)})`;
  return (
    <tr>
      <td><label for={p.id}>{p.info.label}</label></td>
      <td>
        <input id={p.id} class="units" size={12} value={shown} disabled={v.kind === 'lognormal'} onChange={(e) => {
          const parts = (e.target as HTMLInputElement).value.split('/').map((x) => fmt.read(x.trim()));
          if (parts.some((x) => x === undefined)) return;
          const [a, b, c] = parts as number[];
          const d: Distribution = parts.length === 1 ? { kind: 'fixed', valueMin: a } : { kind: 'triangular', minMin: a, modeMin: b, maxMin: c ?? b };
          if (validateDistribution(d, '').length === 0) p.onValue(d);
        }} /> <span class="small muted">min</span>
      </td>
      <td class="small muted">{p.info.source}; {p.hint}</td>
    </tr>
  );
}

export function AssumptionsPanel() {
  const { sim, state } = useApp();
  const o = sim.options.value;
  const d = sim.defaults.value;
  const A = t().assumptions;
  if (!o || !d) return null;
  const travelKeys = Object.keys(d.travelInfo) as (keyof TravelAssumptions)[];
  return (
    <details class="assumptions" data-testid="assumptions">
      <summary>{A.summary}</summary>
      <table>
        <thead><tr><th>{A.parameter}</th><th>{A.value}</th><th>{A.source}</th></tr></thead>
        <tbody>
          {travelKeys.map((k) => {
            const info = d.travelInfo[k];
            const v = o.travel[k];
            return (
              <tr key={k}>
                <td><label for={`a-${k}`}>{info.label}</label></td>
                <td>
                  {typeof v === 'boolean'
                    ? <input id={`a-${k}`} type="checkbox" checked={v} onChange={(e) => sim.setOptions({ travel: { ...o.travel, [k]: (e.target as HTMLInputElement).checked } })} />
                    : <input id={`a-${k}`} class="units" inputMode="decimal" value={fmt.input(v)} onChange={(e) => {
                        const x = num((e.target as HTMLInputElement).value);
                        if (x !== undefined) sim.setOptions({ travel: { ...o.travel, [k]: x } });
                      }} />} <span class="small muted">{info.unit}</span>
                </td>
                <td class="small muted">{info.source}</td>
              </tr>
            );
          })}
          <NumberRow id="a-triage" info={d.responseInfo.triageMin} value={o.response.triageMin} unit="min" ok={(x) => x >= 0}
            onValue={(x) => sim.setOptions({ response: { ...o.response, triageMin: x } })} />
          {TIME_BANDS.map((b) => (
            <NumberRow key={b} id={`a-mob-${b}`} info={d.responseInfo[`mobilisation_${b}`]} value={o.response.mobilisationMinByBand[b]} unit="min" ok={(x) => x >= 0}
              onValue={(x) => sim.setOptions({ response: { ...o.response, mobilisationMinByBand: { ...o.response.mobilisationMinByBand, [b]: x } } })} />
          ))}
          <NumberRow id="a-scale" info={d.desInfo.demandScale} value={o.des.demandScale} ok={(x) => x >= 0}
            onValue={(x) => sim.setOptions({ des: { ...o.des, demandScale: x } })} />
          <NumberRow id="a-office" info={d.desInfo.officeRateFactor} value={o.des.officeRateFactor} ok={(x) => x >= 0}
            onValue={(x) => sim.setOptions({ des: { ...o.des, officeRateFactor: x } })} />
          {o.des.kinds && DEMAND_KINDS.filter((k) => o.des.kinds![k].dispatch).map((k) => {
            const kinds = o.des.kinds!;
            return (
              <OnSceneRow key={k} id={`a-onscene-${k}`} info={d.desInfo[`onScene_${k}`]} value={kinds[k].onScene} hint={A.onSceneHint}
                onValue={(onScene) => sim.setOptions({ des: { ...o.des, kinds: { ...kinds, [k]: { ...kinds[k], onScene } } } })} />
            );
          })}
          {(['capoluogoPer1000', 'over50kPer1000', 'baselinePer1000'] as const).map((k) => (
            <NumberRow key={k} id={`a-gm-${k}`} info={d.desInfo[k]} value={o.des.indicator[k]} unit={d.desInfo[k].unit} ok={(x) => x >= 0}
              onValue={(x) => sim.setOptions({ des: { ...o.des, indicator: { ...o.des.indicator, [k]: x } } })} />
          ))}
        </tbody>
      </table>
      <div class="actions">
        <button type="button" onClick={() => sim.resetOptions()}>{A.reset}</button>
        <label class="button-like">
          {A.importOd}
          <input type="file" accept=".csv,text/csv" class="sr-only" onChange={async (e) => {
            const input = e.target as HTMLInputElement;
            const f = input.files?.[0];
            input.value = '';
            if (!f) return;
            if (f.size > MAX_OD_BYTES) {
              state.actions.notify({ kind: 'error', text: t().notices.tooLarge(f.name, Math.round(f.size / 1024), MAX_OD_BYTES / 1024 / 1024) });
              return;
            }
            await sim.importOd(await f.text());
          }} />
        </label>
      </div>
    </details>
  );
}
