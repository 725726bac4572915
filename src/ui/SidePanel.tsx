// The side panel's width: resizable with the pointer (drag the splitter) or the keyboard (focus
// the splitter, arrows; Home/End for the limits). Default ~40% of the window so that tables have
// room; the map always keeps MIN_MAP_PX. The width is a view preference of this browser (kept in
// localStorage, not in the workspace or the link).
import { localStore } from '../state/persistence.ts';
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n/strings.ts';

const KEY = 'pis-lombardia/panel-width';
export const MIN_PANEL_PX = 340;
export const MIN_MAP_PX = 320;

function limits(): [number, number] {
  const w = typeof window === 'undefined' ? 1366 : window.innerWidth;
  return [MIN_PANEL_PX, Math.max(MIN_PANEL_PX, w - MIN_MAP_PX)];
}

function initial(): number {
  const [lo, hi] = limits();
  const stored = Number(localStore.get(KEY)); // storage disabled: NaN, the default width
  const w = typeof window === 'undefined' ? 1366 : window.innerWidth;
  const v = Number.isFinite(stored) && stored > 0 ? stored : Math.round(Math.min(760, Math.max(400, w * 0.4)));
  return Math.min(hi, Math.max(lo, v));
}

export function SidePanel(p: { label: string; children: ComponentChildren }) {
  const [width, setWidth] = useState(initial);
  const [lo, hi] = limits();
  const set = (v: number) => {
    const [a, b] = limits();
    const x = Math.round(Math.min(b, Math.max(a, v)));
    setWidth(x);
    localStore.trySet(KEY, String(x)); // storage disabled: the width lasts until the page is closed
  };
  useEffect(() => {
    // A smaller window (projector) must not leave the map with no room.
    const onResize = () => setWidth((w) => Math.min(limits()[1], Math.max(limits()[0], w)));
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  const drag = (e: PointerEvent) => {
    e.preventDefault();
    const el = e.currentTarget as HTMLElement;
    el.setPointerCapture(e.pointerId);
    const move = (m: PointerEvent) => set(window.innerWidth - m.clientX);
    const up = () => {
      el.removeEventListener('pointermove', move);
      el.removeEventListener('pointerup', up);
    };
    el.addEventListener('pointermove', move);
    el.addEventListener('pointerup', up);
  };
  return (
    <>
      <div
        class="splitter" role="separator" aria-orientation="vertical" tabIndex={0} aria-label={t().shell.resize}
        aria-valuemin={lo} aria-valuemax={hi} aria-valuenow={width} data-testid="splitter"
        onPointerDown={drag}
        onKeyDown={(e) => {
          const step = e.shiftKey ? 80 : 24;
          if (e.key === 'ArrowLeft') set(width + step);
          else if (e.key === 'ArrowRight') set(width - step);
          else if (e.key === 'Home') set(hi);
          else if (e.key === 'End') set(lo);
          else return;
          e.preventDefault();
        }}
      />
      <aside class="side" aria-label={p.label} style={{ width: `${width}px` }}>{p.children}</aside>
    </>
  );
}
