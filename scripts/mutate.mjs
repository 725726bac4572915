// `npm run mutate [-- folder …]`: StrykerJS per core folder (stryker.config.mjs), then the score
// table per folder from the JSON reports. Score = (killed + timeout) / (killed + timeout +
// survived + no coverage), Stryker's own definition; static mutants are ignored (see config).
// `npm run mutate -- --report` only prints the table from the last reports (`--files`: a row per
// file too). `npm run mutate -- --merge <folder> <part.json> …` folds the incremental reports of
// runs over some files (`--mutate a.ts --incrementalFile parts/…`) into the folder's committed one.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const FOLDERS = ['des', 'sim', 'coverage', 'rule50k', 'travel', 'optimise'];
const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
const merge = args.includes('--merge');
const reportOnly = args.includes('--report') || merge;
const perFile = args.includes('--files');
const chosen = args.filter((a) => !a.startsWith('--'));
const folders = chosen.length && !merge ? chosen : FOLDERS;

if (merge) {
  const [folder, ...parts] = chosen;
  if (!folder || !FOLDERS.includes(folder)) throw new Error(`--merge <cartella> <report…>: cartella sconosciuta ${folder}`);
  const target = join(root, `reports/mutation/${folder}.incremental.json`);
  if (!existsSync(target)) throw new Error(`${target} non esiste: esegui prima una run sulla cartella`);
  const into = JSON.parse(readFileSync(target, 'utf8'));
  for (const part of parts) {
    const text = readFileSync(part, 'utf8');
    // A part ran in another checkout: its absolute path (in crash messages too) becomes ".".
    const partRoot = JSON.parse(text).projectRoot;
    const r = JSON.parse(partRoot && partRoot !== '.' ? text.replaceAll(partRoot, '.') : text);
    // A part's files replace the folder's (a newer run of them); tests are keyed by file too.
    Object.assign(into.files, r.files);
    Object.assign((into.testFiles ??= {}), r.testFiles ?? {});
  }
  writeFileSync(target, JSON.stringify(into, null, 2));
  relativeRoot(target);
}

if (!reportOnly) {
  for (const f of folders) {
    if (!FOLDERS.includes(f)) throw new Error(`cartella sconosciuta: ${f} (ammesse: ${FOLDERS.join(', ')})`);
    console.log(`\n=== mutation testing: src/core/${f} ===`);
    try {
      execFileSync(join(root, 'node_modules/.bin/stryker'), ['run', 'stryker.config.mjs'], { cwd: root, stdio: 'inherit', env: { ...process.env, MUTATE_FOLDER: f } });
    } catch {
      console.error(`stryker run for ${f} failed (the table below uses the last report that exists)`);
    }
    relativeRoot(join(root, `reports/mutation/${f}.incremental.json`));
  }
}

/**
 * The incremental report is committed, but Stryker writes the absolute path of the checkout it ran
 * in as `projectRoot` (file keys are already relative): keep it machine-independent, "." = the repo.
 */
function relativeRoot(file) {
  if (!existsSync(file)) return;
  const text = readFileSync(file, 'utf8');
  const root = /"projectRoot": "([^"]*)"/.exec(text)?.[1];
  // The checkout's absolute path also appears in the messages of crashed runs.
  const scrubbed = root && root !== '.' ? text.replaceAll(root, '.') : text;
  const fixed = scrubbed.replace(/"projectRoot": "[^"]*"/, '"projectRoot": "."');
  if (fixed !== text) writeFileSync(file, fixed);
}

const rows = [];
const fileRows = [];
/** Share detected; `–` when nothing is valid. */
function tally(mutants) {
  const n = { Killed: 0, Timeout: 0, Survived: 0, NoCoverage: 0, Ignored: 0, CompileError: 0, RuntimeError: 0, Pending: 0 };
  for (const m of mutants) n[m.status] = (n[m.status] ?? 0) + 1;
  const detected = n.Killed + n.Timeout;
  const valid = detected + n.Survived + n.NoCoverage;
  const score = valid ? ((100 * detected) / valid).toFixed(1) : '–';
  return `${score} % | ${n.Killed} | ${n.Timeout} | ${n.Survived} | ${n.NoCoverage} | ${n.Ignored} | ${valid}`;
}
for (const f of FOLDERS) {
  // The full report of the last run on this machine, else the committed incremental one (same schema).
  const file = [`reports/mutation/${f}.json`, `reports/mutation/${f}.incremental.json`].map((x) => join(root, x)).find((x) => existsSync(x));
  if (!file) {
    rows.push(`| ${f} | – | – | – | – | – | – | – | not run |`);
    continue;
  }
  const report = JSON.parse(readFileSync(file, 'utf8'));
  const measured = Object.keys(report.files);
  // Files the config mutates that no report holds yet: a folder's score says which it covers.
  const skip = new Set(['index.ts', 'synthetic.ts', 'demandData.ts']);
  const missing = readdirSync(join(root, 'src/core', f)).filter((x) => x.endsWith('.ts') && !skip.has(x) && !measured.some((k) => k.endsWith(`/${f}/${x}`)));
  rows.push(`| ${f} | ${tally(Object.values(report.files).flatMap((r) => r.mutants))} | ${missing.length ? `not measured: ${missing.join(', ')}` : 'all files'} |`);
  for (const [k, r] of Object.entries(report.files).sort()) fileRows.push(`| ${k.replace(/^.*src\/core\//, '')} | ${tally(r.mutants)} |`);
}
console.log('\n| folder (src/core) | mutation score | killed | timeout | survived | no coverage | ignored (static) | valid mutants | files |');
console.log('|---|---:|---:|---:|---:|---:|---:|---:|---|');
for (const r of rows) console.log(r);
if (perFile) {
  console.log('\n| file | mutation score | killed | timeout | survived | no coverage | ignored (static) | valid mutants |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of fileRows) console.log(r);
}
