// Public API of the presentation core (pure: no DOM, no map, no UI framework).
export * from './types.ts';
export * from './edit.ts';
export { exportPresentationJson, importPresentationJson, readPresentation, checkPresentation, planPresentationImport } from './serialize.ts';
export type { PresentationFile, PresentationImport } from './serialize.ts';
