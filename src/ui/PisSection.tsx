// The selected Ambito's PIS in the current scenario: status, and the service it belongs to with
// its LEPS features and bases. Every change is one undoable edit through the state's actions.
import {
  BASE_KINDS, BASE_KIND_LABELS, ORGANISATION_LABELS, PIS_ORGANISATIONS, PIS_STATUSES, PRESA_IN_CARICO_LABELS, PRESA_IN_CARICO_VALUES,
  STATUS_LABELS, createService, deleteService, pienamenteLeps, removeBase, removeMember, serviceOfAmbito, setCapofila, setStatus, updateBase,
  updateService, type PisService, type ServiceFeatureKey, type ServicePatch,
} from '../core/scenario/index.ts';
import { TIME_BANDS } from '../core/sim/layout.ts';
import { fmtInt } from '../i18n/strings.ts';
import { useApp } from './context.ts';

const BAND_LABELS = { office: 'orario uffici', closure: 'chiusura uffici', night: 'notte', holiday: 'festivi' } as const;

export function PisSection({ ambito }: { ambito: string }) {
  const { territory, state } = useApp();
  const s = state.scenario.value;
  const st = s.statuses[ambito] ?? { status: 'sconosciuto' as const };
  const svc = serviceOfAmbito(s, ambito);
  const edit = state.actions.edit;
  return (
    <section class="pis" aria-labelledby="pis-title">
      <h3 id="pis-title">Pronto Intervento Sociale {s.illustrative && <span class="badge warn-badge">illustrativo</span>}</h3>
      <div class="form-grid">
        <label for="pis-status">Stato</label>
        <select id="pis-status" value={st.status} onChange={(e) => edit((x) => setStatus(x, ambito, (e.target as HTMLSelectElement).value as never, { startDate: st.startDate, source: st.source }))}>
          {PIS_STATUSES.map((v) => <option key={v} value={v}>{STATUS_LABELS[v]}</option>)}
        </select>
        <label for="pis-start">Avvio</label>
        <input id="pis-start" placeholder="AAAA-MM" value={st.startDate ?? ''} onChange={(e) => {
          const v = (e.target as HTMLInputElement).value.trim();
          if (v && !/^\d{4}(-\d{2}(-\d{2})?)?$/.test(v)) return state.actions.notify({ kind: 'error', text: `Data di avvio "${v}" non valida: usare AAAA, AAAA-MM o AAAA-MM-GG` });
          edit((x) => setStatus(x, ambito, st.status, { startDate: v || undefined, source: st.source }));
        }} />
        <label for="pis-source">Fonte</label>
        <input id="pis-source" placeholder="URL o documento" value={st.source ?? ''} onChange={(e) => edit((x) => setStatus(x, ambito, st.status, { startDate: st.startDate, source: (e.target as HTMLInputElement).value.trim() || undefined }))} />
      </div>
      {!svc && (
        <div class="actions">
          <button type="button" onClick={() => edit((x) => createService(x, { members: [ambito], name: `PIS ${territory.ambito(ambito)?.name}` }), 'PIS creato.')}>Crea PIS di questo Ambito</button>
          <button type="button" onClick={() => state.actions.startAssociation()}>Associa con altri Ambiti…</button>
        </div>
      )}
      {svc && <ServiceEditor svc={svc} ambito={ambito} />}
    </section>
  );
}

