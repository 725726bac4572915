// Bridges state and the imperative map: creates it once, then mirrors signals into it.
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { untracked, useSignal, useSignalEffect } from '@preact/signals';
import { colourLevel } from '../core/territory/colouring.ts';
import { h24Class, scenarioCompliance, statusOf, serviceOfAmbito, type Scenario } from '../core/scenario/index.ts';
import { H24Tip } from './CompliancePanel.tsx';
import { createMapView, type MapView } from '../map/mapView.ts';
import type { FirstLook } from '../map/style.ts';
import type { ColourBy } from '../state/appState.ts';
import { bboxOf, dissolveFromComuni, labelPoint } from '../map/layersData.ts';
import { associationFeatures, baseFeatures } from '../map/scenarioLayers.ts';
import { H24_COLOURS, MULTI_UNIT_FILL, OUTCOME_COLOURS, STATUS_COLOURS, UNIT_PALETTE, responseColour } from '../map/palette.ts';
import { t, fmtInt } from '../i18n/strings.ts';
import { useApp } from './context.ts';
import { exposeMap, recordFirstIdle } from '../testHook.ts';
import { Legend } from './Legend.tsx';
import { usePresentation } from './presenter/context.tsx';
import { ModeBanner } from './ModeBanner.tsx';

export function MapPane() {
  const { territory, state, layers, labels, topo, sim, opt, mapAccess } = useApp();
  const presentation = usePresentation();
  const container = useRef<HTMLDivElement>(null);
  // A signal, not component state: the effects below must re-run when the map becomes ready.
  const viewSig = useSignal<MapView | undefined>(undefined);
  const [mapState, setMapState] = useState('loading');
  const [hover, setHover] = useState<{ code: string; x: number; y: number }>();
  // "Bad wifi": the OSM background failed; said on the map, with the way out.
  const [osmFailed, setOsmFailed] = useState(false);

  /** What the Ambiti are coloured by, for a level: fills, the striped multi-unit ones, whose borders. */
  const look = (level: ColourBy): FirstLook => {
    if (level === 'tempo') return { fills: new Map(territory.data.ambiti.map((a) => [a.code, '#eeeeee'])), multiUnit: [], level: 'ats' };
    if (level === 'confronto') {
      const r = opt.comparison.value;
      const outcome = new Map(r.status === 'ok' ? r.value.rows.map((x) => [x.ambito, x.outcome]) : []);
      return { fills: new Map(territory.data.ambiti.map((a) => [a.code, OUTCOME_COLOURS[outcome.get(a.code) ?? 'invariato']])), multiUnit: [], level: 'ats' };
    }
    if (level === 'h24') {
      // 24h/365 compliance per Ambito (core/scenario/compliance.ts): compliant / roster gap / no PIS / unknown.
      const c = scenarioCompliance(state.scenario.value, territory);
      return { fills: new Map(c.ambiti.map((a) => [a.ambito, H24_COLOURS[h24Class(a)]])), multiUnit: [], level: 'ats' };
    }
    if (level === 'pis') {
      const s = state.scenario.value;
      return { fills: new Map(territory.data.ambiti.map((a) => [a.code, STATUS_COLOURS[statusOf(s, a.code)]])), multiUnit: [], level: 'ats' };
    }
    const { ambitoColour, multiUnit } = colourLevel(territory, level, UNIT_PALETTE.length);
    const fills = new Map([...ambitoColour].map(([a, c]) => [a, c < 0 ? MULTI_UNIT_FILL : UNIT_PALETTE[c]]));
    return { fills, multiUnit, level };
  };

  /** The scenario's associations (outlines and names) and bases, as map sources. */
  const scenarioLayers = (s: Scenario) => {
    const associations = associationFeatures(topo, s);
    const names = associations.features.map((f) => ({ code: String(f.id), name: String(f.properties?.name), point: labelPoint(f) }));
    return { associations, bases: baseFeatures(territory, s), names };
  };
  const firstScenario = useRef<Scenario | undefined>(undefined);

  // A layout effect: the map is created right after the first render, not a frame later.
  useLayoutEffect(() => {
    let disposed = false;
    let created: MapView | undefined;
    // The first frame already coloured as the current level asks, with the scenario's layers (one
    // frame, not grey and empty then coloured then with the bases).
    const first = untracked(() => {
      const s = state.scenario.value;
      firstScenario.current = s;
      return { ...look(state.level.value), scenario: scenarioLayers(s) };
    });
    createMapView(container.current!, layers, labels, {
      onClick: (ambito, comune) => state.actions.mapClick(ambito, comune),
      onHover: setHover,
      onBasemapError: () => setOsmFailed(true),
      onState: (st) => {
        // First idle time, read by the e2e test and the benchmark (time to a drawn map).
        if (st === 'idle') recordFirstIdle(performance.now());
        if (st === 'idle' || st.startsWith('error')) mapAccess.markDrawn();
        setMapState(st);
      },
    }, first).then(
      (v) => {
        created = v;
        if (disposed) v.dispose();
        else {
          viewSig.value = v;
          mapAccess.set(v.map);
          exposeMap(v.map);
        }
      },
      (err: unknown) => {
        mapAccess.markDrawn();
        setMapState(`error ${err instanceof Error ? err.message : String(err)}`);
      },
    );
    return () => {
      disposed = true;
      created?.dispose();
    };
  }, []);

  useSignalEffect(() => {
    const level = state.level.value;
    const view = viewSig.value;
    if (!view) return;
    const l = look(level);
    view.setColours(l.fills, l.multiUnit, l.level);
    if (level === 'tempo') {
      sim.start();
      const cov = sim.coverage.value;
      if (cov.status === 'ok') {
        const resp = cov.value.coverage.comuni.responseMin;
        view.setResponse(new Map(territory.data.comuni.map((c, i) => [c.istat, responseColour(resp[i])])));
      }
      return;
    }
    view.setResponse(undefined);
  });
  useSignalEffect(() => {
    const s = state.scenario.value;
    const view = viewSig.value;
    if (!view) return;
    // Already in the style when the map was created with this scenario.
    if (s === firstScenario.current) return;
    firstScenario.current = undefined;
    const { associations, bases, names } = scenarioLayers(s);
    view.setScenarioLayers(associations, bases, names);
  });
  useSignalEffect(() => {
    // What-if moves: Ambiti re-dissolved from their comuni; the shipped shapes otherwise.
    const t = state.view.value;
    const view = viewSig.value;
    if (!view) return;
    const moved = Object.keys(state.scenario.peek().compositionOverrides);
    view.setAmbitiData(moved.length ? dissolveFromComuni(topo, t, 'ambito') : layers.ambiti, moved);
  });
  useSignalEffect(() => {
    // The 50,000-rule comuni, highlighted while the simulation results are on screen.
    const cov = sim.coverage.value;
    const show = state.panel.value === 'sim' || state.level.value === 'tempo';
    const view = viewSig.value;
    if (!view) return;
    const entries = show && cov.status === 'ok' ? cov.value.rule50k.comuni : [];
    view.setRule50k({
      type: 'FeatureCollection',
      features: entries.map((e) => ({ type: 'Feature', properties: { istat: e.istat_code, pass: e.pass, legal: e.legal, target: e.targetMet === null ? 'unknown' : e.targetMet ? 'met' : 'not-met' }, geometry: { type: 'Point', coordinates: territory.comune(e.istat_code)!.point } })),
    });
  });
  useSignalEffect(() => {
    // Bases proposed by the optimiser for the selected PIS, until adopted or recomputed.
    const s = opt.siting.value;
    const view = viewSig.value;
    if (!view) return;
    const run = s && (s.exact.status === 'ok' ? s.exact : s.heuristic);
    const bases = run && run.status === 'ok' ? (run.value.exact?.bases.length ? run.value.exact.bases : run.value.heuristic.bases) : [];
    view.setProposal({
      type: 'FeatureCollection',
      features: bases.map((b) => ({ type: 'Feature', properties: { istat: b.istat, name: b.name }, geometry: { type: 'Point', coordinates: territory.comune(b.istat)!.point } })),
    });
  });
  useSignalEffect(() => {
    const a = state.selectedAmbito.value;
    const c = state.selectedComune.value;
    viewSig.value?.setSelection(a, c);
  });
  useSignalEffect(() => {
    const p = state.pending.value;
    viewSig.value?.setPending(p);
  });
  useSignalEffect(() => {
    const m = state.mode.value;
    viewSig.value?.setCursor(m === 'browse' ? 'browse' : 'pick');
  });
  useSignalEffect(() => {
    const request = state.focusRequest.value;
    const view = viewSig.value;
    const a = state.selectedAmbito.peek();
    const c = state.selectedComune.peek();
    if (!view || !request) return;
    const target = c
      ? layers.comuni.features.filter((f) => f.properties?.istat === c)
      : layers.ambiti.features.filter((f) => f.properties?.code === a);
    if (target.length) view.frame(bboxOf(target as never));
  });
  useSignalEffect(() => {
    const on = state.basemap.value;
    if (!on) setOsmFailed(false);
    viewSig.value?.setBasemap(on);
  });
  useSignalEffect(() => {
    const on = state.labels.value;
    viewSig.value?.setLabels(on);
  });
  useSignalEffect(() => {
    // On a projector the place names must read from the back of the room.
    viewSig.value?.setLabelScale(presentation.active.value ? 1.35 : 1);
  });

  const tt = t();
  const S = tt.common;
  const hovered = hover && territory.ambito(hover.code);
  const level = state.level.value;
  const scenario = state.scenario.value;
  const svc = hovered && serviceOfAmbito(scenario, hovered.code);
  return (
    <div class="map-pane">
      <div ref={container} id="map" class="map" data-map-state={mapState} role="application" aria-label={tt.map.label} />
      {mapState.startsWith('error') && <div class="map-error" role="alert">{S.mapError}: {mapState.slice(6)}</div>}
      <ModeBanner />
      {osmFailed && state.basemap.value && (
        <div class="net-notice" role="status" data-testid="basemap-offline">
          {tt.map.osmFailed}{' '}
          <button type="button" onClick={() => state.actions.setBasemap(false)}>{tt.map.osmOff}</button>
        </div>
      )}
      <div class="map-overlay-tl">
        {scenario.illustrative && <div class="illustrative-banner" role="note">{S.illustrativeBanner}</div>}
        <Legend />
      </div>
      {hovered && (
        <div class="tooltip" style={{ left: hover.x + 14, top: hover.y + 14 }}>
          <strong>{hovered.name}</strong> <span class="code">{hovered.code}</span>
          {(level === 'ats' || level === 'asst' || level === 'distretto') && (
            <div>
              {tt.level[level]}: {territory.unitsOfAmbito(level, hovered.code).map((u) => territory.unitName(level, u)).join(' · ')}
            </div>
          )}
          <div>{tt.map.residents(fmtInt(state.view.value.rollupOf('ambito', hovered.code).residents))}</div>
          <div>PIS: {tt.enums.status[statusOf(scenario, hovered.code)]}{svc && svc.members.length > 1 ? ` · ${svc.name} (${tt.map.sovra})` : ''}</div>
          {level === 'h24' && <H24Tip ambito={hovered.code} />}
        </div>
      )}
    </div>
  );
}
