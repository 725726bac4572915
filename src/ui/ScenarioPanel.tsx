// The scenarios of the workspace: switch, create, duplicate, delete, rename; import and export
// (JSON, CSV per Ambito, GeoJSON of bases, link); the current scenario's counts next to the CROAS
// survey, so a user filling in statuses sees how far the scenario is from it.
import { useRef } from 'preact/hooks';
import {
  CROAS_NOTES, CROAS_SURVEY, compareWithSurvey, countScenario, encodeScenarioForHash, exportBasesGeoJson, exportScenarioCsv, exportScenarioJson,
  checkScenario,
} from '../core/scenario/index.ts';
import { t } from '../i18n/strings.ts';
import { useApp } from './context.ts';
import { download, slug } from './download.ts';
import { ComplianceSection } from './CompliancePanel.tsx';

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
  const tt = t();
  const S = tt.common;
  const P = tt.scenario;
  return (
    <section class="scenario" aria-labelledby="scenario-title">
      <h2 id="scenario-title" class="sr-only">{P.title}</h2>
      {s.illustrative && <p class="illustrative-note" role="note">{S.illustrativeBanner}. {P.illustrativeExports}</p>}
      <div class="form-grid">
        <label for="scenario-select">{P.select}</label>
        <select id="scenario-select" value={w.currentId} onChange={(e) => state.actions.selectScenario((e.target as HTMLSelectElement).value)}>
          {w.scenarios.map((x) => <option key={x.id} value={x.id}>{x.name}{x.illustrative ? P.illustrativeSuffix : ''}</option>)}
        </select>
        <label for="scenario-name">{P.name}</label>
        <input id="scenario-name" value={s.name} onChange={(e) => state.actions.updateMeta({ name: (e.target as HTMLInputElement).value })} />
        <label for="scenario-date">{P.date}</label>
        <input id="scenario-date" type="date" value={s.referenceDate} onChange={(e) => state.actions.updateMeta({ referenceDate: (e.target as HTMLInputElement).value })} />
        <label for="scenario-desc">{P.description}</label>
        <textarea id="scenario-desc" rows={2} value={s.description} onChange={(e) => state.actions.updateMeta({ description: (e.target as HTMLTextAreaElement).value })} />
      </div>
      <div class="actions">
        <button type="button" onClick={() => state.actions.newScenario('documentato')} title={P.newTitle}>{P.new}</button>
        <button type="button" onClick={() => state.actions.newScenario('copia')}>{P.duplicate}</button>
        <button type="button" onClick={() => state.actions.newScenario('illustrativo')}>{P.illustrative}</button>
        <button type="button" class="danger" onClick={() => state.actions.deleteScenario(s.id)} disabled={w.scenarios.length < 2}>{P.delete}</button>
      </div>
      <div class="actions">
        <button type="button" onClick={() => state.actions.undo()} disabled={!past.length} title="Ctrl+Z">{P.undo}</button>
        <button type="button" onClick={() => state.actions.redo()} disabled={!future.length} title="Ctrl+Y">{P.redo}</button>
        <span class="small muted">{P.autosave}</span>
      </div>

      <h3>{P.importExport}</h3>
      <div class="actions">
        <input ref={file} id="import-file" type="file" accept=".json,.csv,.geojson" class="sr-only" aria-label={P.importLabel} onChange={async (e) => {
          const input = e.target as HTMLInputElement;
          const f = input.files?.[0];
          if (f) await state.actions.importFile(f);
          input.value = '';
        }} />
        <button type="button" onClick={() => file.current?.click()}>{P.importFile}</button>
        <button type="button" onClick={() => download(`${name}.json`, exportScenarioJson(s), 'application/json')}>{P.exportJson}</button>
        <button type="button" onClick={() => download(`${name}-ambiti.csv`, exportScenarioCsv(s, territory), 'text/csv;charset=utf-8')}>{P.exportCsv}</button>
        <button type="button" onClick={() => download(`${name}-basi.geojson`, exportBasesGeoJson(s, territory), 'application/geo+json')}>{P.exportGeoJson}</button>
        <button type="button" onClick={async () => {
          const hash = await encodeScenarioForHash(s);
          const url = `${location.origin}${location.pathname}#${hash}`;
          try {
            await navigator.clipboard.writeText(url);
            state.actions.notify({ kind: 'info', text: P.copied(Math.round(url.length / 1024)) });
          } catch {
            state.actions.notify({ kind: 'info', text: P.copyThis, details: [url] });
          }
        }}>{P.copyLink}</button>
      </div>
      <p class="small muted">{P.formatsNote}</p>

      {Object.keys(s.compositionOverrides).length > 0 && (
        <details class="moves" open>
          <summary>{P.moved(Object.keys(s.compositionOverrides).length)}</summary>
          <ul class="small">
            {Object.entries(s.compositionOverrides).map(([istat, to]) => (
              <li key={istat}>
                {territory.comune(istat)?.name}: {territory.ambito(territory.comune(istat)!.ambito)?.name} → {territory.ambito(to)?.name}{' '}
                <button type="button" class="link" onClick={() => state.actions.moveComune(istat, territory.comune(istat)!.ambito)}>{P.undoMove}</button>
              </li>
            ))}
          </ul>
        </details>
      )}
      {problems.length > 0 && (
        <details class="problems" open={problems.some((p) => p.severity === 'error')}>
          <summary>{P.problems(problems.length)}</summary>
          <ul>{problems.map((p, i) => <li key={i} class={p.severity}>{p.message}</li>)}</ul>
        </details>
      )}

      <ComplianceSection />

      <h3>{P.croas}</h3>
      <p class="small muted">{CROAS_SURVEY.source}</p>
      <table class="survey" aria-label={P.croasTable}>
        <thead><tr><th><span class="sr-only">{P.item}</span></th><th class="num">{P.survey}</th><th class="num">{P.scenario}</th><th class="num">{P.diff}</th></tr></thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key} data-key={r.key}>
              <td>{r.label}</td><td class="num">{r.survey}</td><td class="num">{r.scenario}</td>
              <td class={`num ${r.difference === 0 ? 'ok' : 'off'}`}>{r.difference > 0 ? `+${r.difference}` : r.difference}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <details class="croas-notes small" data-testid="croas-notes" open>
        <summary>{t().roster.croasNotes}</summary>
        <ul>{CROAS_NOTES.map((n) => <li key={n}>{n}</li>)}</ul>
      </details>
    </section>
  );
}
