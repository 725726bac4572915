// A fake worker for the client and state tests: every call is recorded with the handle that
// received it and returns a promise the test settles by hand; a handle can be killed (as if the
// worker had thrown an uncaught error or failed to start).
import type { AsyncApi, WorkerHandle } from '../../../workers/requests.ts';

export interface FakeCall {
  worker: number;
  method: string;
  args: unknown[];
  resolve(v: unknown): void;
  reject(e: unknown): void;
}

export function fakeWorker<Api>(auto: Partial<Record<string, (...args: unknown[]) => unknown>> = {}) {
  const calls: FakeCall[] = [];
  /** Every call, the automatically answered ones included. */
  const log: { worker: number; method: string; args: unknown[] }[] = [];
  const deaths: ((reason: string) => void)[] = [];
  let terminated = 0;
  let created = 0;
  const factory = (): WorkerHandle<Api> => {
    const worker = created++;
    const api = new Proxy({}, {
      get: (_t, method: string) => (...args: unknown[]) => {
        log.push({ worker, method, args });
        const answer = auto[method];
        if (answer) return Promise.resolve(answer(...args));
        return new Promise((resolve, reject) => calls.push({ worker, method, args, resolve, reject }));
      },
    }) as AsyncApi<Api>;
    return { api, terminate: () => { terminated++; }, onDeath: (cb) => { deaths[worker] = cb; } };
  };
  return {
    factory,
    calls,
    log,
    counts: () => ({ created, terminated }),
    /** The calls of one method, oldest first. */
    of: (method: string) => calls.filter((c) => c.method === method),
    kill: (worker: number, reason = 'boom') => deaths[worker]?.(reason),
  };
}

/** Lets pending promise callbacks run. */
export const flush = async (n = 20): Promise<void> => { for (let i = 0; i < n; i++) await Promise.resolve(); };
