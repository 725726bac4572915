// The OD decoder and reader at the edges the other OD tests leave open: the size cap to the byte
// and its message, anchors of the patterns (a BOM, a minus or a code in the middle of a field),
// lines counted up to the character named, fields trimmed, the 50-error cap, the 600-minute limit.
import { describe, expect, it } from 'vitest';
import { lineTerritory } from '../../src/core/sim/synthetic.ts';
import { decodeOdText, MAX_OD_BYTES, OD_ABSURD_MINUTES, parseOdMatrixCsv } from '../../src/core/travel/index.ts';

const data = lineTerritory(5);
const head = 'from_istat,to_istat,minutes\n';
const read = (text: string) => parseOdMatrixCsv(text, data);
const error = (input: string | Uint8Array): string => {
  const r = decodeOdText(input);
  return r.ok ? 'ok' : r.errors.join(' | ');
};

describe('OD decoding: size, marks and the line of a bad character', () => {
  it('exactly the cap passes; a quarter of a megabyte over it is named with one decimal', () => {
    expect(MAX_OD_BYTES).toBe(50 * 1024 * 1024);
    expect(decodeOdText('a'.repeat(MAX_OD_BYTES)).ok).toBe(true);
    expect(error('a'.repeat(MAX_OD_BYTES + 256 * 1024))).toBe('(file): troppo grande (50,3 MB): il limite per una matrice OD è 50 MB');
    expect(error(new Uint8Array(MAX_OD_BYTES + 1))).toBe('(file): troppo grande (50 MB): il limite per una matrice OD è 50 MB');
  });

  it('a byte-order mark counts only at the very start', () => {
    expect(error('ab\uFEFFc\u0000')).toBe('riga 1: carattere NUL: il file non è un CSV di testo');
    expect(error('\uFFFEa\u0000')).toMatch(/UTF-16/);
    expect(error(new Uint8Array([0x61, 0xff]))).toBe('riga 1: codifica non valida, il file non è UTF-8 (salvarlo come "CSV UTF-8")');
    expect(error(new Uint8Array([0xfe, 0xff, 0x00, 0x61]))).toMatch(/UTF-16/);
  });

  it('a NUL as the first character; the line of a NUL or a U+FFFD is the one it is on', () => {
    expect(error('\u0000abc')).toBe('riga 1: carattere NUL: il file non è un CSV di testo');
    expect(error('a\nb\u0000\nc')).toBe('riga 2: carattere NUL: il file non è un CSV di testo');
    expect(error('a\n\nb\uFFFD\nc')).toBe('riga 3: carattere sostitutivo U+FFFD: codifica danneggiata (salvarlo come UTF-8)');
  });

  it('UTF-16 without a mark: more than ten pieces between NULs in the first 40 characters', () => {
    expect(error('a\u0000'.repeat(9))).toBe('riga 1: carattere NUL: il file non è un CSV di testo');
    expect(error('a\u0000'.repeat(10))).toMatch(/UTF-16/);
    // NULs after the first 40 characters do not count.
    expect(error(`${'a\u0000'.repeat(5)}${'x'.repeat(40)}${'\u0000'.repeat(10)}`)).toBe('riga 1: carattere NUL: il file non è un CSV di testo');
  });
});

