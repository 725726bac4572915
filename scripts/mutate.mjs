// `npm run mutate [-- folder …]`: StrykerJS per core folder (stryker.config.mjs), then the score
// table per folder from the JSON reports. Score = (killed + timeout) / (killed + timeout +
// survived + no coverage), Stryker's own definition; static mutants are ignored (see config).
// `npm run mutate -- --report` only prints the table from the last reports.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const FOLDERS = ['des', 'sim', 'coverage', 'rule50k', 'travel', 'optimise'];
const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
const reportOnly = args.includes('--report');
const chosen = args.filter((a) => !a.startsWith('--'));
const folders = chosen.length ? chosen : FOLDERS;

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
  const fixed = text.replace(/"projectRoot": "[^"]*"/, '"projectRoot": "."');
  if (fixed !== text) writeFileSync(file, fixed);
}

const rows = [];
for (const f of FOLDERS) {
  // The full report of the last run on this machine, else the committed incremental one (same schema).
  const file = [`reports/mutation/${f}.json`, `reports/mutation/${f}.incremental.json`].map((x) => join(root, x)).find((x) => existsSync(x));
  if (!file) {
    rows.push(`| ${f} | – | – | – | – | – | – | not run |`);
    continue;
  }
  const report = JSON.parse(readFileSync(file, 'utf8'));
  const n = { Killed: 0, Timeout: 0, Survived: 0, NoCoverage: 0, Ignored: 0, CompileError: 0, RuntimeError: 0, Pending: 0 };
  for (const fileReport of Object.values(report.files)) for (const m of fileReport.mutants) n[m.status] = (n[m.status] ?? 0) + 1;
  const detected = n.Killed + n.Timeout;
  const valid = detected + n.Survived + n.NoCoverage;
  const score = valid ? ((100 * detected) / valid).toFixed(1) : '–';
  rows.push(`| ${f} | ${score} % | ${n.Killed} | ${n.Timeout} | ${n.Survived} | ${n.NoCoverage} | ${n.Ignored} | ${valid} |`);
}
console.log('\n| folder (src/core) | mutation score | killed | timeout | survived | no coverage | ignored (static) | valid mutants |');
console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
for (const r of rows) console.log(r);
