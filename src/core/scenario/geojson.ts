// GeoJSON of the bases: one Point feature per base that has a place. Import replaces every
// placed base of the scenario with the file's features (bases without a place — a centrale
// that is only a phone line — stay). Structure is checked with geojson-validation, then the
// domain: Point geometry, coordinates inside Lombardy, a known pis_id and ISTAT code.
import { isFeature, isFeatureCollection } from 'geojson-validation';
import type { ImportResult, PisBase, Scenario } from './types.ts';
import { BASE_KINDS, ILLUSTRATIVE_NAME } from './types.ts';
import type { Territory } from '../territory/index.ts';
import { TIME_BANDS } from '../sim/layout.ts';
import { decodeText } from './textInput.ts';
import { parseJson } from './serialize.ts';
import { inLombardyBbox, LOMBARDY_BBOX } from './bbox.ts';
import { checkScenario } from './invariants.ts';
import { Checker, joinPath, readScenarioV1 } from './validate.ts';
import { own } from './own.ts';

const unitKey = (band: string): string => `unita_${band}`;

export function exportBasesGeoJson(s: Scenario, territory: Territory): string {
  const features: unknown[] = [];
  for (const svc of s.services) {
    for (const b of svc.bases) {
      if (b.istat === undefined) continue;
      const c = territory.comune(b.istat);
      const coords = b.point ?? c?.point;
      if (!coords) continue;
      const properties: Record<string, unknown> = {
        base_id: b.id, pis_id: svc.id, pis_nome: svc.name, tipo: b.kind, istat: b.istat, comune: c?.name ?? '',
        punto_esplicito: b.point !== undefined,
      };
      for (const band of TIME_BANDS) properties[unitKey(band)] = b.unitsByBand[band];
      features.push({ type: 'Feature', geometry: { type: 'Point', coordinates: [coords[0], coords[1]] }, properties });
    }
  }
  const fc: Record<string, unknown> = { type: 'FeatureCollection', name: s.name, illustrative: s.illustrative };
  if (s.illustrative) fc.avviso = ILLUSTRATIVE_NAME;
  fc.features = features;
  return JSON.stringify(fc, null, 2) + '\n';
}


type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

// geojson-validation reports in English: translate the usual messages, keep the rest quoted.
function italianTrace(trace: string[]): string {
  return trace
    .map((t) => t
      .replace(/must have a member with the name "(\w+)"/, 'manca il campo "$1"')
      .replace(/Position must only contain numbers\. Item (.*) at index (\d+) is invalid\./, 'la coordinata $2 ($1) non è un numero')
      .replace(/Position must be at least two elements/, 'servono almeno due coordinate'))
    .join('; ');
}

const PROPERTY_KEYS = ['base_id', 'pis_id', 'pis_nome', 'tipo', 'istat', 'comune', 'punto_esplicito', ...TIME_BANDS.map(unitKey)];

