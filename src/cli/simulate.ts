// Node CLI over the same core as the worker, for batch use and reproducibility:
//   npm run --silent simulate -- (--scenario <file.json> | --example | --layout <file.json>) [--json]
//        [--seed N] [--replications N] [--horizon-days N] [--band office|closure|night|saturday|holiday]
//        [--target MIN] [--od matrix.csv]
//   npm run --silent simulate -- (--scenario <file.json> | --example) --optimise <pisId>
//        [--objective median|center|cover] [--k N] [--target MIN] [--time-limit S]
// A scenario file is validated exactly as the app's import; --example is the bundled illustrative
// scenario. runSimulationCli(layout, options) does the work.
import { cbcRunner, findCbc } from './cbc.ts';
import { readFileSync, statSync } from 'node:fs';
import { decodeOdText, MAX_OD_BYTES } from '../core/travel/odMatrix.ts';
import { readServiceLayout } from '../core/scenario/layoutInput.ts';
import { fileURLToPath } from 'node:url';
import { createSimulationApi, type OdImportReport } from '../core/sim/api.ts';
import { TIME_BANDS, type ServiceLayout, type TimeBand } from '../core/sim/layout.ts';
import { DEFAULT_RESPONSE_ASSUMPTIONS, TIME_BAND_LABELS } from '../core/coverage/assumptions.ts';
import { unreachableThresholds } from '../core/des/caveats.ts';
import { caveatLines, demandLines, simulationLines } from './simText.ts';
import type { TerritoryData } from '../core/territory/types.ts';
import { createTerritory } from '../core/territory/index.ts';
import { defaultScenario, H24_REASON_LABELS, H24_STATUS_LABELS, illustrativeScenario, importScenarioJson, layoutCompliance, toServiceLayout, type Scenario, type ScenarioCompliance } from '../core/scenario/index.ts';
import { LEGAL_OUTCOME_LABELS, type Rule50kEntry } from '../core/rule50k/rule50k.ts';
import { formatFixed, formatInt, formatMinutes, formatPercentValue } from '../core/format/numbers.ts';
import { createOptimiseApi } from '../core/optimise/api.ts';
import type { HighsInstance } from '../core/optimise/mip.ts';
import type { SitingObjective } from '../core/optimise/siting.ts';

export interface CliOptions {
  seed?: number;
  replications?: number;
  horizonDays?: number;
  band?: TimeBand;
  targetMin?: number;
  /** CSV text of an OD matrix (from_istat,to_istat,minutes). */
  odCsv?: string;
  /** Territory data; defaults to geodata/generated/territory.json. */
  territory?: TerritoryData;
}

const territoryPath = fileURLToPath(new URL('../../geodata/generated/territory.json', import.meta.url));

/**
 * Rounds for output without losing small values: 3 decimals from 1 up (minutes, counts, shares
 * in %), 6 significant digits below 1, so a rate of 2.18e-4 per resident prints as 0.000218123,
 * not as 0 (fidelity §4 #24).
 */
export function roundForOutput(x: number): number {
  if (x === 0 || !Number.isFinite(x)) return x;
  if (Math.abs(x) >= 1) return Math.round(x * 1000) / 1000;
  return Number(x.toPrecision(6));
}

/** JSON-safe copy: typed arrays to arrays, non-finite numbers to null, numbers rounded (roundForOutput). */
export function toPlainJson(value: unknown): unknown {
  if (typeof value === 'number') return Number.isFinite(value) ? roundForOutput(value) : null;
  if (ArrayBuffer.isView(value)) return Array.from(value as unknown as ArrayLike<number>, (x) => toPlainJson(x));
  if (Array.isArray(value)) return value.map(toPlainJson);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toPlainJson(v)]));
  return value;
}

