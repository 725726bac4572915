// Scenario core: invariants, derived counts vs the CROAS survey, edits, layout, migrations,
// and byte-identical round trips of the JSON, CSV, GeoJSON and URL formats, on the real territory.
import { describe, expect, it } from 'vitest';
import { loadTerritoryData } from './helpers/realData.ts';
import { createTerritory } from '../../src/core/territory/index.ts';
import * as S from '../../src/core/scenario/index.ts';
import type { PisService, Scenario } from '../../src/core/scenario/index.ts';

const territory = createTerritory(loadTerritoryData());
const def = (): Scenario => S.defaultScenario(territory);
const ill = (): Scenario => S.illustrativeScenario(territory);

function deepFreeze<T>(o: T): T {
  if (typeof o === 'object' && o !== null) {
    Object.freeze(o);
    for (const v of Object.values(o)) deepFreeze(v);
  }
  return o;
}

const svc = (id: string, members: string[], extra: Partial<PisService> = {}): PisService => ({
  id, name: id, members, capofila: members[0], enteGestore: '', organisation: 'a-chiusura',
  centraleOperativa24h365: false, udsH24: false, presaInCarico: 'nessuna', graveMarginalita: false, bases: [], ...extra,
});

/** A small hand-checkable scenario: Rho + Garbagnate associated, Magentino single. */
function small(): Scenario {
  return {
    schemaVersion: 2, id: 't', name: 'prova', description: '', referenceDate: '2026-01-31', authorNote: '', illustrative: false,
    statuses: { '50095': { status: 'attivo', startDate: '2023-07' }, '50094': { status: 'attivo' }, '50032': { status: 'in-attivazione-2026' } },
    services: [
      svc('a', ['50095', '50094'], { bases: [{ id: 'b1', kind: 'uds', istat: '015182', unitsByBand: { office: 1, closure: 1, night: 1, saturday: 1, holiday: 1 } }, { id: 'c1', kind: 'centrale', unitsByBand: { office: 2, closure: 1, night: 1, saturday: 1, holiday: 1 } }] }),
      svc('m', ['50032'], { bases: [{ id: 'b2', kind: 'reperibilita', istat: '015130', point: [8.88, 45.46], unitsByBand: { office: 0, closure: 1, night: 1, saturday: 1, holiday: 1 } }] }),
    ],
    compositionOverrides: {},
  };
}

describe('invariants', () => {
  it('built-in scenarios have no errors', () => {
    expect(S.errorsOf(S.checkScenario(def(), territory))).toEqual([]);
    expect(S.checkScenario(ill(), territory)).toEqual([]);
    expect(S.checkScenario(small(), territory)).toEqual([]);
  });

  it('names each broken rule with ids and paths', () => {
    const s = small();
    s.statuses['99999'] = { status: 'attivo', startDate: '2024-02-30' };
    s.referenceDate = '2026-1-31';
    s.services[0].members.push('50032'); // also in "m"
    s.services[1].capofila = '50095';
    s.services.push(svc('vuoto', []));
    s.services[0].bases[0].istat = '015130'; // Magenta: Ambito 50032, not a member of "a"… but 50032 was just added
    s.services[1].bases[0].istat = '015182'; // Rho, outside "m"
    const p = S.checkScenario(s, territory);
    const codes = (c: string) => p.filter((x) => x.code === c).map((x) => `${x.path} | ${x.message}`);
    expect(codes('unknown-ambito')).toEqual(['statuses.99999 | stato dell\'Ambito 99999: codice Ambito sconosciuto "99999"']);
    expect(codes('bad-date').length).toBe(2);
    expect(codes('ambito-in-two-services')).toEqual(['services[1].members[0] | PIS "m": l\'Ambito 50032 appartiene già al PIS "a"']);
    expect(codes('capofila-not-member')[0]).toContain('services[1].capofila');
    expect(codes('capofila-not-member').length).toBe(2); // "m" and the empty service
    expect(codes('no-members')).toEqual(['services[2].members | PIS "vuoto": nessun Ambito membro']);
    const outside = p.filter((x) => x.code === 'base-outside');
    expect(outside.map((x) => x.path)).toEqual(['services[1].bases[0].istat']);
    expect(outside[0].severity).toBe('warning');
    expect(outside[0].message).toContain('Rho');
  });

  it('uses composition overrides to decide whether a base is inside', () => {
    let s = small();
    s = S.moveBase(s, 'm', 'b2', { istat: '015182' }); // Rho: outside Magentino
    expect(S.checkScenario(s, territory).map((x) => x.code)).toEqual(['base-outside']);
    s = S.moveComune(s, territory, '015182', '50032'); // what if Rho joined Magentino
    expect(S.checkScenario(s, territory).map((x) => x.code)).toEqual(['base-outside']); // now b1 of "a" is outside
    expect(S.checkScenario(s, territory)[0].path).toBe('services[0].bases[0].istat');
  });
});

