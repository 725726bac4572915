// The app's one test seam. The end-to-end tests (tests/e2e) and the benchmark read the app's
// state and the MapLibre map from the page; they set the explicit flag `window.__PIS_TEST_HOOK__
// = true` before the app starts (the harness's addInitScript). Without the flag — in every
// normal use of the app — nothing is put on window. The app itself never reads these values:
// it gets the map from its context (src/ui/mapAccess.ts).
type TestGlobals = { __PIS_TEST_HOOK__?: boolean; __app?: unknown; __map?: unknown; __firstIdleMs?: number };
const g = globalThis as unknown as TestGlobals;

export function testHookEnabled(): boolean {
  return g.__PIS_TEST_HOOK__ === true;
}

/** Publishes the app's state and workers' states (window.__app) for the e2e tests. */
export function exposeApp(app: unknown): void {
  if (testHookEnabled()) g.__app = app;
}

/** Publishes the MapLibre map (window.__map) for the e2e tests. */
export function exposeMap(map: unknown): void {
  if (testHookEnabled()) g.__map = map;
}

/** Records when the map first became idle (window.__firstIdleMs), for the e2e timings and the benchmark. */
export function recordFirstIdle(ms: number): void {
  if (testHookEnabled() && g.__firstIdleMs === undefined) g.__firstIdleMs = ms;
}
