// Validation of a raw ServiceLayout file (CLI `--layout`): the same gates as a scenario import
// (size, encoding, depth/size bounds, text rule, known codes, places inside Lombardy and inside
// their comune) so that a hand-written layout cannot feed the engine unknown codes, NaN or
// points in another region. Unknown keys are errors, as in the scenario schema.
import type { LayoutBase, LayoutService, PisPresence, ServiceLayout } from '../sim/layout.ts';
import { PIS_ORGANISATION_OPTIONS } from '../sim/layout.ts';
import type { Territory } from '../territory/index.ts';
import { decodeText } from './textInput.ts';
import { parseJson } from './serialize.ts';
import { Checker, joinPath, readUnits } from './validate.ts';
import { inLombardyBbox } from './bbox.ts';

const PRESENCE: readonly PisPresence[] = ['present', 'absent', 'unknown'];
const SERVICE_KEYS = ['id', 'name', 'members', 'graveMarginalita', 'graveMarginalitaKnown', 'centraleOperativa24h', 'organisation', 'answerByBand', 'rosterKnown', 'bases'];

function readBase(c: Checker, v: unknown, path: string, territory: Territory): LayoutBase | undefined {
  const o = c.object(v, path);
  if (!o) return undefined;
  c.keys(o, path, ['id', 'istat', 'point', 'unitsByBand']);
  const id = c.string(o.id, joinPath(path, 'id'), { nonEmpty: true }) ?? '';
  const istat = c.string(o.istat, joinPath(path, 'istat'), { nonEmpty: true }) ?? '';
  if (istat && !territory.comune(istat)) c.err(joinPath(path, 'istat'), `comune ISTAT sconosciuto "${istat}"`);
  const b: LayoutBase = { id, istat, unitsByBand: readUnits(c, o.unitsByBand, joinPath(path, 'unitsByBand')) };
  if (o.point !== undefined) {
    const pp = joinPath(path, 'point');
    const a = c.array(o.point, pp);
    if (a && a.length !== 2) c.err(pp, `attese 2 coordinate [lon, lat], trovate ${a.length}`);
    else if (a) {
      const lon = c.number(a[0], joinPath(pp, 0), -180, 180);
      const lat = c.number(a[1], joinPath(pp, 1), -90, 90);
      if (lon !== undefined && lat !== undefined) {
        if (!inLombardyBbox([lon, lat])) c.err(pp, `punto [${lon}, ${lat}] fuori dalla Lombardia`);
        else {
          const km = territory.comune(istat) ? territory.places?.distanceKm(istat, [lon, lat]) : undefined;
          if (km !== undefined && km > (territory.places?.toleranceKm ?? Infinity)) c.err(pp, `punto a ${km.toFixed(1)} km dal comune ${istat}: deve cadere nel comune della base`);
          b.point = [lon, lat];
        }
      }
    }
  }
  return b;
}

function readService(c: Checker, v: unknown, path: string, territory: Territory): LayoutService | undefined {
  const o = c.object(v, path);
  if (!o) return undefined;
  c.keys(o, path, SERVICE_KEYS);
  const p = (k: string) => joinPath(path, k);
  const members = (c.array(o.members, p('members')) ?? []).map((m, i) => {
    const code = c.string(m, joinPath(p('members'), i), { nonEmpty: true }) ?? '';
    if (code && !territory.ambito(code)) c.err(joinPath(p('members'), i), `codice Ambito sconosciuto "${code}"`);
    return code;
  });
  if (members.length === 0) c.err(p('members'), 'nessun Ambito membro');
  const s: LayoutService = {
    id: c.string(o.id, p('id'), { nonEmpty: true }) ?? '',
    name: c.string(o.name, p('name'), { nonEmpty: true }) ?? '',
    members,
    graveMarginalita: c.boolean(o.graveMarginalita, p('graveMarginalita')) ?? false,
    centraleOperativa24h: c.boolean(o.centraleOperativa24h, p('centraleOperativa24h')) ?? false,
    bases: (c.array(o.bases, p('bases')) ?? []).map((b, i) => readBase(c, b, joinPath(p('bases'), i), territory)).filter((b): b is LayoutBase => b !== undefined),
  };
  if (o.graveMarginalitaKnown !== undefined) s.graveMarginalitaKnown = c.boolean(o.graveMarginalitaKnown, p('graveMarginalitaKnown'));
  if (o.rosterKnown !== undefined) s.rosterKnown = c.boolean(o.rosterKnown, p('rosterKnown'));
  if (o.organisation !== undefined) s.organisation = c.oneOf(o.organisation, p('organisation'), PIS_ORGANISATION_OPTIONS);
  if (o.answerByBand !== undefined) s.answerByBand = readUnits(c, o.answerByBand, p('answerByBand'));
  return s;
}

export function readServiceLayout(input: Uint8Array | string, territory: Territory): { ok: true; layout: ServiceLayout } | { ok: false; errors: string[] } {
  const decoded = decodeText(input, { jsonFields: true });
  if (!decoded.ok) return decoded;
  const parsed = parseJson(decoded.text);
  if (!parsed.ok) return parsed;
  const c = new Checker();
  const o = c.object(parsed.value, '');
  if (!o) return { ok: false, errors: c.errors };
  c.keys(o, '', ['illustrative', 'services', 'compositionOverrides', 'openingHours', 'ambitoPis']);
  const layout: ServiceLayout = {
    illustrative: c.boolean(o.illustrative, 'illustrative') ?? false,
    services: (c.array(o.services, 'services') ?? []).map((s, i) => readService(c, s, joinPath('services', i), territory)).filter((s): s is LayoutService => s !== undefined),
  };
  if (o.compositionOverrides !== undefined) {
    const co = c.object(o.compositionOverrides, 'compositionOverrides') ?? {};
    layout.compositionOverrides = Object.fromEntries(Object.entries(co).map(([istat, a]) => {
      const path = joinPath('compositionOverrides', istat);
      if (!territory.comune(istat)) c.err(path, `comune ISTAT sconosciuto "${istat}"`);
      const code = c.string(a, path, { nonEmpty: true }) ?? '';
      if (code && !territory.ambito(code)) c.err(path, `codice Ambito sconosciuto "${code}"`);
      return [istat, code];
    }));
  }
  if (o.ambitoPis !== undefined) {
    const ap = c.object(o.ambitoPis, 'ambitoPis') ?? {};
    layout.ambitoPis = Object.fromEntries(Object.entries(ap).map(([code, v]) => {
      if (!territory.ambito(code)) c.err(joinPath('ambitoPis', code), `codice Ambito sconosciuto "${code}"`);
      return [code, c.oneOf(v, joinPath('ambitoPis', code), PRESENCE) ?? 'unknown'];
    }));
  }
  if (o.openingHours !== undefined) {
    // Checked for codes here; the engine reads the hours as given (validated like a scenario's when made by the app).
    const oh = c.object(o.openingHours, 'openingHours') ?? {};
    for (const code of Object.keys(oh)) if (!territory.ambito(code)) c.err(joinPath('openingHours', code), `codice Ambito sconosciuto "${code}"`);
    layout.openingHours = oh as ServiceLayout['openingHours'];
  }
  return c.errors.length ? { ok: false, errors: c.errors } : { ok: true, layout };
}
