// Spherical geometry on [lon, lat] points. Haversine is enough at the scale of a region
// (error well under 0.5 % against an ellipsoid), and it keeps the core dependency-free.

const EARTH_RADIUS_KM = 6371.0088;
const RAD = Math.PI / 180;

export function haversineKm(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const dLat = (lat2 - lat1) * RAD;
  const dLon = (lon2 - lon1) * RAD;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** The point at `distanceKm` from [lon, lat] along `bearingDeg` (0 = north, clockwise). */
export function destinationPoint(lon: number, lat: number, distanceKm: number, bearingDeg: number): [number, number] {
  const d = distanceKm / EARTH_RADIUS_KM;
  const b = bearingDeg * RAD;
  const la1 = lat * RAD;
  const lo1 = lon * RAD;
  const la2 = Math.asin(Math.sin(la1) * Math.cos(d) + Math.cos(la1) * Math.sin(d) * Math.cos(b));
  const lo2 = lo1 + Math.atan2(Math.sin(b) * Math.sin(d) * Math.cos(la1), Math.cos(d) - Math.sin(la1) * Math.sin(la2));
  // Rounded to ~1 m so results are stable across platforms.
  return [Math.round((lo2 / RAD) * 1e5) / 1e5, Math.round((la2 / RAD) * 1e5) / 1e5];
}