describe('OD reading: anchors, trimming and caps', () => {
  it('semicolon files take whole minutes too', () => {
    expect(read('from_istat;to_istat;minutes\n000001;000002;12\n').matrix.rows.get(0)?.get(1)).toBe(12);
  });

  it('a minus inside the field is not a negative number', () => {
    const r = read(`${head}000001,000002,1-2\n`);
    expect(r.counts).toMatchObject({ negative: 0, nonNumeric: 1 });
    expect(r.errors[1]).toBe('riga 2: minutes "1-2" non è un numero di minuti (solo cifre, decimali con il punto (es. 12.5))');
  });

  it('the thousands message only for semicolon files, and only with digits after the decimal comma', () => {
    expect(read(`${head}000001,000002,1.000.000\n`).errors[1]).toBe('riga 2: minutes "1.000.000" non è un numero di minuti (solo cifre, decimali con il punto (es. 12.5))');
    expect(read('from_istat;to_istat;minutes\n000001;000002;1.000,25\n').errors[1]).toMatch(/^riga 2: minutes "1\.000,25" con separatore delle migliaia/);
  });

  it('long values are quoted up to 40 characters, a long header up to 80', () => {
    const long = '9'.repeat(50);
    expect(read(`${head}000001,000002,x${long}\n`).errors[1]).toBe(`riga 2: minutes "x${'9'.repeat(39)}" non è un numero di minuti (solo cifre, decimali con il punto (es. 12.5))`);
    expect(read(`${head}x${long},000002,5\n`).errors[1]).toBe(`riga 2: from_istat "x${'9'.repeat(39)}" non è un codice ISTAT (6 cifre)`);
    const header = `from_istat,to_istat,${'m'.repeat(100)}`;
    expect(read(`${header}\n000001,000002,5\n`).errors).toEqual([`riga 1: intestazione non valida ("${header.slice(0, 80)}"); attese le colonne from_istat,to_istat,minutes`]);
  });

  it('to_istat as the first column; a header with an unclosed quote is not a header', () => {
    expect(read('to_istat,from_istat,minutes\n000002,000001,5\n').matrix.rows.get(0)?.get(1)).toBe(5);
    expect(read('"from_istat,to_istat,minutes\n000001,000002,5\n').errors[0]).toMatch(/^riga 1: intestazione non valida/);
  });

  it('lines of blanks are skipped; blanks around fields are trimmed', () => {
    const r = read(`${head}   \n 000001 , 000002 , 5 \n`);
    expect(r.ok).toBe(true);
    expect(r.counts.rows).toBe(1);
    expect(r.matrix.rows.get(0)?.get(1)).toBe(5);
  });

  it('an unclosed quote in a row and a code with a letter or a seventh digit are malformed rows', () => {
    expect(read(`${head}"000001,000002,5\n`).counts).toMatchObject({ rows: 1, malformed: 1 });
    const r = read(`${head}a000001,000002,5\n0000012,000002,5\n000001,000002x,5\n`);
    expect(r.counts).toMatchObject({ rows: 3, malformed: 3, unknownCodes: 0 });
    expect(r.errors.slice(1)).toEqual([
      'riga 2: from_istat "a000001" non è un codice ISTAT (6 cifre)',
      'riga 3: from_istat "0000012" non è un codice ISTAT (6 cifre)',
      'riga 4: to_istat "000002x" non è un codice ISTAT (6 cifre)',
    ]);
  });

  it('rows with quotes go through the CSV parser: its messages, an empty quoted row, a lone carriage return', () => {
    expect(read(`${head}"000001,000002,5\n`).errors[1]).toBe('riga 2: virgolette aperte e mai chiuse');
    expect(read(`${head}"000001"x,000002,5\n`).errors[1]).toBe('riga 2: caratteri dopo la chiusura delle virgolette');
    expect(read(`${head}""\n`).errors[1]).toBe('riga 2: 0 campi invece di 3');
    // A carriage return alone inside a row (no line feed after it) refuses the row, quotes or not
    // (with quotes the CSV parser used to end the row there: "5\r7" was read as 5 minutes).
    expect(read(`${head}000001,000002,5\r7\n`).errors[1]).toBe('riga 2: minutes "5\r7" non è un numero di minuti (solo cifre, decimali con il punto (es. 12.5))');
    const cr = read(`${head}"000001",000002,5\r7\n`);
    expect(cr.counts).toMatchObject({ accepted: 0, malformed: 1 });
    expect(cr.errors[1]).toBe('riga 2: ritorno a capo (CR) isolato dentro la riga');
    // Inside quotes it is part of the field; a CR ending the row is dropped with the line feed.
    expect(read(`${head}"000001",000002,"5\r7"\n`).errors[1]).toMatch(/^riga 2: minutes "5\r7" non è un numero/);
    expect(read(`${head}"000001",000002,5\r\n`).matrix.rows.get(0)?.get(1)).toBe(5);
  });

  it('600 minutes is the last plausible value', () => {
    expect(OD_ABSURD_MINUTES).toBe(600);
    expect(read(`${head}000001,000002,600\n`).matrix.rows.get(0)?.get(1)).toBe(600);
    expect(read(`${head}000001,000002,600.000001\n`).counts.absurd).toBe(1);
  });

  it('exactly 50 bad rows are all listed, with no "more" line; 51 add it', () => {
    const bad = (k: number) => head + Array.from({ length: k }, () => '000001,000002,x').join('\n');
    const fifty = read(bad(50)).errors;
    expect(fifty).toHaveLength(51);
    expect(fifty[0]).toBe('Matrice rifiutata: 50 righe non valide (solo numeri decimali nel formato documentato); nessuna coppia applicata');
    const more = read(bad(51)).errors;
    expect(more).toHaveLength(52);
    expect(more[51]).toBe('… e altre 1 righe con errori');
  });
});
