// The 50,000 rule on a hand-checkable line of comuni, entry by entry and word by word.
// Territory: 8 comuni on the parallel at 45° N, 0.1° apart (≈ 7.87 km, 7.87 min at 60 km/h, no
// detour, no last mile, no split). Ambiti: A1 = comuni 1–2, A2 = 3–5, A3 = 6–7, A4 = 8.
// Under the rule: Comune 1 (capoluogo, 60,000 residents, A1) and Comune 4 (70,000, A2).
// Response = triage 5 + mobilisation (office 10, closure 15, night 20, Saturday 15, holiday 15)
// + travel (× 0.8 at night). From a base in the comune itself: 15 / 20 / 25 / 20 / 20 min.
// Hours a year (des/calendar.ts): night 2,920, Saturday 784; Italian groups only from 5 digits ("3704").
// Comune 4 from a base in Comune 1 (3 steps, 23.61 min): 38.6 / 43.6 / 43.9 / 43.6 / 43.6.
import { describe, expect, it } from 'vitest';
import { computeCoverage } from '../../src/core/coverage/index.ts';
import { evaluateRule50k, rule50kLine, type Rule50kEntry } from '../../src/core/rule50k/index.ts';
import { compileLayout } from '../../src/core/sim/compile.ts';
import { allBands, type LayoutService, type ServiceLayout, type TimeBand } from '../../src/core/sim/layout.ts';
import { lineTerritory } from '../../src/core/sim/synthetic.ts';
import { createTravelContext, DEFAULT_TRAVEL_ASSUMPTIONS } from '../../src/core/travel/index.ts';

const data = lineTerritory(8, 2, [60000, 1000, 1000, 70000, 1000, 1000, 1000, 1000]);
for (const [i, c] of data.comuni.entries()) c.ambito = i < 2 ? 'A1' : i < 5 ? 'A2' : i < 7 ? 'A3' : 'A4';
data.ambiti.push({ code: 'A3', name: 'Ambito A3', sioss: 'A3', ats: 'T1', asst: ['S1'], distretti: ['D1'] }, { code: 'A4', name: 'Ambito A4', sioss: 'A4', ats: 'T1', asst: ['S1'], distretti: ['D1'] });
const ctx = createTravelContext(data, { ...DEFAULT_TRAVEL_ASSUMPTIONS, detourFactor: 1, urbanSpeedKmh: 60, suburbanSpeedKmh: 60, ruralSpeedKmh: 60, intraComune: false, splitLargeComuni: false });

type Units = Record<TimeBand, number>;
const with0 = (...bands: TimeBand[]): Units => ({ ...allBands(1), ...Object.fromEntries(bands.map((b) => [b, 0])) });
const svc = (id: string, members: string[], bases: [string, Units][], extra: Partial<LayoutService> = {}): LayoutService => ({
  id,
  name: `PIS ${id}`,
  members,
  graveMarginalita: true,
  centraleOperativa24h: true,
  organisation: 'b-continuativo',
  answerByBand: allBands(1),
  bases: bases.map(([istat, unitsByBand]) => ({ id: `b${Number(istat)}`, istat, unitsByBand })),
  ...extra,
});
const run = (services: LayoutService[], targetMin = 45, more: Partial<ServiceLayout> = {}) => {
  const c = compileLayout(ctx, { illustrative: true, services, ...more });
  return evaluateRule50k(ctx, c, computeCoverage(ctx, c, { targetMin }), { targetMin });
};
const entry = (services: LayoutService[], istat: string, targetMin = 45, more: Partial<ServiceLayout> = {}): Rule50kEntry => {
  const e = run(services, targetMin, more).comuni.find((x) => x.istat_code === istat);
  if (!e) throw new Error(`no entry for ${istat}`);
  return e;
};
const rounded = (e: Rule50kEntry) => ({
  ...e,
  responseMin: e.responseMin === null ? null : Math.round(e.responseMin * 10) / 10,
  targetByBand: e.targetByBand.map((b) => ({ ...b, responseMin: b.responseMin === null ? null : Math.round(b.responseMin * 10) / 10 })),
});
const comune1 = { istat_code: '000001', name: 'Comune 1', province: 'XX', residents: 60000, populationDate: '2024-01-10', over50k: true, capoluogo: true, ambito: 'A1', ambitoName: 'Ambito A1' };
const comune4 = { istat_code: '000004', name: 'Comune 4', province: 'XX', residents: 70000, populationDate: '2024-01-10', over50k: true, capoluogo: false, ambito: 'A2', ambitoName: 'Ambito A2' };
const own = (band: TimeBand): number => ({ office: 15, closure: 20, night: 25, saturday: 20, holiday: 20 })[band];
const allMet = (['office', 'closure', 'night', 'saturday', 'holiday'] as const).map((band) => ({ band, state: 'met', responseMin: own(band) }));

