// Scale bar of a web-Mercator map, pure so it can be tested in Node. MapLibre's zoom is relative
// to 512-pixel tiles: at zoom z a CSS pixel spans 40,075,016.686 m × cos(lat) / (512 × 2^z).
import { formatIt } from '../core/format/numbers.ts';

const EARTH_CIRCUMFERENCE_M = 40_075_016.686;

export function metresPerPixel(latDeg: number, zoom: number): number {
  return (EARTH_CIRCUMFERENCE_M * Math.cos((latDeg * Math.PI) / 180)) / (512 * 2 ** zoom);
}

/**
 * The longest "round" distance (1, 2 or 5 × 10^k metres) whose bar fits in maxPx CSS pixels,
 * with its length in pixels and an Italian label ("20 km", "500 m").
 */
export function niceScale(metresPerPx: number, maxPx: number): { distanceM: number; px: number; label: string } {
  if (!(metresPerPx > 0) || !(maxPx > 0)) throw new RangeError(`scala non calcolabile (m/px ${metresPerPx}, ${maxPx} px)`);
  const maxM = metresPerPx * maxPx;
  const pow = 10 ** Math.floor(Math.log10(maxM));
  const distanceM = [5, 2, 1].map((m) => m * pow).find((d) => d <= maxM)!;
  const label = distanceM >= 1000 ? `${formatIt(distanceM / 1000)} km` : `${formatIt(distanceM)} m`;
  return { distanceM, px: distanceM / metresPerPx, label };
}
