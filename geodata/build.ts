// npm run geodata [-- <input dir>] [--out <dir>]
// Rebuilds geodata/generated/ from the public sources (default ../shared/data). Deterministic:
// the same inputs give byte-identical files. Fails, naming the ids, if an invariant breaks.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildTerritory } from './lib/territory.ts';

const args = process.argv.slice(2);
const outIndex = args.indexOf('--out');
const outDir = outIndex >= 0 ? args[outIndex + 1] : 'geodata/generated';
const inputDir = args.find((a, i) => !a.startsWith('--') && i !== outIndex + 1) ?? '../shared/data';

try {
  const started = performance.now();
  const { files, log } = buildTerritory(inputDir);
  mkdirSync(outDir, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(outDir, name), text);
  for (const line of log) console.log(line);
  for (const [name, text] of Object.entries(files)) console.log(`${name.padEnd(22)} ${(Buffer.byteLength(text) / 1024).toFixed(0).padStart(6)} kB`);
  console.log(`geodata: scritto in ${outDir} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
} catch (err) {
  console.error(`geodata: build fallita\n${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
