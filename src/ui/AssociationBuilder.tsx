// Building or extending a joint (sovra-Ambito) PIS without the map: while the app is in
// association mode, the side panel lists the picked Ambiti and their neighbours as checkboxes
// (keyboard-operable; a map click or a search toggles the same list), and asks for — proposing a
// value for each — the PIS's name, capofila, annual budget and every member's status. Before
// committing it shows what will change; the commit is one undoable edit.
import { useEffect, useState } from 'preact/hooks';
import { PIS_STATUSES, serviceOfAmbito, statusOf, type PisStatus } from '../core/scenario/index.ts';
import { fmt, t } from '../i18n/strings.ts';
import { useApp } from './context.ts';

export interface AssociationDetails {
  name: string;
  capofila: string;
  annualBudgetEur?: number;
  statuses: Record<string, PisStatus>;
}

export function AssociationBuilder() {
  const { territory, state } = useApp();
  const tt = t();
  const B = tt.builder;
  const scenario = state.scenario.value;
  const pending = state.pending.value;
  const existing = pending.map((m) => serviceOfAmbito(scenario, m)).find((x) => x);
  const residents = (a: string) => state.view.value.rollupOf('ambito', a).residents;
  const nameOf = (a: string) => territory.ambito(a)?.name ?? a;
  // Proposals: the existing PIS's values; otherwise a name from the members, the most populous
  // member as capofila, no budget (the shares panel proposes one), members "previsto PdZ 2024-26"
  // unless they already have a status.
  const proposedName = existing?.name ?? (pending.length > 1 ? `PIS associato ${pending.map(nameOf).join(' – ')}` : pending.length ? `PIS ${nameOf(pending[0])}` : '');
  const proposedCapofila = existing && pending.includes(existing.capofila) ? existing.capofila : [...pending].sort((a, b) => residents(b) - residents(a))[0] ?? '';
  const baseStatus: PisStatus = existing ? statusOf(scenario, existing.capofila) : 'previsto-pdz-2024-26';
  const proposedStatus = (a: string): PisStatus => {
    const s = statusOf(scenario, a);
    return s === 'sconosciuto' || s === 'non-previsto' ? baseStatus : s;
  };
  const [name, setName] = useState<string | null>(null);
  const [capofila, setCapofila] = useState<string | null>(null);
  const [budget, setBudget] = useState<string | null>(null);
  const [statuses, setStatuses] = useState<Record<string, PisStatus>>({});
  useEffect(() => {
    // A new member may invalidate a chosen capofila only if it was removed.
    if (capofila && !pending.includes(capofila)) setCapofila(null);
  }, [pending.join(',')]);
  const finalName = (name ?? proposedName).trim() || proposedName;
  const finalCapofila = capofila && pending.includes(capofila) ? capofila : proposedCapofila;
  const budgetText = budget ?? fmt.input(existing?.annualBudgetEur);
  const parsedBudget = budgetText.trim() === '' ? { ok: true as const, value: undefined } : fmt.parse(budgetText, { min: 0 });
  const finalStatuses = Object.fromEntries(pending.map((a) => [a, statuses[a] ?? proposedStatus(a)]));

  // Neighbours of the picked Ambiti (not yet picked), nearest first by name.
  const neighbours = [...new Set(pending.flatMap((a) => territory.neighbourAmbiti(a)))].filter((a) => !pending.includes(a)).sort((a, b) => nameOf(a).localeCompare(nameOf(b), 'it'));
  const others = pending.length === 0 ? territory.data.ambiti.map((a) => a.code) : [];

  // What will change, in words.
  const changes: string[] = [];
  for (const a of pending) {
    const svc = serviceOfAmbito(scenario, a);
    if (existing ? svc?.id !== existing.id : true) changes.push(svc && svc.id !== existing?.id ? B.moves(nameOf(a), svc.name) : B.joins(nameOf(a)));
    const before = statusOf(scenario, a);
    if (before !== finalStatuses[a]) changes.push(B.status(nameOf(a), tt.enums.status[before], tt.enums.status[finalStatuses[a]]));
  }
  if (existing) for (const m of existing.members) if (!pending.includes(m)) changes.push(B.leaves(nameOf(m)));
  if (!existing || existing.name !== finalName) changes.push(existing ? B.renamed(existing.name, finalName) : B.named(finalName));
  if (pending.length && (!existing || existing.capofila !== finalCapofila)) changes.push(B.capofila(nameOf(finalCapofila)));
  if (parsedBudget.ok && parsedBudget.value !== existing?.annualBudgetEur) changes.push(parsedBudget.value === undefined ? B.noBudget : B.budget(fmt.eur(parsedBudget.value)));

  const toggle = (a: string) => state.actions.mapClick(a);
  const commit = () => {
    if (!parsedBudget.ok) return state.actions.notify({ kind: 'error', text: B.badBudget(budgetText) });
    state.actions.commitAssociation({ name: finalName, capofila: finalCapofila, annualBudgetEur: parsedBudget.value, statuses: finalStatuses, changes });
  };
  return (
    <section class="builder" aria-labelledby="builder-title" data-testid="association-builder">
      <h2 id="builder-title">{existing ? B.extendTitle(existing.name) : B.newTitle}</h2>
      <p class="small muted">{B.how}</p>
      <fieldset class="checks member-list" data-testid="member-list">
        <legend>{B.members(pending.length)}</legend>
        {pending.map((a) => (
          <label key={a}><input type="checkbox" checked onChange={() => toggle(a)} /> {nameOf(a)} <span class="small muted">{fmt.int(residents(a))}</span></label>
        ))}
        {neighbours.length > 0 && <div class="small muted">{B.neighbours}</div>}
        {[...neighbours, ...others].map((a) => (
          <label key={a}><input type="checkbox" checked={false} onChange={() => toggle(a)} data-code={a} /> {nameOf(a)} <span class="small muted">{fmt.int(residents(a))}</span></label>
        ))}
      </fieldset>
      {pending.length > 0 && (
        <>
          <div class="form-grid">
            <label for="as-name">{B.name}</label>
            <input id="as-name" value={name ?? proposedName} onInput={(e) => setName((e.target as HTMLInputElement).value)} />
            <label for="as-capofila">{B.capofilaLabel}</label>
            <select id="as-capofila" value={finalCapofila} onChange={(e) => setCapofila((e.target as HTMLSelectElement).value)}>
              {pending.map((a) => <option key={a} value={a}>{nameOf(a)}</option>)}
            </select>
            <label for="as-budget">{B.budgetLabel}</label>
            <input id="as-budget" inputMode="decimal" value={budgetText} placeholder={B.budgetPlaceholder} onInput={(e) => setBudget((e.target as HTMLInputElement).value)} />
          </div>
          <table class="member-status">
            <caption class="small">{B.statusCaption}</caption>
            <thead><tr><th scope="col">{tt.common.ambito}</th><th scope="col">{B.statusCol}</th></tr></thead>
            <tbody>
              {pending.map((a) => (
                <tr key={a}>
                  <td>{nameOf(a)}</td>
                  <td>
                    <select aria-label={B.statusOf(nameOf(a))} value={finalStatuses[a]} onChange={(e) => setStatuses({ ...statuses, [a]: (e.target as HTMLSelectElement).value as PisStatus })}>
                      {PIS_STATUSES.map((s) => <option key={s} value={s}>{tt.enums.status[s]}</option>)}
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3>{B.changesTitle}</h3>
          <ul class="small changes" data-testid="association-changes">{changes.map((c, i) => <li key={i}>{c}</li>)}</ul>
        </>
      )}
      <div class="actions">
        <button type="button" class="primary" data-action="commit-association" disabled={pending.length === 0} onClick={commit}>
          {existing ? B.update : pending.length > 1 ? tt.mode.createSovra : tt.mode.create}
        </button>
        <button type="button" onClick={() => state.actions.cancelMode()}>{tt.mode.cancel}</button>
      </div>
    </section>
  );
}
