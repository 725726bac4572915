import { describe, expect, it } from 'vitest';
import { lineTerritory } from '../../src/core/sim/synthetic.ts';
import {
  buildDemandPoints, createTravelContext, createTravelTimeModel, DEFAULT_TRAVEL_ASSUMPTIONS, haversineKm,
  meanInternalDistanceKm, parseOdMatrixCsv, validateTravelAssumptions, TRAVEL_ASSUMPTION_INFO, type TravelAssumptions,
} from '../../src/core/travel/index.ts';
import { loadTerritoryData } from './helpers/realData.ts';

const KM_PER_STEP = haversineKm(9, 45, 9.1, 45); // ≈ 7.862 km
// 60 km/h everywhere, no detour, no last mile: minutes = km.
const simple: TravelAssumptions = { ...DEFAULT_TRAVEL_ASSUMPTIONS, detourFactor: 1, urbanSpeedKmh: 60, suburbanSpeedKmh: 60, ruralSpeedKmh: 60, intraComune: false };

describe('travel model on a hand-checkable line of 5 comuni', () => {
  const data = lineTerritory(5);

  it('measures 0.1° of longitude at 45° N as about 7.86 km', () => {
    expect(KM_PER_STEP).toBeCloseTo(7.862, 2);
  });

  it('Dijkstra over adjacency sums the edges: k steps = k × 7.86 min at 60 km/h', () => {
    const m = createTravelTimeModel(data, simple);
    const row = m.timesFromComune(0);
    for (let k = 0; k < 5; k++) expect(row[k]).toBeCloseTo(k * KM_PER_STEP, 3);
    expect(m.timesFromComune(4)[0]).toBeCloseTo(row[4], 4);
  });

  it('uses density speeds and the detour factor', () => {
    // 1,000 residents on 10 km² = 100/km²: rural, 55 km/h by default, detour 1.3.
    const m = createTravelTimeModel(data, { ...DEFAULT_TRAVEL_ASSUMPTIONS });
    expect(m.timesFromComune(0)[1]).toBeCloseTo(((KM_PER_STEP * 1.3) / 55) * 60, 3);
    const dense = lineTerritory(5, 3, [1000, 100000, 1000, 1000, 1000]);
    const m2 = createTravelTimeModel(dense, { ...DEFAULT_TRAVEL_ASSUMPTIONS });
    // Half the edge at the urban 25 km/h, half at the rural 55 km/h.
    expect(m2.timesFromComune(0)[1]).toBeCloseTo(KM_PER_STEP * 1.3 * (0.5 / 55 + 0.5 / 25) * 60, 3);
  });

  it('adds the last mile inside the comune when intraComune is on', () => {
    const ctx = createTravelContext(data, { ...simple, intraComune: true });
    const t = ctx.travelToPoints(0);
    expect(t[0]).toBeCloseTo(meanInternalDistanceKm(10), 3);
    expect(t[2]).toBeCloseTo(2 * KM_PER_STEP + meanInternalDistanceKm(10), 3);
  });

  it('applies the night factor only at night', () => {
    const ctx = createTravelContext(data);
    expect(ctx.bandFactor('night')).toBe(DEFAULT_TRAVEL_ASSUMPTIONS.nightTravelFactor);
    expect(ctx.bandFactor('office')).toBe(1);
  });

  it('splits a large comune into k points with residents summing exactly', () => {
    const big = lineTerritory(5, 3, [1000, 70001, 1000, 1000, 1000], 40);
    const d = buildDemandPoints(big, { ...DEFAULT_TRAVEL_ASSUMPTIONS, splitLargeComuni: true, splitPoints: 4 });
    expect(d.count).toBe(8);
    expect(d.splitComuni).toEqual(['000002']);
    const pts = [...Array(d.firstOfComune[2] - d.firstOfComune[1]).keys()].map((m) => d.firstOfComune[1] + m);
    expect(pts.reduce((s, p) => s + d.residents[p], 0)).toBe(70001);
    for (const p of pts) expect(haversineKm(9.1, 45, d.lon[p], d.lat[p])).toBeCloseTo(meanInternalDistanceKm(40), 2);
    // On by default (one point for a comune of 1.4 M residents is false precision); off: one point per comune.
    expect(buildDemandPoints(big, DEFAULT_TRAVEL_ASSUMPTIONS).count).toBe(8);
    expect(buildDemandPoints(big, { ...DEFAULT_TRAVEL_ASSUMPTIONS, splitLargeComuni: false }).count).toBe(5);
  });

  it('validates assumptions with Italian messages', () => {
    expect(validateTravelAssumptions(DEFAULT_TRAVEL_ASSUMPTIONS)).toEqual([]);
    const errs = validateTravelAssumptions({ ...DEFAULT_TRAVEL_ASSUMPTIONS, urbanSpeedKmh: 0, detourFactor: 0.5 });
    expect(errs.join(' ')).toMatch(/Velocità media in contesto urbano/);
    expect(errs.join(' ')).toMatch(/tortuosità/);
    for (const info of Object.values(TRAVEL_ASSUMPTION_INFO)) expect(info.source).toMatch(/assunzione/);
  });
});

