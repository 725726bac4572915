// Inherited property names as data: "__proto__", "constructor", "toString", "hasOwnProperty",
// "valueOf" used as Ambito keys, ISTAT codes or ids must be treated as (unknown) data, never
// resolve to what Object.prototype inherits.
import { describe, expect, it } from 'vitest';
import { loadTerritoryData } from './helpers/realData.ts';
import { createTerritory } from '../../src/core/territory/index.ts';
import { exportScenarioJson, illustrativeScenario, importScenarioJson } from '../../src/core/scenario/index.ts';
import { planPresentationImport } from '../../src/core/presentation/serialize.ts';

const territory = createTerritory(loadTerritoryData());
const NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'];
type O = { statuses: unknown; compositionOverrides: unknown; services: { bases: { istat?: string }[]; members: string[] }[] };
const base = (): O => JSON.parse(exportScenarioJson(illustrativeScenario(territory))) as O;

describe('inherited property names', () => {
  it.each(NAMES)('%s as a status key, override key/value and base istat is refused, naming the path', (name) => {
    for (const [mutate, where] of [
      [(o: O) => { o.statuses = JSON.parse(`{"${name}": {"status": "attivo"}}`); }, `statuses.${name}`],
      [(o: O) => { o.compositionOverrides = JSON.parse(`{"${name}": "50095"}`); }, `compositionOverrides.${name}`],
      [(o: O) => { o.compositionOverrides = { '015182': name }; }, 'compositionOverrides.015182'],
      [(o: O) => { o.services[0].bases[0].istat = name; }, 'services[0].bases[0].istat'],
      [(o: O) => { o.services[0].members.push(name); }, `services[0].members[${o0().services[0].members.length}]`],
    ] as const) {
      const o = base();
      mutate(o);
      const r = importScenarioJson(JSON.stringify(o), territory);
      expect(r.ok, `${name} ${where}`).toBe(false);
      if (!r.ok) expect(r.errors.some((e) => e.startsWith(`${where}: `)), `${where}: ${r.errors.join(' | ')}`).toBe(true);
    }
  });

  it('a presentation scenario id "constructor" keeps its slide on its scenario', () => {
    const s = { ...illustrativeScenario(territory), id: 'constructor' };
    const slide = { id: 'd1', title: 't', scenarioId: 'constructor' } as never;
    const plan = planPresentationImport({ slides: [slide] } as never, [s], []);
    expect(plan.presentation.slides[0].scenarioId).toBe('constructor');
    const taken = planPresentationImport({ slides: [slide] } as never, [s], [{ ...s, name: 'altro' }]);
    expect(taken.presentation.slides[0].scenarioId).toBe('constructor-2');
  });
});
function o0() { return base(); }
