// Hand-checkable details of src/core/travel that the model tests pass through: every validation
// message word for word, the density thresholds at their boundary, the sphere (1° of latitude =
// 111.195 km on the mean radius 6,371.0088 km), shortest paths against a brute force, the cached
// context, and the OD decoder's and reader's messages and warnings.
import { describe, expect, it } from 'vitest';
import { lineTerritory } from '../../src/core/sim/synthetic.ts';
import {
  buildGraph, cachedTravelContext, createTravelContext, createTravelTimeModel, decodeOdText, DEFAULT_TRAVEL_ASSUMPTIONS, destinationPoint, dijkstra, haversineKm,
  MAX_OD_BYTES, meanInternalDistanceKm, parseOdMatrixCsv, shouldSplit, speedKmhForDensity, validateTravelAssumptions, type TravelAssumptions,
} from '../../src/core/travel/index.ts';

const A = DEFAULT_TRAVEL_ASSUMPTIONS;
const DEG_KM = (6371.0088 * Math.PI) / 180; // 111.195 km

describe('travel assumptions', () => {
  it('names each invalid value, in order, with its value', () => {
    expect(validateTravelAssumptions({ ...A, urbanSpeedKmh: 0, detourFactor: 0.5 })).toEqual([
      'Velocità media in contesto urbano: deve essere un numero positivo (valore: 0)',
      'Fattore di tortuosità (strada ÷ linea d’aria): non può essere minore di 1 (valore: 0.5)',
    ]);
    expect(validateTravelAssumptions({ ...A, nightTravelFactor: Number.NaN, ruralSpeedKmh: Infinity, suburbanSpeedKmh: '40' as unknown as number })).toEqual([
      'Velocità media in contesto suburbano: deve essere un numero positivo (valore: 40)',
      'Velocità media in contesto rurale: deve essere un numero positivo (valore: Infinity)',
      'Fattore sui tempi di viaggio di notte: deve essere un numero positivo (valore: NaN)',
    ]);
    expect(validateTravelAssumptions({ ...A, detourFactor: -1 })).toEqual([
      'Fattore di tortuosità (strada ÷ linea d’aria): deve essere un numero positivo (valore: -1)',
      'Fattore di tortuosità (strada ÷ linea d’aria): non può essere minore di 1 (valore: -1)',
    ]);
    expect(validateTravelAssumptions({ ...A, suburbanDensityPerKm2: 1501 })).toEqual(['La soglia suburbana non può superare la soglia urbana']);
    for (const splitPoints of [0, 33, 2.5]) expect(validateTravelAssumptions({ ...A, splitPoints })).toEqual([`Numero di punti per comune suddiviso: intero tra 1 e 32 (valore: ${splitPoints})`]);
  });
  it('accepts the boundaries: detour 1, equal thresholds, 1 and 32 points', () => {
    for (const over of [{ detourFactor: 1 }, { suburbanDensityPerKm2: 1500 }, { splitPoints: 1 }, { splitPoints: 32 }]) expect(validateTravelAssumptions({ ...A, ...over })).toEqual([]);
  });
  it('speed by density: a threshold belongs to the denser class', () => {
    expect([speedKmhForDensity(1500, A), speedKmhForDensity(1499.9, A), speedKmhForDensity(300, A), speedKmhForDensity(299.9, A)]).toEqual([25, 40, 40, 55]);
  });
  it('splits strictly over the thresholds, only with more than one point', () => {
    expect([shouldSplit(50000, 100, A), shouldSplit(50001, 1, A), shouldSplit(1, 100.1, A)]).toEqual([false, true, true]);
    expect(shouldSplit(1e6, 1e3, { ...A, splitPoints: 1 })).toBe(false);
    expect(shouldSplit(1e6, 1e3, { ...A, splitLargeComuni: false })).toBe(false);
  });
  it('the mean last mile is 2/3 of the radius of the disc of equal area (0 for no area)', () => {
    expect(meanInternalDistanceKm(Math.PI * 9)).toBeCloseTo(2, 12);
    expect(meanInternalDistanceKm(-4)).toBe(0);
  });
});

