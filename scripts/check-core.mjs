// The core's own type-checks, run by `npm test`:
// 1. src/core/tsconfig.json — ES only, no DOM, no Node types (types/core-platform.d.ts lists the
//    few platform globals allowed): must pass.
// 2. src/core/tsconfig.index.json — the same with noUncheckedIndexedAccess. The files listed in
//    scripts/core-index-checked.json must have no error (a ratchet: the list only grows); the
//    others are counted per folder, so progress shows. `--update` adds every file now at zero.
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const tsc = join(root, 'node_modules/.bin/tsc');
const listFile = join(root, 'scripts/core-index-checked.json');

function run(project) {
  try {
    execFileSync(tsc, ['--noEmit', '-p', project], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return '';
  } catch (e) {
    return `${e.stdout ?? ''}${e.stderr ?? ''}`;
  }
}

const plain = run('src/core/tsconfig.json');
if (plain.trim()) {
  process.stdout.write(plain);
  console.error('core type-check (no DOM): FAILED — src/core may use only ECMAScript and the globals in types/core-platform.d.ts');
  process.exit(1);
}
console.log('core type-check (no DOM, no Node types): ok');

const out = run('src/core/tsconfig.index.json');
const byFile = new Map();
for (const line of out.split('\n')) {
  const m = /^(src\/core\/[^(]+)\(\d+,\d+\): error TS\d+/.exec(line);
  if (m) byFile.set(m[1], [...(byFile.get(m[1]) ?? []), line]);
}
const files = (function walk(dir) {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : /\.ts$/.test(f) && !/\.d\.ts$/.test(f) ? [relative(root, p)] : [];
  });
})(join(root, 'src/core'));

if (process.argv.includes('--update')) {
  const zero = files.filter((f) => !byFile.has(f)).sort();
  writeFileSync(listFile, `${JSON.stringify(zero, null, 2)}\n`);
  console.log(`${zero.length} files at zero written to ${relative(root, listFile)}`);
}
const checked = JSON.parse(readFileSync(listFile, 'utf8'));
const broken = checked.filter((f) => byFile.has(f));
const perFolder = new Map();
for (const [f, errs] of byFile) {
  const folder = f.split('/').slice(0, 3).join('/');
  perFolder.set(folder, (perFolder.get(folder) ?? 0) + errs.length);
}
const summary = [...perFolder].sort().map(([f, n]) => `${f.replace('src/core/', '')} ${n}`).join(', ');
console.log(`noUncheckedIndexedAccess: ${checked.length} of ${files.length} core files held at zero; unchecked accesses elsewhere: ${summary || 'none'}`);
if (broken.length) {
  for (const f of broken) process.stdout.write(`${byFile.get(f).join('\n')}\n`);
  console.error(`noUncheckedIndexedAccess: ${broken.length} file(s) that were clean now index without a check (guard the value, or use an explicit non-null assertion with a reason)`);
  process.exit(1);
}