describe('derived counts', () => {
  it('pienamenteLeps needs all three conditions', () => {
    const base = svc('x', ['50095']);
    expect(S.pienamenteLeps({ ...base, centraleOperativa24h365: true, udsH24: true, presaInCarico: 'breve-0-7' })).toBe(true);
    expect(S.pienamenteLeps({ ...base, centraleOperativa24h365: true, udsH24: true, presaInCarico: 'oltre-7' })).toBe(false);
    expect(S.pienamenteLeps({ ...base, centraleOperativa24h365: false, udsH24: true, presaInCarico: 'breve-0-7' })).toBe(false);
    expect(S.pienamenteLeps({ ...base, centraleOperativa24h365: true, udsH24: false, presaInCarico: 'breve-0-7' })).toBe(false);
  });

  it('counts the small scenario by hand', () => {
    const c = S.countScenario(small(), territory);
    expect(c.byStatus).toEqual({ 'attivo': 2, 'in-attivazione-2026': 1, 'previsto-pdz-2024-26': 0, 'previsto-pdz-2027-29': 0, 'non-previsto': 0, 'senza-pis-non-risponde': 0, 'sconosciuto': 88 });
    // Three-valued: 2 present, 1 known absent (in attivazione), 88 unknown.
    expect([c.ambitiWithPis, c.ambitiWithoutPis, c.ambitiPisUnknown]).toEqual([2, 1, 88]);
    expect([c.ambitiWithPis, c.sovraAmbitoPis, c.singleAmbitoPis, c.services, c.sovraAmbitoServices, c.ambitiInServices]).toEqual([2, 2, 0, 2, 1, 3]);
  });

  it('default scenario: only the sourced Ambiti have a status', () => {
    const c = S.countScenario(def(), territory);
    expect(c.totalAmbiti).toBe(91);
    // Rhodense, Bollatese, Busto Arsizio, Visconteo, Lomellina, Corsichese, Cremona, Brescia - 1 (services) and Lodi (CROAS booklet, no service described).
    expect(c.byStatus.attivo).toBe(9);
    expect(c.byStatus.sconosciuto).toBe(82);
    expect([c.singleAmbitoPis, c.sovraAmbitoPis, c.attivoWithoutService, c.pienamenteLepsAmbiti]).toEqual([8, 0, 1, 0]);
    const rows = S.compareWithSurvey(c);
    expect(rows.find((r) => r.key === 'withPis')).toMatchObject({ survey: 50, scenario: 9, difference: -41 });
    // Unknown is not absent: 0 known without a PIS, 0 in "no plan / no answer" (was 88 vs 6), 82 unknown in a row of their own.
    expect(rows.find((r) => r.key === 'withoutPis')).toMatchObject({ survey: 41, scenario: 0 });
    expect(rows.find((r) => r.key === 'noPlanOrNoAnswer')).toMatchObject({ survey: 6, scenario: 0 });
    expect(rows.find((r) => r.key === 'pisPresenceUnknown')).toMatchObject({ survey: 0, scenario: 82 });
    expect(S.statusOf(def(), '50066')).toBe('attivo');
    expect(def().statuses['50066'].source).toMatch(/focus PIS Cremona, Lodi, Rho/);
  });

  it('illustrative scenario reproduces every CROAS aggregate', () => {
    const rows = S.compareWithSurvey(S.countScenario(ill(), territory));
    // The 11 CROAS aggregates plus the scenario's own unknowns (0 in both).
    expect(rows.length).toBe(12);
    for (const r of rows) expect(r.difference, r.label).toBe(0);
    const s = S.CROAS_SURVEY;
    expect([s.totalAmbiti, s.answered, s.withPis, s.withoutPis, s.pdz2024_26, s.expected2026, s.pdz2027_29, s.noPlanOrNoAnswer, s.associated, s.selfDeclaredLeps, s.notSelfDeclaredLeps, s.allThreeConditions])
      .toEqual([91, 87, 50, 41, 31, 26, 4, 6, 6, 21, 29, 9]);
    expect(s.source).toContain('CROAS Lombardia');
  });
});

