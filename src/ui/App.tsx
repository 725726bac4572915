import { useEffect } from 'preact/hooks';
import { t } from '../i18n/strings.ts';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import type { ColourBy, Panel } from '../state/appState.ts';
import { useApp } from './context.ts';
import { InfoPanel } from './InfoPanel.tsx';
import { MapPane } from './MapPane.tsx';
import { NoticeArea } from './NoticeArea.tsx';
import { QualityPanel } from './QualityPanel.tsx';
import { ScenarioPanel } from './ScenarioPanel.tsx';
import { SearchBox } from './SearchBox.tsx';
import { ExportMenu } from './ExportMenu.tsx';
import { PresenterMenu } from './presenter/PresenterMenu.tsx';
import { PresenterMode } from './presenter/PresenterMode.tsx';
import { SimPanel } from './SimPanel.tsx';
import { OptimisePanel } from './OptimisePanel.tsx';
import { SidePanel } from './SidePanel.tsx';
import { AssociationBuilder } from './AssociationBuilder.tsx';
import { showWelcome } from './Welcome.tsx';
import { TableDrawer } from './TableDrawer.tsx';

const COLOUR_BY: ColourBy[] = ['ats', 'asst', 'distretto', 'ambito', 'pis', 'h24', 'tempo'];
const TABS: Panel[] = ['info', 'scenario', 'sim', 'optimise', 'quality'];

export function App() {
  const { state } = useApp();
  const s = t();
  const S = s.common;
  const level = state.level.value;
  const panel = state.panel.value;
  useEffect(() => {
    // Undo/redo from the keyboard, except while typing in a field (the field's own undo wins).
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement;
      if (/^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) return;
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'z') { e.shiftKey ? state.actions.redo() : state.actions.undo(); e.preventDefault(); }
      else if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'y') { state.actions.redo(); e.preventDefault(); }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return (
    <div class="app">
      <header class="topbar">
        <h1>{S.appShort}</h1>
        <SearchBox />
        <fieldset class="levels">
          <legend>{S.colourBy}</legend>
          {(level === 'confronto' ? [...COLOUR_BY, 'confronto' as const] : COLOUR_BY).map((l) => (
            <label key={l} class={l === level ? 'on' : ''}>
              <input type="radio" name="level" value={l} checked={l === level} onChange={() => state.actions.setLevel(l)} />
              {s.level[l]}
            </label>
          ))}
        </fieldset>
        {/* Map options in one small menu: the topbar stays one or two rows on a 1024-wide projector. */}
        <details class="map-menu" data-testid="map-menu">
          <summary>{S.mapMenu}</summary>
          <div class="map-menu-body">
            <label class="toggle"><input type="checkbox" checked={state.labels.value} onChange={(e) => state.actions.setLabels((e.target as HTMLInputElement).checked)} /> {S.labels}</label>
            <label class="toggle"><input type="checkbox" checked={state.basemap.value} onChange={(e) => state.actions.setBasemap((e.target as HTMLInputElement).checked)} /> {S.basemap}</label>
          </div>
        </details>
        <ExportMenu />
        <PresenterMenu />
        <LanguageSwitch />
        <button type="button" class="guide" data-action="show-guide" title={s.welcome.reopenTitle} onClick={() => { state.actions.selectAmbito(undefined); state.actions.setPanel('info'); showWelcome(); }}>{s.welcome.reopen}</button>
        <a class="a11y-link" href="./accessibilita.html">{s.app.a11yLink}</a>
      </header>
      <main class="body">
        <MapPane />
        <SidePanel label={s.app.sideLabel}>
          <div class="tabs" role="tablist">
            {TABS.map((id) => (
              <button key={id} type="button" role="tab" id={`tab-${id}`} aria-selected={panel === id} onClick={() => state.actions.setPanel(id)}>{s.app.tabs[id]}</button>
            ))}
          </div>
          {s.app.coreNote && <p class="small muted" role="note" data-testid="core-note">{s.app.coreNote}</p>}
          <NoticeArea />
          <div class="panel" role="tabpanel" aria-labelledby={`tab-${panel}`}>
            {state.mode.value === 'associate' ? <AssociationBuilder /> : panel === 'info' && <InfoPanel />}
            {state.mode.value !== 'associate' && panel === 'scenario' && <ScenarioPanel />}
            {state.mode.value !== 'associate' && panel === 'sim' && <SimPanel />}
            {state.mode.value !== 'associate' && panel === 'optimise' && <OptimisePanel />}
            {state.mode.value !== 'associate' && panel === 'quality' && <QualityPanel />}
          </div>
        </SidePanel>
        <TableDrawer />
      </main>
      <PresenterMode />
    </div>
  );
}
