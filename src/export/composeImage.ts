// Composes the exported picture on one 2D canvas: a title band, the map as drawn by WebGL (the
// map is created with preserveDrawingBuffer, so its canvas can be read back), the legend, a scale
// bar, the "illustrativo" label when it applies, and a footer with sources and dates. Returns
// the canvas and what it drew where, so that tests (and the report) can check the result.
import type { Caption } from './caption.ts';
import type { LegendModel, Swatch } from './legendModel.ts';

export interface Rect { x: number; y: number; w: number; h: number }

export type RegionName = 'title' | 'map' | 'legend' | 'scale' | 'attribution' | 'date' | 'illustrative';

export interface ExportMeta {
  width: number;
  height: number;
  /** Output pixels per CSS pixel of the map. */
  scale: number;
  /** Every string drawn, in drawing order. */
  texts: string[];
  regions: Partial<Record<RegionName, Rect>>;
  /** Capoluoghi names drawn in the map, anchors in output pixels (set by exportView). */
  labels?: { text: string; x: number; y: number }[];
}

export interface ComposeInput {
  /** The map canvas (device pixels). */
  mapCanvas: HTMLCanvasElement | OffscreenCanvas | ImageBitmap;
  /** Size of the map in CSS pixels (the canvas may be larger on high-DPI screens). */
  mapCssWidth: number;
  mapCssHeight: number;
  caption: Caption;
  legend: LegendModel;
  scaleBar: { px: number; label: string };
  /** Output pixels per CSS pixel when the caller fixed it (export formats); default from the canvas. */
  scale?: number;
}

const INK = '#1a1a1a';
const ACCENT = '#0b3d91';
const WARN = '#7a4b00';
const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";