describe('defaults', () => {
  it('Rho: sourced facts, derived annual budget', () => {
    const s = def();
    expect(s.statuses['50095']).toMatchObject({ status: 'attivo', startDate: '2023-07' });
    expect(s.statuses['50095'].source).toContain('Ambito Rhodense');
    const rho = s.services.find((x) => x.members.includes('50095'));
    expect(rho?.centraleOperativa24h365).toBe(true);
    expect(rho?.annualBudgetEur).toBe(44786.4);
    expect(rho?.annualBudgetNote).toContain('stima della co-progettazione');
    // Option (a), a centrale every hour and a reperibile in Rho in the closure bands (Rho project).
    expect(rho?.organisation).toBe('a-chiusura');
    expect(rho?.bases.map((b) => [b.kind, b.istat ?? null, Object.values(b.unitsByBand).join('')])).toEqual([['centrale', null, '11111'], ['reperibilita', '015182', '01111']]);
    expect((rho?.annualBudgetEur ?? 0) * 2).toBeCloseTo(S.RHO_FACTS.budgetEur, 6);
    expect(S.RHO_FACTS.notPertinent + S.RHO_FACTS.urgencies + S.RHO_FACTS.emergencies).toBe(S.RHO_FACTS.reports);
    expect(territory.comuniOfAmbito('50095').length).toBe(S.RHO_FACTS.comuni.length);
  });

  it('every known status cites a source; everything else is sconosciuto', () => {
    const s = def();
    expect(s.illustrative).toBe(false);
    for (const [code, st] of Object.entries(s.statuses)) {
      if (st.status !== 'sconosciuto') expect(st.source, code).toBeTruthy();
      else expect(S.SOURCED_PIS_AMBITI).not.toContain(code);
    }
    for (const x of s.services) expect(x.source).toBeTruthy();
  });

  it('illustrative: labelled, deterministic, a centrale and on-site roles in the capofila\'s most populous comune', () => {
    const a = ill();
    expect(a.illustrative).toBe(true);
    expect(a.name).toBe('Esempio illustrativo — non sono dati reali');
    expect(JSON.stringify(ill())).toBe(JSON.stringify(a));
    for (const x of a.services) {
      expect(x.bases[0].kind).toBe('centrale');
      expect(x.bases[0].istat).toBeUndefined();
      const onSite = x.bases.slice(1);
      expect(onSite.length).toBeGreaterThan(0);
      for (const b of onSite) expect(b.istat).toBe(S.mostPopulousComune(territory, x.capofila));
    }
    expect(a.services.find((x) => x.capofila === '50095')?.bases[1].istat).toBe('015182'); // Rho
    // Sovra-Ambito groups: contiguous Ambiti of one ATS (DGR XII/2167).
    const sovra = a.services.filter((x) => x.members.length > 1);
    expect(sovra.length).toBe(2);
    for (const x of sovra) {
      for (const m of x.members.slice(1)) expect(territory.neighbourAmbiti(x.members[0])).toContain(m);
      expect(new Set(x.members.map((m) => territory.ambito(m)?.ats)).size).toBe(1);
    }
  });
});

