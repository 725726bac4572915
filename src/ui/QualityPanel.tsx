// Data quality: per Ambito, how many comuni are documented and how many estimated; the estimator's
// measured accuracy; the downloadable table. Estimates are never shown as facts.
import { useState } from 'preact/hooks';
import { S, fmtInt } from '../i18n/strings.ts';
import { useApp } from './context.ts';

type Sort = 'estimated' | 'name' | 'code';

export function QualityPanel() {
  const { territory, state, manifest, compositionCsvUrl } = useApp();
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
        Leave-one-out: {loo.placedRight} di {loo.hiddenComuni} comuni ricollocati correttamente nascondendo uno alla volta i {loo.ambiti} Ambiti
        interamente documentati. {withEstimates} Ambiti su 91 contengono comuni stimati ({fmtInt(manifest.composition.estimated.residents)} residenti).
      </p>
      <p><a href={compositionCsvUrl} download="comuni-ambiti.csv">{S.downloadCsv}</a></p>
      <label class="small">Ordina per{' '}
        <select value={sort} onChange={(e) => setSort((e.target as HTMLSelectElement).value as Sort)}>
          <option value="estimated">quota stimata</option>
          <option value="name">nome</option>
          <option value="code">codice</option>
        </select>
      </label>
      <table class="quality-table">
        <thead><tr><th>Ambito</th><th class="num">documentati</th><th class="num">stimati</th></tr></thead>
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