const uno = svc('uno', ['A1'], [['000001', allBands(1)]]);
const due = svc('due', ['A2'], [['000004', allBands(1)]]);

describe('rule50k on the line: whole entries', () => {
  it('a 24h/365 PIS with its base in the comune: both tests pass, nothing to fix', () => {
    const r = run([uno, due]);
    expect(r.comuni.map(rounded)).toEqual([
      { ...comune1, pis: 'uno', pisName: 'PIS uno', pisPresence: 'present', graveMarginalita: true, compliance: 'compliant', gapBands: [], uncoveredHoursPerYear: 0, legal: 'pass', legalPass: true, legalReasons: [], responseMin: 20, withinTarget: true, targetMet: true, targetByBand: allMet, targetFailingBands: [], targetReasons: [], pass: true, reasons: [], fixes: [] },
      { ...comune4, pis: 'due', pisName: 'PIS due', pisPresence: 'present', graveMarginalita: true, compliance: 'compliant', gapBands: [], uncoveredHoursPerYear: 0, legal: 'pass', legalPass: true, legalReasons: [], responseMin: 20, withinTarget: true, targetMet: true, targetByBand: allMet, targetFailingBands: [], targetReasons: [], pass: true, reasons: [], fixes: [] },
    ]);
    expect([r.passCount, r.failCount, r.nonDeterminabileCount, r.targetMetCount, r.targetNotMetCount, r.targetUnknownCount]).toEqual([2, 0, 0, 2, 0, 0]);
    expect(r.comuni.map((e) => rule50kLine(e, 45))).toEqual(['legale: rispettata; obiettivo 45 min: raggiunto', 'legale: rispettata; obiettivo 45 min: raggiunto']);
  });

  it('the target is met at exactly T minutes, and not a minute over', () => {
    // T = 20: office 15 and closure 20 are met, night 25 is not; the coverage band (closure) is within.
    const e = entry([uno, due], '000001', 20);
    expect(e.responseMin).toBe(20);
    expect(e.withinTarget).toBe(true);
    expect(e.targetByBand.map((b) => b.state)).toEqual(['met', 'met', 'not-met', 'met', 'met']);
    expect(e.targetReasons).toEqual(['Oltre l\'obiettivo di 20 min: Notte (22–6) 25 min']);
    // Its own base already has a unit at night: the fix is another base in the comune.
    expect(e.fixes).toEqual(['Aggiungere una base del PIS «PIS uno» a Comune 1 (tempo stimato 25 min)']);
    expect(rule50kLine(e, 20)).toBe('legale: rispettata; obiettivo 20 min: non raggiunto (Notte (22–6))');
    const below = entry([uno, due], '000001', 19);
    expect(below.withinTarget).toBe(false);
    expect(below.targetByBand.map((b) => b.state)).toEqual(['met', 'not-met', 'not-met', 'not-met', 'not-met']);
  });

  it('roster gaps: what is missing, band by band, fails the law and leaves nobody for the target', () => {
    // uno: nobody on site at night. due: nobody answers at night; nobody at all on Saturday.
    const gapUno = svc('uno', ['A1'], [['000001', with0('night')]]);
    const gapDue = svc('due', ['A2'], [['000004', with0('saturday')]], { answerByBand: with0('night', 'saturday') });
    const r = run([gapUno, gapDue]);
    const [e1, e4] = r.comuni;
    expect(e1?.legalReasons).toEqual(['Il PIS «PIS uno» non è disponibile a tutte le ore: 2.920 h/anno scoperte (Notte (22–6): nessuno va sul posto (reperibilità / UdS))']);
    expect(e4 && rounded(e4)).toEqual({
      ...comune4, pis: 'due', pisName: 'PIS due', pisPresence: 'present', graveMarginalita: true, compliance: 'gap', gapBands: ['night', 'saturday'], uncoveredHoursPerYear: 3704,
      legal: 'fail', legalPass: false,
      legalReasons: ['Il PIS «PIS due» non è disponibile a tutte le ore: 3.704 h/anno scoperte (Notte (22–6): nessuno risponde (centrale operativa); Sabato (6–22): nessuno risponde e nessuno va sul posto)'],
      responseMin: 20, withinTarget: true, targetMet: false,
      targetByBand: [{ band: 'office', state: 'met', responseMin: 15 }, { band: 'closure', state: 'met', responseMin: 20 }, { band: 'night', state: 'scoperto', responseMin: null }, { band: 'saturday', state: 'scoperto', responseMin: null }, { band: 'holiday', state: 'met', responseMin: 20 }],
      targetFailingBands: ['night', 'saturday'],
      targetReasons: ['Nessuno in turno: Notte (22–6), Sabato (6–22)'],
      pass: false,
      reasons: ['Il PIS «PIS due» non è disponibile a tutte le ore: 3.704 h/anno scoperte (Notte (22–6): nessuno risponde (centrale operativa); Sabato (6–22): nessuno risponde e nessuno va sul posto)', 'Nessuno in turno: Notte (22–6), Sabato (6–22)'],
      fixes: ['Coprire nel PIS «PIS due» le fasce scoperte per l\'Ambito Ambito A2 (A2): Notte (22–6): nessuno risponde (centrale operativa); Sabato (6–22): nessuno risponde e nessuno va sul posto'],
    });
    expect([r.passCount, r.failCount, r.targetMetCount, r.targetNotMetCount, r.targetUnknownCount]).toEqual([0, 2, 0, 2, 0]);
  });

  it('option (a): office hours go to the territorial services, which the target does not hold against the PIS', () => {
    const a = svc('uno', ['A1'], [['000001', with0('office')]], { organisation: 'a-chiusura', answerByBand: with0('office') });
    const e = entry([a, due], '000001');
    expect(e.compliance).toBe('compliant');
    expect(e.legal).toBe('pass');
    expect(e.targetByBand[0]).toEqual({ band: 'office', state: 'territoriali', responseMin: null });
    expect(e.targetMet).toBe(true);
    expect(e.reasons).toEqual([]);
    expect(e.fixes).toEqual([]);
  });

  it('too far: the law holds, the target fails in every band, the fix is a base where the worst band is answered', () => {
    const far = svc('due', ['A2'], [['000001', allBands(1)]]);
    const e = rounded(entry([uno, far], '000004', 30));
    expect(e.legal).toBe('pass');
    expect(e.responseMin).toBe(43.6);
    expect(e.withinTarget).toBe(false);
    expect(e.targetByBand.map((b) => [b.state, b.responseMin])).toEqual([['not-met', 38.6], ['not-met', 43.6], ['not-met', 43.9], ['not-met', 43.6], ['not-met', 43.6]]);
    expect(e.targetFailingBands).toEqual(['office', 'closure', 'night', 'saturday', 'holiday']);
    expect(e.reasons).toEqual(['Oltre l\'obiettivo di 30 min: Orario d’ufficio (feriali 9–17) 39 min, Chiusura dei servizi (feriali 6–9 e 17–22) 44 min, Notte (22–6) 44 min, Sabato (6–22) 44 min, Domenica e festivi (6–22) 44 min']);
    // Worst band: night (43.9); a base in Comune 4 answers it in 25 min.
    expect(e.fixes).toEqual(['Aggiungere una base del PIS «PIS due» a Comune 4 (tempo stimato 25 min)']);
  });

  it('its own base idle in the worst band: the fix puts a unit there instead of adding a base', () => {
    const idle = svc('due', ['A2'], [['000004', with0('night')], ['000001', allBands(1)]]);
    const e = rounded(entry([uno, idle], '000004', 30));
    // At night only the base in Comune 1 is on duty.
    expect(e.targetByBand.map((b) => [b.state, b.responseMin])).toEqual([['met', 15], ['met', 20], ['not-met', 43.9], ['met', 20], ['met', 20]]);
    expect(e.fixes).toEqual(['Assegnare almeno un\'unità nella fascia "Notte (22–6)" alla base b4 del PIS «PIS due» a Comune 4']);
  });

  it('a base on duty in no band of its own: responses come from the others, and none is "—"', () => {
    // due answers from Comune 4, but with a base whose units are all zero and another in Comune 1.
    const e = rounded(entry([uno, svc('due', ['A2'], [['000004', allBands(0)], ['000001', allBands(1)]])], '000004', 30));
    expect(e.targetByBand.every((b) => b.responseMin !== null && b.responseMin > 38)).toBe(true);
    expect(e.fixes).toEqual(['Assegnare almeno un\'unità nella fascia "Notte (22–6)" alla base b4 del PIS «PIS due» a Comune 4']);
  });
});