describe('edits never mutate and keep the rules', () => {
  it('setStatus in bulk', () => {
    const s = deepFreeze(small());
    const t = S.setStatus(s, ['50001', '50002'], 'previsto-pdz-2027-29', { source: 'delibera' });
    expect(t.statuses['50001']).toEqual({ status: 'previsto-pdz-2027-29', source: 'delibera' });
    expect(t.statuses['50002'].status).toBe('previsto-pdz-2027-29');
    expect(s.statuses['50001']).toBeUndefined();
  });

  it('createService / addMember move an Ambito out of its old service', () => {
    const s = deepFreeze(small());
    const t = S.createService(s, { members: ['50032', '50061'], name: 'Ovest' });
    expect(S.nextServiceId(s)).toBe('pis-1');
    expect(t.services.map((x) => x.id)).toEqual(['a', 'pis-1']); // "m" lost its only member: removed
    expect(t.services[1].members).toEqual(['50032', '50061']);
    expect(t.services[1].bases.map((b) => b.id)).toEqual(['b2']); // its base moved along
    expect(t.services[1].unverifiedFields).toContain('udsH24');
    const u = S.addMember(t, 'pis-1', '50095');
    expect(u.services[0]).toMatchObject({ id: 'a', members: ['50094'], capofila: '50094' });
    expect(S.errorsOf(S.checkScenario(u, territory))).toEqual([]);
    expect(JSON.stringify(s)).toBe(JSON.stringify(small()));
  });

  it('refuses edits that would break the model', () => {
    const s = deepFreeze(small());
    expect(() => S.removeMember(s, 'm', '50032')).toThrow(/unico Ambito/);
    expect(() => S.setCapofila(s, 'a', '50032')).toThrow(/non è tra gli Ambiti membri/);
    expect(() => S.createService(s, { id: 'a', members: ['50001'] })).toThrow(/esiste già/);
    expect(() => S.deleteService(s, 'zzz')).toThrow(/inesistente/);
    expect(() => S.splitService(s, 'a', [['50095'], ['50001']])).toThrow(/esattamente una volta/);
  });

  it('removeMember, setCapofila, updateService', () => {
    const s = deepFreeze(S.updateService(small(), 'a', { unverifiedFields: ['udsH24', 'presaInCarico'] }));
    const t = S.removeMember(s, 'a', '50095');
    expect(t.services[0]).toMatchObject({ members: ['50094'], capofila: '50094' });
    expect(S.setCapofila(s, 'a', '50094').services[0].capofila).toBe('50094');
    const u = S.updateService(s, 'a', { udsH24: true, annualBudgetEur: 1000 });
    expect(u.services[0]).toMatchObject({ udsH24: true, annualBudgetEur: 1000, unverifiedFields: ['presaInCarico'] });
    expect(S.updateService(u, 'a', { annualBudgetEur: undefined }).services[0]).not.toHaveProperty('annualBudgetEur');
  });

  it('bases: add, move, update, remove', () => {
    const s = deepFreeze(small());
    const t = S.addBase(s, 'a', { kind: 'uds', istat: '015094', unitsByBand: { office: 1, closure: 0, night: 0, saturday: 0, holiday: 0 } });
    const id = t.services[0].bases[2].id;
    expect(id).toBe('base-1');
    const u = S.moveBase(t, 'a', id, { istat: '015182', point: [9.04, 45.53] });
    expect(u.services[0].bases[2]).toMatchObject({ istat: '015182', point: [9.04, 45.53] });
    expect(S.moveBase(u, 'a', id, { istat: '015182' }).services[0].bases[2]).not.toHaveProperty('point');
    expect(S.updateBase(u, 'a', id, { unitsByBand: { night: 2 } }).services[0].bases[2].unitsByBand).toEqual({ office: 1, closure: 0, night: 2, saturday: 0, holiday: 0 });
    expect(S.removeBase(u, 'a', id).services[0].bases.map((b) => b.id)).toEqual(['b1', 'c1']);
    expect(() => S.addBase(s, 'a', { id: 'b2', kind: 'uds', istat: '015182', unitsByBand: { office: 1, closure: 1, night: 1, saturday: 1, holiday: 1 } })).toThrow(/esiste già/);
  });

  it('merge then split restores membership (on the illustrative services)', () => {
    const s = deepFreeze(ill());
    const ambitoOf = (istat: string) => S.ambitoOfComune(s, territory, istat);
    const singles = s.services.filter((x) => x.members.length === 1);
    for (let k = 0; k + 1 < 10; k += 2) {
      const [x, y] = [singles[k], singles[k + 1]];
      const merged = S.mergeServices(s, [x.id, y.id]);
      const m = merged.services.find((z) => z.id === x.id);
      expect(m?.members).toEqual([...x.members, ...y.members]);
      expect(merged.services.length).toBe(s.services.length - 1);
      const split = S.splitService(merged, x.id, [x.members, y.members], ambitoOf);
      const back = split.services.map((z) => [...z.members].sort().join(',')).sort();
      expect(back).toEqual(s.services.map((z) => [...z.members].sort().join(',')).sort());
      const again = split.services.find((z) => z.members[0] === y.members[0]);
      // Placed bases follow their comune; a centrale without a place stays with the first part.
      const placed = (bs: readonly { istat?: string }[] | undefined) => (bs ?? []).filter((b) => b.istat !== undefined).map((b) => b.istat);
      expect(placed(again?.bases)).toEqual(placed(y.bases));
    }
  });

  it('moveComune records and clears overrides; duplicate/rename', () => {
    const s = deepFreeze(small());
    const t = S.moveComune(s, territory, '015182', '50094');
    expect(t.compositionOverrides).toEqual({ '015182': '50094' });
    expect(S.moveComune(t, territory, '015182', '50095').compositionOverrides).toEqual({});
    expect(() => S.moveComune(s, territory, '999999', '50095')).toThrow(/sconosciuto/);
    const d = S.duplicateScenario(s, 'copia', 'Copia');
    expect(d).toMatchObject({ id: 'copia', name: 'Copia' });
    expect(d.services).not.toBe(s.services);
    expect(S.updateScenarioMeta(s, { name: 'Nuovo' }).name).toBe('Nuovo');
  });
});

