// Map colours for the units of a level: neighbouring units get different colours (greedy colouring
// of the unit adjacency graph, biggest first), and an Ambito takes its unit's colour — unless it
// belongs to several units of that level (Milano Città, Alto Milanese, Lodi, Oglio Po), which the
// map must show as such instead of picking one.
import type { Territory } from './index.ts';
import type { Level } from './types.ts';

export interface AmbitoColouring {
  /** Palette index per unit code of the level. */
  unitColour: Map<string, number>;
  /** Palette index per Ambito, or -1 when the Ambito spans several units of the level. */
  ambitoColour: Map<string, number>;
  /** Ambiti that belong to more than one unit of the level. */
  multiUnit: string[];
}

export function colourLevel(t: Territory, level: Level, paletteSize: number): AmbitoColouring {
  const units = t.units(level);
  const unitNeighbours = new Map<string, Set<string>>(units.map((u) => [u, new Set()]));
  for (const a of t.data.ambiti) {
    const mine = t.unitsOfAmbito(level, a.code);
    for (const n of t.neighbourAmbiti(a.code)) {
      for (const u of mine) for (const v of t.unitsOfAmbito(level, n)) if (u !== v) unitNeighbours.get(u)!.add(v);
    }
  }
  const order = [...units].sort((a, b) => unitNeighbours.get(b)!.size - unitNeighbours.get(a)!.size || a.localeCompare(b));
  const unitColour = new Map<string, number>();
  // Few units (the 8 ATS): one colour each, so the legend can name them.
  if (units.length <= paletteSize) units.forEach((u, i) => unitColour.set(u, i));
  else for (const u of order) {
    const used = new Set([...unitNeighbours.get(u)!].map((v) => unitColour.get(v)));
    let c = 0;
    while (used.has(c) && c < paletteSize - 1) c++;
    unitColour.set(u, c);
  }
  const ambitoColour = new Map<string, number>();
  const multiUnit: string[] = [];
  for (const a of t.data.ambiti) {
    const mine = t.unitsOfAmbito(level, a.code);
    if (mine.length > 1) multiUnit.push(a.code);
    const only = mine.length === 1 ? mine[0] : undefined;
    ambitoColour.set(a.code, only === undefined ? -1 : unitColour.get(only)!);
  }
  return { unitColour, ambitoColour, multiUnit };
}
