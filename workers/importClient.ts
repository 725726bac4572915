// Client of the import worker: started on the first import, given the territory once; cancel
// terminates it (a parse cannot be interrupted otherwise) and the next import starts a new one.
import { transfer, wrap, type Remote } from 'comlink';
import type { ImportResult, Scenario } from '../src/core/scenario/types.ts';
import type { ImportKind } from '../src/core/scenario/importFile.ts';
import type { TerritoryData } from '../src/core/territory/types.ts';
import type { Topology } from 'topojson-specification';
import type { ImportApi } from './import.worker.ts';

export type ImportOutcome = ImportResult | { ok: false; cancelled: true; errors: string[] };

export interface ImportClient {
  run(kind: ImportKind, bytes: Uint8Array, current: Scenario): Promise<ImportOutcome>;
  cancel(): void;
}

export function createImportClient(factory: () => Worker, data: TerritoryData, topo: Topology | undefined): ImportClient {
  let worker: Worker | undefined;
  let api: Remote<ImportApi> | undefined;
  let ready: Promise<void> | undefined;
  let abort: ((r: ImportOutcome) => void) | undefined;
  const start = (): Remote<ImportApi> => {
    worker = factory();
    api = wrap<ImportApi>(worker);
    ready = api.init(data, topo);
    return api;
  };
  return {
    async run(kind, bytes, current) {
      const a = api ?? start();
      const cancelled = new Promise<ImportOutcome>((resolve) => { abort = resolve; });
      const done = (async (): Promise<ImportOutcome> => {
        await ready;
        return a.run(kind, transfer(bytes, [bytes.buffer]), current);
      })();
      worker?.addEventListener('error', () => abort?.({ ok: false, errors: ['(file): verifica interrotta da un errore del lettore'] }), { once: true });
      try {
        return await Promise.race([done, cancelled]);
      } finally {
        abort = undefined;
      }
    },
    cancel() {
      worker?.terminate();
      worker = undefined;
      api = undefined;
      abort?.({ ok: false, cancelled: true, errors: ['(file): importazione annullata'] });
    },
  };
}