describe('sphere', () => {
  it('one degree of latitude or of longitude at the equator is 111.195 km, either way round', () => {
    expect(haversineKm(9, 45, 9, 46)).toBeCloseTo(DEG_KM, 9);
    expect(haversineKm(0, 0, 1, 0)).toBeCloseTo(DEG_KM, 9);
    expect(haversineKm(9, 46, 9, 45)).toBeCloseTo(DEG_KM, 9);
    // At 60° N a degree of longitude is about half as long.
    expect(haversineKm(0, 60, 1, 60)).toBeCloseTo(DEG_KM * Math.cos(Math.PI / 3), 1);
    expect(haversineKm(0, 0, 180, 0)).toBeCloseTo(DEG_KM * 180, 6);
  });
  it('destinationPoint walks the bearing, rounded to 1e-5°', () => {
    expect(destinationPoint(9, 45, DEG_KM, 0)).toEqual([9, 46]);
    expect(destinationPoint(0, 0, DEG_KM, 90)).toEqual([1, 0]);
    expect(destinationPoint(0, 0, DEG_KM, 180)).toEqual([0, -1]);
    expect(destinationPoint(0, 0, DEG_KM, 270).map((x) => x + 0)).toEqual([-1, 0]); // + 0 turns -0 into 0
  });
});

describe('shortest paths', () => {
  // 40 nodes on a ring with chords every 7 (weights 1…), node 40 isolated: more pushes than the heap's first 16 slots.
  const n = 41;
  const adjacency: number[][] = Array.from({ length: n }, () => []);
  const w = new Map<string, number>();
  const link = (i: number, j: number, x: number) => {
    adjacency[i]!.push(j);
    adjacency[j]!.push(i);
    w.set(`${i}>${j}`, x);
    w.set(`${j}>${i}`, x);
  };
  for (let i = 0; i < 40; i++) link(i, (i + 1) % 40, 1 + (i % 5));
  for (let i = 0; i < 40; i += 7) link(i, (i + 20) % 40, 3);
  const g = buildGraph(adjacency, (i, j) => w.get(`${i}>${j}`)!);

  it('builds the CSR arrays in node order', () => {
    expect(g.offsets[0]).toBe(0);
    expect(g.offsets[n]).toBe(g.targets.length);
    expect(Array.from(g.targets.slice(g.offsets[1]!, g.offsets[2]!))).toEqual(adjacency[1]);
    expect(Array.from(g.weights.slice(g.offsets[1]!, g.offsets[2]!))).toEqual(adjacency[1]!.map((j) => w.get(`1>${j}`)));
  });

  it('equals Floyd–Warshall from every source; the isolated node is unreachable', () => {
    const d = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 0 : w.get(`${i}>${j}`) ?? Infinity)));
    for (let k = 0; k < n; k++) for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (d[i]![k]! + d[k]![j]! < d[i]![j]!) d[i]![j] = d[i]![k]! + d[k]![j]!;
    for (let s = 0; s < n; s++) expect(Array.from(dijkstra(g, s))).toEqual(d[s]);
  });
});

describe('travel context', () => {
  const data = lineTerritory(5);
  const simple: TravelAssumptions = { ...A, detourFactor: 1, urbanSpeedKmh: 60, suburbanSpeedKmh: 60, ruralSpeedKmh: 60, intraComune: false };
  const step = haversineKm(9, 45, 9.1, 45);

  it('a base off its comune\'s point pays the access to it; rows are cached unless keep is false', () => {
    const ctx = createTravelContext(data, simple);
    const off = ctx.travelToPoints(0, [9, 45.1]);
    const access = haversineKm(9, 45.1, 9, 45);
    expect(off[0]).toBeCloseTo(access, 4); // its own comune: straight to the point
    expect(off[2]).toBeCloseTo(access + 2 * step, 3);
    expect(ctx.travelToPoints(0, [9, 45.1])).toBe(off);
    expect(ctx.travelToPoints(0)).not.toBe(off);
    expect(ctx.travelToPoints(0)).toBe(ctx.travelToPoints(0));
    const once = ctx.travelToPoints(1, undefined, false);
    expect(ctx.travelToPoints(1, undefined, false)).not.toBe(once);
    expect(Array.from(ctx.travelToPoints(1, undefined, false))).toEqual(Array.from(once));
  });

  it('timeMin: inside one comune the straight line, otherwise access + graph + access', () => {
    const m = createTravelTimeModel(data, simple);
    expect(m.timeMin({ comune: 0, point: [9, 45] }, { comune: 0, point: [9, 45.1] })).toBeCloseTo(haversineKm(9, 45, 9, 45.1), 6);
    expect(m.timeMin({ comune: 0, point: [9, 45.1] }, { comune: 2, point: [9.2, 45] })).toBeCloseTo(haversineKm(9, 45.1, 9, 45) + 2 * step, 3);
    expect(m.source).toBe('stima');
  });

  it('the cached context validates, reuses the same context for the same assumptions, and rebuilds on an OD change', async () => {
    const c = cachedTravelContext(async () => data);
    await expect(c.context({ urbanSpeedKmh: -1 })).rejects.toThrow('Ipotesi di viaggio non valide: Velocità media in contesto urbano: deve essere un numero positivo (valore: -1)');
    const a = await c.context();
    expect(a.assumptions).toEqual(A);
    expect(await c.context({})).toBe(a);
    const b = await c.context({ nightTravelFactor: 0.5 });
    expect(b).not.toBe(a);
    expect(b.assumptions.nightTravelFactor).toBe(0.5);
    const refused = await c.importOd('from_istat,to_istat,minutes\n000001,000002,abc\n');
    expect(refused.ok).toBe(false);
    // One context is kept (the last): a refused file does not rebuild it.
    expect(await c.context({ nightTravelFactor: 0.5 })).toBe(b);
    const accepted = await c.importOd('from_istat,to_istat,minutes\n000001,000002,9\n');
    expect(accepted).not.toHaveProperty('matrix');
    const withOd = await c.context({ nightTravelFactor: 0.5 });
    expect(withOd).not.toBe(b);
    expect(withOd.model.source).toBe('matrice-od');
    expect(withOd.model.timesFromComune(0)[1]).toBe(9);
    c.clearOd();
    const after = await c.context({ nightTravelFactor: 0.5 });
    expect(after).not.toBe(withOd);
    expect(after.model.source).toBe('stima');
  });
});

