// Node CLI over the same core as the worker, for batch use and reproducibility:
//   npm run --silent simulate -- (--scenario <file.json> | --example | --layout <file.json>) [--json]
//        [--seed N] [--replications N] [--horizon-days N] [--band office|closure|night|holiday]
//        [--target MIN] [--od matrix.csv]
//   npm run --silent simulate -- (--scenario <file.json> | --example) --optimise <pisId>
//        [--objective median|center|cover] [--k N] [--target MIN] [--time-limit S]
// A scenario file is validated exactly as the app's import; --example is the bundled illustrative
// scenario. runSimulationCli(layout, options) does the work.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createSimulationApi, type OdImportReport } from '../core/sim/api.ts';
import { TIME_BANDS, type ServiceLayout, type TimeBand } from '../core/sim/layout.ts';
import { TIME_BAND_LABELS } from '../core/coverage/assumptions.ts';
import type { TerritoryData } from '../core/territory/types.ts';
import { createTerritory } from '../core/territory/index.ts';
import { illustrativeScenario, importScenarioJson, toServiceLayout, type Scenario } from '../core/scenario/index.ts';
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

function round(x: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** JSON-safe copy: typed arrays to arrays, non-finite numbers to null, numbers rounded. */
export function toPlainJson(value: unknown): unknown {
  if (typeof value === 'number') return Number.isFinite(value) ? round(value) : null;
  if (ArrayBuffer.isView(value)) return Array.from(value as unknown as ArrayLike<number>, (x) => toPlainJson(x));
  if (Array.isArray(value)) return value.map(toPlainJson);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toPlainJson(v)]));
  return value;
}

export async function runSimulationCli(layout: ServiceLayout, options: CliOptions = {}) {
  const data = options.territory ?? (JSON.parse(readFileSync(territoryPath, 'utf8')) as TerritoryData);
  const api = createSimulationApi({ loadTerritory: async () => data });
  let odMatrix: OdImportReport | null = null;
  if (options.odCsv !== undefined) odMatrix = await api.importOdMatrix(options.odCsv);
  const common = { band: options.band, targetMin: options.targetMin };
  const coverage = await api.coverage(layout, common);
  const rule = await api.rule50k(layout, common);
  const simulation = await api.simulate(layout, { seed: options.seed, replications: options.replications, horizonDays: options.horizonDays, targetMin: options.targetMin });
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
    rule50k: rule.comuni,
    rule50kSummary: { legalText: rule.legalText, legalSource: rule.legalSource, targetMin: rule.targetMin, passCount: rule.passCount, failCount: rule.failCount },
    simulation,
  };
}

interface Args {
  layoutPath?: string; scenarioPath?: string; example: boolean; json: boolean; odPath?: string; options: CliOptions;
  optimise?: string; objective: SitingObjective; k: number; timeLimitSec: number;
}