describe('rule50k on the line: what is not known', () => {
  it('status unknown, or present but not described: non determinabile, with what to verify', () => {
    const unknown = entry([uno], '000004', 45, { ambitoPis: { A2: 'unknown' } });
    expect(unknown).toMatchObject({ pis: null, pisName: null, pisPresence: 'unknown', graveMarginalita: false, compliance: null, gapBands: [], uncoveredHoursPerYear: null, legal: 'non-determinabile', legalPass: false, responseMin: null, withinTarget: false, targetMet: null, targetByBand: [], targetFailingBands: [] });
    expect(unknown.legalReasons).toEqual(['Stato del PIS dell\'Ambito Ambito A2 (A2) sconosciuto']);
    // Said once in the joined list; the target's own reason stays in targetReasons.
    expect(unknown.reasons).toEqual(['Stato del PIS dell\'Ambito Ambito A2 (A2) sconosciuto']);
    expect(unknown.targetReasons).toEqual(['Non determinabile: stato del PIS sconosciuto']);
    expect(unknown.fixes).toEqual(['Verificare e registrare, con la fonte, lo stato del PIS dell\'Ambito Ambito A2 (A2)']);
    expect(rule50kLine(unknown, 45)).toBe('legale: non determinabile; obiettivo 45 min: non determinabile');

    const present = entry([uno], '000004', 45, { ambitoPis: { A2: 'present' } });
    expect(present.legal).toBe('non-determinabile');
    expect(present.reasons).toEqual(['L\'Ambito Ambito A2 (A2) ha un PIS attivo, ma lo scenario non lo descrive (turni, interventi)']);
    expect(present.targetReasons).toEqual(['Non determinabile: servizio non descritto']);
    expect(present.fixes).toEqual(['Descrivere il PIS dell\'Ambito Ambito A2 (A2): chi risponde e chi va sul posto in ogni fascia, e se offre interventi per persone senza dimora o in grave marginalità']);
    const r = run([uno], 45, { ambitoPis: { A2: 'present' } });
    expect([r.passCount, r.failCount, r.nonDeterminabileCount, r.targetMetCount, r.targetNotMetCount, r.targetUnknownCount]).toEqual([1, 0, 1, 1, 0, 1]);
  });

  it('grave marginalità known absent fails; undocumented is non determinabile', () => {
    const no = entry([uno, svc('due', ['A2'], [['000004', allBands(1)]], { graveMarginalita: false })], '000004');
    expect(no.legal).toBe('fail');
    expect(no.graveMarginalita).toBe(false);
    expect(no.legalReasons).toEqual(['Il PIS «PIS due» non offre interventi per persone senza dimora o in grave marginalità']);
    expect(no.fixes).toEqual(['Attivare nel PIS «PIS due» gli interventi per persone senza dimora o in grave marginalità']);
    expect(no.targetMet).toBe(true);
    expect(no.reasons).toEqual(no.legalReasons);

    const undoc = entry([uno, svc('due', ['A2'], [['000004', allBands(1)]], { graveMarginalita: false, graveMarginalitaKnown: false })], '000004');
    expect(undoc.legal).toBe('non-determinabile');
    expect(undoc.legalReasons).toEqual(['Non è documentato se il PIS «PIS due» offra interventi per persone senza dimora o in grave marginalità']);
    expect(undoc.fixes).toEqual(['Verificare se il PIS «PIS due» offre interventi per persone senza dimora o in grave marginalità']);
  });

  it('a roster not documented: non determinabile, unless the law already fails', () => {
    const e = entry([uno, svc('due', ['A2'], [['000004', allBands(1)]], { rosterKnown: false })], '000004');
    expect(e).toMatchObject({ compliance: 'unknown', gapBands: [], uncoveredHoursPerYear: null, legal: 'non-determinabile', targetMet: null, targetByBand: [], targetFailingBands: [] });
    expect(e.reasons).toEqual(['I turni del PIS «PIS due» non sono documentati', 'Non determinabile: turni non documentati']);
    expect(e.fixes).toEqual(['Documentare i turni del PIS «PIS due»: chi risponde e chi va sul posto in ogni fascia']);

    const both = entry([uno, svc('due', ['A2'], [['000004', allBands(1)]], { rosterKnown: false, graveMarginalita: false })], '000004');
    expect(both.legal).toBe('fail');
    expect(both.legalReasons).toEqual(['Il PIS «PIS due» non offre interventi per persone senza dimora o in grave marginalità', 'I turni del PIS «PIS due» non sono documentati']);
  });
});

