import { LEVEL_LABEL, S } from '../i18n/strings.ts';
import type { Level } from '../core/territory/types.ts';
import { useApp } from './context.ts';
import { InfoPanel } from './InfoPanel.tsx';
import { MapPane } from './MapPane.tsx';
import { QualityPanel } from './QualityPanel.tsx';
import { SearchBox } from './SearchBox.tsx';

const LEVELS: Level[] = ['ats', 'asst', 'distretto', 'ambito'];

export function App() {
  const { state, manifest } = useApp();
  const level = state.level.value;
  const panel = state.panel.value;
  return (
    <div class="app">
      <header class="topbar">
        <h1>{S.appShort}</h1>
        <SearchBox />
        <fieldset class="levels">
          <legend>{S.colourBy}</legend>
          {LEVELS.map((l) => (
            <label key={l} class={l === level ? 'on' : ''}>
              <input type="radio" name="level" value={l} checked={l === level} onChange={() => state.actions.setLevel(l)} />
              {LEVEL_LABEL[l]}
            </label>
          ))}
        </fieldset>
        <label class="toggle"><input type="checkbox" checked={state.labels.value} onChange={(e) => state.actions.setLabels((e.target as HTMLInputElement).checked)} /> {S.labels}</label>
        <label class="toggle"><input type="checkbox" checked={state.basemap.value} onChange={(e) => state.actions.setBasemap((e.target as HTMLInputElement).checked)} /> {S.basemap}</label>
      </header>
      <main class="body">
        <MapPane />
        <aside class="side" aria-label="Dettagli">
          <div class="tabs" role="tablist">
            <button type="button" role="tab" aria-selected={panel === 'info'} onClick={() => state.actions.setPanel('info')}>{S.tabInfo}</button>
            <button type="button" role="tab" aria-selected={panel === 'quality'} onClick={() => state.actions.setPanel('quality')}>
              {S.tabQuality} <span class="count">{manifest.composition.estimated.comuni} stimati</span>
            </button>
          </div>
          <div class="panel" role="tabpanel">{panel === 'info' ? <InfoPanel /> : <QualityPanel />}</div>
        </aside>
      </main>
    </div>
  );
}
