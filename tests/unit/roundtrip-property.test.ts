// Property (fast-check): any scenario the editor can produce — a random sequence of the editor's
// own operations (edit.ts) with arbitrary Unicode text where the user types — survives
// export → import, autosave → reload, the share link and the CSV round trip identically.
// "Can produce" = what the editor accepts: appState.edit applies only edits the schema accepts,
// so the generator keeps a step only if readScenarioV1 accepts its result (as the editor does).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { loadTerritoryData, loadTopology } from './helpers/realData.ts';
import { createTerritory } from '../../src/core/territory/index.ts';
import { buildPlaceIndex, withPlaces } from '../../src/core/territory/places.ts';
import {
  addBase, addMember, createService, decodeScenarioFromHash, defaultScenario, encodeScenarioForHash, exportScenarioCsv, exportScenarioJson,
  importScenarioCsv, importScenarioJson, moveComune, removeBase, setCapofila, setStatus, updateScenarioMeta, updateService, PIS_STATUSES,
} from '../../src/core/scenario/index.ts';
import type { Scenario } from '../../src/core/scenario/index.ts';
import { readScenarioV1 } from '../../src/core/scenario/validate.ts';
import { loadWorkspace } from '../../src/state/workspace.ts';

const data = loadTerritoryData();
const territory = withPlaces(createTerritory(data), buildPlaceIndex(loadTopology()));
const codes = data.ambiti.map((a) => a.code);
const comuni = data.comuni.map((c) => c.istat);

// What a user types: any Unicode, including the characters the schema refuses (the editor then refuses the edit).
const tricky = fc.constantFrom('a', 'è', ' ', '\n', ';', '"', "'", '=', '+', '-', '@', '\t', '\r', '\uFFFD', '\u0000', '\u0007', '\u200B', '\uD800', '\uDC00', '😀', 'Ã¨');
const typed = fc.oneof(fc.string({ unit: 'binary', maxLength: 30 }), fc.array(tricky, { maxLength: 12 }).map((a) => a.join('')));

type Op = (s: Scenario) => Scenario;
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ name: typed, description: typed, authorNote: typed }).map((p) => (s: Scenario) => updateScenarioMeta(s, p)),
  fc.tuple(fc.constantFrom(...codes), fc.constantFrom(...PIS_STATUSES), typed).map(([c, st, src]) => (s: Scenario) => setStatus(s, c, st, src ? { source: src } : {})),
  fc.tuple(fc.constantFrom(...codes), typed).map(([c, n]) => (s: Scenario) => createService(s, { members: [c], name: n || 'PIS' })),
  fc.tuple(fc.nat(), fc.constantFrom(...codes)).map(([i, c]) => (s: Scenario) => (s.services.length ? addMember(s, s.services[i % s.services.length].id, c) : s)),
  fc.tuple(fc.nat(), fc.nat()).map(([i, j]) => (s: Scenario) => {
    if (!s.services.length) return s;
    const svc = s.services[i % s.services.length];
    return setCapofila(s, svc.id, svc.members[j % svc.members.length]);
  }),
  fc.tuple(fc.nat(), typed, fc.boolean(), fc.option(fc.integer({ min: 0, max: 10_000_000 }))).map(([i, ente, g, b]) => (s: Scenario) => {
    if (!s.services.length) return s;
    return updateService(s, s.services[i % s.services.length].id, { enteGestore: ente, graveMarginalita: g, ...(b === null ? {} : { annualBudgetEur: b / 100 }) });
  }),
  fc.tuple(fc.nat(), fc.constantFrom(...comuni), fc.integer({ min: 0, max: 5 })).map(([i, istat, u]) => (s: Scenario) => {
    if (!s.services.length) return s;
    return addBase(s, s.services[i % s.services.length].id, { kind: 'uds', istat, unitsByBand: { office: u, closure: u, night: u, saturday: u, holiday: u } });
  }),
  fc.tuple(fc.nat(), fc.nat()).map(([i, j]) => (s: Scenario) => {
    const withBases = s.services.filter((x) => x.bases.length);
    if (!withBases.length) return s;
    const svc = withBases[i % withBases.length];
    return removeBase(s, svc.id, svc.bases[j % svc.bases.length].id);
  }),
  fc.tuple(fc.constantFrom(...comuni), fc.constantFrom(...codes)).map(([istat, c]) => (s: Scenario) => moveComune(s, territory, istat, c)),
);

/** Applies the ops as the editor does: an op that throws, or whose result the schema refuses, is not applied. */
function edit(ops: Op[]): Scenario {
  let s = defaultScenario(territory);
  for (const f of ops) {
    try {
      const next = f(s);
      if (readScenarioV1(JSON.parse(JSON.stringify(next)) as unknown).ok) s = next;
    } catch {
      // the editor shows the error and keeps the scenario
    }
  }
  return s;
}

describe('round trips of editor-made scenarios (fast-check)', () => {
  it('export → import, autosave → reload, share link, CSV: identical', async () => {
    let full = 0;
    const runs = 200;
    await fc.assert(fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 12 }), async (ops) => {
      const s = edit(ops);
      const json = exportScenarioJson(s);
      const imported = importScenarioJson(json, territory);
      // A scenario the editor made may violate invariants (they are shown, not blocking): then every path refuses it alike.
      if (!imported.ok) {
        expect(imported.errors.every((e) => !/carattere|testo|troppo|annidata/.test(e)), imported.errors.join('\n')).toBe(true);
        const link = await decodeScenarioFromHash(await encodeScenarioForHash(s), territory);
        expect(link.ok).toBe(false);
        return;
      }
      expect(exportScenarioJson(imported.scenario)).toBe(json);
      const saved = JSON.stringify({ version: 1, currentId: s.id, scenarios: [s] });
      const reloaded = loadWorkspace(saved, territory);
      expect(reloaded.problems).toEqual([]);
      expect(exportScenarioJson(reloaded.workspace.scenarios[0])).toBe(json);
      const link = await decodeScenarioFromHash(await encodeScenarioForHash(reloaded.workspace.scenarios[0]), territory);
      expect(link.ok, link.ok ? '' : link.errors.join('\n')).toBe(true);
      if (link.ok) expect(exportScenarioJson(link.scenario)).toBe(json);
      full++;
      const csv = exportScenarioCsv(s, territory);
      const back = importScenarioCsv(csv, s, territory);
      expect(back.ok, back.ok ? '' : back.errors.join('\n')).toBe(true);
      if (back.ok) {
        expect(exportScenarioCsv(back.scenario, territory)).toBe(csv);
        expect(exportScenarioJson(back.scenario)).toBe(json);
      }
    }), { numRuns: runs, seed: 20261202 });
    // Not vacuous: most generated scenarios go through every round trip (the rest are refused alike everywhere).
    expect(full).toBeGreaterThan(runs / 2);
  });
});
