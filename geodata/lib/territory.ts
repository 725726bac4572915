// Builds every generated file from the public sources. Pure apart from reading the input folder:
// returns the files' contents, so the CLI writes them and the tests compare them byte for byte.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { feature } from 'topojson-client';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { Topology } from 'topojson-specification';
import type { AmbitoRecord, ComuneRecord, TerritoryData } from '../../src/core/territory/types.ts';
import { readCsvObjects, writeCsv } from './csv.ts';
import { BARDELLO_PIECES, comuniAdjacency, comuniFeatures, dissolve, fixComuni, measure, simplifyComuni } from './geometry.ts';
import { estimate, leaveOneOut, type EstimatorInput } from './estimate.ts';
import { validateTerritory } from './validate.ts';

export const SOURCE_FILES = {
  topology: 'sources/openpolis-geojson-italy/limits_R_3_municipalities.topo.json',
  pieces2022: 'sources/openpolis-geojson-italy/limits_P_12_municipalities.tag-2022.1.geojson',
  comuni: 'comuni_lombardia_2024.csv',
  allegatoC: 'ambiti_allegato_c.csv',
  composition: 'comuni_ambiti.csv',
  hints: 'ambiti_hints.csv',
  status: 'ambiti_status.csv',
} as const;

const POPULATION_DATE = '2024-01-10';

export interface BuildResult {
  files: Record<string, string>;
  data: TerritoryData;
  estimatorInput: EstimatorInput;
  completeAmbiti: string[];
  atsOf: Map<string, string>;
  log: string[];
}

const byCode = <T extends { code: string }>(a: T, b: T) => a.code.localeCompare(b.code);
const json = (x: unknown) => JSON.stringify(x) + '\n';

