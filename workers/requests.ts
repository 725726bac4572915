// The whole lifecycle of a worker, in one place, for both clients:
// - per channel the newest request wins (older answers settle as `stale`);
// - cancel(channels) terminates the worker — the only way to stop a long synchronous run — and
//   starts a fresh one: requests on the cancelled channels settle as `cancelled`, requests on the
//   other channels are sent again to the fresh worker (cancelling a simulation does not turn a
//   coverage run into an error);
// - a worker that dies (an uncaught error, a failed start, a message it cannot read) is noticed:
//   it is replaced, each pending request is sent once more, and listeners are told; a request
//   whose worker dies twice settles as an error, and after MAX_CONSECUTIVE_DEATHS deaths without
//   a single answer the runner stops restarting (a worker that cannot even start) until cancel();
// - the worker's session state (the imported OD matrix) is given back to every new worker by one
//   hook, setSession, before any request reaches it.
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
  /** Registers the callback for the worker's death (called at most once). Optional: fakes may omit it. */
  onDeath?(cb: (reason: string) => void): void;
}

/** What the runner tells its listeners (the state turns these into notices). */
export type LifecycleEvent =
  | { kind: 'restarted'; reason: string; retrying: number }
  | { kind: 'gave-up'; reason: string }
  | { kind: 'session-failed'; message: string };

/** Message of the error a request settles with when its worker died twice. */
export const WORKER_DIED = 'WORKER_DIED';
export const MAX_CONSECUTIVE_DEATHS = 3;

/** Wraps a Worker factory into a handle factory (Comlink proxy + terminate + death detection). */
export function comlinkHandle<Api>(createWorker: () => Worker): () => WorkerHandle<Api> {
  return () => {
    const worker = createWorker();
    const remote = Comlink.wrap<Api>(worker);
    let dead: ((reason: string) => void) | undefined;
    let reported = false;
    const die = (reason: string) => {
      if (reported) return;
      reported = true;
      dead?.(reason);
    };
    // An uncaught error in the worker (also a module that fails to load): a pending request may
    // never settle (an exception in a timer leaves its promise pending), so the worker is treated
    // as dead and replaced.
    worker.addEventListener('error', (e) => {
      e.preventDefault();
      die(e.message || 'errore non gestito nel worker');
    });
    worker.addEventListener('messageerror', () => die('messaggio illeggibile dal worker'));
    return {
      api: remote as unknown as AsyncApi<Api>,
      terminate: () => {
        reported = true;
        remote[Comlink.releaseProxy]();
        worker.terminate();
      },
      onDeath: (cb) => {
        dead = cb;
      },
    };
  };
}

type Gone = { why: 'cancel' | 'death'; reason: string };

interface Generation<Api> {
  handle: WorkerHandle<Api>;
  /** Settles when the session state has been given back (or failed to be). */
  ready: Promise<void>;
  /** Settles when this worker is replaced. */
  gone: Promise<Gone>;
  leave(g: Gone): void;
}

type Outcome<T> = { value: T } | { error: unknown } | { gone: Gone } | { cancelled: true };

/** The session state a worker must hold before any request (see setSession). */
export type Session<Api> = (api: AsyncApi<Api>) => Promise<unknown>;

