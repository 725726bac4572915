// The selected Ambito's PIS in the current scenario: status, and the service it belongs to with
// its LEPS features and bases. Every change is one undoable edit through the state's actions.
import {
  BASE_KINDS, PIS_ORGANISATIONS, PIS_STATUSES, PRESA_IN_CARICO_VALUES,
  CROAS_CLOSENESS_LABEL, pienamenteLeps, serviceOfAmbito, type PisService, type ServiceFeatureKey, type ServicePatch,
} from '../core/scenario/index.ts';
import { TIME_BANDS } from '../core/sim/layout.ts';
import { fmt, fmtInt, t } from '../i18n/strings.ts';
import { useApp } from './context.ts';
import { AmbitoCompliance } from './CompliancePanel.tsx';


export function PisSection({ ambito }: { ambito: string }) {
  const { territory, state } = useApp();
  const s = state.scenario.value;
  const st = s.statuses[ambito] ?? { status: 'sconosciuto' as const };
  const svc = serviceOfAmbito(s, ambito);
  const tt = t();
  const P = tt.pis;
  return (
    <section class="pis" aria-labelledby="pis-title">
      <h3 id="pis-title">{P.title} {s.illustrative && <span class="badge warn-badge">{P.illustrative}</span>}</h3>
      <div class="form-grid">
        <label for="pis-status">{P.status}</label>
        <select id="pis-status" value={st.status} onChange={(e) => state.actions.setPisStatus(ambito, (e.target as HTMLSelectElement).value as never)}>
          {PIS_STATUSES.map((v) => <option key={v} value={v}>{tt.enums.status[v]}</option>)}
        </select>
        <label for="pis-start">{P.start}</label>
        <input id="pis-start" placeholder={P.startPlaceholder} value={st.startDate ?? ''} onChange={(e) => state.actions.setPisStart(ambito, (e.target as HTMLInputElement).value)} />
        <label for="pis-source">{P.source}</label>
        <input id="pis-source" placeholder={P.sourcePlaceholder} value={st.source ?? ''} onChange={(e) => state.actions.setPisSource(ambito, (e.target as HTMLInputElement).value)} />
      </div>
      {!svc && (
        <div class="actions">
          <button type="button" onClick={() => state.actions.createService({ members: [ambito], name: `PIS ${territory.ambito(ambito)?.name}` }, P.created)}>{P.create}</button>
          <button type="button" onClick={() => state.actions.startAssociation()}>{P.associate}</button>
        </div>
      )}
      <AmbitoCompliance ambito={ambito} />
      {svc && <ServiceEditor svc={svc} ambito={ambito} />}
    </section>
  );
}