function parseArgs(argv: string[]): Args {
  const out: Args = { json: false, example: false, options: {}, objective: 'median', k: 2, timeLimitSec: 60 };
  const num = (flag: string, v: string | undefined): number => {
    const n = Number(v);
    if (v === undefined || !Number.isFinite(n)) throw new Error(`${flag}: atteso un numero (ricevuto "${v ?? ''}")`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--layout') out.layoutPath = argv[++i];
    else if (a === '--scenario') out.scenarioPath = argv[++i];
    else if (a === '--example') out.example = true;
    else if (a === '--optimise') out.optimise = argv[++i];
    else if (a === '--k') out.k = num(a, argv[++i]);
    else if (a === '--time-limit') out.timeLimitSec = num(a, argv[++i]);
    else if (a === '--objective') {
      const o = argv[++i] as SitingObjective;
      if (!['median', 'center', 'cover'].includes(o)) throw new Error('--objective: una tra median, center, cover');
      out.objective = o;
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
    } else throw new Error(`Opzione sconosciuta: ${a}`);
  }
  return out;
}

function fmtMin(x: number | null | undefined): string {
  return x === null || x === undefined ? '—' : `${x.toFixed(1)} min`;
}

/** The scenario of --scenario or --example (validated like the app's import). */
function loadScenario(args: Args, territory: ReturnType<typeof createTerritory>): Scenario | undefined {
  if (args.example) return illustrativeScenario(territory);
  if (args.scenarioPath) {
    const r = importScenarioJson(new Uint8Array(readFileSync(args.scenarioPath)), territory);
    if (!r.ok) throw new Error(`${args.scenarioPath}: scenario non valido\n  ${r.errors.join('\n  ')}`);
    return r.scenario;
  }
  return undefined;
}

/** The layout to simulate, from a scenario file, the bundled example, or a raw layout file. */
function loadLayout(args: Args): ServiceLayout {
  if (args.layoutPath) return JSON.parse(readFileSync(args.layoutPath, 'utf8')) as ServiceLayout;
  const territory = createTerritory(JSON.parse(readFileSync(territoryPath, 'utf8')) as TerritoryData);
  const scenario = loadScenario(args, territory);
  if (scenario) return toServiceLayout(scenario, territory);
  throw new Error('Uso: simulate (--scenario <file.json> | --example | --layout <file.json>) [--json] [--seed N] [--replications N] [--band fascia] [--target min] [--od matrice.csv] [--optimise <pisId> --objective median|center|cover --k N]');
}

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
  const result = await api.siteExact(
    { members: svc.members, k: args.k, objective: args.objective, targetMin: args.options.targetMin, band: args.options.band, before: current, compositionOverrides: scenario.compositionOverrides },
    { timeLimitSec: args.timeLimitSec },
  );
  return { illustrative: scenario.illustrative, scenario: scenario.name, pis: { id: svc.id, name: svc.name }, ...result };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (args.optimise) {
    const r = await runOptimiseCli(args);
    if (args.json) process.stdout.write(JSON.stringify(toPlainJson(r)) + '\n');
    else {
      const ex = r.exact;
      process.stdout.write([
        r.illustrative ? 'ATTENZIONE: scenario illustrativo, non dati reali' : '',
        `${r.pis.name}: ${r.k} basi, obiettivo ${r.objectiveLabel}`,
        `  euristica (${r.heuristic.ms.toFixed(0)} ms): ${r.heuristic.bases.map((b) => b.name).join(', ')}`,
        ex ? `  esatta (${ex.statusLabel}, ${(ex.ms / 1000).toFixed(1)} s, gap ${ex.mipGapPct?.toFixed(2) ?? '—'}%): ${ex.bases.map((b) => b.name).join(', ')}` : '  esatta: non disponibile',
        `  distanza dell'euristica dall'ottimo: ${r.heuristicGapPct === null ? '—' : r.heuristicGapPct.toFixed(2) + '%'}`,
      ].filter(Boolean).join('\n') + '\n');
    }
    return;
  }
  const layout = loadLayout(args);
  if (args.odPath) args.options.odCsv = readFileSync(args.odPath, 'utf8');
  const result = await runSimulationCli(layout, args.options);
  if (args.json) {
    process.stdout.write(JSON.stringify(toPlainJson(result)) + '\n');
    return;
  }
  const r = result.coverage.region;
  const lines = [
    result.illustrative ? 'ATTENZIONE: scenario illustrativo, non dati reali' : '',
    `Copertura (${TIME_BAND_LABELS[result.coverage.band]}, tempi ${result.travelSource === 'stima' ? 'stimati' : 'da matrice OD'}): media ${fmtMin(r.meanResponseMin)}, p90 ${fmtMin(r.p90ResponseMin)}`,
    ...result.coverage.thresholdsMin.map((t, i) => `  entro ${t} min: ${(r.shareWithin[i] * 100).toFixed(1)}% dei residenti`),
    `Regola dei 50.000 (${result.rule50kSummary.passCount} su ${result.rule50k.length} rispettano):`,
    ...result.rule50k.map((e) => `  ${e.pass ? 'OK  ' : 'NO  '} ${e.istat_code} ${e.name}${e.fixes.length ? ' → ' + e.fixes[0] : ''}`),
    `Simulazione: ${result.simulation.replicationsDone} repliche × ${result.simulation.horizonDays} giorni` +
      (result.simulation.region.saturated ? `, SATURAZIONE in ${result.simulation.region.saturatedServices.join(', ')}` : `, p90 ${fmtMin(result.simulation.region.response?.p90Min?.mean)}`),
  ].filter(Boolean);
  process.stdout.write(lines.join('\n') + '\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((err: unknown) => {
    process.stderr.write(`Errore: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  });
}