export async function runSimulationCli(layout: ServiceLayout, options: CliOptions = {}) {
  const data = options.territory ?? (JSON.parse(readFileSync(territoryPath, 'utf8')) as TerritoryData);
  const api = createSimulationApi({ loadTerritory: async () => data });
  let odMatrix: OdImportReport | null = null;
  if (options.odCsv !== undefined) {
    odMatrix = await api.importOdMatrix(options.odCsv);
    // A refused matrix stops the run: results on the estimate would be taken for the matrix's.
    if (!odMatrix.ok) throw new Error(`matrice OD rifiutata\n  ${odMatrix.errors.join('\n  ')}`);
  }
  const common = { band: options.band, targetMin: options.targetMin };
  const coverage = await api.coverage(layout, common);
  const rule = await api.rule50k(layout, common);
  const simulation = await api.simulate(layout, { seed: options.seed, replications: options.replications, horizonDays: options.horizonDays, targetMin: options.targetMin });
  // 24h/365 compliance of the roster, per PIS and per Ambito (sim/roster.ts).
  const compliance = layoutCompliance(layout, data);
  const { points: _points, comuni: comuneArrays, ...coverageRest } = coverage;
  const comuni = data.comuni.map((c, i) => {
    const s = comuneArrays.service[i];
    const r = comuneArrays.responseMin[i];
    return { istat_code: c.istat, name: c.name, pis: s >= 0 ? coverage.serviceIds[s] : null, residents: c.residents, responseMin: Number.isFinite(r) ? r : null };
  });
  return {
    illustrative: layout.illustrative,
    populationDate: data.populationDate,
    travelSource: coverage.travelSource,
    odMatrix,
    coverage: { ...coverageRest, comuni },
    compliance,
    rule50k: rule.comuni,
    rule50kSummary: {
      legalText: rule.legalText, legalSource: rule.legalSource, targetMin: rule.targetMin,
      /** Legal test (no time limit): pass / fail / non determinabile. */
      passCount: rule.passCount, failCount: rule.failCount, nonDeterminabileCount: rule.nonDeterminabileCount,
      /** Planning target (editable, not law). */
      targetMetCount: rule.targetMetCount, targetNotMetCount: rule.targetNotMetCount, targetUnknownCount: rule.targetUnknownCount,
    },
    simulation,
  };
}

/** `--help`: usage, then the caveats the UI shows next to the results (why the figures are what they are). */
export const HELP_TEXT = `Simulazione del Pronto Intervento Sociale (PIS) in Lombardia: copertura, regola dei 50.000, eventi discreti.

Uso:
  npm run --silent simulate -- (--example | --scenario <file.json> | --layout <file.json>) [opzioni]
  npm run --silent simulate -- (--example | --scenario <file.json>) --optimise <pisId> [--objective median|center|cover] [--k N]

Scenario:
  --example              lo scenario illustrativo incluso (NON sono dati reali: l'output lo dice)
  --documented           lo scenario «Dati documentati» incluso (solo fatti con fonte; il resto è sconosciuto)
  --scenario <file>      uno scenario esportato dall'app (validato come l'importazione dell'app)
  --layout <file>        un ServiceLayout grezzo (per i test)
Opzioni:
  --json                 tutti i risultati in JSON (numeri < 1 con 6 cifre significative)
  --seed N               seme della simulazione (predefinito 1: stesso seme, stesso risultato)
  --replications N       repliche (predefinito 30)
  --horizon-days N       giorni simulati per replica (predefinito 365)
  --band <fascia>        fascia della copertura e della regola: ${TIME_BANDS.join(', ')} (predefinita closure)
  --target MIN           obiettivo di pianificazione in minuti (predefinito 45; la scheda LEPS non fissa tempi)
  --od <file.csv>        matrice origine–destinazione from_istat,to_istat,minutes al posto della stima
  --optimise <pisId>     posizione esatta delle basi di un PIS (HiGHS), con il divario dell'euristica
  --objective, --k, --time-limit S   per --optimise
  --solver auto|cbc|highs  risolutore esatto di --optimise: CBC nativo se installato (auto, predefinito;
                         Debian: coinor-cbc), altrimenti HiGHS come nell'app; il p-centro usa sempre HiGHS
  -h, --help             questo testo

Da sapere prima di leggere i numeri:
  * Domanda: calibrata sul solo PIS di Rho (86 segnalazioni luglio 2023 – settembre 2025, un servizio che
    risponde nelle ore di chiusura dei servizi sociali): tasso per ora di chiusura, non sulle 24 ore; per tipo
    (emergenze: calamità, adulti/senza dimora, MSNA, non classificate; urgenze; non pertinenti). La parte
    "adulti in difficoltà e/o senza dimora" segue l'indicatore di grave marginalità (iscritti senza dimora
    ISTAT 2021 dove c'è il dato, altrimenti un valore per 1.000 residenti per capoluoghi, comuni > 50.000 e
    altri comuni, modificabile); la parte MSNA segue i minori stranieri non accompagnati presenti nella
    provincia (Ministero del Lavoro, 30/09/2023). Il tasso in orario d'ufficio è un'assunzione (predefinito: uguale).
  * Verifica fuori campione: la stessa calibrazione prevede per la Lomellina (febbraio – novembre 2023, ore di
    chiusura) il numero stampato sotto "Domanda", contro 27 attivazioni riferite dal gestore.
  * Tempi di risposta = triage + attivazione + viaggio stimato (grafo tra comuni, velocità per densità): sono
    assunzioni modificabili. La classe "entro 15 min" è vuota per costruzione quando triage + attivazione ≥ 15.
  * Gli intervalli al 95% misurano il rumore della simulazione tra repliche, non l'incertezza delle ipotesi.
  * Le chiamate in ore in cui il turno del PIS non prevede nessuno non sono tempi di risposta: sono contate a
    parte come scoperte dal turno; quelle gestite dai servizi territoriali in orario di apertura, pure.
  * "Saturazione" vuol dire coda in crescita (unità insufficienti); un PIS senza basi è "nessuna base".
`;

