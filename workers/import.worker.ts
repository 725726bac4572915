// Thin Comlink adapter: scenario files are decoded, bounded, parsed and validated here, off the
// main thread, so that a large or hostile file never freezes the page (issue 12).
import { expose } from 'comlink';
import { createImportApi } from '../src/core/scenario/importFile.ts';

const api = createImportApi();
expose(api);

export type ImportApi = typeof api;
