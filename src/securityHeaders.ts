// The browser security policy of the built app, in one place: vite.config.ts writes it into the
// built index.html as a <meta> tag AND sends it (with the headers a meta tag cannot carry) from
// `vite preview` / `npm start`. Why each source is there:
// - script-src 'wasm-unsafe-eval': HiGHS (the exact solver) is WebAssembly, compiled in a worker;
// - worker-src 'self': the simulation and optimisation workers and MapLibre's worker are files of
//   the app (maplibregl.setWorkerUrl), no blob: workers;
// - img-src / connect-src tile.openstreetmap.org: the optional OSM background (MapLibre fetches
//   raster tiles); data: for the empty favicon, blob: for the PNG export and the print report;
// - style-src 'self' without 'unsafe-inline': styles are files; Preact and MapLibre set element
//   styles through the CSSOM (el.style.x = …), which CSP does not restrict.
const OSM = 'https://tile.openstreetmap.org';

export const CSP_DIRECTIVES: readonly string[] = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  `img-src 'self' data: blob: ${OSM}`,
  `connect-src 'self' ${OSM}`,
  "worker-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
];

/** The <meta http-equiv> form (frame-ancestors is ignored there: it is sent as a header). */
export const CSP_META = CSP_DIRECTIVES.join('; ');

/** Headers for `vite preview` (what a static host should send too; see README). */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': [...CSP_DIRECTIVES, "frame-ancestors 'none'"].join('; '),
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
};
