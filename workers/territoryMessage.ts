// The territory for the simulation and optimisation workers, sent by the page that has already
// fetched and parsed it (issue 13: each worker used to fetch territory.json again and parse its
// 0.6 MB itself). A plain message beside Comlink's (Comlink ignores messages without its `type`).
import type { TerritoryData } from '../src/core/territory/types.ts';

const KEY = 'pisTerritory';

/** Worker side: the territory, once the page has sent it. */
export function receiveTerritory(scope: { addEventListener(t: 'message', f: (e: MessageEvent) => void): void; removeEventListener(t: 'message', f: (e: MessageEvent) => void): void }): Promise<TerritoryData> {
  return new Promise((resolve) => {
    const onMessage = (e: MessageEvent) => {
      const data = (e.data as Record<string, unknown> | null)?.[KEY];
      if (!data) return;
      scope.removeEventListener('message', onMessage);
      resolve(data as TerritoryData);
    };
    scope.addEventListener('message', onMessage);
  });
}

/**
 * Page side: wraps a Worker constructor so that each worker (also one restarted after a cancel or
 * a crash) is sent the territory once `when` settles — at start-up, after the first map is drawn,
 * so the structured clone does not compete with it. Requests sent before simply wait for it.
 */
export function withTerritory(create: () => Worker, data: TerritoryData, when: Promise<unknown>): () => Worker {
  return () => {
    const worker = create();
    void when.then(() => worker.postMessage({ [KEY]: data }));
    return worker;
  };
}
