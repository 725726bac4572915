// Adds the plain closing line CI reads ("unit: N passed, N failed[, N skipped]"):
// Vitest's own summary is not in that form.
import type { Reporter, TestModule } from 'vitest/node';

export default class SummaryReporter implements Reporter {
  private label: string;
  constructor(options: { label?: string } = {}) {
    this.label = options.label ?? 'unit';
  }
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>): void {
    let passed = 0;
    let failed = unhandledErrors.length;
    let skipped = 0;
    for (const mod of testModules) {
      const errors = mod.errors();
      if (errors.length > 0) failed += 1; // a file that fails to import counts as a failure
      for (const test of mod.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed += 1;
        else if (state === 'failed') failed += 1;
        else skipped += 1;
      }
    }
    const tail = skipped > 0 ? `, ${skipped} skipped` : '';
    process.stdout.write(`\n${this.label}: ${passed} passed, ${failed} failed${tail}\n`);
  }
}
