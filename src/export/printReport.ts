// Print (or save as PDF) the report of the current view with the browser's own dialog.
import type { Territory } from '../core/territory/index.ts';
import type { AppState } from '../state/appState.ts';
import type { SimulationState } from '../state/simulation.ts';
import type { OptimiseState } from '../state/optimise.ts';
import { caption as makeCaption } from './caption.ts';
import { legendModel } from './legendModel.ts';
import { t } from '../i18n/strings.ts';
import { comparisonHeading, exportView, type MapLike } from './exportView.ts';
import { mountReport, unmountReport, type ReportData } from './PrintReport.tsx';

/** Waits for the coverage of the current scenario (it takes milliseconds once the worker is up). */
function coverageReady(sim: SimulationState, timeoutMs: number): Promise<void> {
  sim.start();
  return new Promise((resolve) => {
    const end = Date.now() + timeoutMs;
    const poll = () => {
      const s = sim.coverage.value.status;
      if (s === 'ok' || s === 'error' || Date.now() > end) resolve();
      else setTimeout(poll, 100);
    };
    poll();
  });
}

export async function buildReport(map: MapLike, app: { territory: Territory; state: AppState; sim: SimulationState; opt?: OptimiseState }): Promise<HTMLElement> {
  const { territory, state, sim } = app;
  const heading = comparisonHeading(app.opt?.comparison.value);
  const scenario = state.scenario.value;
  const level = state.level.value;
  const selectionName = state.selection.value?.name;
  // Slide format (1920 px wide, ~165 dpi across A4 landscape): sharp in print, seconds not tens of seconds.
  const view = await exportView(map, { territory, level, scenario, selectionName, comparisonHeading: heading, format: 'slide' });
  await coverageReady(sim, 15_000);
  const cov = sim.coverage.value;
  const data: ReportData = {
    caption: makeCaption({ level, scenario, selectionName, today: new Date() }),
    legend: legendModel(territory, level, scenario, heading),
    mapUrl: URL.createObjectURL(view.blob),
    scenario,
    territory,
    coverage: cov.status === 'ok' ? cov.value : undefined,
    coverageNote: cov.status === 'error' ? t().report.notComputedError(cov.message) : cov.status === 'ok' ? undefined : t().report.notYet,
  };
  const host = await mountReport(data);
  host.dataset.mapUrl = data.mapUrl;
  return host;
}

/** Builds the report, opens the print dialog, cleans up when the dialog closes. */
export async function printReport(map: MapLike, app: { territory: Territory; state: AppState; sim: SimulationState; opt?: OptimiseState }): Promise<void> {
  const host = await buildReport(map, app);
  const url = host.dataset.mapUrl;
  const cleanup = () => {
    window.removeEventListener('afterprint', cleanup);
    unmountReport();
    if (url) URL.revokeObjectURL(url);
  };
  window.addEventListener('afterprint', cleanup);
  window.print();
}