describe('OD decoding', () => {
  const utf16 = 'riga 1: il file è in UTF-16, non in UTF-8: salvarlo come "CSV UTF-8" (Excel) o UTF-8 (editor di testo)';
  it('refuses what is not UTF-8 text, saying why and where', () => {
    expect(decodeOdText(new Uint8Array(MAX_OD_BYTES + 1))).toEqual({ ok: false, errors: ['(file): troppo grande (50 MB): il limite per una matrice OD è 50 MB'] });
    expect(decodeOdText(new Uint8Array([0xfe, 0xff, 0, 0x61]))).toEqual({ ok: false, errors: [utf16] });
    expect(decodeOdText(new Uint8Array([0x61, 0xc3, 0x28]))).toEqual({ ok: false, errors: ['riga 1: codifica non valida, il file non è UTF-8 (salvarlo come "CSV UTF-8")'] });
    expect(decodeOdText('a\nb\nc\u0000d')).toEqual({ ok: false, errors: ['riga 3: carattere NUL: il file non è un CSV di testo'] });
    expect(decodeOdText('a\n\uFFFDb')).toEqual({ ok: false, errors: ['riga 2: carattere sostitutivo U+FFFD: codifica danneggiata (salvarlo come UTF-8)'] });
  });
  it('drops a UTF-8 byte-order mark, from bytes or from text', () => {
    expect(decodeOdText(new Uint8Array([0xef, 0xbb, 0xbf, 0x61]))).toEqual({ ok: true, text: 'a' });
    expect(decodeOdText('\uFEFFa')).toEqual({ ok: true, text: 'a' });
  });
});