describe('toServiceLayout', () => {
  it('maps services and field bases only', () => {
    const s = S.moveComune(small(), territory, '015182', '50094');
    const l = S.toServiceLayout(s, territory);
    expect(l.illustrative).toBe(false);
    expect(l.compositionOverrides).toEqual({ '015182': '50094' });
    expect(l.services).toEqual([
      // The centrale c1 answers (2 operators in office hours) and is not dispatched.
      {
        id: 'a', name: 'a', members: ['50095', '50094'], graveMarginalita: false, graveMarginalitaKnown: true, centraleOperativa24h: true, organisation: 'a-chiusura',
        answerByBand: { office: 2, closure: 1, night: 1, saturday: 1, holiday: 1 }, rosterKnown: true,
        bases: [{ id: 'b1', istat: '015182', unitsByBand: { office: 1, closure: 1, night: 1, saturday: 1, holiday: 1 } }],
      },
      // No centrale role: nobody answers, whatever the reperibilità.
      {
        id: 'm', name: 'm', members: ['50032'], graveMarginalita: false, graveMarginalitaKnown: true, centraleOperativa24h: false, organisation: 'a-chiusura',
        answerByBand: { office: 0, closure: 0, night: 0, saturday: 0, holiday: 0 }, rosterKnown: true,
        bases: [{ id: 'b2', istat: '015130', point: [8.88, 45.46], unitsByBand: { office: 0, closure: 1, night: 1, saturday: 1, holiday: 1 } }],
      },
    ]);
    const li = S.toServiceLayout(ill(), territory);
    expect(li.illustrative).toBe(true);
    // Centrale roles answer and are not dispatched: only on-site roles become layout bases.
    expect(li.services.reduce((n, x) => n + x.bases.length, 0)).toBe(ill().services.reduce((n, x) => n + x.bases.filter((b) => b.kind !== 'centrale').length, 0));
  });
});

