// The selected Ambito: hierarchy (all its units, where it has several), figures, comuni with the
// status of their membership (documented or estimated), neighbours.
import { DOCUMENTED_EXCLAVE_NOTES } from '../core/territory/exclaves.ts';
import { t, fmtInt, fmtKm2 } from '../i18n/strings.ts';
import { useApp } from './context.ts';
import { PisSection } from './PisSection.tsx';
import { DataGlance, Welcome, welcomeOpen } from './Welcome.tsx';
import type { Level } from '../core/territory/types.ts';

const HIERARCHY: Level[] = ['ats', 'asst', 'distretto'];

export function InfoPanel() {
  const { state } = useApp();
  const tt = t();
  const S = tt.common;
  const LEVEL_LONG = tt.levelLong;
  const I = tt.info;
  // The scenario's view: what-if moves of comuni change members, residents and neighbours.
  const territory = state.view.value;
  const a = state.selection.value;
  if (!a) return welcomeOpen() ? <Welcome /> : <><p class="hint">{S.selectHint}</p><DataGlance /></>;
  const members = territory.comuniOfAmbito(a.code).map((i) => territory.data.comuni[i]).sort((x, y) => y.residents - x.residents);
  const r = territory.rollupOf('ambito', a.code);
  const selectedComune = state.selectedComune.value;
  const moves = state.scenario.value.compositionOverrides;
  return (
    <article class="info" aria-labelledby="info-title">
      <header>
        <h2 id="info-title">{a.name}</h2>
        <div class="muted">{I.ambitoCode} {a.code} · {S.sioss} {a.sioss}</div>
      </header>
      <dl class="hierarchy">
        {HIERARCHY.map((level) => {
          const units = territory.unitsOfAmbito(level, a.code);
          return [
            <dt key={`${level}t`}>{LEVEL_LONG[level]}{units.length > 1 ? ` (${units.length})` : ''}</dt>,
            <dd key={`${level}d`}>{units.map((u) => territory.unitName(level, u)).join(' · ')}</dd>,
          ];
        })}
      </dl>
      <div class="kpis">
        <div><span class="kpi" data-testid="info-comuni">{members.length}</span> {S.comuni.toLowerCase()}</div>
        <div><span class="kpi" data-testid="info-residents">{fmtInt(r.residents)}</span> {S.residents.toLowerCase()}</div>
        <div><span class="kpi">{fmtKm2(r.areaKm2)}</span></div>
      </div>
      <p class="muted small">{S.populationDate}.{r.rule50kComuni > 0 && ` ${S.rule50k} (LEPS 3.7.1): ${r.rule50kComuni}.`}</p>
      {r.estimatedComuni > 0 && (
        <p class="warn" role="note">
          <span class="swatch hatch" /> {I.estimatedOf(r.estimatedComuni, r.comuni, fmtInt(r.estimatedResidents))} {S.estimatedNote}
        </p>
      )}
      <PisSection ambito={a.code} />
      <h3>{S.comuni}</h3>
      <table class="comuni-table" aria-label={I.comuniOf(a.name)}>
        <thead><tr><th>{S.comune}</th><th class="num">{S.residents}</th><th>{I.membership}</th></tr></thead>
        <tbody>
          {members.map((c) => (
            <tr key={c.istat} class={c.istat === selectedComune ? 'selected' : ''}>
              <td>
                <button type="button" class="link" onClick={() => state.actions.selectComune(c.istat, { focus: true })}>{c.name}</button>
                {(c.over50k || c.capoluogo) && <span class="badge" title={I.badge50kTitle}>50k</span>}
                {DOCUMENTED_EXCLAVE_NOTES[c.istat] && <span class="badge" title={DOCUMENTED_EXCLAVE_NOTES[c.istat]}>{S.exclave}</span>}
              </td>
              <td class="num">{fmtInt(c.residents)}</td>
              <td>
                {moves[c.istat] ? <span class="status moved" title={I.movedTitle}>{I.moved}</span>
                  : <span class={`status ${c.status}`} title={c.source}>{c.status === 'sourced' ? S.sourced : S.estimated}</span>}
                {c.status === 'sourced' && !moves[c.istat] && <span class="muted small"> {S.confidence[c.confidence]}</span>}
                {c.istat === selectedComune && <MoveComune istat={c.istat} from={a.code} />}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>{S.neighbours}</h3>
      <p class="neighbours">
        {territory.neighbourAmbiti(a.code).map((n) => (
          <button type="button" class="chip" key={n} onClick={() => state.actions.selectAmbito(n, { focus: true })}>{territory.ambito(n)?.name}</button>
        ))}
        {territory.neighbourAmbiti(a.code).length === 0 && <span class="muted">{I.noNeighbours}</span>}
      </p>
      <h3>{S.sources}</h3>
      <ul class="sources small">
        {[...new Set(members.filter((c) => c.status === 'sourced').map((c) => c.source))].sort().map((src) => (
          <li key={src}>{/^https?:/.test(src) ? <a href={src} target="_blank" rel="noopener noreferrer">{src}</a> : src}</li>
        ))}
      </ul>
    </article>
  );
}

/** "What if this comune joined another Ambito": neighbouring Ambiti first, then all. */
function MoveComune({ istat, from }: { istat: string; from: string }) {
  const { territory, state } = useApp();
  const tv = state.view.value;
  const i = tv.comuneIndex(istat)!;
  const near = [...new Set(tv.data.adjacency[i].map((j) => tv.comune(tv.data.comuni[j].istat)!.ambito))].filter((a) => a !== from).sort();
  const others = tv.data.ambiti.map((a) => a.code).filter((a) => a !== from && !near.includes(a));
  const original = territory.comune(istat)!.ambito;
  const I = t().info;
  return (
    <div class="move-comune">
      <label class="small">{I.moveTo}{' '}
        <select data-testid="move-comune" value="" onChange={(e) => {
          const to = (e.target as HTMLSelectElement).value;
          if (!to) return;
          state.actions.moveComune(istat, to, I.moveDone(territory.comune(istat)!.name, String(tv.ambito(to)?.name)));
          state.actions.selectComune(istat); // follow the comune into its new Ambito
        }}>
          <option value="">{I.chooseAmbito}</option>
          <optgroup label={I.near}>{near.map((a) => <option key={a} value={a}>{tv.ambito(a)?.name}</option>)}</optgroup>
          <optgroup label={I.others}>{others.map((a) => <option key={a} value={a}>{tv.ambito(a)?.name}</option>)}</optgroup>
        </select>
      </label>
      {original !== from && (
        <button type="button" class="link small" onClick={() => state.actions.moveComune(istat, original)}>{I.moveBack(String(territory.ambito(original)?.name))}</button>
      )}
    </div>
  );
}