describe('OD reading: warnings and messages', () => {
  const data = lineTerritory(5);
  const head = 'from_istat,to_istat,minutes\n';
  it('a clean full matrix: every pair, no missing-pair warning; the diagonal does not count as a pair', () => {
    const rows: string[] = [];
    for (let i = 1; i <= 5; i++) for (let j = 1; j <= 5; j++) rows.push(`00000${i},00000${j},${i === j ? 0 : 10 * i + j}`);
    const od = parseOdMatrixCsv(head + rows.join('\n'), data);
    expect(od.ok).toBe(true);
    expect(od.counts).toMatchObject({ rows: 25, accepted: 25, missingPairs: 0 });
    expect(od.warnings).toEqual([]);
    expect(od.matrix.pairs).toBe(25);
    expect(od.matrix.rows.get(2)?.get(4)).toBe(35);
  });
  // Ten rows with comuni outside Lombardy are listed, then their total (a post-increment used to
  // count every one as listed, so the total never appeared).
  it('repeated pairs with the same minutes, unknown comuni beyond ten, and missing pairs are counted in warnings', () => {
    const unknown = Array.from({ length: 12 }, (_, k) => `0000${String(10 + k)},000001,5`);
    const od = parseOdMatrixCsv(`${head}000001,000002,5\n000001,000002,5\n${unknown.join('\n')}\n`, data);
    expect(od.ok).toBe(true);
    expect(od.warnings.slice(10)).toEqual([
      '12 righe in tutto con comuni non lombardi: ignorate',
      '1 righe ripetono una coppia già presente con gli stessi minuti: ignorate',
      '19 coppie di comuni non presenti nella matrice: per queste resta la stima',
    ]);
    expect(od.warnings[0]).toBe('riga 4: from_istat "000010" non è un comune lombardo dell\'elenco 2024: riga ignorata');
    expect(od.warnings).toHaveLength(13);
    expect(od.counts).toMatchObject({ unknownCodes: 12, duplicates: 1, accepted: 1 });
  });
  it('both codes unknown are named together', () => {
    const od = parseOdMatrixCsv(`${head}000001,000002,5\n999998,999999,5\n`, data);
    expect(od.warnings[0]).toBe('riga 3: from_istat "999998" e to_istat "999999" non è un comune lombardo dell\'elenco 2024: riga ignorata');
  });
  it('names a bad code, an empty or wrongly separated minutes, an unclosed quote, and caps the list at 50', () => {
    const one = (line: string, h = head) => parseOdMatrixCsv(`${h}${line}\n`, data).errors.slice(1);
    expect(one('abc,000002,5')).toEqual(['riga 2: from_istat "abc" non è un codice ISTAT (6 cifre)']);
    expect(one('000001,x1,5')).toEqual(['riga 2: to_istat "x1" non è un codice ISTAT (6 cifre)']);
    expect(one('000001,000002,')).toEqual(['riga 2: minutes vuoto']);
    expect(one('000001;000002;12.5', 'from_istat;to_istat;minutes\n')).toEqual(['riga 2: minutes "12.5": in un file separato da ";" i decimali vanno con la virgola (es. 12,5)']);
    expect(one('000001,000002,"5')).toEqual(['riga 2: virgolette aperte e mai chiuse']);
    const many = parseOdMatrixCsv(head + Array.from({ length: 53 }, () => '000001,000002,x').join('\n'), data);
    expect(many.errors[0]).toBe('Matrice rifiutata: 53 righe non valide (solo numeri decimali nel formato documentato); nessuna coppia applicata');
    expect(many.errors).toHaveLength(52);
    expect(many.errors[51]).toBe('… e altre 3 righe con errori');
  });
  it('reads tab-separated files with the decimal point, and quoted fields', () => {
    const od = parseOdMatrixCsv('from_istat\tto_istat\tminutes\n000001\t000002\t7.5\n"000002"\t"000003"\t"8"\n', data);
    expect(od.ok).toBe(true);
    expect([od.matrix.rows.get(0)?.get(1), od.matrix.rows.get(1)?.get(2)]).toEqual([7.5, 8]);
  });
});