describe('rule50k on the line: an Ambito without PIS', () => {
  // A2 (Comune 4) has no PIS; it borders A1 (Comune 2–3) and A3 (Comune 5–6), not A4.
  const start = 'Attivare un PIS per l\'Ambito Ambito A2 (A2) attivo 24h/365, con gli interventi per persone senza dimora o in grave marginalità e una base a Comune 4 (tempo stimato 20 min)';
  const join = (name: string, rest: string) => `Far aderire l'Ambito Ambito A2 (A2) al PIS «PIS ${name}» in forma associata${rest}`;

  it('nobody anywhere: fails, and the only fix is to start one', () => {
    const e = entry([], '000004');
    expect(e).toEqual({
      ...comune4, pis: null, pisName: null, pisPresence: 'absent', graveMarginalita: false, compliance: null, gapBands: [], uncoveredHoursPerYear: null,
      legal: 'fail', legalPass: false, legalReasons: ['Nessun PIS serve l\'Ambito Ambito A2 (A2)'], responseMin: null, withinTarget: false, targetMet: false,
      targetByBand: [], targetFailingBands: [], targetReasons: ['Nessun PIS: nessuna risposta'], pass: false,
      reasons: ['Nessun PIS serve l\'Ambito Ambito A2 (A2)'], fixes: [start],
    });
    expect(rule50kLine(e, 45)).toBe('legale: non rispettata; obiettivo 45 min: non raggiunto ()');
  });

  it('a legally sound neighbour comes before a faster one that is not', () => {
    // tre (A3, base in Comune 6, 2 steps) is faster but offers no grave-marginalità interventions.
    const tre = svc('tre', ['A3'], [['000006', allBands(1)]], { graveMarginalita: false });
    for (const order of [[uno, tre], [tre, uno]]) {
      const e = entry(order, '000004');
      expect(e.fixes).toEqual([join('uno', ' (tempo stimato 44 min)'), start]);
    }
  });

  it('no sound neighbour: the fastest, with what it lacks', () => {
    const treGap = svc('tre', ['A3'], [['000006', with0('night')]], { graveMarginalita: false });
    const unoGap = svc('uno', ['A1'], [['000001', with0('night')]]);
    expect(entry([unoGap, treGap], '000004').fixes).toEqual([join('tre', ' e attivarvi gli interventi per persone senza dimora o in grave marginalità e coprirne i turni scoperti (Notte (22–6)) (tempo stimato 36 min)'), start]);
    // A sound neighbour too far away still beats them: the law first.
    const quattro = svc('quattro', ['A4'], [['000008', allBands(1)]]);
    expect(entry([unoGap, treGap, quattro], '000004').fixes[0]).toBe(join('tre', ' e attivarvi gli interventi per persone senza dimora o in grave marginalità e coprirne i turni scoperti (Notte (22–6)) (tempo stimato 36 min)'));
  });

  it('a neighbour with nobody on duty in the band: its time is not computable', () => {
    const idle = svc('tre', ['A3'], [['000006', with0('closure')]]);
    expect(entry([idle], '000004').fixes[0]).toBe(join('tre', ' e coprirne i turni scoperti (Chiusura dei servizi (feriali 6–9 e 17–22)) (tempo stimato non calcolabile)'));
  });

  it('a tie in time and soundness goes to the service listed first', () => {
    // Both bases in Comune 2 (A1 side): the same travel, neither sound. tre is listed first (index 0).
    const a = svc('tre', ['A3'], [['000002', allBands(1)]], { graveMarginalita: false });
    const b = svc('uno', ['A1'], [['000002', allBands(1)]], { graveMarginalita: false });
    expect(entry([a, b], '000004').fixes[0]).toBe(join('tre', ' e attivarvi gli interventi per persone senza dimora o in grave marginalità (tempo stimato 36 min)'));
    expect(entry([b, a], '000004').fixes[0]).toBe(join('uno', ' e attivarvi gli interventi per persone senza dimora o in grave marginalità (tempo stimato 36 min)'));
  });
});

describe('rule50k: a capoluogo without residents', () => {
  it('suggests its own base without a time ("non calcolabile", never "Infinity min")', () => {
    const empty = lineTerritory(3, 2, [0, 1000, 1000]);
    const c0 = createTravelContext(empty, { ...DEFAULT_TRAVEL_ASSUMPTIONS, detourFactor: 1, intraComune: false, splitLargeComuni: false });
    const compiled = compileLayout(c0, { illustrative: true, services: [], ambitoPis: { A1: 'absent' } });
    const e = evaluateRule50k(c0, compiled, computeCoverage(c0, compiled, { targetMin: 45 }), { targetMin: 45 }).comuni.find((x) => x.istat_code === '000001');
    expect(e?.fixes.find((f) => f.startsWith('Attivare un PIS'))).toMatch(/\(tempo stimato non calcolabile\)$/);
  });
});