describe('migrations', () => {
  const v0 = {
    name: 'Bozza 2025',
    referenceDate: '2025-06-30',
    statuses: { '50095': 'attivo', '50094': 'previsto-pdz-2027-29' },
    services: [{ id: 'p', name: 'PIS Rho', ambiti: ['50095'], capofila: '50095', enteGestore: 'Sercop', organisation: 'servizio-specialistico-continuativo', centraleOperativa24h365: true, udsH24: false, presaInCarico: 'nessuna', graveMarginalita: true }],
  };
  it('version 0 (plain status strings, "ambiti") becomes the current version', () => {
    const r = S.importScenarioJson(JSON.stringify(v0), territory);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.scenario).toMatchObject({ schemaVersion: 2, id: 'importato', illustrative: false, compositionOverrides: {}, statuses: { '50095': { status: 'attivo' } } });
    // Declared centrale 24h/365 and no roles: the centrale becomes a phone line answering in every band.
    expect(r.scenario.services[0]).toMatchObject({ members: ['50095'], organisation: 'b-continuativo', bases: [{ id: 'centrale-p', kind: 'centrale', unitsByBand: { office: 1, closure: 1, night: 1, saturday: 1, holiday: 1 } }] });
    expect(r.scenario.services[0]).not.toHaveProperty('ambiti');
    expect(S.migrateScenario({ ...v0, schemaVersion: 0 })).toMatchObject({ ok: true, fromVersion: 0 });
  });
  it('version 1 (four bands, old organisation names) becomes version 2 and still imports', () => {
    const v1 = JSON.parse(S.exportScenarioJson(small())) as { schemaVersion: number; services: { organisation: string; bases: { unitsByBand: Record<string, number> }[] }[] };
    v1.schemaVersion = 1;
    v1.services[0].organisation = 'in-orario-comuni-extra-terzo-settore';
    for (const svc of v1.services) for (const b of svc.bases) delete b.unitsByBand.saturday;
    v1.services[1].bases[0].unitsByBand.holiday = 3;
    const r = S.importScenarioJson(JSON.stringify(v1), territory);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.scenario.schemaVersion).toBe(2);
    expect(r.scenario.services[0].organisation).toBe('a-chiusura');
    // The old "holiday" value is read as both Saturday and Sundays/holidays.
    expect(r.scenario.services[1].bases[1].unitsByBand).toEqual({ office: 0, closure: 1, night: 1, saturday: 3, holiday: 3 });
    // No centrale and none declared: the old model let on-duty units take calls, so operators answer where a unit was on duty.
    expect(r.scenario.services[1].bases[0]).toMatchObject({ kind: 'centrale', id: 'centrale-m', unitsByBand: { office: 0, closure: 1, night: 1, saturday: 1, holiday: 1 } });
    // Service a already had its centrale: nothing added.
    expect(r.scenario.services[0].bases.map((b) => b.id)).toEqual(['b1', 'c1']);
  });
  it('refuses unknown versions', () => {
    expect(S.migrateScenario({ schemaVersion: 7 })).toEqual({ ok: false, errors: ['schemaVersion: versione 7 non supportata (versioni gestite: 0–2)'] });
    expect(S.detectVersion({ schemaVersion: 1 })).toBe(1);
  });
});

describe('JSON', () => {
  it('round trip is byte-identical and keeps every field', () => {
    for (const s of [def(), ill(), S.moveComune(small(), territory, '015182', '50094')]) {
      const text = S.exportScenarioJson(s);
      const r = S.importScenarioJson(new TextEncoder().encode('\uFEFF' + text), territory);
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      expect(S.exportScenarioJson(r.scenario)).toBe(text);
      expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(s)));
    }
  });
  it('reports paths as in the issue', () => {
    const o = JSON.parse(S.exportScenarioJson(ill()));
    o.services[2].members[0] = '99999';
    const r = S.importScenarioJson(JSON.stringify(o), territory);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors).toContain('services[2].members[0]: codice Ambito sconosciuto "99999"');
  });
  it('accepts with warnings (base outside) and refuses > 5 MB before parsing', () => {
    const s = S.moveBase(small(), 'm', 'b2', { istat: '015182' });
    const r = S.importScenarioJson(S.exportScenarioJson(s), territory);
    expect(r.ok && r.warnings).toEqual(['services[1].bases[0].istat: il comune 015182 (Rho) è nell\'Ambito 50095, fuori dal territorio dei membri']);
    const big = new Uint8Array(S.MAX_IMPORT_BYTES + 1).fill(0x20);
    const rb = S.importScenarioJson(big, territory);
    expect(rb.ok).toBe(false);
    if (!rb.ok) expect(rb.errors[0]).toMatch(/^\(file\): troppo grande/);
  });
});