interface Args {
  help?: boolean;
  layoutPath?: string; scenarioPath?: string; example: boolean; documented?: boolean; json: boolean; odPath?: string; options: CliOptions;
  optimise?: string; objective: SitingObjective; k: number; timeLimitSec: number; solver: 'auto' | 'cbc' | 'highs';
}

function parseArgs(argv: string[]): Args {
  const out: Args = { json: false, example: false, options: {}, objective: 'median', k: 2, timeLimitSec: 60, solver: 'auto' };
  const num = (flag: string, v: string | undefined): number => {
    const n = Number(v);
    if (v === undefined || !Number.isFinite(n)) throw new Error(`${flag}: atteso un numero (ricevuto "${v ?? ''}")`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--help' || a === '-h') out.help = true;
    else if (a === '--layout') out.layoutPath = argv[++i];
    else if (a === '--scenario') out.scenarioPath = argv[++i];
    else if (a === '--example') out.example = true;
    else if (a === '--documented') out.documented = true;
    else if (a === '--optimise') out.optimise = argv[++i];
    else if (a === '--k') out.k = num(a, argv[++i]);
    else if (a === '--time-limit') out.timeLimitSec = num(a, argv[++i]);
    else if (a === '--objective') {
      const o = argv[++i] as SitingObjective;
      if (!['median', 'center', 'cover'].includes(o)) throw new Error('--objective: una tra median, center, cover');
      out.objective = o;
    }
    else if (a === '--solver') {
      const v = argv[++i];
      if (v !== 'auto' && v !== 'cbc' && v !== 'highs') throw new Error('--solver: uno tra auto, cbc, highs');
      out.solver = v;
    }
    else if (a === '--json') out.json = true;
    else if (a === '--od') out.odPath = argv[++i];
    else if (a === '--seed') out.options.seed = num(a, argv[++i]);
    else if (a === '--replications') out.options.replications = num(a, argv[++i]);
    else if (a === '--horizon-days') out.options.horizonDays = num(a, argv[++i]);
    else if (a === '--target') out.options.targetMin = num(a, argv[++i]);
    else if (a === '--band') {
      const b = argv[++i] as TimeBand;
      if (!TIME_BANDS.includes(b)) throw new Error(`--band: una tra ${TIME_BANDS.join(', ')}`);
      out.options.band = b;
    } else throw new Error(`Opzione sconosciuta: ${a} (--help per la guida)`);
  }
  return out;
}

function fmtMin(x: number | null | undefined): string {
  return x === null || x === undefined ? '—' : formatMinutes(x, 'it', 1);
}

/** The scenario of --scenario or --example (validated like the app's import). */
function loadScenario(args: Args, territory: ReturnType<typeof createTerritory>): Scenario | undefined {
  if (args.example) return illustrativeScenario(territory);
  if (args.documented) return defaultScenario(territory);
  if (args.scenarioPath) {
    const r = importScenarioJson(new Uint8Array(readFileSync(args.scenarioPath)), territory);
    if (!r.ok) throw new Error(`${args.scenarioPath}: scenario non valido\n  ${r.errors.join('\n  ')}`);
    return r.scenario;
  }
  return undefined;
}

/** --od: the app's reader (size cap before reading, UTF-16 and bad UTF-8 refused by name). */
function readOdFile(path: string): string {
  const size = statSync(path).size;
  if (size > MAX_OD_BYTES) throw new Error(`${path}: matrice OD troppo grande (${Math.round(size / 1024 / 1024)} MB, limite ${MAX_OD_BYTES / 1024 / 1024} MB)`);
  const decoded = decodeOdText(new Uint8Array(readFileSync(path)));
  if (!decoded.ok) throw new Error(`${path}: matrice OD rifiutata\n  ${decoded.errors.join('\n  ')}`);
  return decoded.text;
}

/** The layout to simulate, from a scenario file, the bundled example, or a raw layout file. */
function loadLayout(args: Args): ServiceLayout {
  const territory = createTerritory(JSON.parse(readFileSync(territoryPath, 'utf8')) as TerritoryData);
  if (args.layoutPath) {
    // Validated like an import (codes, numbers, places, bounds): the engine never sees raw JSON.
    const r = readServiceLayout(new Uint8Array(readFileSync(args.layoutPath)), territory);
    if (!r.ok) throw new Error(`${args.layoutPath}: layout non valido\n  ${r.errors.slice(0, 20).join('\n  ')}`);
    return r.layout;
  }
  const scenario = loadScenario(args, territory);
  if (scenario) return toServiceLayout(scenario, territory);
  throw new Error('Uso: simulate (--scenario <file.json> | --example | --layout <file.json>) [--json] [--seed N] [--replications N] [--band fascia] [--target min] [--od matrice.csv] [--optimise <pisId> --objective median|center|cover --k N]; --help per la guida');
}

/** Matrix nonzeros allowed before the candidates are restricted, with native CBC (HiGHS-WASM: DEFAULT_MAX_NONZEROS). */
const CBC_MAX_NONZEROS = 3_000_000;

/** --optimise: exact siting of one PIS of the scenario (with the heuristic and the gap). */
async function runOptimiseCli(args: Args) {
  const data = JSON.parse(readFileSync(territoryPath, 'utf8')) as TerritoryData;
  const territory = createTerritory(data);
  const scenario = loadScenario(args, territory);
  if (!scenario) throw new Error('--optimise richiede --scenario <file.json> oppure --example');
  const svc = scenario.services.find((s) => s.id === args.optimise);
  if (!svc) throw new Error(`PIS "${args.optimise}" non trovato; PIS dello scenario: ${scenario.services.map((s) => s.id).join(', ')}`);
  const api = createOptimiseApi({ loadTerritory: async () => data, loadHighs: async () => (await import('highs')).default() as Promise<HighsInstance> });
  const current = svc.bases.filter((b) => b.kind !== 'centrale' && b.istat).map((b) => b.istat!);
  // Native CBC when installed (auto) or asked for; HiGHS (WebAssembly, as in the app) otherwise.
  const cbcPath = args.solver === 'highs' ? null : findCbc();
  if (args.solver === 'cbc' && !cbcPath) throw new Error('--solver cbc: programma cbc non trovato (Debian: apt-get install coinor-cbc; oppure CBC_PATH=/percorso/cbc)');
  const runner = cbcPath ? cbcRunner(cbcPath) : undefined;
  const result = await api.siteExact(
    { members: svc.members, k: args.k, objective: args.objective, targetMin: args.options.targetMin, band: args.options.band, before: current, compositionOverrides: scenario.compositionOverrides },
    // Native CBC has no WebAssembly memory ceiling: a larger model before the candidates are restricted.
    { timeLimitSec: args.timeLimitSec, runner, maxNonzeros: runner ? CBC_MAX_NONZEROS : undefined },
  );
  return { illustrative: scenario.illustrative, scenario: scenario.name, pis: { id: svc.id, name: svc.name }, ...result };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (args.help) {
    process.stdout.write(HELP_TEXT);
    return;
  }
  if (args.optimise) {
    const r = await runOptimiseCli(args);
    if (args.json) process.stdout.write(JSON.stringify(toPlainJson(r)) + '\n');
    else {
      const ex = r.exact;
      process.stdout.write([
        r.illustrative ? 'ATTENZIONE: scenario illustrativo, non dati reali' : '',
        `${r.pis.name}: ${r.k} basi, obiettivo ${r.objectiveLabel}`,
        `  euristica (${r.heuristic.ms.toFixed(0)} ms): ${r.heuristic.bases.map((b) => b.name).join(', ')}`,
        r.bound
          ? r.bound.proven
            ? `  ottimo dimostrato (${r.bound.method === 'mip' ? 'risolutore esatto' : 'limite ' + (r.bound.method === 'lagrangian' ? 'lagrangiano' : 'combinatorio')}, ${(r.bound.ms / 1000).toFixed(1)} s)`
            : `  scarto dall'ottimo ≤ ${r.bound.gapPct.toFixed(2)}%${r.bound.travelGapPct !== null ? ` (solo tempo di viaggio ≤ ${r.bound.travelGapPct.toFixed(2)}%)` : ''}, limite ${r.bound.method === 'mip' ? 'del risolutore esatto' : r.bound.method === 'lagrangian' ? 'lagrangiano' : 'combinatorio'} su tutti i candidati: ${r.bound.value.toFixed(3)}`
          : '',
        ex ? `  esatta (${ex.solver}, ${ex.statusLabel}, ${(ex.ms / 1000).toFixed(1)} s, gap ${ex.mipGapPct?.toFixed(2) ?? '—'}%): ${ex.bases.map((b) => b.name).join(', ')}` : '  esatta: non disponibile',
        `  distanza dell'euristica dall'ottimo: ${r.heuristicGapPct === null ? '—' : r.heuristicGapPct.toFixed(2) + '%'}`,
      ].filter(Boolean).join('\n') + '\n');
    }
    return;
  }
  const layout = loadLayout(args);
  if (args.odPath) args.options.odCsv = readOdFile(args.odPath);
  const result = await runSimulationCli(layout, args.options);
  if (args.json) {
    process.stdout.write(JSON.stringify(toPlainJson(result)) + '\n');
    return;
  }
  const r = result.coverage.region;
  const empty = unreachableThresholds(result.coverage.thresholdsMin, DEFAULT_RESPONSE_ASSUMPTIONS, result.coverage.band);
  const lines = [
    result.illustrative ? 'ATTENZIONE: scenario illustrativo, non dati reali' : '',
    `Copertura (${TIME_BAND_LABELS[result.coverage.band]}, tempi ${result.travelSource === 'stima' ? 'stimati' : 'da matrice OD'}): media ${fmtMin(r.meanResponseMin)}, p90 ${fmtMin(r.p90ResponseMin)}`,
    ...result.coverage.thresholdsMin.map((t, i) => `  entro ${t} min: ${formatPercentValue(r.shareWithin[i] * 100, 'it', 1)} dei residenti${empty.includes(t) ? ' (vuota per costruzione, vedi sotto)' : ''}`),
    ...complianceLines(result.compliance),
    ...rule50kLines(result.rule50k, result.rule50kSummary),
    ...demandLines(result.simulation),
    ...simulationLines(result.simulation),
    ...rosterUnknownLines(result.simulation),
    ...caveatLines([...result.coverage.caveats, ...result.simulation.caveats]),
  ].filter(Boolean);
  process.stdout.write(lines.join('\n') + '\n');
}

const fmtH = (h: number | null): string => (h === null ? '—' : `${formatInt(h, 'it')} h/anno`);

/** 24h/365 compliance per PIS (and per member Ambito when they differ), three-valued. */
export function complianceLines(c: ScenarioCompliance): string[] {
  const out = [
    `Copertura h24/365 dei turni (LEPS 3.7.1): PIS ${c.serviceCounts.compliant} coperti, ${c.serviceCounts.gap} con scoperture, ${c.serviceCounts.unknown} non documentati; ` +
      `Ambiti ${c.classCounts.compliant} coperti, ${c.classCounts['roster-gap']} con turni scoperti, ${c.classCounts['no-pis']} senza PIS, ${c.classCounts.unknown} non documentati`,
  ];
  for (const s of c.services) {
    const what = s.status === 'gap' ? `scoperture: ${s.gapBands.map((b) => TIME_BAND_LABELS[b]).join(', ')}, ${fmtH(s.uncoveredHoursPerYear)}` : s.status === 'compliant' ? 'coperto h24/365' : 'turni non documentati';
    out.push(`  ${s.status === 'compliant' ? 'OK  ' : s.status === 'gap' ? 'NO  ' : '??  '} ${s.serviceId} (opzione ${s.organisation === 'a-chiusura' ? 'a' : 'b'}): ${what}`);
    const differs = s.members.some((m) => m.status !== s.status || m.uncoveredHoursPerYear !== s.uncoveredHoursPerYear);
    if (differs) for (const m of s.members) out.push(`       Ambito ${m.ambito}: ${H24_STATUS_LABELS[m.status]}${m.status === 'gap' ? ` (${m.gapBands.map((b) => TIME_BAND_LABELS[b]).join(', ')}, ${fmtH(m.uncoveredHoursPerYear)})` : ''}`);
  }
  const noPis = c.ambiti.filter((a) => a.reason !== 'servizio' && a.reason !== 'turni-non-documentati');
  const by = (r: string) => noPis.filter((a) => a.reason === r).length;
  if (noPis.length) out.push(`  Ambiti senza PIS nello scenario: ${by('nessun-pis')} ${H24_REASON_LABELS['nessun-pis']}, ${by('stato-sconosciuto')} ${H24_REASON_LABELS['stato-sconosciuto']}, ${by('pis-non-descritto')} ${H24_REASON_LABELS['pis-non-descritto']}`);
  return out;
}

/** The 50,000 rule: legal test and planning target side by side, per comune. */
export function rule50kLines(rows: Rule50kEntry[], s: { targetMin: number; passCount: number; failCount: number; nonDeterminabileCount: number; targetMetCount: number; targetNotMetCount: number; targetUnknownCount: number }): string[] {
  const target = (e: Rule50kEntry): string => (e.targetMet === null ? 'non determinabile' : e.targetMet ? 'raggiunto' : e.targetByBand.length === 0 ? 'non raggiunto (nessun PIS)' : `non raggiunto (${e.targetFailingBands.map((b) => TIME_BAND_LABELS[b]).join(', ')})`);
  return [
    `Regola dei 50.000 (LEPS 3.7.1) su ${rows.length} comuni — test legale (interventi per grave marginalità disponibili a tutte le ore, nessun limite di tempo): ` +
      `${s.passCount} rispettata, ${s.failCount} non rispettata, ${s.nonDeterminabileCount} non determinabile; obiettivo di pianificazione ${s.targetMin} min (non è di legge): ` +
      `${s.targetMetCount} raggiunto, ${s.targetNotMetCount} non raggiunto, ${s.targetUnknownCount} non determinabile`,
    ...rows.map((e) => `  ${e.legal === 'pass' ? 'OK  ' : e.legal === 'fail' ? 'NO  ' : '??  '} ${e.istat_code} ${e.name}: legale ${LEGAL_OUTCOME_LABELS[e.legal]} | obiettivo ${target(e)}${e.fixes.length ? ' → ' + e.fixes[0] : ''}`),
  ];
}

/** Calls to PIS whose roster is not documented: counted, not simulated (unknown is not a gap). */
function rosterUnknownLines(sim: Awaited<ReturnType<typeof runSimulationCli>>['simulation']): string[] {
  const e = sim.region.rosterUnknown;
  return e && e.mean > 0 ? [`  chiamate a PIS con turni non documentati (non simulate, non sono scoperture): ${formatFixed(e.mean, 'it', 1)} per replica`] : [];
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((err: unknown) => {
    process.stderr.write(`Errore: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  });
}