export function buildTerritory(inputDir: string, options: { check?: boolean } = {}): BuildResult {
  const read = (f: string) => readFileSync(join(inputDir, f), 'utf8');
  const log: string[] = [];

  // Geometry: fix, simplify, measure.
  const sourceTopo = JSON.parse(read(SOURCE_FILES.topology)) as Topology;
  const old = JSON.parse(read(SOURCE_FILES.pieces2022)) as FeatureCollection<Polygon | MultiPolygon>;
  const pieces = old.features.filter((f) => BARDELLO_PIECES.includes(String(f.properties?.com_istat_code))) as Feature<Polygon | MultiPolygon>[];
  if (pieces.length !== BARDELLO_PIECES.length) throw new Error(`2022 pieces of 012144 not found: ${pieces.length}/3`);
  const fixed = fixComuni(sourceTopo, pieces);
  log.push(`012144 dal buco della topologia 2023: ${fixed.bardelloAreaKm2.toFixed(3)} km² (pezzi 2022: ${fixed.piecesAreaKm2.toFixed(3)} km²)`);
  const topo = simplifyComuni(fixed.topology);
  const geoms = topo.objects.comuni.geometries;
  const features = comuniFeatures(topo).features;
  const adjacency = comuniAdjacency(topo);

  // Attributes.
  const attributes = new Map(readCsvObjects(read(SOURCE_FILES.comuni)).map((r) => [r.istat_code, r]));
  const compositionRows = new Map(readCsvObjects(read(SOURCE_FILES.composition)).map((r) => [r.istat_code, r]));
  const istats = geoms.map((g) => String(g.id));
  const missing = [...attributes.keys()].filter((c) => !istats.includes(c));
  const extra = istats.filter((c) => !attributes.has(c));
  if (missing.length || extra.length) throw new Error(`confini e anagrafe non coincidono: senza poligono ${missing.join(', ')}; senza residenti ${extra.join(', ')}`);
  const indexOf = new Map(istats.map((c, i) => [c, i]));

  // Hierarchy (Allegato C), kept as relations.
  const allegato = readCsvObjects(read(SOURCE_FILES.allegatoC));
  const ambitiMap = new Map<string, AmbitoRecord>();
  const distretti = new Map<string, { code: string; name: string; asst: string[] }>();
  const asst = new Map<string, { code: string; name: string; ats: string }>();
  const ats = new Map<string, { code: string; name: string }>();
  const add = (list: string[], v: string) => { if (!list.includes(v)) list.push(v); list.sort(); };
  for (const r of allegato) {
    const a = ambitiMap.get(r.ambito_code) ?? { code: r.ambito_code, name: r.ambito_name, sioss: r.sioss_code, ats: r.ats_code, asst: [], distretti: [] };
    add(a.asst, r.asst_code);
    add(a.distretti, r.distretto_code);
    ambitiMap.set(a.code, a);
    const d = distretti.get(r.distretto_code) ?? { code: r.distretto_code, name: r.distretto_name, asst: [] };
    add(d.asst, r.asst_code);
    distretti.set(d.code, d);
    asst.set(r.asst_code, { code: r.asst_code, name: r.asst_name, ats: r.ats_code });
    ats.set(r.ats_code, { code: r.ats_code, name: r.ats_name });
  }
  const links = allegato
    .map((r) => ({ ambito: r.ambito_code, distretto: r.distretto_code, asst: r.asst_code, ats: r.ats_code }))
    .sort((a, b) => a.ambito.localeCompare(b.ambito) || a.distretto.localeCompare(b.distretto) || a.asst.localeCompare(b.asst));

  // Composition: sourced rows, then the estimator for the rest.
  const known = new Map<number, string>();
  for (const [istat, r] of compositionRows) if (r.ambito_code) known.set(indexOf.get(istat)!, r.ambito_code);
  const hints = readCsvObjects(read(SOURCE_FILES.hints));
  const pools = hints.filter((h) => h.kind === 'pool').map((h) => ({
    ambiti: h.value.split('|'),
    comuni: h.istat_codes.split('|').map((c) => indexOf.get(c)).filter((i): i is number => i !== undefined),
  }));
  const counts = new Map<string, number[]>();
  for (const h of hints.filter((x) => x.kind === 'stated_count')) counts.set(h.ambito_code, [...(counts.get(h.ambito_code) ?? []), Number(h.value)]);
  // Where sources disagree on the size, the larger figure is used: a cap, not a quota.
  const statedCount = new Map([...counts].map(([a, v]) => [a, Math.max(...v)]));
  const populations = new Map<string, number[]>();
  for (const h of hints.filter((x) => x.kind === 'population_stated')) populations.set(h.ambito_code, [...(populations.get(h.ambito_code) ?? []), Number(h.value)]);
  const statedPopulation = new Map([...populations].map(([a, v]) => [a, Math.max(...v)]));
  const pairHints = (kind: string) => hints.filter((h) => h.kind === kind && indexOf.has(h.istat_codes)).map((h) => ({ ambito: h.ambito_code, comune: indexOf.get(h.istat_codes)! }));
  const estimatorInput: EstimatorInput = {
    comuni: istats.map((c) => ({ istat: c, province: attributes.get(c)!.provincia, residents: Number(attributes.get(c)!.residenti_anpr_2024_01_10) })),
    adjacency, known, pools, statedCount, statedPopulation, anchors: pairHints('anchor_comune'), nameComuni: pairHints('name_comune'),
    candidates: pairHints('candidate'), ambitoNames: new Map([...ambitiMap.values()].map((a) => [a.code, a.name])),
    comuneNames: istats.map((c) => attributes.get(c)!.comune),
  };
  const placements = estimate(estimatorInput);
  const unplaced = istats.filter((_, i) => !known.has(i) && !placements.has(i));
  if (unplaced.length) throw new Error(`comuni senza Ambito dopo la stima (fuori da ogni pool?): ${unplaced.join(', ')}`);
  const completeAmbiti = readCsvObjects(read(SOURCE_FILES.status)).filter((r) => r.status === 'complete').map((r) => r.ambito_code);
  const atsOf = new Map([...ambitiMap.values()].map((a) => [a.code, a.ats]));
  const loo = leaveOneOut(estimatorInput, completeAmbiti, atsOf);
  log.push(`stimatore, leave-one-out su ${loo.perAmbito.length} Ambiti completi: ${loo.placedRight}/${loo.hiddenComuni} comuni al posto giusto (${loo.accuracyPct}%)`);

  const comuni: ComuneRecord[] = istats.map((istat, i) => {
    const attr = attributes.get(istat)!;
    const residents = Number(attr.residenti_anpr_2024_01_10);
    const { areaKm2, point } = measure(features[i]);
    const row = compositionRows.get(istat)!;
    const placed = placements.get(i);
    return {
      istat, name: attr.comune, province: attr.provincia, residents,
      capoluogo: attr.capoluogo_provincia === '1', over50k: residents > 50_000, areaKm2, point,
      ambito: placed ? placed.ambito : row.ambito_code,
      status: placed ? 'estimated' : 'sourced',
      confidence: placed ? 'estimated' : (row.confidence as ComuneRecord['confidence']),
      source: placed ? placed.rule : row.source,
    };
  });

  const data: TerritoryData = {
    version: 1,
    populationDate: POPULATION_DATE,
    comuni,
    ambiti: [...ambitiMap.values()].sort(byCode),
    distretti: [...distretti.values()].sort(byCode),
    asst: [...asst.values()].sort(byCode),
    ats: [...ats.values()].sort(byCode),
    links,
    adjacency,
  };

  // Dissolved levels on the shared arcs.
  const comuniOf = (ambitiCodes: Iterable<string>) => {
    const set = new Set(ambitiCodes);
    return comuni.flatMap((c, i) => (set.has(c.ambito) ? [i] : []));
  };
  const unitsOf = (key: 'distretto' | 'asst' | 'ats') => {
    const m = new Map<string, Set<string>>();
    for (const l of links) m.set(l[key], (m.get(l[key]) ?? new Set()).add(l.ambito));
    return [...m].sort(([a], [b]) => a.localeCompare(b)).map(([id, amb]) => ({ id, comuni: comuniOf(amb) }));
  };
  const outTopo = {
    type: 'Topology',
    bbox: topo.bbox,
    transform: topo.transform,
    objects: {
      comuni: topo.objects.comuni,
      ambiti: { type: 'GeometryCollection', geometries: dissolve(topo, data.ambiti.map((a) => ({ id: a.code, comuni: comuniOf([a.code]) }))) },
      distretti: { type: 'GeometryCollection', geometries: dissolve(topo, unitsOf('distretto')) },
      asst: { type: 'GeometryCollection', geometries: dissolve(topo, unitsOf('asst')) },
      ats: { type: 'GeometryCollection', geometries: dissolve(topo, unitsOf('ats')) },
    },
    arcs: topo.arcs,
  };

  const layers = Object.fromEntries(
    Object.keys(outTopo.objects).map((k) => [k, feature(outTopo as never, (outTopo.objects as unknown as Record<string, never>)[k]) as unknown as FeatureCollection]),
  );
  const errors = validateTerritory(data, layers);
  if (errors.length && options.check !== false) throw new Error(`invarianti violate:\n- ${errors.join('\n- ')}`);

  const csv = writeCsv(
    ['istat_code', 'comune', 'ambito_code', 'ambito_name', 'status', 'confidence', 'source'],
    comuni.map((c) => [c.istat, c.name, c.ambito, ambitiMap.get(c.ambito)!.name, c.status, c.confidence, c.source]),
  );
  const files: Record<string, string> = {
    'territory.topo.json': json(outTopo),
    'territory.json': json(data),
    'comuni-ambiti.csv': csv,
  };
  files['manifest.json'] = JSON.stringify(manifest(data, files, loo, fixed), null, 2) + '\n';
  return { files, data, estimatorInput, completeAmbiti, atsOf, log };
}