describe('OD matrix import', () => {
  const data = lineTerritory(5);

  it('replaces the estimate for the pairs it covers and keeps it elsewhere', () => {
    const csv = 'from_istat,to_istat,minutes\n000001,000003,3.5\n00001,00005,"12"\n';
    const od = parseOdMatrixCsv(csv, data);
    expect(od.ok).toBe(true);
    expect(od.errors).toEqual([]);
    expect(od.counts.accepted).toBe(2);
    expect(od.counts.missingPairs).toBe(5 * 4 - 2);
    expect(od.warnings.join(' ')).toMatch(/zeri iniziali/);
    const m = createTravelTimeModel(data, simple, od.matrix);
    expect(m.source).toBe('matrice-od');
    expect(m.timesFromComune(0)[2]).toBe(3.5);
    expect(m.timesFromComune(0)[4]).toBe(12);
    expect(m.timesFromComune(0)[1]).toBeCloseTo(KM_PER_STEP, 3);
  });

  it('reports every kind of bad row by row number and column, in Italian, and refuses the file', () => {
    const csv = [
      'from_istat,to_istat,minutes',
      '000001,000002,5', // ok (row 2)
      '000001,999999,5', // not a Lombard comune: skipped with a warning
      '000001,000003,-1', // negative
      '000001,000004,900', // absurd
      '000001,000005,abc', // non numeric
      '000001,000002,6', // duplicate of row 2
      '000001', // malformed
      '000002,000003,0x1E', // hex: Number() would read 30
      '000002,000004,0b11', // binary: Number() would read 3
      '000002,000005,12,5', // decimal comma in a comma-separated file
      '000003,000004,1e2', // exponent
    ].join('\n');
    const od = parseOdMatrixCsv(csv, data);
    expect(od.ok).toBe(false);
    expect(od.matrix.pairs).toBe(0);
    expect(od.counts).toMatchObject({ rows: 11, accepted: 1, unknownCodes: 1, negative: 1, absurd: 1, nonNumeric: 4, duplicates: 1, malformed: 2 });
    const text = od.errors.join('\n');
    expect(od.errors[0]).toMatch(/^Matrice rifiutata: 9 righe non valide/);
    expect(od.warnings.join('\n')).toMatch(/riga 3: to_istat "999999" non è un comune lombardo/);
    expect(text).toMatch(/riga 4: minutes "-1" negativo/);
    expect(text).toMatch(/riga 5: minutes 900 da 000001 a 000004 non plausibile/);
    expect(text).toMatch(/riga 6: minutes "abc" non è un numero/);
    expect(text).toMatch(/riga 7: coppia from_istat 000001 → to_istat 000002 già presente alla riga 2 con altri minutes/);
    expect(text).toMatch(/riga 8: 1 campi invece di 3/);
    expect(text).toMatch(/riga 9: minutes "0x1E" non è un numero decimale/);
    expect(text).toMatch(/riga 10: minutes "0b11" non è un numero decimale/);
    expect(text).toMatch(/riga 11: 4 campi invece di 3 \(una virgola decimale\?/);
    expect(text).toMatch(/riga 12: minutes "1e2" non è un numero di minuti/);
  });

  it('semicolon files take the decimal comma; "1.000" is ambiguous; UTF-16 is named', () => {
    const ok = parseOdMatrixCsv('from_istat;to_istat;minutes\n000001;000002;12,5\n', data);
    expect(ok.ok).toBe(true);
    expect(ok.matrix.rows.get(0)?.get(1)).toBe(12.5);
    const thousands = parseOdMatrixCsv('from_istat;to_istat;minutes\n000001;000002;1.000\n', data);
    expect(thousands.ok).toBe(false);
    expect(thousands.errors.join('\n')).toMatch(/riga 2: minutes "1\.000" con separatore delle migliaia: ambiguo/);
    const text = 'from_istat,to_istat,minutes\n000001,000002,5\n';
    const le = new Uint8Array([0xff, 0xfe, ...[...text].flatMap((ch) => [ch.charCodeAt(0), 0])]);
    expect(parseOdMatrixCsv(le, data).errors[0]).toMatch(/^riga 1: il file è in UTF-16/);
    // The same bytes read by File.text() as UTF-8 (what the browser gives the app).
    expect(parseOdMatrixCsv(new TextDecoder().decode(le), data).errors[0]).toMatch(/^riga 1: il file è in UTF-16/);
    const noBom = new TextDecoder().decode(le.slice(2));
    expect(parseOdMatrixCsv(noBom, data).errors[0]).toMatch(/^riga 1: il file è in UTF-16/);
  });

  it('rejects a wrong header and a file without valid rows', () => {
    const bad = parseOdMatrixCsv('da,a,minuti\n000001,000002,5', data);
    expect(bad.ok).toBe(false);
    expect(bad.errors[0]).toMatch(/riga 1: intestazione non valida/);
    const none = parseOdMatrixCsv('from_istat,to_istat,minutes\n000001,999999,5', data);
    expect(none.ok).toBe(false);
    expect(none.errors[0]).toMatch(/Nessuna riga valida/);
  });
});

describe('travel model on the real Lombardy data', () => {
  const data = loadTerritoryData();
  const ctx = createTravelContext(data);
  const milano = data.comuni.findIndex((c) => c.istat === '015146');
  const rho = data.comuni.findIndex((c) => c.istat === '015182');

  it('reaches every comune from Milano with a finite time, the exclave of Campione included', () => {
    const row = ctx.model.timesFromComune(milano);
    expect(row.every((t) => Number.isFinite(t) && t >= 0)).toBe(true);
    const campione = data.comuni.findIndex((c) => c.name === "Campione d'Italia");
    expect(data.adjacency[campione]).toEqual([]);
    expect(row[campione]).toBeGreaterThan(0);
  });

  it('gives plausible orders of magnitude (Milano → Rho, Milano → Livigno)', () => {
    const row = ctx.model.timesFromComune(milano);
    expect(row[rho]).toBeGreaterThan(10);
    expect(row[rho]).toBeLessThan(45);
    const livigno = data.comuni.findIndex((c) => c.name === 'Livigno');
    expect(row[livigno]).toBeGreaterThan(150);
    // The graph path is never shorter than the straight line at the fastest speed.
    const km = haversineKm(...data.comuni[milano].point, ...data.comuni[livigno].point);
    expect(row[livigno]).toBeGreaterThanOrEqual((km / DEFAULT_TRAVEL_ASSUMPTIONS.ruralSpeedKmh) * 60);
  });

  it('splits the comuni over 50,000 residents or 100 km² into 4 points by default, all residents counted', () => {
    const split = data.comuni.filter((c) => c.residents > 50000 || c.areaKm2 > 100);
    expect(split.length).toBe(26);
    expect(ctx.demand.splitComuni.length).toBe(26);
    expect(ctx.demand.count).toBe(data.comuni.length + 3 * 26);
    const total = data.comuni.reduce((s, c) => s + c.residents, 0);
    expect(ctx.demand.residents.reduce((s, r) => s + r, 0)).toBe(total);
  });
});
