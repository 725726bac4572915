// Start-up: load the shipped territory (same origin, no network beyond the page's own server),
// build the core and the state, mirror the selection in the URL hash, render.
import { render } from 'preact';
import { effect } from '@preact/signals';
import type { Topology } from 'topojson-specification';
import territoryUrl from '../geodata/generated/territory.json?url';
import topologyUrl from '../geodata/generated/territory.topo.json?url';
import manifestUrl from '../geodata/generated/manifest.json?url';
import compositionCsvUrl from '../geodata/generated/comuni-ambiti.csv?url';
import { createTerritory } from './core/territory/index.ts';
import type { TerritoryData } from './core/territory/types.ts';
import { createAppState } from './state/appState.ts';
import { buildLayers } from './map/layersData.ts';
import { App } from './ui/App.tsx';
import { Ctx, type Manifest } from './ui/context.ts';
import { S } from './i18n/strings.ts';
import './styles.css';

async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return (await res.json()) as T;
}

async function start(root: HTMLElement) {
  const [data, topo, manifest] = await Promise.all([getJson<TerritoryData>(territoryUrl), getJson<Topology>(topologyUrl), getJson<Manifest>(manifestUrl)]);
  const territory = createTerritory(data);
  const state = createAppState(territory);
  const { layers, labels } = buildLayers(topo, territory);
  state.actions.applyHash(location.hash);
  window.addEventListener('hashchange', () => {
    if (location.hash !== state.hash.peek()) state.actions.applyHash(location.hash);
  });
  effect(() => {
    const h = state.hash.value;
    if (h !== location.hash && !(h === '' && location.hash === '')) history.replaceState(null, '', h || location.pathname + location.search);
  });
  render(
    <Ctx.Provider value={{ territory, state, manifest, layers, labels, compositionCsvUrl }}>
      <App />
    </Ctx.Provider>,
    root,
  );
}

const root = document.getElementById('app')!;
start(root).catch((err: unknown) => {
  root.innerHTML = '';
  const p = document.createElement('p');
  p.className = 'fatal';
  p.setAttribute('role', 'alert');
  p.textContent = `${S.loadError}: ${err instanceof Error ? err.message : String(err)}`;
  root.append(p);
  document.getElementById('map')?.setAttribute('data-map-state', 'error');
});
