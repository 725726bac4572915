// The current map view → a composed PNG (map + legend + scale + title + sources + date + the
// "illustrativo" label when it applies). The map is passed in, not looked up, so the caller
// decides where it comes from.
import type { Territory } from '../core/territory/index.ts';
import type { Scenario } from '../core/scenario/index.ts';
import { caption as makeCaption } from './caption.ts';
import { t } from '../i18n/strings.ts';
import { canvasToPng, composeImage, type ExportMeta } from './composeImage.ts';
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
}

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

export async function exportView(
  map: MapLike,
  opts: { territory: Territory; level: SlideLevelLike; scenario: Scenario; selectionName?: string; title?: string; comparisonHeading?: string; today?: Date },
): Promise<ViewExport> {
  await mapSettled(map);
  const today = opts.today ?? new Date();
  const container = map.getContainer();
  const cssW = container.clientWidth || map.getCanvas().width;
  const cssH = container.clientHeight || map.getCanvas().height;
  const centre = map.getCenter();
  const scale = niceScale(metresPerPixel(centre.lat, map.getZoom()), Math.min(160, cssW / 4));
  const { canvas, meta } = composeImage({
    mapCanvas: map.getCanvas(),
    mapCssWidth: cssW,
    mapCssHeight: cssH,
    caption: makeCaption({ level: opts.level, scenario: opts.scenario, selectionName: opts.selectionName, title: opts.title, today }),
    legend: legendModel(opts.territory, opts.level, opts.scenario, opts.comparisonHeading),
    scaleBar: { px: scale.px, label: scale.label },
  });
  const blob = await canvasToPng(canvas);
  return { blob, canvas, meta, filename: exportFilename(opts.scenario, opts.level, today) };
}
