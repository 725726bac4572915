// The import worker's client: a pending import is cancelled by terminating the worker (a parse
// cannot be interrupted otherwise), the caller gets "cancelled", and the next import starts a
// new worker that is given the territory again.
import { describe, expect, it } from 'vitest';
import { createImportClient } from '../../workers/importClient.ts';
import { createAppState } from '../../src/state/appState.ts';
import { initialWorkspace } from '../../src/state/workspace.ts';
import { createTerritory } from '../../src/core/territory/index.ts';
import { loadTerritoryData } from './helpers/realData.ts';
import { defaultScenario } from '../../src/core/scenario/index.ts';

/** A worker that receives messages and never answers (an import still running). */
function silentWorker(log: string[]) {
  return {
    postMessage(m: { type?: string; path?: string[] }) { log.push(`post ${m.type ?? ''} ${(m.path ?? []).join('.')}`); },
    addEventListener() {},
    removeEventListener() {},
    terminate() { log.push('terminate'); },
  } as unknown as Worker;
}

const data = loadTerritoryData();
const territory = createTerritory(data);

describe('import worker client', () => {
  it('cancel terminates the worker and resolves the pending import as cancelled; the next one starts afresh', async () => {
    const log: string[] = [];
    let started = 0;
    const client = createImportClient(() => { started++; return silentWorker(log); }, data, undefined);
    const pending = client.run('json', new Uint8Array([123, 125]), defaultScenario(territory));
    await new Promise((r) => setTimeout(r, 10));
    client.cancel();
    const r = await pending;
    expect(r).toEqual({ ok: false, cancelled: true, errors: ['(file): importazione annullata'] });
    expect(log).toContain('terminate');
    expect(log.filter((l) => l.startsWith('post APPLY init'))).toHaveLength(1);
    void client.run('json', new Uint8Array([123, 125]), defaultScenario(territory));
    await new Promise((r) => setTimeout(r, 10));
    expect(started).toBe(2);
    expect(log.filter((l) => l.startsWith('post APPLY init'))).toHaveLength(2);
  });

  it('the app state shows a cancellable notice while checking and leaves the scenario untouched on cancel', async () => {
    let cancel: (() => void) | undefined;
    const importer = {
      run: () => new Promise<{ ok: false; cancelled: true; errors: string[] }>((resolve) => { cancel = () => resolve({ ok: false, cancelled: true, errors: [] }); }),
      cancel: () => cancel?.(),
    };
    const s = createAppState(territory, initialWorkspace(territory), { importer });
    const before = s.workspace.value;
    const p = s.actions.importFile({ name: 'grande.json', size: 10, arrayBuffer: async () => new ArrayBuffer(10) });
    await new Promise((r) => setTimeout(r, 0));
    expect(s.notice.value?.text).toMatch(/^Verifica di grande\.json/);
    s.notice.value?.cancel?.();
    await p;
    expect(s.notice.value?.text).toMatch(/annullata/);
    expect(s.workspace.value).toBe(before);
  });
});
