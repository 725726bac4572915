// Public API of the scenario core (what the UI and the workers import).
export * from './types.ts';
export * from './edit.ts';
export { checkScenario, errorsOf } from './invariants.ts';
export type { Problem, ProblemSeverity } from './invariants.ts';
export * from './derived.ts';
export { defaultScenario, illustrativeScenario, mostPopulousComune, RHO_FACTS, SOURCED_PIS_AMBITI } from './defaults.ts';
export { toServiceLayout } from './toLayout.ts';
export { exportScenarioJson, importScenarioJson } from './serialize.ts';
export { migrateScenario, detectVersion } from './migrate.ts';
export { CSV_COLUMNS, exportScenarioCsv, importScenarioCsv, formatEuro, parseEuro } from './csv.ts';
export { exportBasesGeoJson, importBasesGeoJson } from './geojson.ts';
export { encodeScenarioForHash, decodeScenarioFromHash, HASH_PREFIX } from './share.ts';
export { MAX_IMPORT_BYTES, decodeText } from './textInput.ts';
export { LOMBARDY_BBOX, inLombardyBbox } from './bbox.ts';
export { isIsoDate, isPartialIsoDate } from './dates.ts';
export * from './compliance.ts';
export * from './documentedFacts.ts';
