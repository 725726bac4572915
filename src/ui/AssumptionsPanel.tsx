// Every parameter of the estimate, with its unit and its source, editable; "Ripristina" restores
// the defaults. Values are validated by the worker, whose message is shown if one is refused.
import type { TravelAssumptions } from '../core/travel/index.ts';
import { TIME_BANDS } from '../core/sim/layout.ts';
import { useApp } from './context.ts';
import { t } from '../i18n/strings.ts';

export function AssumptionsPanel() {
  const { sim } = useApp();
  const o = sim.options.value;
  const d = sim.defaults.value;
  const A = t().assumptions;
  if (!o || !d) return null;
  const num = (raw: string) => {
    const v = Number(raw.replace(',', '.'));
    return Number.isFinite(v) ? v : undefined;
  };
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
                    : <input id={`a-${k}`} class="units" value={String(v)} onChange={(e) => {
                        const x = num((e.target as HTMLInputElement).value);
                        if (x !== undefined) sim.setOptions({ travel: { ...o.travel, [k]: x } });
                      }} />} <span class="small muted">{info.unit}</span>
                </td>
                <td class="small muted">{info.source}</td>
              </tr>
            );
          })}
          <tr>
            <td><label for="a-triage">{d.responseInfo.triageMin.label}</label></td>
            <td><input id="a-triage" class="units" value={String(o.response.triageMin)} onChange={(e) => {
              const x = num((e.target as HTMLInputElement).value);
              if (x !== undefined && x >= 0) sim.setOptions({ response: { ...o.response, triageMin: x } });
            }} /> <span class="small muted">min</span></td>
            <td class="small muted">{d.responseInfo.triageMin.source}</td>
          </tr>
          {TIME_BANDS.map((b) => {
            const info = d.responseInfo[`mobilisation_${b}`];
            return (
              <tr key={b}>
                <td><label for={`a-mob-${b}`}>{info.label}</label></td>
                <td><input id={`a-mob-${b}`} class="units" value={String(o.response.mobilisationMinByBand[b])} onChange={(e) => {
                  const x = num((e.target as HTMLInputElement).value);
                  if (x !== undefined && x >= 0) sim.setOptions({ response: { ...o.response, mobilisationMinByBand: { ...o.response.mobilisationMinByBand, [b]: x } } });
                }} /> <span class="small muted">min</span></td>
                <td class="small muted">{info.source}</td>
              </tr>
            );
          })}
          <tr>
            <td><label for="a-rate">{d.desInfo.baseRatePerResidentYear.label}</label></td>
            <td><input id="a-rate" class="units wide" value={String(o.des.baseRatePerResidentYear)} onChange={(e) => {
              const x = num((e.target as HTMLInputElement).value);
              if (x !== undefined && x > 0) sim.setOptions({ des: { ...o.des, baseRatePerResidentYear: x } });
            }} /></td>
            <td class="small muted">{d.desInfo.baseRatePerResidentYear.source}</td>
          </tr>
          <tr>
            <td><label for="a-uplift">{d.desInfo.graveMarginalitaUplift.label}</label></td>
            <td><input id="a-uplift" class="units" value={String(o.des.graveMarginalitaUplift)} onChange={(e) => {
              const x = num((e.target as HTMLInputElement).value);
              if (x !== undefined && x >= 0) sim.setOptions({ des: { ...o.des, graveMarginalitaUplift: x } });
            }} /></td>
            <td class="small muted">{d.desInfo.graveMarginalitaUplift.source}</td>
          </tr>
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
            if (f.size > 50 * 1024 * 1024) return;
            await sim.importOd(await f.text());
          }} />
        </label>
      </div>
    </details>
  );
}