/** Splits text into lines no wider than maxWidth (words longer than the line are kept whole). */
export function wrapLines(measure: (s: string) => number, text: string, maxWidth: number): string[] {
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    const next = line ? `${line} ${w}` : w;
    if (line && measure(next) > maxWidth) {
      lines.push(line);
      line = w;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

function drawSwatch(ctx: CanvasRenderingContext2D, s: Swatch, x: number, y: number, w: number, h: number): void {
  ctx.save();
  ctx.lineWidth = Math.max(1, h / 10);
  ctx.strokeStyle = '#36454f';
  const rect = () => ctx.strokeRect(x, y, w, h);
  switch (s.kind) {
    case 'fill':
      ctx.fillStyle = s.colour;
      ctx.fillRect(x, y, w, h);
      rect();
      break;
    case 'gradient': {
      const g = ctx.createLinearGradient(x, 0, x + w, 0);
      s.colours.forEach((c, i) => g.addColorStop(i / Math.max(1, s.colours.length - 1), c));
      ctx.fillStyle = g;
      ctx.fillRect(x, y, w, h);
      rect();
      break;
    }
    case 'hatch':
    case 'stripes': {
      ctx.fillStyle = s.kind === 'stripes' ? s.colour : '#ffffff';
      ctx.fillRect(x, y, w, h);
      ctx.beginPath();
      ctx.rect(x, y, w, h);
      ctx.clip();
      ctx.strokeStyle = s.kind === 'stripes' ? ACCENT : '#333333';
      for (let i = -h; i < w + h; i += h / 2.5) {
        ctx.moveTo(x + i, y + h);
        ctx.lineTo(x + i + h, y);
      }
      ctx.stroke();
      ctx.restore();
      ctx.save();
      ctx.strokeStyle = '#36454f';
      ctx.lineWidth = Math.max(1, h / 10);
      rect();
      break;
    }
    case 'line':
      ctx.fillStyle = '#36454f';
      ctx.fillRect(x, y + h / 2 - h / 8, w, h / 4);
      break;
    case 'dashed':
      ctx.setLineDash([h / 3, h / 5]);
      ctx.strokeStyle = s.colour;
      ctx.lineWidth = Math.max(2, h / 5);
      rect();
      break;
    case 'rings':
      s.colours.forEach((c, i) => {
        ctx.beginPath();
        ctx.strokeStyle = c;
        ctx.lineWidth = Math.max(2, h / 4);
        ctx.arc(x + h / 2 + i * (h + 2), y + h / 2, h / 2.6, 0, Math.PI * 2);
        ctx.stroke();
      });
      break;
    case 'dots':
      s.colours.forEach((c, i) => {
        ctx.beginPath();
        ctx.fillStyle = c;
        ctx.arc(x + h / 2 + i * (h + 2), y + h / 2, h / 2.4, 0, Math.PI * 2);
        ctx.fill();
      });
      break;
  }
  ctx.restore();
}

/**
 * Heights of the title band and of the footer for a picture `width` output pixels wide at `k`
 * output pixels per CSS pixel: the title and subtitle wrap (never cut), the sources wrap.
 * The export calls it first to size the map so that the whole picture is exactly the format asked.
 */
export function measureFrame(caption: Caption, width: number, k: number) {
  const probe = document.createElement('canvas').getContext('2d')!;
  const pad = 14 * k;
  probe.font = `700 ${22 * k}px ${FONT}`;
  const titleLines = wrapLines((s) => probe.measureText(s).width, caption.title, width - 2 * pad);
  probe.font = `${15 * k}px ${FONT}`;
  const subLines = wrapLines((s) => probe.measureText(s).width, caption.subtitle, width - 2 * pad);
  probe.font = `${13 * k}px ${FONT}`;
  const footLines = wrapLines((s) => probe.measureText(s).width, caption.attribution, width - 2 * pad);
  const footLineH = 18 * k;
  const headH = Math.ceil(12 * k + titleLines.length * 28 * k + subLines.length * 20 * k + 8 * k);
  const footH = Math.ceil(pad * 2 + footLineH * (footLines.length + 1));
  return { pad, titleLines, subLines, footLines, footLineH, headH, footH };
}

export function composeImage(input: ComposeInput): { canvas: HTMLCanvasElement; meta: ExportMeta } {
  const { mapCanvas, caption, legend, scaleBar } = input;
  const mapW = mapCanvas.width;
  const mapH = mapCanvas.height;
  // Output pixels per CSS pixel; never below 1 so that text stays legible on small maps.
  const k = input.scale ?? Math.max(1, mapW / Math.max(1, input.mapCssWidth));
  const texts: string[] = [];
  const regions: ExportMeta['regions'] = {};
  const { pad, titleLines, subLines, footLines, footLineH, headH, footH } = measureFrame(caption, mapW, k);
  const footFont = `${13 * k}px ${FONT}`;
  const canvas = document.createElement('canvas');
  canvas.width = mapW;
  canvas.height = Math.round(headH + mapH + footH);
  const ctx = canvas.getContext('2d')!;
  ctx.textBaseline = 'top';
  const text = (s: string, x: number, y: number) => {
    ctx.fillText(s, x, y);
    texts.push(s);
  };

  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);

  // Title band.
  ctx.fillStyle = ACCENT;
  ctx.fillRect(0, 0, mapW, headH);
  ctx.fillStyle = '#ffffff';
  ctx.font = `700 ${22 * k}px ${FONT}`;
  let ty = 12 * k;
  for (const l of titleLines) {
    text(l, pad, ty);
    ty += 28 * k;
  }
  ctx.font = `${15 * k}px ${FONT}`;
  for (const l of subLines) {
    text(l, pad, ty);
    ty += 20 * k;
  }
  regions.title = { x: 0, y: 0, w: mapW, h: headH };

  // Map.
  ctx.drawImage(mapCanvas as CanvasImageSource, 0, headH);
  regions.map = { x: 0, y: headH, w: mapW, h: mapH };

  // Illustrative label: top-left of the map, as on screen.
  if (caption.illustrativeLabel) {
    ctx.font = `700 ${16 * k}px ${FONT}`;
    const w = ctx.measureText(caption.illustrativeLabel).width + 20 * k;
    const r = { x: pad, y: headH + pad, w, h: 30 * k };
    ctx.fillStyle = WARN;
    ctx.fillRect(r.x, r.y, r.w, r.h);
    ctx.fillStyle = '#ffffff';
    text(caption.illustrativeLabel, r.x + 10 * k, r.y + 7 * k);
    regions.illustrative = r;
  }

  // Legend box: bottom-left of the map.
  {
    const rowH = 18 * k;
    const sw = 20 * k;
    ctx.font = `${13 * k}px ${FONT}`;
    const widest = Math.max(...legend.rows.map((r) => ctx.measureText(r.label).width + sw + 8 * k), 0);
    ctx.font = `700 ${13 * k}px ${FONT}`;
    const titleW = ctx.measureText(legend.title).width;
    const w = Math.min(mapW * 0.45, Math.max(widest, titleW) + 20 * k);
    // The heading (what the colours mean) wraps inside the box rather than being cut.
    ctx.font = `${12 * k}px ${FONT}`;
    const headLines = wrapLines((s) => ctx.measureText(s).width, legend.heading, w - 20 * k);
    const h = 10 * k + rowH * (legend.rows.length + 1 + headLines.length) + 4 * k;
    const r = { x: pad, y: headH + mapH - h - pad, w, h };
    ctx.fillStyle = 'rgba(255,255,255,0.96)';
    ctx.fillRect(r.x, r.y, r.w, r.h);
    ctx.strokeStyle = '#5c6f82';
    ctx.lineWidth = k;
    ctx.strokeRect(r.x, r.y, r.w, r.h);
    ctx.save();
    ctx.beginPath();
    ctx.rect(r.x, r.y, r.w, r.h);
    ctx.clip();
    ctx.fillStyle = INK;
    let y = r.y + 7 * k;
    ctx.font = `700 ${13 * k}px ${FONT}`;
    text(legend.title, r.x + 10 * k, y);
    y += rowH;
    ctx.font = `${12 * k}px ${FONT}`;
    for (const line of headLines) {
      text(line, r.x + 10 * k, y);
      y += rowH;
    }
    ctx.font = `${13 * k}px ${FONT}`;
    for (const row of legend.rows) {
      drawSwatch(ctx, row.swatch, r.x + 10 * k, y + 2 * k, sw, 12 * k);
      ctx.fillStyle = INK;
      text(row.label, r.x + 10 * k + sw + 8 * k, y);
      y += rowH;
    }
    ctx.restore();
    regions.legend = r;
  }

  // Scale bar: bottom-right of the map.
  {
    const barW = scaleBar.px * k;
    ctx.font = `700 ${13 * k}px ${FONT}`;
    const labelW = ctx.measureText(scaleBar.label).width;
    const w = Math.max(barW, labelW) + 16 * k;
    const r = { x: mapW - pad - w, y: headH + mapH - pad - 34 * k, w, h: 34 * k };
    ctx.fillStyle = 'rgba(255,255,255,0.96)';
    ctx.fillRect(r.x, r.y, r.w, r.h);
    ctx.fillStyle = INK;
    text(scaleBar.label, r.x + 8 * k, r.y + 4 * k);
    const by = r.y + 22 * k;
    ctx.fillRect(r.x + 8 * k, by, barW, 4 * k);
    ctx.fillRect(r.x + 8 * k, by - 5 * k, 2 * k, 9 * k);
    ctx.fillRect(r.x + 8 * k + barW - 2 * k, by - 5 * k, 2 * k, 9 * k);
    regions.scale = r;
  }

  // Footer: sources, then dates.
  {
    const y0 = headH + mapH;
    ctx.fillStyle = '#f2f4f6';
    ctx.fillRect(0, y0, mapW, footH);
    ctx.fillStyle = INK;
    ctx.font = footFont;
    footLines.forEach((l, i) => text(l, pad, y0 + pad + i * footLineH));
    regions.attribution = { x: 0, y: y0, w: mapW, h: pad + footLines.length * footLineH };
    ctx.font = `600 ${13 * k}px ${FONT}`;
    const dy = y0 + pad + footLines.length * footLineH;
    text(caption.dateLine, pad, dy);
    regions.date = { x: 0, y: dy, w: mapW, h: footLineH };
  }

  return { canvas, meta: { width: canvas.width, height: canvas.height, scale: k, texts, regions } };
}

export function canvasToPng(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG non generato dal browser'))), 'image/png'));
}