describe('CSV per Ambito', () => {
  it('is Excel-friendly Italian', () => {
    const text = S.exportScenarioCsv(def(), territory);
    // Every field quoted (one CSV writer, csvText.ts).
    const q = (l: string) => l.split(';').map((f) => `"${f}"`).join(';');
    expect(text.startsWith('\uFEFF' + q('codice_ambito;ambito;stato;data_avvio;fonte;pis_id;pis_nome;sovra_ambito;capofila;centrale_operativa_24h;uds_h24;presa_in_carico;grave_marginalita;budget_annuo_eur;leps_autodichiarato') + '\r\n')).toBe(true);
    const lines = text.slice(1).trimEnd().split('\r\n');
    expect(lines.length).toBe(92);
    const rho = lines.find((l) => l.startsWith('"50095";'))!;
    expect(rho.startsWith('"50095";"Rho";"attivo";"2023-07";"Sercop / Ambito Rhodense, progetto di massima PIS')).toBe(true);
    expect(rho.endsWith(q('pis-rhodense;PIS Ambito Rhodense;no;50095;sì;no;0-7 giorni;sì;44786,40;non noto'))).toBe(true);
    expect(S.exportScenarioCsv(ill(), territory).split('\r\n')[0]).toBe('\uFEFF"# Esempio illustrativo — non sono dati reali"');
  });

  it('round trip is byte-identical (into the same and into another scenario)', () => {
    for (const s of [def(), ill(), small()]) {
      const text = S.exportScenarioCsv(s, territory);
      for (const into of [s, def()]) {
        const before = JSON.stringify(into);
        const r = S.importScenarioCsv(new TextEncoder().encode(text), into, territory);
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        expect(S.exportScenarioCsv(r.scenario, territory)).toBe(text);
        expect(JSON.stringify(into)).toBe(before);
      }
      const same = S.importScenarioCsv(text, s, territory);
      expect(same.ok, same.ok ? '' : same.errors.join('; ')).toBe(true);
      if (!same.ok) return;
      expect(S.exportScenarioJson(same.scenario)).toBe(S.exportScenarioJson(s)); // bases and hidden fields kept
    }
  });

  it('partial import: listed rows only; Italian dates and thousands accepted', () => {
    const text = 'codice_ambito;ambito;stato;data_avvio;fonte;pis_id;pis_nome;sovra_ambito;capofila;centrale_operativa_24h;uds_h24;presa_in_carico;grave_marginalita;budget_annuo_eur\n'
      + '50001;;In attivazione (2026);01/03/2026;delibera;nuovo;PIS Bassa;SI;50001;Sì;no;0-7 giorni;no;"1.200,50"\n'
      + '50037;;attivo;;;nuovo;PIS Bassa;sì;50001;si;no;breve-0-7;NO;1200,50\n';
    const r = S.importScenarioCsv(text, small(), territory);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.scenario.statuses['50001']).toEqual({ status: 'in-attivazione-2026', startDate: '2026-03-01', source: 'delibera' });
    expect(r.scenario.statuses['50095'].status).toBe('attivo'); // not listed: kept
    expect(r.scenario.services.map((x) => x.id)).toEqual(['a', 'm', 'nuovo']);
    expect(r.scenario.services[2]).toMatchObject({ members: ['50001', '50037'], centraleOperativa24h365: true, presaInCarico: 'breve-0-7', annualBudgetEur: 1200.5 });
  });

  it('self-declared LEPS: sì / no / non noto, round trip, older files without the column keep the value', () => {
    const base = small();
    const withAnswer = { ...base, services: base.services.map((x, i) => (i === 0 ? { ...x, selfDeclaredLeps: true } : i === 1 ? { ...x, selfDeclaredLeps: false } : x)) };
    const text = S.exportScenarioCsv(withAnswer, territory);
    const cells = (code: string) => text.split('\r\n').find((l) => l.startsWith(`"${code}";`))!.split(';');
    const [a, m] = withAnswer.services;
    expect(cells(a.members[0]).at(-1)).toBe('"sì"');
    expect(cells(m.members[0]).at(-1)).toBe('"no"');
    // Into a scenario without answers: the file's answers arrive, "non noto" stays unknown.
    const r = S.importScenarioCsv(text, base, territory);
    expect(r.ok, r.ok ? '' : r.errors.join('; ')).toBe(true);
    if (!r.ok) return;
    expect(r.scenario.services.map((x) => x.selfDeclaredLeps)).toEqual([true, false, ...base.services.slice(2).map(() => undefined)]);
    expect(S.exportScenarioCsv(r.scenario, territory)).toBe(text);
    // "non noto" in the file clears a known answer (the file is what the editor wrote).
    const cleared = text.replace(/"sì"\r\n/g, '"non noto"\r\n');
    const c = S.importScenarioCsv(cleared, withAnswer, territory);
    expect(c.ok && c.scenario.services[0].selfDeclaredLeps).toBe(undefined);
    // A file in the older layout (no column) keeps the scenario's answers.
    const old = text.split('\r\n').map((l) => l.replace(/;"[^"]*"$/, '')).join('\r\n');
    const o = S.importScenarioCsv(old, withAnswer, territory);
    expect(o.ok, o.ok ? '' : o.errors.join('; ')).toBe(true);
    expect(o.ok && o.scenario.services.map((x) => x.selfDeclaredLeps)).toEqual(withAnswer.services.map((x) => x.selfDeclaredLeps));
    // A bad value names the row and the field.
    const lines = text.split('\r\n');
    const i = lines.findIndex((l) => l.startsWith(`"${a.members[0]}";`));
    lines[i] = lines[i].replace(/"sì"$/, '"forse"');
    const bad = S.importScenarioCsv(lines.join('\r\n'), base, territory);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors).toContain(`riga ${i + 1}: leps_autodichiarato "forse" non valido (sì, no o non noto)`);
  });

  it('row-numbered messages', () => {
    const good = S.exportScenarioCsv(def(), territory).split('\r\n');
    good[6] = good[6].split(';').map((f, i) => (i === 2 ? '"attiva"' : f)).join(';');
    const r = S.importScenarioCsv(good.join('\r\n'), def(), territory);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors).toEqual(['riga 7: stato "attiva" non valido (valori ammessi: attivo, in attivazione (2026), previsto PdZ 2024-26, previsto PdZ 2027-29, non previsto, senza PIS, programma non dichiarato, sconosciuto)']);
    expect(S.parseEuro('44.786,40')).toBe(44786.4);
    expect(S.formatEuro(44786.4)).toBe('44786,40');
  });
});

