// The simulation and optimisation workers start only once the first map is drawn (issue 13):
// until then a stand-in queues what the page sends them, then hands it over in order.
import { describe, expect, it } from 'vitest';
import * as Comlink from 'comlink';
import { startWhen, withTerritory } from '../../workers/territoryMessage.ts';
import type { TerritoryData } from '../../src/core/territory/types.ts';

/** A Worker look-alike: records what it is sent; `reply` answers as the worker would. */
class FakeWorker extends EventTarget {
  sent: unknown[] = [];
  terminated = false;
  postMessage(m: unknown) {
    this.sent.push(m);
  }
  terminate() {
    this.terminated = true;
  }
}

describe('workers started after the first map', () => {
  it('creates nothing before `when`, then sends the territory first and the queued messages in order', async () => {
    let go!: () => void;
    const when = new Promise<void>((r) => { go = r; });
    const made: FakeWorker[] = [];
    const factory = withTerritory(() => { const w = new FakeWorker(); made.push(w); return w as unknown as Worker; }, { version: 'x' } as unknown as TerritoryData, when);
    const w = factory();
    w.postMessage({ n: 1 });
    w.postMessage({ n: 2 });
    await Promise.resolve();
    expect(made).toHaveLength(0);
    go();
    await when;
    await Promise.resolve();
    expect(made).toHaveLength(1);
    expect(made[0]!.sent).toEqual([{ pisTerritory: { version: 'x' } }, { n: 1 }, { n: 2 }]);
    w.postMessage({ n: 3 });
    expect(made[0]!.sent.at(-1)).toEqual({ n: 3 });
  });

  it('listeners added before the worker exists receive its messages; removed ones do not', async () => {
    const real = new FakeWorker();
    const w = startWhen(Promise.resolve(), () => real as unknown as Worker);
    const got: unknown[] = [];
    const keep = (e: Event) => got.push((e as MessageEvent).data);
    const drop = () => got.push('dropped');
    w.addEventListener('message', keep);
    w.addEventListener('message', drop);
    w.removeEventListener('message', drop);
    await Promise.resolve();
    await Promise.resolve();
    real.dispatchEvent(new MessageEvent('message', { data: 'hello' }));
    expect(got).toEqual(['hello']);
  });

  it('a worker terminated before `when` is never created', async () => {
    let created = 0;
    const w = startWhen(Promise.resolve(), () => { created++; return new FakeWorker() as unknown as Worker; });
    w.terminate();
    await Promise.resolve();
    await Promise.resolve();
    expect(created).toBe(0);
  });

  it('Comlink works through the stand-in', async () => {
    const { port1, port2 } = new MessageChannel();
    Comlink.expose({ twice: (x: number) => 2 * x }, port2);
    const w = startWhen(new Promise((r) => setTimeout(r, 10)), () => port1 as unknown as Worker);
    const api = Comlink.wrap<{ twice(x: number): number }>(w);
    expect(await api.twice(21)).toBe(42);
    port1.close();
  });
});
