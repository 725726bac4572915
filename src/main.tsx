// Start-up: load the shipped territory (same origin, no network beyond the page's own server),
// build the core and the state, restore the autosaved scenarios, mirror the view in the URL
// hash, start the simulation worker, render.
import { createImportClient } from '../workers/importClient.ts';
import { render } from 'preact';
import { effect } from '@preact/signals';
import type { Topology } from 'topojson-specification';
import territoryUrl from '../geodata/generated/territory.json?url';
import topologyUrl from '../geodata/generated/territory.topo.json?url';
import manifestUrl from '../geodata/generated/manifest.json?url';
import compositionCsvUrl from '../geodata/generated/comuni-ambiti.csv?url';
import { createTerritory } from './core/territory/index.ts';
import { buildPlaceIndex, withPlaces } from './core/territory/places.ts';
import type { TerritoryData } from './core/territory/types.ts';
import { HASH_PREFIX, decodeScenarioFromHash } from './core/scenario/index.ts';
import { createAppState } from './state/appState.ts';
import { RECOVERY_KEY, STORAGE_KEY, loadWorkspace, mergeRecovery, recoveryDownload } from './state/workspace.ts';
import { readOfficial, takeReportFlag, withOfficial } from './state/official.ts';
import { createSimulationState } from './state/simulation.ts';
import { createPlanningState } from './state/planning.ts';
import { localStore } from './state/persistence.ts';
import { buildLayers } from './map/layersData.ts';
import { createSimulationClient, simulationWorkerFactory } from '../workers/client.ts';
import { createOptimiseClient, optimiseWorkerFactory } from '../workers/optimiseClient.ts';
import { createOptimiseState } from './state/optimise.ts';
import { App } from './ui/App.tsx';
import { createMapAccess } from './ui/mapAccess.ts';
import { exposeApp } from './testHook.ts';
import { PresentationProvider } from './ui/presenter/context.tsx';
import { Ctx, type Manifest } from './ui/context.ts';
import { S, t } from './i18n/strings.ts';
import './styles.css';

async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return (await res.json()) as T;
}


/**
 * A pause between start-up steps. MapLibre's worker (prewarmed when its module is evaluated) can
 * only start its thread when this main thread runs a task for it: start-up in one go (about 0.5 s
 * of JS under load) kept it waiting until after the map was created, so the map's GeoJSON was
 * tiled ~0.5 s late (issue 13; Chrome trace: worker thread started 240 ms after the map).
 */
const yieldToBrowser = (): Promise<void> => new Promise((r) => setTimeout(r, 0));

