// The current map view → a composed PNG (map + legend + scale + title + sources + date + the
// "illustrativo" label when it applies). The map is passed in, not looked up, so the caller
// decides where it comes from.
import type { Territory } from '../core/territory/index.ts';
import type { Scenario } from '../core/scenario/index.ts';
import { caption as makeCaption } from './caption.ts';
import { t } from '../i18n/strings.ts';
import { canvasToPng, composeImage, measureFrame, type ExportMeta } from './composeImage.ts';
import { legendModel, type SlideLevelLike } from './legendModel.ts';
import { metresPerPixel, niceScale } from './scale.ts';

/** The part of maplibregl.Map the export uses (keeps this module free of the maplibre import). */
export interface MapLike {
  getCanvas(): HTMLCanvasElement;
  getContainer(): HTMLElement;
  getCenter(): { lng: number; lat: number };
  getZoom(): number;
  loaded(): boolean;
  isMoving(): boolean;
  once(type: 'idle', listener: () => void): unknown;
  triggerRepaint(): void;
  getBounds(): unknown;
  fitBounds(bounds: never, opts: { padding: number; duration: number }): unknown;
  jumpTo(opts: { center: [number, number]; zoom: number }): unknown;
  resize(): unknown;
  getPixelRatio(): number;
  setPixelRatio(r: number): void;
  /** Optional: where the export's place names were drawn (for the meta; tests check their ink). */
  queryRenderedFeatures?(opts: { layers: string[] }): { properties: unknown; geometry: unknown }[];
  project?(p: [number, number]): { x: number; y: number };
}

/** A place name drawn in the exported map: its text and anchor in output pixels of the map region. */
export interface PlacedLabel { text: string; x: number; y: number }

/**
 * Output formats. `slide`: 1920×1080 px (16:9 projector/slide). `a4`: A4 landscape at 300 dpi
 * (3508×2480 px). `screen`: the map as it is on screen. The map is drawn again at the format's
 * size (CSS size × pixel ratio), so labels and lines are sharp, not an enlarged screenshot.
 */
export type ExportFormat = 'slide' | 'a4' | 'screen';
export const EXPORT_FORMATS: Record<Exclude<ExportFormat, 'screen'>, { width: number; height: number; ratio: number }> = {
  slide: { width: 1920, height: 1080, ratio: 1.5 },
  a4: { width: 3508, height: 2480, ratio: 3 },
};

export interface ViewExport {
  blob: Blob;
  canvas: HTMLCanvasElement;
  meta: ExportMeta;
  filename: string;
}

/** Resolves when the map has finished drawing what it shows (at once if it already has). */
export function mapSettled(map: MapLike): Promise<void> {
  if (map.loaded() && !map.isMoving()) return Promise.resolve();
  return new Promise((resolve) => {
    map.once('idle', () => resolve());
    map.triggerRepaint();
  });
}

/** The heading of the 'confronto' legend, as the on-screen legend words it. */
export function comparisonHeading(comparison: { status: string; value?: { nameA: string; nameB: string } } | undefined): string | undefined {
  return comparison?.status === 'ok' && comparison.value ? t().legend.compareHeading(comparison.value.nameA, comparison.value.nameB) : undefined;
}

export function exportFilename(scenario: Scenario, level: string, today: Date): string {
  const slug = scenario.name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || 'scenario';
  const d = `${today.getFullYear()}${String(today.getMonth() + 1).padStart(2, '0')}${String(today.getDate()).padStart(2, '0')}`;
  return `pis-lombardia-${level}-${slug}${scenario.illustrative ? '-ILLUSTRATIVO' : ''}-${d}.png`;
}