function manifest(data: TerritoryData, files: Record<string, string>, loo: ReturnType<typeof leaveOneOut>, fixed: { bardelloAreaKm2: number; piecesAreaKm2: number }) {
  const sum = (f: (c: ComuneRecord) => boolean) => {
    const list = data.comuni.filter(f);
    return { comuni: list.length, residents: list.reduce((s, c) => s + c.residents, 0) };
  };
  const confidence: Record<string, number> = {};
  for (const c of data.comuni) confidence[c.confidence] = (confidence[c.confidence] ?? 0) + 1;
  const ambitiWithEstimates = new Set(data.comuni.filter((c) => c.status === 'estimated').map((c) => c.ambito));
  const sha256 = Object.fromEntries(Object.entries(files).map(([name, text]) => [name, createHash('sha256').update(text).digest('hex')]));
  const boundaries = 'ISTAT via openpolis/geojson-italy (commit 5dd489e6), CC-BY 4.0, confini ISTAT giugno 2023';
  return {
    name: 'PIS Lombardia — territorio',
    counts: {
      comuni: data.comuni.length, ambiti: data.ambiti.length, distretti: data.distretti.length, asst: data.asst.length, ats: data.ats.length,
      links: data.links.length, rule50kComuni: data.comuni.filter((c) => c.over50k || c.capoluogo).length,
    },
    residents: { total: data.comuni.reduce((s, c) => s + c.residents, 0), date: data.populationDate, source: 'ANPR (Ministero dell\'Interno), anpr-opendata, CC-BY 4.0' },
    composition: {
      sourced: sum((c) => c.status === 'sourced'),
      estimated: sum((c) => c.status === 'estimated'),
      byConfidence: confidence,
      ambitiWithEstimatedComuni: ambitiWithEstimates.size,
      ambitiFullySourced: data.ambiti.length - ambitiWithEstimates.size,
    },
    estimator: {
      method: 'crescita per contiguità dai comuni documentati (e dalle ancore), vincolata ai pool, alla provincia e ai conteggi dichiarati; deterministica (geodata/README.md)',
      leaveOneOut: { ambiti: loo.perAmbito.length, hiddenComuni: loo.hiddenComuni, placedRight: loo.placedRight, accuracyPct: loo.accuracyPct, perAmbito: loo.perAmbito },
    },
    provenance: {
      'territory.topo.json': {
        sources: [boundaries, 'pezzi 2022 di 012144: openpolis/geojson-italy tag 2022.1'], licence: 'CC-BY 4.0', referenceDate: '2023-06',
        transformation: `018002 fuso in 018026; 012144 costruito dal buco della topologia 2023 (${fixed.bardelloAreaKm2.toFixed(3)} km², pezzi 2022 ${fixed.piecesAreaKm2.toFixed(3)} km²); semplificazione topologica (topojson-simplify), quantizzazione 1e5; Ambiti, Distretti, ASST e ATS dissolti sugli archi condivisi (topojson-client mergeArcs)`,
      },
      'territory.json': {
        sources: ['ANPR residenti 10/01/2024', 'ISTAT Elenco comuni (capoluoghi)', 'DGR XII/2167 del 15/04/2024 Allegato C', 'comuni_ambiti.csv e ambiti_hints.csv (fonti per riga)', boundaries],
        licence: 'CC-BY 4.0 (ISTAT, ANPR, openpolis); atto pubblico (DGR)', referenceDate: POPULATION_DATE,
        transformation: 'join per codice ISTAT; superficie geodetica e punto interno dal poligono semplificato; adiacenza dai confini condivisi; stima degli Ambiti mancanti',
      },
      'comuni-ambiti.csv': { sources: ['comuni_ambiti.csv', 'stimatore'], licence: 'CC-BY 4.0', referenceDate: '2018–2026', transformation: 'righe documentate con confidenza e fonte; righe stimate con la regola che le ha collocate' },
    },
    sha256,
  };
}
