// A DES pool worker for the bench (node:worker_threads): the bench's territory and layout, built
// once; each message asks for replications [from, to) of the same run.
import { readFileSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { runReplicationRange, type SimulateOptions } from '../../src/core/des/simulate.ts';
import { compileLayout } from '../../src/core/sim/compile.ts';
import { layoutOnePerAmbito } from '../../src/core/sim/synthetic.ts';
import type { TerritoryData } from '../../src/core/territory/types.ts';
import { createTravelContext } from '../../src/core/travel/context.ts';

const data = JSON.parse(readFileSync(new URL('../../geodata/generated/territory.json', import.meta.url), 'utf8')) as TerritoryData;
const ctx = createTravelContext(data);
const compiled = compileLayout(ctx, layoutOnePerAmbito(data));
parentPort!.on('message', async (m: { options: SimulateOptions; from: number; to: number }) => {
  parentPort!.postMessage(await runReplicationRange(ctx, compiled, m.options, m.from, m.to));
});
parentPort!.postMessage('ready');
