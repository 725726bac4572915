// Lombardy's bounding box, [west, south, east, north] in degrees. The comuni's representative
// points span 8.53–11.30 E, 44.72–46.53 N (geodata/generated/territory.json); the margin takes
// in the borders of the polygons. Used to catch swapped or foreign coordinates in imports.
export const LOMBARDY_BBOX: readonly [number, number, number, number] = [8.45, 44.6, 11.45, 46.65];

export function inLombardyBbox(point: readonly number[]): boolean {
  const [lon, lat] = point;
  // A point with fewer than two coordinates is not in Lombardy.
  if (lon === undefined || lat === undefined) return false;
  return lon >= LOMBARDY_BBOX[0] && lon <= LOMBARDY_BBOX[2] && lat >= LOMBARDY_BBOX[1] && lat <= LOMBARDY_BBOX[3];
}
