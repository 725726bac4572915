// What both worker clients share: the Comlink handle, and request bookkeeping where, per channel,
// the newest request wins (older answers settle as `stale`) and cancel() terminates the worker —
// the only way to stop a long synchronous run — then starts a fresh one, settling every pending
// request as `cancelled`.
import * as Comlink from 'comlink';

/** The API as seen through a worker boundary: every method returns a promise. */
export type AsyncApi<T> = { [K in keyof T]: T[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<Awaited<R>> : never };

export type ClientResult<T> =
  | { status: 'ok'; value: T }
  | { status: 'stale' }
  | { status: 'cancelled' }
  | { status: 'error'; message: string };

export interface WorkerHandle<Api> {
  api: AsyncApi<Api>;
  terminate(): void;
}

/** Wraps a Worker factory into a handle factory (Comlink proxy + terminate). */
export function comlinkHandle<Api>(createWorker: () => Worker): () => WorkerHandle<Api> {
  return () => {
    const worker = createWorker();
    const remote = Comlink.wrap<Api>(worker);
    return {
      api: remote as unknown as AsyncApi<Api>,
      terminate: () => {
        remote[Comlink.releaseProxy]();
        worker.terminate();
      },
    };
  };
}

export function createRequestRunner<Api, Channel extends string>(workerFactory: () => WorkerHandle<Api>) {
  let handle = workerFactory();
  let counter = 0;
  const latest = new Map<Channel, number>();
  let cancelWaiters = new Set<() => void>();

  /** Runs `call` on the current worker; `isCurrent` tells a progress callback whether to report. */
  async function run<T>(channel: Channel, call: (api: AsyncApi<Api>, isCurrent: () => boolean) => Promise<T>): Promise<ClientResult<T>> {
    const tag = ++counter;
    latest.set(channel, tag);
    let cancelled = false;
    let waiter = (): void => {};
    const waiters = cancelWaiters;
    const cancelledPromise = new Promise<'cancelled'>((resolve) => {
      waiter = () => {
        cancelled = true;
        resolve('cancelled');
      };
      waiters.add(waiter);
    });
    const isCurrent = (): boolean => !cancelled && latest.get(channel) === tag;
    try {
      const value = await Promise.race([call(handle.api, isCurrent), cancelledPromise]);
      if (cancelled || value === 'cancelled') return { status: 'cancelled' };
      if (latest.get(channel) !== tag) return { status: 'stale' };
      return { status: 'ok', value: value as T };
    } catch (err) {
      if (cancelled) return { status: 'cancelled' };
      if (latest.get(channel) !== tag) return { status: 'stale' };
      return { status: 'error', message: err instanceof Error ? err.message : String(err) };
    } finally {
      waiters.delete(waiter);
    }
  }

  return {
    run,
    /** Terminates the worker (stopping any run at once) and starts a fresh one. */
    cancel(): void {
      const waiters = cancelWaiters;
      cancelWaiters = new Set();
      for (const w of waiters) w();
      handle.terminate();
      handle = workerFactory();
    },
    dispose(): void {
      handle.terminate();
    },
  };
}
