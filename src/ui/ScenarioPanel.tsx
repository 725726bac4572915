// The scenarios of the workspace: switch, create, duplicate, delete, rename; import and export
// (JSON, CSV per Ambito, GeoJSON of bases, link); the current scenario's counts next to the CROAS
// survey, so a user filling in statuses sees how far the scenario is from it.
import { useRef } from 'preact/hooks';
import {
  CROAS_SURVEY, compareWithSurvey, countScenario, encodeScenarioForHash, exportBasesGeoJson, exportScenarioCsv, exportScenarioJson,
  updateScenarioMeta, checkScenario, moveComune,
} from '../core/scenario/index.ts';
import { S } from '../i18n/strings.ts';
import { useApp } from './context.ts';
import { download, slug } from './download.ts';

export function ScenarioPanel() {
  const { territory, state } = useApp();
  const w = state.workspace.value;
  const s = state.scenario.value;
  const file = useRef<HTMLInputElement>(null);
  const counts = countScenario(s, territory);
  const rows = compareWithSurvey(counts);
  const problems = checkScenario(s, territory);
  const { past, future } = state.history.value;
  const name = slug(s.name);
  return (
    <section class="scenario" aria-labelledby="scenario-title">
      <h2 id="scenario-title" class="sr-only">Scenario</h2>
      {s.illustrative && <p class="illustrative-note" role="note">{S.illustrativeBanner}. Le esportazioni lo riportano.</p>}
      <div class="form-grid">
        <label for="scenario-select">Scenario</label>
        <select id="scenario-select" value={w.currentId} onChange={(e) => state.actions.selectScenario((e.target as HTMLSelectElement).value)}>
          {w.scenarios.map((x) => <option key={x.id} value={x.id}>{x.name}{x.illustrative ? ' (illustrativo)' : ''}</option>)}
        </select>
        <label for="scenario-name">Nome</label>
        <input id="scenario-name" value={s.name} onChange={(e) => state.actions.edit((x) => updateScenarioMeta(x, { name: (e.target as HTMLInputElement).value.trim() || x.name }))} />
        <label for="scenario-date">Data di riferimento</label>
        <input id="scenario-date" type="date" value={s.referenceDate} onChange={(e) => state.actions.edit((x) => updateScenarioMeta(x, { referenceDate: (e.target as HTMLInputElement).value || x.referenceDate }))} />
        <label for="scenario-desc">Descrizione</label>
        <textarea id="scenario-desc" rows={2} value={s.description} onChange={(e) => state.actions.edit((x) => updateScenarioMeta(x, { description: (e.target as HTMLTextAreaElement).value }))} />
      </div>
      <div class="actions">
        <button type="button" onClick={() => state.actions.newScenario('documentato')} title="Solo i fatti documentati; il resto sconosciuto">Nuovo</button>
        <button type="button" onClick={() => state.actions.newScenario('copia')}>Duplica</button>
        <button type="button" onClick={() => state.actions.newScenario('illustrativo')}>Esempio illustrativo</button>
        <button type="button" class="danger" onClick={() => state.actions.deleteScenario(s.id)} disabled={w.scenarios.length < 2}>Elimina</button>
      </div>
      <div class="actions">
        <button type="button" onClick={() => state.actions.undo()} disabled={!past.length} title="Ctrl+Z">Annulla</button>
        <button type="button" onClick={() => state.actions.redo()} disabled={!future.length} title="Ctrl+Y">Ripeti</button>
        <span class="small muted">Salvataggio automatico nel browser.</span>
      </div>

      <h3>Importa ed esporta</h3>
      <div class="actions">
        <input ref={file} id="import-file" type="file" accept=".json,.csv,.geojson" class="sr-only" aria-label="Importa file di scenario (JSON, CSV per Ambito, GeoJSON basi)" onChange={async (e) => {
          const input = e.target as HTMLInputElement;
          const f = input.files?.[0];
          if (f) await state.actions.importFile(f);
          input.value = '';
        }} />
        <button type="button" onClick={() => file.current?.click()}>Importa file…</button>
        <button type="button" onClick={() => download(`${name}.json`, exportScenarioJson(s), 'application/json')}>Esporta JSON</button>
        <button type="button" onClick={() => download(`${name}-ambiti.csv`, exportScenarioCsv(s, territory), 'text/csv;charset=utf-8')}>Esporta CSV</button>
        <button type="button" onClick={() => download(`${name}-basi.geojson`, exportBasesGeoJson(s, territory), 'application/geo+json')}>Esporta basi GeoJSON</button>
        <button type="button" onClick={async () => {
          const hash = await encodeScenarioForHash(s);
          const url = `${location.origin}${location.pathname}#${hash}`;
          try {
            await navigator.clipboard.writeText(url);
            state.actions.notify({ kind: 'info', text: `Link copiato (${Math.round(url.length / 1024)} kB): chi lo apre riceve una copia dello scenario.` });
          } catch {
            state.actions.notify({ kind: 'info', text: 'Copia il link dello scenario:', details: [url] });
          }
        }}>Copia link</button>
      </div>
      <p class="small muted">JSON: lo scenario completo (si aggiunge come nuovo scenario). CSV (separatore ;): stato e PIS per Ambito, si applica allo scenario corrente. GeoJSON: le basi.</p>

      {Object.keys(s.compositionOverrides).length > 0 && (
        <details class="moves" open>
          <summary>{Object.keys(s.compositionOverrides).length} comuni spostati in questo scenario (ipotesi)</summary>
          <ul class="small">
            {Object.entries(s.compositionOverrides).map(([istat, to]) => (
              <li key={istat}>
                {territory.comune(istat)?.name}: {territory.ambito(territory.comune(istat)!.ambito)?.name} → {territory.ambito(to)?.name}{' '}
                <button type="button" class="link" onClick={() => state.actions.edit((x) => moveComune(x, territory, istat, territory.comune(istat)!.ambito))}>annulla</button>
              </li>
            ))}
          </ul>
        </details>
      )}
      {problems.length > 0 && (
        <details class="problems" open={problems.some((p) => p.severity === 'error')}>
          <summary>{problems.length} segnalazioni sullo scenario</summary>
          <ul>{problems.map((p, i) => <li key={i} class={p.severity}>{p.message}</li>)}</ul>
        </details>
      )}

      <h3>Scenario e indagine CROAS</h3>
      <p class="small muted">{CROAS_SURVEY.source}</p>
      <table class="survey" aria-label="Confronto con l'indagine CROAS">
        <thead><tr><th><span class="sr-only">voce</span></th><th class="num">indagine</th><th class="num">scenario</th><th class="num">diff.</th></tr></thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key} data-key={r.key}>
              <td>{r.label}</td><td class="num">{r.survey}</td><td class="num">{r.scenario}</td>
              <td class={`num ${r.difference === 0 ? 'ok' : 'off'}`}>{r.difference > 0 ? `+${r.difference}` : r.difference}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
