// Exports of the current view: a PNG with legend, scale, title, sources, date and — for an
// illustrative scenario — the "illustrativo" label; and the printable A4 report.
import { useState } from 'preact/hooks';
import { useApp } from './context.ts';
import { comparisonHeading, exportView, type ExportFormat, type MapLike } from '../export/exportView.ts';
import type { ExportMeta } from '../export/composeImage.ts';
import { downloadBlob } from './download.ts';
import { printReport } from '../export/printReport.ts';
import { t } from '../i18n/strings.ts';
import '../print.css';

export function ExportMenu({ getMap: getMapProp }: { getMap?: () => MapLike | undefined }) {
  const app = useApp();
  const getMap = getMapProp ?? app.mapAccess.get;
  const s = t().exportMenu;
  const [busy, setBusy] = useState<'png' | 'print' | undefined>();
  const [status, setStatus] = useState('');
  const [meta, setMeta] = useState<ExportMeta>();
  const [format, setFormat] = useState<ExportFormat>('slide');
  const run = async (what: 'png' | 'print') => {
    const map = getMap();
    if (!map) {
      setStatus(s.notReady);
      return;
    }
    setBusy(what);
    setStatus(what === 'png' ? s.preparingPng : s.preparingReport);
    try {
      if (what === 'png') {
        const { state, territory, opt } = app;
        const r = await exportView(map, {
          territory, level: state.level.value, scenario: state.scenario.value, selectionName: state.selection.value?.name,
          comparisonHeading: comparisonHeading(opt.comparison.value), format,
        });
        downloadBlob(r.filename, r.blob);
        setMeta(r.meta);
        setStatus(s.pngDone(r.filename));
      } else {
        await printReport(map, app);
        setStatus(s.reportDone);
      }
    } catch (err) {
      setStatus(s.failed(err instanceof Error ? err.message : String(err)));
    } finally {
      setBusy(undefined);
    }
  };
  return (
    <div class="export-menu" data-testid="export-menu" data-export-meta={meta ? JSON.stringify(meta) : undefined}>
      <label class="sr-only" for="export-format">{s.format}</label>
      <select id="export-format" class="export-format" value={format} onChange={(e) => setFormat((e.target as HTMLSelectElement).value as ExportFormat)}>
        {(['slide', 'a4', 'screen'] as const).map((f) => <option key={f} value={f}>{s.formats[f]}</option>)}
      </select>
      <button type="button" data-action="export-png" disabled={!!busy} onClick={() => void run('png')} title={s.pngTitle}>
        {s.png}
      </button>
      <button type="button" data-action="print-report" disabled={!!busy} onClick={() => void run('print')} title={s.printTitle}>
        {s.print}
      </button>
      <span class="sr-only" role="status" aria-live="polite" data-testid="export-status">{status}</span>
    </div>
  );
}
