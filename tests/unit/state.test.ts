// The app state (one writer): edits are undoable, bad imports leave the workspace untouched,
// associations built by clicking become one sovra-Ambito service, the autosave round-trips.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTerritory } from '../../src/core/territory/index.ts';
import { moveComune, serviceOfAmbito, setStatus } from '../../src/core/scenario/index.ts';
import { createAppState, formatHash, parseHash } from '../../src/state/appState.ts';
import { initialWorkspace, loadWorkspace, mergeRecovery, recoveryDownload } from '../../src/state/workspace.ts';
import { loadTerritoryData, repoRoot } from './helpers/realData.ts';

const territory = createTerritory(loadTerritoryData());
const fresh = () => createAppState(territory, initialWorkspace(territory));
const file = (name: string, text: string | Uint8Array) => {
  const bytes = typeof text === 'string' ? new TextEncoder().encode(text) : text;
  return { name, size: bytes.length, arrayBuffer: async () => bytes.slice().buffer };
};

describe('app state', () => {
  it('edits are undoable and redoable', () => {
    const s = fresh();
    const before = s.scenario.value;
    s.actions.edit((x) => setStatus(x, '50046', 'previsto-pdz-2027-29'));
    expect(s.scenario.value.statuses['50046'].status).toBe('previsto-pdz-2027-29');
    s.actions.undo();
    expect(s.scenario.value).toBe(before);
    s.actions.redo();
    expect(s.scenario.value.statuses['50046'].status).toBe('previsto-pdz-2027-29');
  });

  it('builds a 3-Ambiti association from map clicks, named after its members', () => {
    const s = fresh();
    // Ambiti without a PIS in the documented scenario (Seregno, Saronno, Desio).
    s.actions.selectAmbito('50068');
    s.actions.startAssociation();
    s.actions.mapClick('50029');
    s.actions.mapClick('50032');
    s.actions.mapClick('50032'); // a second click takes it out again
    s.actions.mapClick('50087');
    expect(s.pending.value).toEqual(['50068', '50029', '50087']);
    s.actions.commitAssociation();
    const svc = serviceOfAmbito(s.scenario.value, '50029')!;
    expect(svc.members.sort()).toEqual(['50029', '50068', '50087']);
    expect(svc.name).toMatch(/^PIS associato /);
    expect(s.mode.value).toBe('browse');
    s.actions.startPlaceBase(svc.id);
    s.actions.mapClick('50029', { istat: '015118', point: [8.8, 45.5] });
    expect(serviceOfAmbito(s.scenario.value, '50029')!.bases).toHaveLength(1);
  });

  it('a rejected import names the row and leaves the workspace byte-identical', async () => {
    const s = fresh();
    const before = JSON.stringify(s.workspace.value);
    await s.actions.importFile(file('bad.csv', readFileSync(join(repoRoot, 'tests/fixtures/bad/csv-bad-status-attiva.csv'))));
    expect(s.notice.value?.kind).toBe('error');
    expect(s.notice.value?.details?.join('\n')).toMatch(/riga \d+/);
    expect(JSON.stringify(s.workspace.value)).toBe(before);
    await s.actions.importFile(file('x.xlsx', 'PK'));
    expect(s.notice.value?.text).toMatch(/formato non riconosciuto/);
    await s.actions.importFile({ name: 'huge.json', size: 50 * 1024 * 1024, arrayBuffer: async () => { throw new Error('must not be read'); } });
    expect(s.notice.value?.text).toMatch(/troppo grande/);
    expect(JSON.stringify(s.workspace.value)).toBe(before);
  });

  it('a JSON export imported back is a new, identical scenario', async () => {
    const s = fresh();
    s.actions.newScenario('illustrativo');
    const exported = s.actions.exportJson();
    await s.actions.importFile(file('copia.json', exported));
    expect(s.workspace.value.scenarios).toHaveLength(3);
    const again = JSON.parse(s.actions.exportJson());
    const original = JSON.parse(exported);
    expect(again.id).not.toBe(original.id);
    expect({ ...again, id: original.id }).toEqual(original);
  });

  it('the autosave round-trips, and a damaged save is reported, not trusted', () => {
    const s = fresh();
    s.actions.newScenario('illustrativo');
    const saved = JSON.stringify(s.workspace.value);
    const { workspace, problems } = loadWorkspace(saved, territory);
    expect(problems).toEqual([]);
    expect(workspace).toEqual(JSON.parse(saved)); // same content (the import normalises key order)
    const damaged = JSON.parse(saved);
    damaged.scenarios[1].services[0].members = ['99999'];
    const r = loadWorkspace(JSON.stringify(damaged), territory);
    expect(r.workspace.scenarios).toHaveLength(1);
    expect(r.problems[0]).toMatch(/^scenario salvato n\. 2 \(.*\) messo da parte: services\[0\]\.members\[0\]: /);
    // Never lost: the damaged scenario is returned as it was saved, for the recovery slot.
    expect(r.recovered).toHaveLength(1);
    expect(JSON.parse(r.recovered[0].text)).toEqual(damaged.scenarios[1]);
    expect(JSON.parse(recoveryDownload(r.recovered))).toEqual(damaged.scenarios[1]);
    const slot = mergeRecovery(mergeRecovery(null, r.recovered), r.recovered);
    expect(JSON.parse(slot)).toHaveLength(1); // the same entry is kept once
    const bad = loadWorkspace('{not json', territory);
    expect(bad.problems[0]).toMatch(/illeggibile/);
    expect(bad.recovered[0].text).toBe('{not json');
  });

  it('the editor refuses text the schema (and so the next start) would refuse', () => {
    const s = fresh();
    const before = s.workspace.value;
    s.actions.edit((x) => ({ ...x, description: 'testo \uFFFD rotto' }));
    expect(s.workspace.value).toBe(before);
    expect(s.notice.value?.details?.[0]).toMatch(/^description: carattere sostitutivo U\+FFFD/);
    s.actions.edit((x) => ({ ...x, description: 'testo buono' }));
    expect(s.workspace.value).not.toBe(before);
  });

  it('the view hash round-trips and ignores unknown values', () => {
    expect(parseHash(formatHash({ ambito: '50095', level: 'pis', panel: 'sim' }))).toEqual({ ambito: '50095', level: 'pis', panel: 'sim', comune: undefined });
    expect(parseHash('#livello=xyz&pannello=nope')).toEqual({ ambito: undefined, comune: undefined, level: undefined, panel: undefined });
  });
});

describe('CSV of a table', () => {
  it('is Excel-Italian: BOM, semicolons, decimal commas, quoting, illustrative first line', async () => {
    const { tableCsv } = await import('../../src/ui/download.ts');
    expect(tableCsv(['a', 'b'], [['x;y', 1.5], [null, 'q"z']])).toBe('\uFEFF"a";"b"\r\n"x;y";"1,5"\r\n"";"q""z"\r\n');
    expect(tableCsv(['a'], [], true).split('\r\n')[0]).toBe('\uFEFF"# Esempio illustrativo — non sono dati reali"');
  });
});

describe('territory view of a scenario', () => {
  it('is rebuilt only when comuni move, not on every edit', () => {
    const s = fresh();
    const base = s.view.value;
    s.actions.edit((x) => setStatus(x, '50046', 'previsto-pdz-2027-29'));
    expect(s.view.value).toBe(base);
    s.actions.edit((x) => moveComune(x, territory, '015182', '50007'));
    const moved = s.view.value;
    expect(moved).not.toBe(base);
    expect(moved.comuniOfAmbito('50095')).toHaveLength(8);
    s.actions.edit((x) => setStatus(x, '50046', 'attivo'));
    expect(s.view.value).toBe(moved);
  });
});
