// Map features of a scenario: one outline per sovra-Ambito PIS (dissolved on the topology, so the
// shape is exactly the union of its members), and the PIS bases as points.
import { merge } from 'topojson-client';
import type { Feature, FeatureCollection, MultiPolygon, Point } from 'geojson';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { Scenario } from '../core/scenario/index.ts';
import type { Territory } from '../core/territory/index.ts';
import { BASE_KIND_LABELS, isSovraAmbito } from '../core/scenario/index.ts';

export function associationFeatures(topo: Topology, scenario: Scenario): FeatureCollection<MultiPolygon> {
  const ambiti = (topo.objects.ambiti as GeometryCollection).geometries;
  const byCode = new Map(ambiti.map((g) => [String(g.id), g]));
  const features: Feature<MultiPolygon>[] = scenario.services.filter(isSovraAmbito).map((svc) => ({
    type: 'Feature',
    id: svc.id,
    properties: { id: svc.id, name: svc.name, members: svc.members.length },
    geometry: merge(topo, svc.members.map((m) => byCode.get(m)).filter((g) => g !== undefined) as never),
  }));
  return { type: 'FeatureCollection', features };
}

export function baseFeatures(territory: Territory, scenario: Scenario): FeatureCollection<Point> {
  const features: Feature<Point>[] = [];
  for (const svc of scenario.services) {
    for (const b of svc.bases) {
      const point = b.point ?? (b.istat ? territory.comune(b.istat)?.point : undefined);
      if (!point) continue; // a centrale operativa with no place is a phone line: nothing to draw
      features.push({
        type: 'Feature',
        properties: { id: b.id, service: svc.id, kind: b.kind, label: `${BASE_KIND_LABELS[b.kind]} — ${svc.name}` },
        geometry: { type: 'Point', coordinates: point },
      });
    }
  }
  return { type: 'FeatureCollection', features };
}
