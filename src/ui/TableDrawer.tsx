// The full-width table drawer: any panel can open a wide table (all columns, sortable, sticky
// headers, CSV through the app's one CSV writer) over the map instead of squeezing it into the
// side panel. Documented in docs/ui-shell.md.
//
//   import { openTable, type TableSpec } from './TableDrawer.tsx';
//   <button data-action="open-x-table" onClick={() => openTable('x', () => spec())}>…</button>
//
// `spec` is a getter, called on every render of the drawer: it may read signals (the drawer then
// follows the data, e.g. a new simulation result) and it returns null when there is nothing to show.
//
// The open drawer is a view preference, like the side panel's width: a module signal here, not
// app state (it is not part of a workspace, not undoable, not in the link).
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { signal } from '@preact/signals';
import { fmt, t } from '../i18n/strings.ts';
import { download, tableCsv } from './download.ts';

export interface Column<R> {
  /** Stable id; also the CSV header (snake_case, Italian, as the other exports). */
  id: string;
  /** Visible header. */
  label: string;
  /** Right-aligned, tabular digits; sorted as numbers. */
  num?: boolean;
  /** Sort key and CSV cell (null = empty, sorted last). */
  value: (r: R) => string | number | null;
  /** What the cell shows (default: the value, numbers through the one formatter). */
  cell?: (r: R) => ComponentChildren;
  /** Long text (reasons, fixes): allowed to wrap and to take the width. */
  wide?: boolean;
}

export interface TableSpec<R> {
  title: string;
  /** A line under the title (what the table is, its source or date). */
  note?: string;
  columns: Column<R>[];
  rows: readonly R[];
  rowKey: (r: R) => string;
  rowClass?: (r: R) => string;
  /** File name of the CSV download. */
  csvName: string;
  illustrative?: boolean;
  initialSort?: { id: string; dir: 'asc' | 'desc' };
}

type AnySpec = TableSpec<unknown>;
interface Open {
  id: string;
  get: () => AnySpec | null;
  /** Element focused again when the drawer closes. */
  opener: HTMLElement | null;
}

const drawer = signal<Open | null>(null);

/** Opens (or replaces) the drawer with the table of `get`; `id` names it for tests and toggling. */
export function openTable<R>(id: string, get: () => TableSpec<R> | null): void {
  drawer.value = { id, get: get as () => AnySpec | null, opener: document.activeElement as HTMLElement | null };
}

export function closeTable(): void {
  const o = drawer.peek();
  drawer.value = null;
  o?.opener?.focus?.();
}

/** Id of the open table, or null (read during render: subscribes). */
export function openTableId(): string | null {
  return drawer.value?.id ?? null;
}

/** A button that opens a table in the drawer. */
export function OpenTableButton<R>(p: { id: string; spec: () => TableSpec<R> | null; label?: string; count?: number }) {
  const L = t().drawer;
  return (
    <button type="button" class="open-table" data-action={`open-${p.id}-table`} aria-haspopup="dialog" onClick={() => openTable(p.id, p.spec)}>
      {p.label ?? L.open}{p.count !== undefined ? ` (${fmt.int(p.count)})` : ''}
    </button>
  );
}

function compare(a: string | number | null, b: string | number | null): number {
  if (a === null || a === '') return b === null || b === '' ? 0 : 1;
  if (b === null || b === '') return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b), fmt.locale(), { numeric: true });
}

export function TableDrawer() {
  const o = drawer.value;
  const spec = o?.get() ?? null;
  const L = t().drawer;
  const [sort, setSort] = useState<{ id: string; dir: 'asc' | 'desc' } | null>(null);
  const [tall, setTall] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    setSort(null);
    if (o) root.current?.querySelector<HTMLElement>('h2')?.focus();
  }, [o?.id]);
  useEffect(() => {
    if (!o) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.stopPropagation();
        closeTable();
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [o?.id]);
  if (!o || !spec) return null;
  const active = sort ?? spec.initialSort ?? null;
  const col = active && spec.columns.find((c) => c.id === active.id);
  const rows = col ? [...spec.rows].sort((a, b) => compare(col.value(a), col.value(b)) * (active!.dir === 'asc' ? 1 : -1)) : spec.rows;
  const show = (c: Column<unknown>, r: unknown): ComponentChildren => {
    if (c.cell) return c.cell(r);
    const v = c.value(r);
    return v === null ? '—' : typeof v === 'number' ? fmt.num(v) : v;
  };
  return (
    <div ref={root} class={`table-drawer${tall ? ' tall' : ''}`} role="dialog" aria-modal="false" aria-labelledby="drawer-title" data-testid="table-drawer" data-table={o.id}>
      <div class="drawer-head">
        <h2 id="drawer-title" tabIndex={-1}>{spec.title} <span class="count">{L.rows(rows.length)}</span></h2>
        <div class="actions">
          <button type="button" data-action="drawer-csv" onClick={() => download(spec.csvName, tableCsv(spec.columns.map((c) => c.id), rows.map((r) => spec.columns.map((c) => c.value(r))), spec.illustrative), 'text/csv;charset=utf-8')}>{L.csv}</button>
          <button type="button" aria-pressed={tall} onClick={() => setTall(!tall)}>{tall ? L.lower : L.taller}</button>
          <button type="button" data-action="drawer-close" onClick={closeTable}>{L.close}</button>
        </div>
      </div>
      {spec.note && <p class="small muted drawer-note">{spec.note}</p>}
      {spec.illustrative && <p class="illustrative-note">{L.illustrative}</p>}
      <div class="drawer-body" tabIndex={0} aria-label={spec.title}>
        <table class="drawer-table">
          <thead>
            <tr>
              {spec.columns.map((c) => {
                const dir = active?.id === c.id ? active.dir : undefined;
                return (
                  <th key={c.id} scope="col" class={`${c.num ? 'num' : ''}${c.wide ? ' wide' : ''}`} aria-sort={dir === 'asc' ? 'ascending' : dir === 'desc' ? 'descending' : 'none'}>
                    <button type="button" class="sort" onClick={() => setSort({ id: c.id, dir: dir === 'asc' ? 'desc' : 'asc' })}>
                      {c.label}<span aria-hidden="true" class="sort-mark">{dir === 'asc' ? ' ▲' : dir === 'desc' ? ' ▼' : ' ↕'}</span>
                    </button>
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={spec.rowKey(r)} class={spec.rowClass?.(r)}>
                {spec.columns.map((c) => <td key={c.id} class={`${c.num ? 'num' : ''}${c.wide ? ' wide' : ''}`}>{show(c, r)}</td>)}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