describe('GeoJSON of bases', () => {
  it('round trip is byte-identical and keeps implicit points implicit', () => {
    const s = S.moveBase(ill(), 'pis-rhodense', 'reperibile-rhodense', { istat: '015182', point: [9.04, 45.53] });
    const text = S.exportBasesGeoJson(s, territory);
    const fc = JSON.parse(text);
    expect(fc.illustrative).toBe(true);
    expect(fc.avviso).toBe('Esempio illustrativo — non sono dati reali');
    // One feature per placed role (the centrale operativa is a phone line without a place).
    expect(fc.features.length).toBe(s.services.reduce((n, x) => n + x.bases.filter((b) => b.istat !== undefined).length, 0));
    const before = JSON.stringify(s);
    const r = S.importBasesGeoJson(text, s, territory);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(S.exportBasesGeoJson(r.scenario, territory)).toBe(text);
    expect(S.exportScenarioJson(r.scenario)).toBe(S.exportScenarioJson(s));
    expect(JSON.stringify(s)).toBe(before);
  });

  it('keeps a centrale without a place', () => {
    const s = small();
    const r = S.importBasesGeoJson(S.exportBasesGeoJson(s, territory), s, territory);
    expect(r.ok && r.scenario.services[0].bases.map((b) => b.id)).toEqual(['c1', 'b1']);
  });
});

describe('share as URL', () => {
  it('encodes compactly and decodes to the same scenario', async () => {
    const s = ill();
    const hash = await S.encodeScenarioForHash(s);
    expect(hash).toMatch(/^s=[A-Za-z0-9_-]+$/);
    expect(hash.length).toBeLessThan(S.exportScenarioJson(s).length / 5);
    const r = await S.decodeScenarioFromHash('#' + hash, territory);
    expect(r.ok && S.exportScenarioJson(r.scenario)).toBe(S.exportScenarioJson(s));
  });
  it('rejects damaged links with an Italian message', async () => {
    expect(await S.decodeScenarioFromHash('#x=abc', territory)).toMatchObject({ ok: false });
    expect(await S.decodeScenarioFromHash('#s=%%%', territory)).toEqual({ ok: false, errors: ['(indirizzo): codifica base64url non valida'] });
    expect(await S.decodeScenarioFromHash('#s=AAAAAAAA', territory)).toMatchObject({ ok: false });
  });
});