function ServiceEditor({ svc, ambito }: { svc: PisService; ambito: string }) {
  const { territory, state } = useApp();
  const patch = (p: ServicePatch) => state.actions.edit((x) => updateService(x, svc.id, p));
  const unverified = (k: ServiceFeatureKey) => (svc.unverifiedFields?.includes(k) ? <span class="badge warn-badge" title="valore provvisorio, non da una fonte">da verificare</span> : null);
  const residents = svc.members.reduce((n, m) => n + territory.rollupOf('ambito', m).residents, 0);
  return (
    <div class="service" data-testid="service">
      <div class="form-grid">
        <label for="svc-name">Nome</label>
        <input id="svc-name" value={svc.name} onChange={(e) => patch({ name: (e.target as HTMLInputElement).value })} />
      </div>
      <p class="small">
        {svc.members.length > 1 ? <strong>PIS sovra-Ambito</strong> : 'PIS di un solo Ambito'} · {svc.members.length} Ambiti · {fmtInt(residents)} residenti
        {pienamenteLeps(svc) ? <span class="badge ok-badge">pienamente LEPS</span> : <span class="badge">non pienamente LEPS</span>}
      </p>
      <div class="members" data-testid="members">
        {svc.members.map((m) => (
          <span class="chip" key={m}>
            {territory.ambito(m)?.name}{m === svc.capofila ? ' (capofila)' : ''}
            {svc.members.length > 1 && (
              <button type="button" class="chip-x" aria-label={`Togli ${territory.ambito(m)?.name} dal PIS`} onClick={() => state.actions.edit((x) => removeMember(x, svc.id, m))}>×</button>
            )}
          </span>
        ))}
        <button type="button" class="chip add" onClick={() => state.actions.startAssociation()}>+ Ambiti</button>
      </div>
      <div class="form-grid">
        <label for="svc-capofila">Capofila</label>
        <select id="svc-capofila" value={svc.capofila} onChange={(e) => state.actions.edit((x) => setCapofila(x, svc.id, (e.target as HTMLSelectElement).value))}>
          {svc.members.map((m) => <option key={m} value={m}>{territory.ambito(m)?.name}</option>)}
        </select>
        <label for="svc-ente">Ente gestore / ETS</label>
        <input id="svc-ente" value={svc.enteGestore} onChange={(e) => patch({ enteGestore: (e.target as HTMLInputElement).value })} />
        <label for="svc-org">Organizzazione {unverified('organisation')}</label>
        <select id="svc-org" value={svc.organisation} onChange={(e) => patch({ organisation: (e.target as HTMLSelectElement).value as never })}>
          {PIS_ORGANISATIONS.map((o) => <option key={o} value={o}>{ORGANISATION_LABELS[o]}</option>)}
        </select>
        <label for="svc-presa">Presa in carico {unverified('presaInCarico')}</label>
        <select id="svc-presa" value={svc.presaInCarico} onChange={(e) => patch({ presaInCarico: (e.target as HTMLSelectElement).value as never })}>
          {PRESA_IN_CARICO_VALUES.map((o) => <option key={o} value={o}>{PRESA_IN_CARICO_LABELS[o]}</option>)}
        </select>
        <label for="svc-budget">Budget annuo (€)</label>
        <input id="svc-budget" inputMode="decimal" value={svc.annualBudgetEur ?? ''} onChange={(e) => {
          const raw = (e.target as HTMLInputElement).value.trim().replace(/\./g, '').replace(',', '.');
          const v = raw === '' ? undefined : Number(raw);
          if (v !== undefined && !(Number.isFinite(v) && v >= 0)) return state.actions.notify({ kind: 'error', text: `Budget "${raw}" non valido` });
          patch({ annualBudgetEur: v });
        }} />
      </div>
      <fieldset class="checks">
        <legend>Caratteristiche LEPS</legend>
        <label><input type="checkbox" checked={svc.centraleOperativa24h365} onChange={(e) => patch({ centraleOperativa24h365: (e.target as HTMLInputElement).checked })} /> centrale operativa 24h/365 {unverified('centraleOperativa24h365')}</label>
        <label><input type="checkbox" checked={svc.udsH24} onChange={(e) => patch({ udsH24: (e.target as HTMLInputElement).checked })} /> unità di strada h24 {unverified('udsH24')}</label>
        <label><input type="checkbox" checked={svc.graveMarginalita} onChange={(e) => patch({ graveMarginalita: (e.target as HTMLInputElement).checked })} /> interventi per grave marginalità {unverified('graveMarginalita')}</label>
      </fieldset>
      <h4>Basi (UdS, reperibilità, centrale)</h4>
      <table class="bases">
        <thead><tr><th>Tipo</th><th>Comune</th>{TIME_BANDS.map((b) => <th key={b} class="num" title={`unità in ${BAND_LABELS[b]}`}>{BAND_LABELS[b]}</th>)}<th><span class="sr-only">azioni</span></th></tr></thead>
        <tbody>
          {svc.bases.map((b) => (
            <tr key={b.id} data-testid="base-row">
              <td>
                <select aria-label="tipo di base" value={b.kind} onChange={(e) => state.actions.edit((x) => updateBase(x, svc.id, b.id, { kind: (e.target as HTMLSelectElement).value as never }))}>
                  {BASE_KINDS.map((k) => <option key={k} value={k}>{BASE_KIND_LABELS[k]}</option>)}
                </select>
              </td>
              <td>{b.istat ? territory.comune(b.istat)?.name : <span class="muted">solo telefono</span>}</td>
              {TIME_BANDS.map((band) => (
                <td key={band} class="num">
                  <input class="units" type="number" min={0} max={50} step={1} aria-label={`unità in ${BAND_LABELS[band]}`} value={b.unitsByBand[band]}
                    onChange={(e) => {
                      const v = Number((e.target as HTMLInputElement).value);
                      if (!Number.isInteger(v) || v < 0 || v > 50) return state.actions.notify({ kind: 'error', text: 'Unità: un intero tra 0 e 50' });
                      state.actions.edit((x) => updateBase(x, svc.id, b.id, { unitsByBand: { [band]: v } }));
                    }} />
                </td>
              ))}
              <td><button type="button" class="chip-x" aria-label="Elimina base" onClick={() => state.actions.edit((x) => removeBase(x, svc.id, b.id))}>×</button></td>
            </tr>
          ))}
        </tbody>
      </table>
      {svc.bases.length === 0 && <p class="small muted">Nessuna base: senza basi le simulazioni non possono stimare i tempi di intervento.</p>}
      <div class="actions">
        <button type="button" onClick={() => state.actions.startPlaceBase(svc.id)}>Aggiungi base sulla mappa</button>
        <button type="button" class="danger" onClick={() => state.actions.edit((x) => deleteService(x, svc.id), 'PIS eliminato (Annulla per ripristinare).')}>Elimina PIS</button>
      </div>
      {svc.source && <p class="small muted">Fonte: {svc.source}</p>}
      {svc.annualBudgetNote && <p class="small muted">{svc.annualBudgetNote}</p>}
      <p class="small muted">Ambito selezionato: {territory.ambito(ambito)?.name}</p>
    </div>
  );
}
