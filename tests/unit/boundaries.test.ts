// The boundaries are enforced, not remembered: the lint refuses a core module that imports the
// UI, the map, Comlink or the app state, or that reads browser globals, and refuses window.__
// seams in the app; the test hook publishes nothing without its explicit flag.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './helpers/realData.ts';

const require = createRequire(new URL('../../tools/lint/package.json', import.meta.url));
// The linter has its own install (tools/lint), hence require and a minimal type.
interface LintApi { lintText(code: string, o: { filePath: string }): Promise<{ messages: { ruleId: string | null; message: string }[] }[]> }
const { ESLint } = require('eslint') as { ESLint: new (o: { cwd: string }) => LintApi };

async function lint(code: string, filePath: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: repoRoot });
  const [r] = await eslint.lintText(code, { filePath: `${repoRoot}${filePath}` });
  return (r?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
}

describe('boundaries (ESLint, tools/lint)', () => {
  it('core may not import Preact, MapLibre, Comlink or the app layers', async () => {
    for (const spec of ['preact', '@preact/signals', 'maplibre-gl', 'comlink', '../../state/appState.ts', '../../ui/App.tsx', '../../map/style.ts', '../../../workers/client.ts']) {
      const msgs = await lint(`import * as x from '${spec}';\nexport const y = x;\n`, 'src/core/sim/probe.ts');
      expect(msgs.some((m) => m.startsWith('no-restricted-imports')), spec).toBe(true);
    }
    expect(await lint(`import { TIME_BANDS } from './layout.ts';\nexport const y = TIME_BANDS;\n`, 'src/core/sim/probe.ts')).toEqual([]);
  });

  it('core may not read browser globals; the UI may', async () => {
    expect((await lint('export const w = window.innerWidth;\n', 'src/core/sim/probe.ts')).join()).toMatch(/no-restricted-globals/);
    expect(await lint('export const w = window.innerWidth;\n', 'src/ui/probe.ts')).toEqual([]);
  });

  it('no window.__ seams in the app, in any spelling', async () => {
    for (const code of ['window.__map = 1;\n', '(window as unknown as { __app: number }).__app = 1;\n', '(globalThis as any).__x = 1;\n']) {
      expect((await lint(code, 'src/ui/probe.ts')).join(), code).toMatch(/no-restricted-syntax/);
    }
  });
});

describe('one writer', () => {
  it('components call named actions, not a generic actions.edit(fn)', async () => {
    const code = 'declare const state: { actions: { edit(f: unknown): void } };\nstate.actions.edit((x: unknown) => x);\n';
    expect((await lint(code, 'src/ui/probe.tsx')).join()).toMatch(/no-restricted-syntax: Call a named action/);
    expect(await lint(code, 'src/state/probe.ts')).toEqual([]);
  });
});

describe('one storage writer', () => {
  it('only src/state/persistence.ts touches localStorage / sessionStorage', async () => {
    for (const code of ['localStorage.setItem("k", "v");\n', 'sessionStorage.getItem("k");\n', 'window.localStorage.removeItem("k");\n']) {
      expect((await lint(code, 'src/ui/probe.ts')).join(), code).toMatch(/persistence\.ts/);
      expect((await lint(code, 'src/state/probe.ts')).join(), code).toMatch(/persistence\.ts/);
    }
    expect(await lint('localStorage.setItem("k", "v");\n', 'src/state/persistence.ts')).toEqual([]);
  });
});

describe('the test hook', () => {
  it('publishes nothing without the explicit flag', async () => {
    const g = globalThis as unknown as { __PIS_TEST_HOOK__?: boolean; __app?: unknown; __map?: unknown };
    const hook = await import('../../src/testHook.ts');
    hook.exposeApp({ a: 1 });
    hook.exposeMap({ m: 1 });
    expect(g.__app).toBeUndefined();
    expect(g.__map).toBeUndefined();
    g.__PIS_TEST_HOOK__ = true;
    try {
      hook.exposeApp({ a: 1 });
      expect(g.__app).toEqual({ a: 1 });
    } finally {
      delete g.__PIS_TEST_HOOK__;
      delete g.__app;
    }
  });
});