export function importBasesGeoJson(input: Uint8Array | string, current: Scenario, territory: Territory): ImportResult {
  const decoded = decodeText(input);
  if (!decoded.ok) return decoded;
  const parsed = parseJson(decoded.text);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  if (!isObj(v) || v.type !== 'FeatureCollection' || !Array.isArray(v.features)) {
    return { ok: false, errors: ['(radice): atteso un GeoJSON FeatureCollection con una lista "features"'] };
  }
  // Import replaces the placed bases: an empty collection would silently delete them all.
  if (v.features.length === 0) {
    return { ok: false, errors: ['features: nessuna base nel file (lista vuota): importandolo si cancellerebbero tutte le basi; per togliere le basi usare l\'editor'] };
  }
  const c = new Checker();
  const serviceIds = new Set(current.services.map((x) => x.id));
  const placed = new Map<string, { base: PisBase; feature: number }[]>();
  const featureOfBase = new Map<string, number>();
  v.features.forEach((f, i) => {
    const p = `features[${i}]`;
    const trace = isFeature(f, true);
    if (trace.length > 0) return c.err(p, `feature GeoJSON non valida: ${italianTrace(trace)}`);
    const feat = f as Obj;
    const g = feat.geometry;
    if (!isObj(g)) return c.err(`${p}.geometry`, 'geometria mancante: serve un punto');
    if (g.type !== 'Point') return c.err(`${p}.geometry.type`, `geometria "${String(g.type)}" non ammessa: serve un Point`);
    const coords = g.coordinates as number[];
    const [lon, lat] = coords;
    if (coords.length !== 2 || lon === undefined || lat === undefined) return c.err(`${p}.geometry.coordinates`, `attese 2 coordinate [lon, lat], trovate ${coords.length}`);
    if (!inLombardyBbox(coords)) {
      return c.err(`${p}.geometry.coordinates`, `punto [${coords.join(', ')}] fuori dalla Lombardia (lon ${LOMBARDY_BBOX[0]}–${LOMBARDY_BBOX[2]}, lat ${LOMBARDY_BBOX[1]}–${LOMBARDY_BBOX[3]})`);
    }
    const pp = `${p}.properties`;
    const props = c.object(feat.properties, pp);
    if (!props) return;
    c.keys(props, pp, PROPERTY_KEYS);
    const pisId = c.string(props.pis_id, joinPath(pp, 'pis_id'), { nonEmpty: true });
    if (pisId !== undefined && !serviceIds.has(pisId)) c.err(joinPath(pp, 'pis_id'), `PIS "${pisId}" inesistente nello scenario`);
    const istat = c.string(props.istat, joinPath(pp, 'istat'), { nonEmpty: true });
    const comune = istat === undefined ? undefined : territory.comune(istat);
    if (istat !== undefined && !comune) c.err(joinPath(pp, 'istat'), `comune ISTAT sconosciuto "${istat}"`);
    const id = c.string(props.base_id, joinPath(pp, 'base_id'), { nonEmpty: true });
    if (id !== undefined && featureOfBase.has(id)) c.err(joinPath(pp, 'base_id'), `base "${id}" ripetuta (già in features[${featureOfBase.get(id)}])`);
    const kind = c.oneOf(props.tipo, joinPath(pp, 'tipo'), BASE_KINDS);
    const explicit = props.punto_esplicito === undefined ? true : c.boolean(props.punto_esplicito, joinPath(pp, 'punto_esplicito'));
    const unitsByBand = { office: 0, closure: 0, night: 0, saturday: 0, holiday: 0 };
    for (const band of TIME_BANDS) unitsByBand[band] = c.number(props[unitKey(band)], joinPath(pp, unitKey(band)), 0, 1000, true) ?? 0;
    if (pisId === undefined || !serviceIds.has(pisId) || !comune || id === undefined || featureOfBase.has(id) || !kind) return;
    featureOfBase.set(id, i);
    const base: PisBase = { id, kind, istat: comune.istat, unitsByBand };
    // A point equal to the comune's point and not marked explicit stays implicit (follows the comune).
    const onComunePoint = lon === comune.point[0] && lat === comune.point[1];
    if (explicit !== false || !onComunePoint) base.point = [lon, lat];
    placed.set(pisId, [...(placed.get(pisId) ?? []), { base, feature: i }]);
  });
  if (c.errors.length === 0) {
    const trace = isFeatureCollection(v, true);
    if (trace.length > 0) c.err('', `GeoJSON non valido: ${italianTrace(trace)}`);
  }
  if (c.errors.length > 0) return { ok: false, errors: c.errors };

  const services = current.services.map((svc) => ({
    ...svc,
    bases: [...svc.bases.filter((b) => b.istat === undefined), ...(placed.get(svc.id) ?? []).map((x) => x.base)],
  }));
  const scenario: Scenario = { ...current, services };
  // A base's path in the scenario → the feature (and its member) it came from.
  const MEMBER: Record<string, string> = { point: '.geometry.coordinates', istat: '.properties.istat', id: '.properties.base_id', kind: '.properties.tipo' };
  const where = (path: string): string => {
    const m = /^services\[(\d+)\]\.bases\[(\d+)\](?:\.(\w+))?/.exec(path);
    const f = m ? featureOfBase.get(services[Number(m[1])]?.bases[Number(m[2])]?.id ?? '') : undefined;
    return f === undefined ? '(file)' : `features[${f}]${(m?.[3] && own(MEMBER, m[3])) ?? ''}`;
  };
  const problems = checkScenario(scenario, territory);
  const errors = problems.filter((x) => x.severity === 'error').map((x) => `${where(x.path)}: ${x.message}`);
  if (errors.length > 0) return { ok: false, errors };
  // Safety net: what this importer builds must pass the schema every other path applies.
  const schema = readScenarioV1(JSON.parse(JSON.stringify(scenario)) as unknown);
  if (!schema.ok) return { ok: false, errors: schema.errors.map((e) => `(file) › ${e}`) };
  const warnings = problems.filter((x) => x.severity === 'warning').map((x) => `${where(x.path)}: ${x.message}`);
  return warnings.length > 0 ? { ok: true, scenario, warnings } : { ok: true, scenario };
}