describe('OD reading: header, fields and numbers at their edges', () => {
  const data = lineTerritory(5);
  const errs = (text: string) => parseOdMatrixCsv(text, data).errors;
  it('columns in any order and case; a missing one refuses the file, quoting the header', () => {
    const od = parseOdMatrixCsv(' MINUTES ,To_Istat,from_istat\n7,000002,000001\n', data);
    expect(od.matrix.rows.get(0)?.get(1)).toBe(7);
    expect(errs('from_istat,minutes\n000001,5\n')).toEqual(['riga 1: intestazione non valida ("from_istat,minutes"); attese le colonne from_istat,to_istat,minutes']);
    expect(errs('to_istat,minutes\n000001,5\n')[0]).toMatch(/^riga 1: intestazione non valida/);
    expect(errs('from_istat,to_istat\n000001,000002\n')[0]).toMatch(/^riga 1: intestazione non valida/);
  });
  it('the decimal-comma hint only for too many fields in a comma file', () => {
    expect(errs('from_istat,to_istat,minutes\n000001,000002\n')[1]).toBe('riga 2: 2 campi invece di 3');
    expect(errs('from_istat;to_istat;minutes\n000001;000002;5;6\n')[1]).toBe('riga 2: 4 campi invece di 3');
  });
  it('codes without leading zeros are completed on either side and counted', () => {
    expect(parseOdMatrixCsv('from_istat,to_istat,minutes\n1,000002,5\n', data).warnings).not.toContain('1 righe con codici ISTAT senza zeri iniziali: completati a 6 cifre');
    expect(parseOdMatrixCsv('from_istat,to_istat,minutes\n00001,000002,5\n', data).warnings).toContain('1 righe con codici ISTAT senza zeri iniziali: completati a 6 cifre');
    expect(parseOdMatrixCsv('from_istat,to_istat,minutes\n000001,00002,5\n', data).warnings).toContain('1 righe con codici ISTAT senza zeri iniziali: completati a 6 cifre');
  });
  it('minutes: up to 4 digits and 6 decimals; thousands and decimal separators named only where they are the problem', () => {
    const read = (m: string, sep = ',') => parseOdMatrixCsv(`from_istat${sep}to_istat${sep}minutes\n000001${sep}000002${sep}${m}\n`, data);
    expect(read('12.123456').matrix.rows.get(0)?.get(1)).toBe(12.123456);
    expect(read('12,123456', ';').matrix.rows.get(0)?.get(1)).toBe(12.123456);
    expect(read('1.000').matrix.rows.get(0)?.get(1)).toBe(1);
    expect(read('12.1234567').errors[1]).toBe('riga 2: minutes "12.1234567" non è un numero di minuti (solo cifre, decimali con il punto (es. 12.5))');
    expect(read('12345').errors[1]).toBe('riga 2: minutes "12345" non è un numero di minuti (solo cifre, decimali con il punto (es. 12.5))');
    expect(read('1.000.000', ';').errors[1]).toBe('riga 2: minutes "1.000.000" con separatore delle migliaia: ambiguo, scrivere il numero senza punti e con la virgola (es. 12,5) per i decimali');
    expect(read('12.345,5', ';').errors[1]).toMatch(/con separatore delle migliaia/);
    expect(read('1234.000', ';').errors[1]).toBe('riga 2: minutes "1234.000": in un file separato da ";" i decimali vanno con la virgola (es. 12,5)');
    expect(read('x1.000', ';').errors[1]).toMatch(/non è un numero di minuti/);
    expect(read('1.000x', ';').errors[1]).toMatch(/non è un numero di minuti/);
    expect(read('1.00', ';').errors[1]).toMatch(/i decimali vanno con la virgola/);
  });
});

describe('OD decoding at its edges', () => {
  it('a text over the size cap is refused before anything else', () => {
    expect(decodeOdText('a'.repeat(MAX_OD_BYTES + 1)).ok).toBe(false);
    expect(decodeOdText('a'.repeat(1000)).ok).toBe(true);
  });
  it('UTF-16 only with its byte-order marks; other high bytes are invalid UTF-8', () => {
    for (const bytes of [[0xff, 0x61], [0xfe, 0x61], [0x61, 0xfe]]) expect(decodeOdText(new Uint8Array(bytes))).toEqual({ ok: false, errors: ['riga 1: codifica non valida, il file non è UTF-8 (salvarlo come "CSV UTF-8")'] });
    expect(decodeOdText(new Uint8Array([0xff, 0xfe, 0x61, 0x00]))).toMatchObject({ ok: false, errors: [expect.stringMatching(/UTF-16/)] });
    // Text that starts like a misread UTF-16 file but has no NUL early on is not UTF-16.
    expect(decodeOdText('\uFEFFabc')).toEqual({ ok: true, text: 'abc' });
    expect(decodeOdText(`\uFFFD\uFFFD${'x'.repeat(300)}\u0000`).ok).toBe(false);
    expect((decodeOdText(`\uFFFD\uFFFD${'x'.repeat(300)}\u0000`) as { errors: string[] }).errors[0]).toMatch(/^riga 1: carattere NUL/);
    expect((decodeOdText('\uFFFD\uFFFDa\u0000b') as { errors: string[] }).errors[0]).toMatch(/UTF-16/);
  });
  it('a NUL near the start is UTF-16 only when NULs are every other character', () => {
    const every = 'f\u0000r\u0000o\u0000m\u0000_\u0000i\u0000s\u0000t\u0000a\u0000t\u0000,\u0000t\u0000';
    expect((decodeOdText(every) as { errors: string[] }).errors[0]).toMatch(/UTF-16/);
    expect((decodeOdText('ab\u0000c') as { errors: string[] }).errors[0]).toBe('riga 1: carattere NUL: il file non è un CSV di testo');
    expect((decodeOdText(`abcd${'\u0000x'.repeat(20)}`) as { errors: string[] }).errors[0]).toBe('riga 1: carattere NUL: il file non è un CSV di testo');
    expect((decodeOdText('\uFFFDabc') as { errors: string[] }).errors[0]).toBe('riga 1: carattere sostitutivo U+FFFD: codifica danneggiata (salvarlo come UTF-8)');
  });
});
