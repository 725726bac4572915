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
 * a crash) is started, and sent the territory, once `when` settles — at start-up, after the first
 * map is drawn: started with the page, the two workers' threads and modules (0.1-0.2 s of CPU)
 * and the structured clone competed with the first map on a 2-core machine (issue 13). Requests
 * sent before simply wait for it.
 */
export function withTerritory(create: () => Worker, data: TerritoryData, when: Promise<unknown>): () => Worker {
  return () => startWhen(when, () => {
    const worker = create();
    worker.postMessage({ [KEY]: data });
    return worker;
  });
}

type Listener = [string, EventListenerOrEventListenerObject, boolean | AddEventListenerOptions | undefined];

/**
 * A stand-in for a Worker that is created once `when` settles: messages posted before are sent
 * then, in order, and listeners are attached to it. Only what Comlink and the request runner use
 * (postMessage, add/removeEventListener, terminate).
 */
export function startWhen(when: Promise<unknown>, create: () => Worker): Worker {
  let real: Worker | undefined;
  let terminated = false;
  const queued: unknown[][] = [];
  const listeners: Listener[] = [];
  void when.then(() => {
    if (terminated) return;
    const w = create();
    real = w;
    for (const [type, fn, opts] of listeners) w.addEventListener(type, fn, opts);
    for (const args of queued.splice(0)) (w.postMessage as (...a: unknown[]) => void)(...args);
  });
  const standIn = {
    postMessage(...args: unknown[]) {
      if (real) (real.postMessage as (...a: unknown[]) => void)(...args);
      else queued.push(args);
    },
    addEventListener(type: string, fn: EventListenerOrEventListenerObject, opts?: boolean | AddEventListenerOptions) {
      listeners.push([type, fn, opts]);
      real?.addEventListener(type, fn, opts);
    },
    removeEventListener(type: string, fn: EventListenerOrEventListenerObject, opts?: boolean | EventListenerOptions) {
      const i = listeners.findIndex(([t, f]) => t === type && f === fn);
      if (i >= 0) listeners.splice(i, 1);
      real?.removeEventListener(type, fn, opts);
    },
    terminate() {
      terminated = true;
      real?.terminate();
    },
  };
  return standIn as unknown as Worker;
}