/** Draws the map again in an off-screen box of cssW×cssH at `ratio`, with the same view, and copies it. */
async function renderMapAt(map: MapLike, cssW: number, cssH: number, ratio: number): Promise<{ canvas: HTMLCanvasElement; labels: PlacedLabel[] }> {
  const container = map.getContainer();
  // Through the CSSOM (style.cssText), not setAttribute('style'): the CSP refuses style attributes.
  const saved = { style: container.style.cssText, center: map.getCenter(), zoom: map.getZoom(), bounds: map.getBounds(), ratio: map.getPixelRatio() };
  try {
    container.style.cssText = `position:fixed;left:${-cssW - 50}px;top:0;width:${cssW}px;height:${cssH}px;`;
    map.setPixelRatio(ratio);
    map.resize();
    map.fitBounds(saved.bounds as never, { padding: 0, duration: 0 });
    await new Promise<void>((resolve) => {
      map.once('idle', () => resolve());
      map.triggerRepaint();
    });
    const src = map.getCanvas();
    const copy = document.createElement('canvas');
    copy.width = src.width;
    copy.height = src.height;
    copy.getContext('2d')!.drawImage(src, 0, 0);
    const labels: PlacedLabel[] = [];
    if (map.queryRenderedFeatures && map.project) {
      for (const f of map.queryRenderedFeatures({ layers: ['capoluoghi-label'] })) {
        const g = f.geometry as { type: string; coordinates: [number, number] };
        if (g.type !== 'Point') continue;
        const p = map.project(g.coordinates);
        labels.push({ text: String((f.properties as { name?: unknown }).name), x: Math.round(p.x * ratio), y: Math.round(p.y * ratio) });
      }
    }
    return { canvas: copy, labels };
  } finally {
    container.style.cssText = saved.style;
    if (saved.style === '') container.removeAttribute('style');
    map.setPixelRatio(saved.ratio);
    map.resize();
    map.jumpTo({ center: [saved.center.lng, saved.center.lat], zoom: saved.zoom });
  }
}

export async function exportView(
  map: MapLike,
  opts: { territory: Territory; level: SlideLevelLike; scenario: Scenario; selectionName?: string; title?: string; comparisonHeading?: string; today?: Date; format?: ExportFormat },
): Promise<ViewExport> {
  await mapSettled(map);
  const today = opts.today ?? new Date();
  const caption = makeCaption({ level: opts.level, scenario: opts.scenario, selectionName: opts.selectionName, title: opts.title, today });
  const legend = legendModel(opts.territory, opts.level, opts.scenario, opts.comparisonHeading);
  const format = opts.format ?? 'slide';
  let mapCanvas: HTMLCanvasElement;
  let cssW: number;
  let cssH: number;
  let k: number | undefined;
  let placed: PlacedLabel[] = [];
  if (format === 'screen') {
    const container = map.getContainer();
    cssW = container.clientWidth || map.getCanvas().width;
    cssH = container.clientHeight || map.getCanvas().height;
    mapCanvas = map.getCanvas();
  } else {
    const f = EXPORT_FORMATS[format];
    k = f.ratio;
    const frame = measureFrame(caption, f.width, f.ratio);
    cssW = Math.round(f.width / f.ratio);
    cssH = Math.round((f.height - frame.headH - frame.footH) / f.ratio);
    const r = await renderMapAt(map, cssW, cssH, f.ratio);
    mapCanvas = r.canvas;
    placed = r.labels;
    // Rounding of the CSS size: crop or pad to the exact format.
    if (mapCanvas.width !== f.width || mapCanvas.height !== f.height - frame.headH - frame.footH) {
      const exact = document.createElement('canvas');
      exact.width = f.width;
      exact.height = f.height - frame.headH - frame.footH;
      const x = exact.getContext('2d')!;
      x.fillStyle = '#f4f1ea';
      x.fillRect(0, 0, exact.width, exact.height);
      x.drawImage(mapCanvas, 0, 0);
      mapCanvas = exact;
    }
  }
  const centre = map.getCenter();
  const scale = niceScale(metresPerPixel(centre.lat, map.getZoom()), Math.min(160, cssW / 4));
  const { canvas, meta } = composeImage({ mapCanvas, mapCssWidth: cssW, mapCssHeight: cssH, caption, legend, scaleBar: { px: scale.px, label: scale.label }, scale: k });
  const blob = await canvasToPng(canvas);
  meta.labels = placed.map((l) => ({ ...l, y: l.y + (meta.regions.map?.y ?? 0) }));
  return { blob, canvas, meta, filename: exportFilename(opts.scenario, opts.level, today) };
}