/** `initialSession`: given to the very first worker too (a runner started after the state was set). */
export function createRequestRunner<Api, Channel extends string>(workerFactory: () => WorkerHandle<Api>, initialSession?: Session<Api>) {
  let session: Session<Api> | undefined = initialSession;
  const listeners = new Set<(e: LifecycleEvent) => void>();
  const emit = (e: LifecycleEvent) => { for (const l of listeners) l(e); };
  let deathsInARow = 0;
  let gaveUp: string | undefined;
  let counter = 0;
  const latest = new Map<Channel, number>();
  /** Pending requests: their channel and how to settle them as cancelled. */
  const pending = new Map<number, { channel: Channel; cancel(): void }>();

  function spawn(replay: boolean): Generation<Api> {
    const handle = workerFactory();
    let leave!: (g: Gone) => void;
    const gone = new Promise<Gone>((resolve) => { leave = resolve; });
    const gen: Generation<Api> = { handle, gone, leave, ready: Promise.resolve() };
    handle.onDeath?.((reason) => died(gen, reason));
    const replayFn = replay ? session : undefined;
    if (replayFn) {
      gen.ready = replayFn(handle.api).then(
        () => undefined,
        (err: unknown) => emit({ kind: 'session-failed', message: err instanceof Error ? err.message : String(err) }),
      );
    }
    return gen;
  }

  let gen = spawn(session !== undefined);

  function replace(why: Gone['why'], reason: string): void {
    const old = gen;
    gen = spawn(true);
    old.handle.terminate();
    old.leave({ why, reason });
  }

  function died(g: Generation<Api>, reason: string): void {
    if (g !== gen || gaveUp) return;
    deathsInARow++;
    if (deathsInARow >= MAX_CONSECUTIVE_DEATHS) {
      gaveUp = reason;
      g.leave({ why: 'death', reason });
      emit({ kind: 'gave-up', reason });
      return;
    }
    const retrying = pending.size;
    replace('death', reason);
    emit({ kind: 'restarted', reason, retrying });
  }

  /** Runs `call` on the current worker; `isCurrent` tells a progress callback whether to report. */
  async function run<T>(channel: Channel, call: (api: AsyncApi<Api>, isCurrent: () => boolean) => Promise<T>): Promise<ClientResult<T>> {
    const tag = ++counter;
    latest.set(channel, tag);
    let cancelled = false;
    let cancel!: () => void;
    const cancelledPromise = new Promise<{ cancelled: true }>((resolve) => {
      cancel = () => {
        cancelled = true;
        resolve({ cancelled: true });
      };
    });
    pending.set(tag, { channel, cancel });
    let deaths = 0;
    try {
      for (;;) {
        if (gaveUp) return { status: 'error', message: `${WORKER_DIED}: ${gaveUp}` };
        const g = gen;
        const isCurrent = (): boolean => !cancelled && g === gen && latest.get(channel) === tag;
        const ready = await Promise.race([g.ready.then(() => ({ ready: true as const })), g.gone.then((gone) => ({ gone })), cancelledPromise]);
        let out: Outcome<T>;
        if ('ready' in ready) {
          out = await Promise.race([
            // (a synchronous throw of `call` counts as an error answer too)
            Promise.resolve().then(() => call(g.handle.api, isCurrent)).then((value) => ({ value }), (error: unknown) => ({ error })),
            g.gone.then((gone) => ({ gone })),
            cancelledPromise,
          ]);
        } else out = ready;
        if (cancelled || 'cancelled' in out) return { status: 'cancelled' };
        if (latest.get(channel) !== tag) return { status: 'stale' };
        if ('gone' in out) {
          if (out.gone.why === 'death' && ++deaths > 1) return { status: 'error', message: `${WORKER_DIED}: ${out.gone.reason}` };
          continue; // a fresh worker (with its session replayed) gets the request again
        }
        deathsInARow = 0;
        if ('error' in out) return { status: 'error', message: out.error instanceof Error ? out.error.message : String(out.error) };
        return { status: 'ok', value: out.value };
      }
    } finally {
      pending.delete(tag);
    }
  }

  return {
    run,
    /**
     * Terminates the worker (stopping any run at once) and starts a fresh one with the session
     * replayed. Requests on `channels` (all, when omitted) settle as `cancelled`; the others are
     * sent again to the fresh worker. Also the way back after the runner gave up.
     */
    cancel(channels?: readonly Channel[]): void {
      for (const p of [...pending.values()]) if (!channels || channels.includes(p.channel)) p.cancel();
      gaveUp = undefined;
      deathsInARow = 0;
      replace('cancel', 'annullato');
    },
    /**
     * The worker's session state, given back to every new worker before any request: set it
     * after the current worker accepted the state (e.g. an OD matrix), clear it with undefined.
     */
    setSession(fn: Session<Api> | undefined): void {
      session = fn;
    },
    onLifecycle(listener: (e: LifecycleEvent) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose(): void {
      gen.handle.terminate();
    },
  };
}
