// `npm run lint`: ESLint from its own install in tools/lint (see eslint.config.js for why),
// installed from its lockfile on first use (npm ci), then run over the repository.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const dir = join(root, 'tools/lint');
const eslint = join(dir, 'node_modules/.bin/eslint');
if (!existsSync(eslint)) execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--prefix', dir], { stdio: 'inherit' });
try {
  execFileSync(eslint, ['--max-warnings', '0', ...process.argv.slice(2), '.'], { cwd: root, stdio: 'inherit' });
  console.log('lint: ok');
} catch {
  process.exit(1);
}