async function start(root: HTMLElement) {
  performance.mark('pis:start');
  const [data, topo, manifest] = await Promise.all([getJson<TerritoryData>(territoryUrl), getJson<Topology>(topologyUrl), getJson<Manifest>(manifestUrl)]);
  performance.mark('pis:geodata');
  await yieldToBrowser();
  // The shipped territory, and the one the app uses: with the official table if one was imported.
  // With the comune boundaries attached, every importer and the editor check that a base's point
  // lies in its comune (territory/places.ts).
  const places = buildPlaceIndex(topo);
  const shipped = withPlaces(createTerritory(data), places);
  const { official, setAside } = readOfficial(shipped);
  const territory = official ? withPlaces(createTerritory(withOfficial(data, official)), places) : shipped;
  const { workspace, problems, recovered } = loadWorkspace(localStore.get(STORAGE_KEY), territory);
  // Scenario files are parsed and validated in their own worker (never blocking the page).
  const importer = createImportClient(() => new Worker(new URL('../workers/import.worker.ts', import.meta.url), { type: 'module' }), territory.data, topo);
  const state = createAppState(territory, workspace, { importer });
  if (recovered.length) {
    // Set aside, never discarded: the recovery slot is not touched by autosave.
    // (storage full or disabled: the download below is then the only copy)
    localStore.trySet(RECOVERY_KEY, mergeRecovery(localStore.get(RECOVERY_KEY), recovered));
  }
  if (setAside) state.actions.notify({ kind: 'error', text: t().notices.officialSetAside, details: setAside.map((e) => `tabella ufficiale salvata › ${e}`) });
  if (problems.length) {
    state.actions.notify({
      kind: 'error', text: t().notices.savedDropped, details: [...problems, ...(setAside ?? []).map((e) => `tabella ufficiale salvata, messa da parte › ${e}`)],
      download: recovered.length ? { filename: 'scenari-messi-da-parte.json', text: recoveryDownload(recovered) } : undefined,
    });
  }
  performance.mark('pis:state');
  await yieldToBrowser();
  const { layers, labels } = buildLayers(topo, territory, { redissolve: !!official });
  performance.mark('pis:layers');
  await yieldToBrowser();
  if (official && takeReportFlag()) {
    state.actions.notify({ kind: 'info', text: t().notices.officialApplied(official.fileName), details: official.report });
  }

  // A shared scenario link (#s=…) adds that scenario, then the hash goes back to the view.
  if (location.hash.startsWith(`#${HASH_PREFIX}`)) {
    const r = await decodeScenarioFromHash(location.hash.slice(1), territory);
    if (r.ok) state.actions.addScenario(r.scenario, t().notices.sharedLink);
    else state.actions.notify({ kind: 'error', text: t().notices.badLink, details: r.errors });
    history.replaceState(null, '', location.pathname + location.search);
  }
  state.actions.applyHash(location.hash);
  window.addEventListener('hashchange', () => {
    if (location.hash !== state.hash.peek()) state.actions.applyHash(location.hash);
  });
  effect(() => {
    const h = state.hash.value;
    if (h !== location.hash && !(h === '' && location.hash === '')) history.replaceState(null, '', h || location.pathname + location.search);
  });
  // Autosave: every change of the workspace, synchronously, so a reload right after keeps it.
  effect(() => {
    const w = state.workspace.value;
    try {
      localStore.set(STORAGE_KEY, JSON.stringify(w));
    } catch (err) {
      state.actions.notify({ kind: 'error', text: t().notices.autosaveFailed(err instanceof Error ? err.message : String(err)) });
    }
  });

  // One planning input for both workers: the simulation and the optimiser see the same effective
  // composition (shipped → official → what-if), assumptions, band, target and OD matrix.
  // The workers get the territory parsed here, once the first map is drawn (or after 5 s, say
  // without WebGL), and the simulation worker then builds its travel context in the background,
  // so the first coverage after the Simulazione tab does not wait for either (issue 13).
  const mapAccess = createMapAccess();
  const afterFirstMap = Promise.race([mapAccess.drawn, new Promise((r) => setTimeout(r, 5000))]);
  // A DES run is split over hardwareConcurrency − 1 workers (the page keeps a core), at most 4:
  // on a 2-core machine one worker runs them all, as measured faster there (npm run bench).
  const desWorkers = Math.max(1, Math.min(4, (navigator.hardwareConcurrency || 2) - 1));
  const simClient = createSimulationClient(simulationWorkerFactory(data, afterFirstMap), { desWorkers });
  const optClient = createOptimiseClient(optimiseWorkerFactory(data, afterFirstMap));
  const planning = createPlanningState(state, territory, data, [simClient, optClient]);
  const sim = createSimulationState(state, planning, simClient);
  const opt = createOptimiseState(state, planning, optClient);
  exposeApp({ state, sim, opt, planning, simClient });
  void afterFirstMap.then(() => simClient.warm(planning.input.peek()));
  performance.mark('pis:workers');
  await yieldToBrowser();
  root.replaceChildren(); // drop the static "Caricamento…" placeholder
  render(
    <Ctx.Provider value={{ territory, shipped, official, state, sim, opt, manifest, layers, labels, topo, compositionCsvUrl, mapAccess }}>
      <PresentationProvider>
        <App />
      </PresentationProvider>
    </Ctx.Provider>,
    root,
  );
  performance.mark('pis:rendered');
}

const root = document.getElementById('app')!;
start(root).catch((err: unknown) => {
  root.innerHTML = '';
  const p = document.createElement('p');
  p.className = 'fatal';
  p.setAttribute('role', 'alert');
  p.textContent = `${S.loadError}: ${err instanceof Error ? err.message : String(err)}`;
  root.append(p);
});
