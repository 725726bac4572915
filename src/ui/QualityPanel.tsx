// Data quality: per Ambito, how many comuni are documented and how many estimated; the estimator's
// measured accuracy; the downloadable table. Estimates are never shown as facts.
import { useState } from 'preact/hooks';
import { t, fmtInt } from '../i18n/strings.ts';
import { MAX_IMPORT_BYTES } from '../core/scenario/index.ts';
import { importOfficial, removeOfficial } from '../state/official.ts';
import { useApp } from './context.ts';
import { download, tableCsv } from './download.ts';

type Sort = 'estimated' | 'name' | 'code';

export function QualityPanel() {
  const { territory, shipped, official, state, manifest, compositionCsvUrl } = useApp();
  const tt = t();
  const S = tt.common;
  const Q = tt.quality;
  const [sort, setSort] = useState<Sort>('estimated');
  const rows = territory.data.ambiti.map((a) => ({ a, r: territory.rollupOf('ambito', a.code) }));
  rows.sort((x, y) =>
    sort === 'name' ? x.a.name.localeCompare(y.a.name, 'it')
      : sort === 'code' ? x.a.code.localeCompare(y.a.code)
        : y.r.estimatedComuni / y.r.comuni - x.r.estimatedComuni / x.r.comuni || x.a.code.localeCompare(y.a.code));
  const loo = manifest.estimator.leaveOneOut;
  const withEstimates = rows.filter((x) => x.r.estimatedComuni > 0).length;
  return (
    <section class="quality" aria-labelledby="quality-title">
      <h2 id="quality-title">{S.quality}</h2>
      <p>{S.qualityIntro(manifest.composition.sourced.comuni, manifest.composition.estimated.comuni, loo.accuracyPct)}</p>
      <p class="small muted">
        {Q.loo(loo.placedRight, loo.hiddenComuni, loo.ambiti, withEstimates, fmtInt(manifest.composition.estimated.residents))}
      </p>
      <p><a href={compositionCsvUrl} download="comuni-ambiti.csv">{S.downloadCsv}</a></p>
      {official ? (
        <div class="official" role="note" data-testid="official">
          <p><strong>{Q.officialInUse(official.fileName)}</strong>{Q.officialDetail(official.importedAt, Object.keys(official.rows).length, territory.data.comuni.filter((c) => c.status === 'estimated').length)}</p>
          <details><summary>{Q.differences}</summary><ul class="small">{official.report.map((l, i) => <li key={i}>{l}</li>)}</ul></details>
          <div class="actions"><button type="button" class="danger" onClick={() => { removeOfficial(); location.reload(); }}>{Q.revert}</button></div>
        </div>
      ) : (
        <div class="actions">
          <label class="button-like">
            {Q.importOfficial}
            <input id="official-file" type="file" accept=".csv,text/csv" class="sr-only" onChange={async (e) => {
              const input = e.target as HTMLInputElement;
              const f = input.files?.[0];
              input.value = '';
              if (!f) return;
              if (f.size > MAX_IMPORT_BYTES) return state.actions.notify({ kind: 'error', text: Q.tooBig(f.name) });
              const r = importOfficial(new Uint8Array(await f.arrayBuffer()), f.name, shipped);
              if (!r.ok) return state.actions.notify({ kind: 'error', text: Q.rejected(f.name), details: r.errors });
              location.reload(); // every view is rebuilt on the new composition; the scenarios are autosaved
            }} />
          </label>
          <span class="small muted">{Q.columns}</span>
        </div>
      )}
      <label class="small">{Q.sortBy}{' '}
        <select value={sort} onChange={(e) => setSort((e.target as HTMLSelectElement).value as Sort)}>
          <option value="estimated">{Q.sortEstimated}</option>
          <option value="name">{Q.sortName}</option>
          <option value="code">{Q.sortCode}</option>
        </select>
      </label>
      <button type="button" class="link small" onClick={() => download('qualita-ambiti.csv', tableCsv(
        ['codice_ambito', 'ambito', 'comuni_documentati', 'comuni_stimati', 'residenti_stimati'],
        rows.map(({ a, r }) => [a.code, a.name, r.comuni - r.estimatedComuni, r.estimatedComuni, r.estimatedResidents])), 'text/csv;charset=utf-8')}>{Q.exportCsv}</button>
      <table class="quality-table">
        <thead><tr><th>{S.ambito}</th><th class="num">{Q.documented}</th><th class="num">{Q.estimated}</th></tr></thead>
        <tbody>
          {rows.map(({ a, r }) => (
            <tr key={a.code} class={a.code === state.selectedAmbito.value ? 'selected' : ''}>
              <td><button type="button" class="link" onClick={() => state.actions.selectAmbito(a.code, { focus: true })}>{a.name}</button> <span class="muted small">{a.code}</span></td>
              <td class="num">{r.comuni - r.estimatedComuni}</td>
              <td class="num">{r.estimatedComuni > 0 ? <span class="status estimated">{r.estimatedComuni}</span> : '0'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