function ServiceEditor({ svc, ambito }: { svc: PisService; ambito: string }) {
  const { territory, state } = useApp();
  const tt = t();
  const P = tt.pis;
  const patch = (p: ServicePatch) => state.actions.updateService(svc.id, p);
  const unverified = (k: ServiceFeatureKey) => (svc.unverifiedFields?.includes(k) ? <span class="badge warn-badge" title={P.unverifiedTitle}>{P.unverified}</span> : null);
  const residents = svc.members.reduce((n, m) => n + territory.rollupOf('ambito', m).residents, 0);
  return (
    <div class="service" data-testid="service">
      <div class="form-grid">
        <label for="svc-name">{P.name}</label>
        <input id="svc-name" value={svc.name} onChange={(e) => patch({ name: (e.target as HTMLInputElement).value })} />
      </div>
      <p class="small">
        {svc.members.length > 1 ? <strong>{P.sovra}</strong> : P.single} · {P.ambiti(svc.members.length)} · {P.residents(fmtInt(residents))}
        {/* CROAS's three-variable closeness measure, not the sheet's requirement nor the self-declaration. */}
        {pienamenteLeps(svc) ? <span class="badge ok-badge" title={CROAS_CLOSENESS_LABEL}>{P.leps}</span> : <span class="badge" title={CROAS_CLOSENESS_LABEL}>{P.notLeps}</span>}
      </p>
      <div class="members" data-testid="members">
        {svc.members.map((m) => (
          <span class="chip" key={m}>
            {territory.ambito(m)?.name}{m === svc.capofila ? P.capofilaSuffix : ''}
            {svc.members.length > 1 && (
              <button type="button" class="chip-x" aria-label={P.removeMember(String(territory.ambito(m)?.name))} onClick={() => state.actions.removeMember(svc.id, m)}>×</button>
            )}
          </span>
        ))}
        <button type="button" class="chip add" onClick={() => state.actions.startAssociation()}>{P.addAmbiti}</button>
      </div>
      <div class="form-grid">
        <label for="svc-capofila">{P.capofila}</label>
        <select id="svc-capofila" value={svc.capofila} onChange={(e) => state.actions.setCapofila(svc.id, (e.target as HTMLSelectElement).value)}>
          {svc.members.map((m) => <option key={m} value={m}>{territory.ambito(m)?.name}</option>)}
        </select>
        <label for="svc-ente">{P.ente}</label>
        <input id="svc-ente" value={svc.enteGestore} onChange={(e) => patch({ enteGestore: (e.target as HTMLInputElement).value })} />
        <label for="svc-org">{P.organisation} {unverified('organisation')}</label>
        <select id="svc-org" value={svc.organisation} onChange={(e) => patch({ organisation: (e.target as HTMLSelectElement).value as never })}>
          {PIS_ORGANISATIONS.map((o) => <option key={o} value={o}>{tt.enums.organisation[o]}</option>)}
        </select>
        <label for="svc-presa">{P.presa} {unverified('presaInCarico')}</label>
        <select id="svc-presa" value={svc.presaInCarico} onChange={(e) => patch({ presaInCarico: (e.target as HTMLSelectElement).value as never })}>
          {PRESA_IN_CARICO_VALUES.map((o) => <option key={o} value={o}>{tt.enums.presaInCarico[o]}</option>)}
        </select>
        <label for="svc-selfleps">{tt.roster.selfDeclared} {unverified('selfDeclaredLeps')}</label>
        <select id="svc-selfleps" value={svc.selfDeclaredLeps === undefined ? 'unset' : svc.selfDeclaredLeps ? 'yes' : 'no'} onChange={(e) => {
          const v = (e.target as HTMLSelectElement).value;
          patch({ selfDeclaredLeps: v === 'unset' ? undefined : v === 'yes' });
        }}>
          {(['unset', 'yes', 'no'] as const).map((k) => <option key={k} value={k}>{tt.roster.selfDeclaredValues[k]}</option>)}
        </select>
        <label for="svc-budget">{P.budget}</label>
        <input id="svc-budget" inputMode="decimal" value={fmt.input(svc.annualBudgetEur)} onChange={(e) => {
          const raw = (e.target as HTMLInputElement).value;
          if (raw.trim() === '') return patch({ annualBudgetEur: undefined });
          const v = fmt.parse(raw, { min: 0 });
          if (!v.ok) return state.actions.notify({ kind: 'error', text: P.badBudget(raw.trim()) });
          patch({ annualBudgetEur: v.value });
        }} />
      </div>
      <fieldset class="checks">
        <legend>{P.features}</legend>
        <label><input type="checkbox" checked={svc.centraleOperativa24h365} onChange={(e) => patch({ centraleOperativa24h365: (e.target as HTMLInputElement).checked })} /> {P.centrale} {unverified('centraleOperativa24h365')}</label>
        <label><input type="checkbox" checked={svc.udsH24} onChange={(e) => patch({ udsH24: (e.target as HTMLInputElement).checked })} /> {P.uds} {unverified('udsH24')}</label>
        <label><input type="checkbox" checked={svc.graveMarginalita} onChange={(e) => patch({ graveMarginalita: (e.target as HTMLInputElement).checked })} /> {P.grave} {unverified('graveMarginalita')}</label>
      </fieldset>
      <h4>{P.bases}</h4>
      {/* One card per base (kind, comune, units per time band): fits the panel at any width, where a
          7-column table did not. */}
      <ul class="bases" aria-label={P.bases}>
        {svc.bases.map((b) => (
          <li key={b.id} class="base-card" data-testid="base-row">
            <div class="base-line">
              <select aria-label={P.kindLabel} value={b.kind} onChange={(e) => state.actions.updateBase(svc.id, b.id, { kind: (e.target as HTMLSelectElement).value as never })}>
                {BASE_KINDS.map((k) => <option key={k} value={k}>{tt.enums.baseKind[k]}</option>)}
              </select>
              <strong>{b.istat ? territory.comune(b.istat)?.name : <span class="muted">{P.phoneOnly}</span>}</strong>
              <button type="button" class="chip-x" aria-label={P.removeBase} onClick={() => state.actions.removeBase(svc.id, b.id)}>×</button>
            </div>
            <div class="band-grid">
              {TIME_BANDS.map((band) => (
                <label key={band} class="band-cell" title={P.unitsIn(tt.enums.band[band])}>
                  <span class="small muted">{tt.enums.band[band]}</span>
                  <input class="units" inputMode="numeric" aria-label={P.unitsIn(tt.enums.band[band])} value={fmt.input(b.unitsByBand[band])}
                    onChange={(e) => {
                      const v = fmt.read((e.target as HTMLInputElement).value, { integer: true, min: 0, max: 50 });
                      if (v === undefined) return state.actions.notify({ kind: 'error', text: P.badUnits });
                      state.actions.updateBase(svc.id, b.id, { unitsByBand: { [band]: v } });
                    }} />
                </label>
              ))}
            </div>
          </li>
        ))}
      </ul>
      {svc.bases.length === 0 && <p class="small muted">{P.noBases}</p>}
      <div class="actions">
        <button type="button" data-action="add-base" onClick={() => state.actions.startPlaceBase(svc.id)}>{P.addBase}</button>
        <button type="button" class="danger" onClick={() => state.actions.deleteService(svc.id, P.deleted)}>{P.delete}</button>
      </div>
      {svc.source && <p class="small muted">{P.sourceLine(svc.source)}</p>}
      {svc.annualBudgetNote && <p class="small muted">{svc.annualBudgetNote}</p>}
      <p class="small muted">{P.selected(String(territory.ambito(ambito)?.name))}</p>
    </div>
  );
}
