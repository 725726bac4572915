// Invariants of the generated territory. The build fails on any of them, and the unit tests run
// the same checks on the committed files. Every message names the offending ids.
import { isFeatureCollection } from 'geojson-validation';
import type { FeatureCollection } from 'geojson';
import type { TerritoryData } from '../../src/core/territory/types.ts';
import { DOCUMENTED_EXCLAVES } from '../../src/core/territory/exclaves.ts';

export { DOCUMENTED_EXCLAVES };

export const EXPECTED = {
  comuni: 1503,
  ambiti: 91,
  residents: 10_116_766,
  rule50kComuni: 19,
  rho: ['015009', '015087', '015116', '015170', '015176', '015179', '015182', '015211', '015229'],
};

function components(members: number[], adjacency: number[][]): number[][] {
  const inside = new Set(members);
  const seen = new Set<number>();
  const out: number[][] = [];
  for (const start of members) {
    if (seen.has(start)) continue;
    const comp: number[] = [];
    const stack = [start];
    seen.add(start);
    while (stack.length) {
      const c = stack.pop()!;
      comp.push(c);
      for (const n of adjacency[c]) if (inside.has(n) && !seen.has(n)) { seen.add(n); stack.push(n); }
    }
    out.push(comp.sort((a, b) => a - b));
  }
  return out.sort((a, b) => b.length - a.length);
}

/** Islands of an Ambito beyond its largest connected part, as ISTAT codes. */
export function ambitoIslands(data: TerritoryData, ambito: string): string[][] {
  const members = data.comuni.flatMap((c, i) => (c.ambito === ambito ? [i] : []));
  return components(members, data.adjacency).slice(1).map((comp) => comp.map((i) => data.comuni[i].istat));
}

export function validateTerritory(data: TerritoryData, layers: Record<string, FeatureCollection> = {}): string[] {
  const errors: string[] = [];
  for (const [name, fc] of Object.entries(layers)) {
    const trace = isFeatureCollection(fc, true);
    if (trace.length > 0) errors.push(`GeoJSON ${name} non valido: ${trace.slice(0, 5).join('; ')}`);
  }
  if (data.comuni.length !== EXPECTED.comuni) errors.push(`comuni: ${data.comuni.length}, attesi ${EXPECTED.comuni}`);
  const codes = new Set(data.ambiti.map((a) => a.code));
  if (codes.size !== EXPECTED.ambiti) errors.push(`Ambiti: ${codes.size}, attesi ${EXPECTED.ambiti}`);
  const dupIstat = data.comuni.map((c) => c.istat).filter((c, i, all) => all.indexOf(c) !== i);
  if (dupIstat.length) errors.push(`comuni duplicati: ${dupIstat.join(', ')}`);
  const orphan = data.comuni.filter((c) => !codes.has(c.ambito));
  if (orphan.length) errors.push(`comuni senza un Ambito dell'Allegato C: ${orphan.map((c) => `${c.istat}→${c.ambito || '∅'}`).join(', ')}`);
  const count = new Map<string, number>();
  for (const c of data.comuni) count.set(c.ambito, (count.get(c.ambito) ?? 0) + 1);
  const empty = [...codes].filter((a) => !count.get(a));
  if (empty.length) errors.push(`Ambiti senza comuni: ${empty.join(', ')}`);
  const residents = data.comuni.reduce((s, c) => s + c.residents, 0);
  if (residents !== EXPECTED.residents) errors.push(`residenti: ${residents}, attesi ${EXPECTED.residents}`);
  for (const a of [...codes].sort()) {
    const islands = ambitoIslands(data, a);
    const undocumented = islands.filter((island) => !island.every((c) => DOCUMENTED_EXCLAVES[c]?.ambito === a));
    if (undocumented.length) errors.push(`Ambito ${a} non contiguo: isole ${undocumented.map((i) => i.join('+')).join(', ')}`);
  }
  const rho = data.comuni.filter((c) => c.ambito === '50095').map((c) => c.istat).sort();
  if (rho.join() !== EXPECTED.rho.join()) errors.push(`Rho (50095) = ${rho.join(', ')}, attesi ${EXPECTED.rho.join(', ')}`);
  const rule = data.comuni.filter((c) => c.over50k || c.capoluogo);
  if (rule.length !== EXPECTED.rule50kComuni) errors.push(`comuni > 50.000 o capoluogo: ${rule.length} (${rule.map((c) => c.istat).join(', ')}), attesi ${EXPECTED.rule50kComuni}`);
  const badOver = data.comuni.filter((c) => c.over50k !== c.residents > 50_000);
  if (badOver.length) errors.push(`over50k errato: ${badOver.map((c) => c.istat).join(', ')}`);
  const linked = new Set(data.links.map((l) => l.ambito));
  const unlinked = [...codes].filter((a) => !linked.has(a));
  if (unlinked.length) errors.push(`Ambiti senza relazione nell'Allegato C: ${unlinked.join(', ')}`);
  data.adjacency.forEach((adj, i) => {
    for (const j of adj) if (!data.adjacency[j]?.includes(i)) errors.push(`adiacenza non simmetrica: ${data.comuni[i].istat}–${data.comuni[j]?.istat}`);
  });
  return errors;
}
