// The app's single writer of state: signals plus the actions that change them. Components and the
// map read signals; only the actions below write them. The URL hash mirrors the view so that a
// link reopens it; the workspace (the user's scenarios) is autosaved by an explicit effect in
// main.tsx.
import { importKindOf, importScenarioFile, type ImportKind } from '../core/scenario/importFile.ts';
import { readScenarioV1 } from '../core/scenario/validate.ts';
import { batch, computed, signal, type ReadonlySignal } from '@preact/signals';
import { adoptProposedBases } from '../core/scenario/adopt.ts';
import { isPartialIsoDate } from '../core/scenario/dates.ts';
import { createTerritory, type Territory } from '../core/territory/index.ts';
import type { Level } from '../core/territory/types.ts';
import {
  ScenarioEditError, addBase, addMember, createService, deleteService, duplicateScenario, moveComune, removeBase, removeMember, setCapofila, setStatus,
  updateBase, updateScenarioMeta, updateService, type PisStatus, type ScenarioMeta, type ServicePatch, type NewService, exportScenarioJson, illustrativeScenario, defaultScenario,
  serviceOfAmbito, MAX_IMPORT_BYTES, type ImportResult, type Scenario,
  setOpeningHours, type OpeningHours,
} from '../core/scenario/index.ts';
import { t } from '../i18n/strings.ts';
import { currentScenario, newScenarioId, pushHistory, replaceCurrent, type History, type Workspace } from './workspace.ts';

export type Panel = 'info' | 'scenario' | 'quality' | 'sim' | 'optimise';
/** What the Ambiti are coloured by: a level of the hierarchy, or the PIS status of the scenario. */
export type ColourBy = Level | 'pis' | 'h24' | 'tempo' | 'confronto';
export type Mode = 'browse' | 'associate' | 'place-base';
export interface Notice {
  kind: 'error' | 'info';
  text: string;
  details?: string[];
  /** A file the user can download from the notice (the recovery slot of damaged saved data). */
  download?: { filename: string; text: string };
  /** Stops the work the notice reports (an import being checked in its worker). */
  cancel?: () => void;
}

const COLOUR_BY: ColourBy[] = ['ats', 'asst', 'distretto', 'ambito', 'pis', 'h24', 'tempo', 'confronto'];
const PANELS: Panel[] = ['info', 'scenario', 'quality', 'sim', 'optimise'];

export interface ViewHash {
  ambito?: string;
  comune?: string;
  level?: ColourBy;
  panel?: Panel;
}

export function parseHash(hash: string): ViewHash {
  const p = new URLSearchParams(hash.replace(/^#/, ''));
  const level = p.get('livello') as ColourBy | null;
  const panel = p.get('pannello') as Panel | null;
  return {
    ambito: p.get('ambito') ?? undefined,
    comune: p.get('comune') ?? undefined,
    level: level && COLOUR_BY.includes(level) ? level : undefined,
    panel: panel && PANELS.includes(panel) ? panel : undefined,
  };
}

export function formatHash(v: ViewHash): string {
  const p = new URLSearchParams();
  if (v.ambito) p.set('ambito', v.ambito);
  if (v.comune) p.set('comune', v.comune);
  if (v.level && v.level !== 'ats') p.set('livello', v.level);
  if (v.panel && v.panel !== 'info') p.set('pannello', v.panel);
  const s = p.toString();
  return s ? `#${s}` : '';
}

/** Where scenario files are parsed and validated: the import worker in the app, this thread in tests. */
export interface FileImporter {
  run(kind: ImportKind, bytes: Uint8Array, current: Scenario): Promise<ImportResult | { ok: false; cancelled: true; errors: string[] }>;
  cancel(): void;
}

export function createAppState(territory: Territory, initial: Workspace, opts: { importer?: FileImporter } = {}) {
  const level = signal<ColourBy>('ats');
  const selectedAmbito = signal<string | undefined>(undefined);
  const selectedComune = signal<string | undefined>(undefined);
  const panel = signal<Panel>('info');
  const basemap = signal(false);
  const labels = signal(true);
  /** Incremented when the user asks to frame the selection (search, table), not on map clicks. */
  const focusRequest = signal(0);
  const workspace = signal<Workspace>(initial);
  const history = signal<History>({ past: [], future: [] });
  const notice = signal<Notice | undefined>(undefined);
  const mode = signal<Mode>('browse');
  /** Ambiti picked on the map while building an association. */
  const pending = signal<string[]>([]);
  /** Service that receives a base in 'place-base' mode. */
  const baseTarget = signal<string | undefined>(undefined);

  const scenario = computed(() => currentScenario(workspace.value));
  // Edits that do not move comuni keep the same overrides object, so this computed does not fire
  // and the territory view (and the map's re-dissolve) is not rebuilt on every edit.
  const overrides = computed(() => scenario.value.compositionOverrides);
  /** The territory as the current scenario sees it: its what-if moves of comuni applied. */
  const view = computed(() => {
    const moves = Object.entries(overrides.value);
    return moves.length ? createTerritory(territory.data, new Map(moves)) : territory;
  });
  const selection = computed(() => (selectedAmbito.value ? territory.ambito(selectedAmbito.value) : undefined));
  const hash = computed(() => formatHash({ ambito: selectedAmbito.value, comune: selectedComune.value, level: level.value, panel: panel.value }));

  /** An undo/redo target, still showing the scenario the user is looking at if it exists there. */
  const keepViewed = (w: Workspace): Workspace =>
    w.currentId !== workspace.value.currentId && w.scenarios.some((x) => x.id === workspace.value.currentId) ? { ...w, currentId: workspace.value.currentId } : w;
  const commit = (next: Workspace) => {
    history.value = pushHistory(history.value, workspace.value);
    workspace.value = next;
  };
  const fail = (err: unknown) => {
    if (err instanceof ScenarioEditError) notice.value = { kind: 'error', text: err.message };
    else throw err;
  };

  const actions = {
    setLevel(l: ColourBy) {
      level.value = l;
    },
    selectAmbito(code: string | undefined, opts: { focus?: boolean } = {}) {
      batch(() => {
        selectedAmbito.value = code && territory.ambito(code) ? code : undefined;
        selectedComune.value = undefined;
        if (code && panel.value === 'quality') panel.value = 'info';
        if (opts.focus) focusRequest.value++;
      });
    },
    selectComune(istat: string, opts: { focus?: boolean } = {}) {
      const c = territory.comune(istat);
      if (!c) return;
      batch(() => {
        selectedAmbito.value = scenario.value.compositionOverrides[istat] ?? c.ambito;
        selectedComune.value = istat;
        panel.value = 'info';
        if (opts.focus) focusRequest.value++;
      });
    },
    /** A click on the map: what it does depends on the mode. */
    mapClick(ambito: string | undefined, comune?: { istat: string; point: [number, number] }) {
      if (mode.value === 'associate') {
        if (!ambito) return;
        const list = pending.value;
        pending.value = list.includes(ambito) ? list.filter((a) => a !== ambito) : [...list, ambito];
        return;
      }
      if (mode.value === 'place-base') {
        if (comune && baseTarget.value) actions.placeBase(baseTarget.value, comune.istat, comune.point);
        return;
      }
      actions.selectAmbito(ambito);
    },
    setPanel(p: Panel) {
      panel.value = p;
    },
    setBasemap(on: boolean) {
      basemap.value = on;
    },
    setLabels(on: boolean) {
      labels.value = on;
    },
    applyHash(h: string) {
      const v = parseHash(h);
      batch(() => {
        if (v.level) level.value = v.level;
        if (v.comune && territory.comune(v.comune)) actions.selectComune(v.comune, { focus: true });
        else actions.selectAmbito(v.ambito, { focus: !!v.ambito });
        if (v.panel) panel.value = v.panel;
      });
    },
    dismissNotice() {
      notice.value = undefined;
    },
    notify(n: Notice) {
      notice.value = n;
    },

    // ---- scenario edits (undoable)
    edit(fn: (s: Scenario) => Scenario, done?: string | Notice) {
      try {
        const next = fn(scenario.value);
        if (next === scenario.value) return;
        // The editor accepts only what the schema accepts (the same rule as import, autosave and
        // share link): an edit the next start would refuse is refused now, with the reason.
        const schema = readScenarioV1(JSON.parse(JSON.stringify(next)) as unknown);
        if (!schema.ok) {
          notice.value = { kind: 'error', text: t().notices.editRefused, details: schema.errors };
          return;
        }
        commit(replaceCurrent(workspace.value, next));
        if (done) notice.value = typeof done === 'string' ? { kind: 'info', text: done } : done;
      } catch (err) {
        fail(err);
      }
    },
    undo() {
      const { past, future } = history.value;
      const target = past[past.length - 1];
      if (!target) return;
      batch(() => {
        history.value = { past: past.slice(0, -1), future: [workspace.value, ...future] };
        workspace.value = keepViewed(target);
      });
    },
    redo() {
      const { past, future } = history.value;
      const target = future[0];
      if (!target) return;
      batch(() => {
        history.value = { past: [...past, workspace.value], future: future.slice(1) };
        workspace.value = keepViewed(target);
      });
    },
    /** Opening another scenario is navigation, not an edit: it is not an undo step (the presenter switches on every slide). */
    selectScenario(id: string) {
      if (workspace.value.currentId !== id && workspace.value.scenarios.some((s) => s.id === id)) workspace.value = { ...workspace.value, currentId: id };
    },

    // ---- named scenario edits: what components call (each one undoable step)
    setPisStatus(ambito: string, status: PisStatus) {
      const st = scenario.value.statuses[ambito];
      actions.edit((x) => setStatus(x, ambito, status, { startDate: st?.startDate, source: st?.source }));
    },
    /** `raw` as typed: "", "2024", "2024-05" or "2024-05-01"; anything else is refused with a message. */
    setPisStart(ambito: string, raw: string) {
      const v = raw.trim();
      if (v && !isPartialIsoDate(v)) {
        notice.value = { kind: 'error', text: t().pis.badStart(v) };
        return;
      }
      const st = scenario.value.statuses[ambito];
      actions.edit((x) => setStatus(x, ambito, st?.status ?? 'sconosciuto', { startDate: v || undefined, source: st?.source }));
    },
    setPisSource(ambito: string, raw: string) {
      const st = scenario.value.statuses[ambito];
      actions.edit((x) => setStatus(x, ambito, st?.status ?? 'sconosciuto', { startDate: st?.startDate, source: raw.trim() || undefined }));
    },
    /** Opening hours of an Ambito's territorial services (option (a)); undefined = back to the labelled default. */
    setOpeningHours(ambito: string, hours: OpeningHours | undefined, done?: string) {
      actions.edit((x) => setOpeningHours(x, territory, ambito, hours), done);
    },
    createService(init: NewService, done?: string) {
      actions.edit((x) => createService(x, init), done);
    },
    updateService(serviceId: string, patch: ServicePatch) {
      actions.edit((x) => updateService(x, serviceId, patch));
    },
    deleteService(serviceId: string, done?: string) {
      actions.edit((x) => deleteService(x, serviceId), done);
    },
    removeMember(serviceId: string, ambito: string) {
      actions.edit((x) => removeMember(x, serviceId, ambito));
    },
    setCapofila(serviceId: string, ambito: string) {
      actions.edit((x) => setCapofila(x, serviceId, ambito));
    },
    updateBase(serviceId: string, baseId: string, patch: Parameters<typeof updateBase>[3]) {
      actions.edit((x) => updateBase(x, serviceId, baseId, patch));
    },
    removeBase(serviceId: string, baseId: string) {
      actions.edit((x) => removeBase(x, serviceId, baseId));
    },
    /** What-if: comune `istat` into Ambito `ambito` (back to its own Ambito removes the move). */
    moveComune(istat: string, ambito: string, done?: string) {
      actions.edit((x) => moveComune(x, territory, istat, ambito), done);
    },
    /** Name, reference date, description; an empty name or date keeps the old one. */
    updateMeta(patch: Partial<Pick<ScenarioMeta, 'name' | 'referenceDate' | 'description'>>) {
      const cur = scenario.value;
      const clean = {
        ...patch,
        ...(patch.name !== undefined ? { name: patch.name.trim() || cur.name } : {}),
        ...(patch.referenceDate !== undefined ? { referenceDate: patch.referenceDate || cur.referenceDate } : {}),
      };
      actions.edit((x) => updateScenarioMeta(x, clean));
    },
    /** Siting's proposal into the scenario: centrale and reperibilità kept, UdS moved with their rosters (core/scenario/adopt.ts). */
    adoptBases(serviceId: string, istat: readonly string[], done?: string) {
      actions.edit((x) => adoptProposedBases(x, serviceId, istat).scenario, done);
    },
    newScenario(kind: 'documentato' | 'illustrativo' | 'copia') {
      const w = workspace.value;
      const id = newScenarioId(w, kind === 'illustrativo' ? 'esempio' : 'scenario');
      const s = kind === 'copia'
        ? duplicateScenario(scenario.value, id, `${scenario.value.name} (copia)`)
        : { ...(kind === 'illustrativo' ? illustrativeScenario(territory) : defaultScenario(territory)), id };
      commit({ ...w, currentId: id, scenarios: [...w.scenarios, s] });
    },
    deleteScenario(id: string) {
      const w = workspace.value;
      if (w.scenarios.length <= 1) {
        notice.value = { kind: 'error', text: t().notices.onlyScenario };
        return;
      }
      const scenarios = w.scenarios.filter((s) => s.id !== id);
      commit({ ...w, scenarios, currentId: w.currentId === id ? scenarios[0].id : w.currentId });
    },
    /** Adds a scenario from outside (import, shared link), with a fresh id if it clashes. */
    addScenario(s: Scenario, how: string) {
      const w = workspace.value;
      const id = w.scenarios.some((x) => x.id === s.id) ? newScenarioId(w, s.id) : s.id;
      commit({ ...w, currentId: id, scenarios: [...w.scenarios, { ...s, id }] });
      notice.value = { kind: 'info', text: t().notices.scenarioAdded(how, s.name) };
    },
    /** Imports a user file; on any problem the workspace is left exactly as it was. */
    async importFile(file: { name: string; size: number; arrayBuffer(): Promise<ArrayBuffer> }) {
      if (file.size > MAX_IMPORT_BYTES) {
        notice.value = { kind: 'error', text: t().notices.tooLarge(file.name, Math.round(file.size / 1024), MAX_IMPORT_BYTES / 1024 / 1024) };
        return;
      }
      const kind = importKindOf(file.name);
      if (!kind) {
        notice.value = { kind: 'error', text: t().notices.unknownFormat(file.name) };
        return;
      }
      const bytes = new Uint8Array(await file.arrayBuffer());
      const ext = kind;
      let result: ImportResult;
      if (opts.importer) {
        // Parsed and validated in the import worker: the page stays responsive; the user can cancel.
        const importer = opts.importer;
        notice.value = { kind: 'info', text: t().notices.importing(file.name, Math.round(bytes.byteLength / 1024)), cancel: () => importer.cancel() };
        const r = await importer.run(kind, bytes, scenario.value);
        if ('cancelled' in r) {
          notice.value = { kind: 'info', text: t().notices.importCancelled(file.name) };
          return;
        }
        result = r;
      } else result = importScenarioFile(kind, bytes, scenario.value, territory);
      if (!result.ok) {
        notice.value = { kind: 'error', text: t().notices.importRejected(file.name), details: result.errors };
        return;
      }
      if (ext === 'json') actions.addScenario(result.scenario, t().notices.importedHow(file.name));
      else {
        commit(replaceCurrent(workspace.value, result.scenario));
        notice.value = { kind: 'info', text: t().notices.importedInto(file.name), details: result.warnings };
      }
    },
    exportJson(): string {
      return exportScenarioJson(scenario.value);
    },

    // ---- map modes
    startAssociation() {
      const a = selectedAmbito.value;
      const svc = a ? serviceOfAmbito(scenario.value, a) : undefined;
      batch(() => {
        mode.value = 'associate';
        pending.value = svc ? [...svc.members] : a ? [a] : [];
      });
    },
    /**
     * Creates the association of the picked Ambiti, or extends the PIS one of them already has
     * (members unticked in the builder leave it). `details` (from the association builder) sets
     * name, capofila, budget and each member's status in the same undoable edit; `changes` are
     * shown in the notice.
     */
    commitAssociation(details?: string | { name?: string; capofila?: string; annualBudgetEur?: number; statuses?: Record<string, PisStatus>; changes?: string[] }) {
      const d = typeof details === 'string' ? { name: details } : details ?? {};
      const members = pending.value;
      if (members.length === 0) {
        notice.value = { kind: 'error', text: t().notices.pickOne };
        return;
      }
      const existing = members.map((m) => serviceOfAmbito(scenario.value, m)).find((x) => x);
      const done = d.changes?.length ? { kind: 'info' as const, text: t().builder.done, details: d.changes } : t().notices.associationCreated(members.length);
      actions.edit((s) => {
        let next = s;
        let id: string;
        if (existing) {
          id = existing.id;
          for (const m of members) next = addMember(next, id, m);
          if (typeof details === 'object') for (const m of existing.members) if (!members.includes(m)) next = removeMember(next, id, m);
        } else {
          const names = members.map((m) => territory.ambito(m)?.name ?? m);
          next = createService(next, { members, capofila: d.capofila && members.includes(d.capofila) ? d.capofila : undefined, name: d.name ?? (members.length > 1 ? `PIS associato ${names.join(' – ')}` : `PIS ${names[0]}`) });
          id = serviceOfAmbito(next, members[0])!.id;
        }
        if (d.capofila && members.includes(d.capofila)) next = setCapofila(next, id, d.capofila);
        const patch: ServicePatch = {};
        if (existing && d.name && d.name !== existing.name) patch.name = d.name;
        if ('annualBudgetEur' in d && d.annualBudgetEur !== serviceOfAmbito(next, members[0])?.annualBudgetEur) patch.annualBudgetEur = d.annualBudgetEur;
        if (Object.keys(patch).length) next = updateService(next, id, patch);
        for (const [a, st] of Object.entries(d.statuses ?? {})) {
          const cur = next.statuses[a];
          if (cur?.status !== st) next = setStatus(next, a, st, { startDate: cur?.startDate, source: cur?.source });
        }
        return next;
      }, done);
      batch(() => {
        mode.value = 'browse';
        pending.value = [];
      });
    },
    cancelMode() {
      batch(() => {
        mode.value = 'browse';
        pending.value = [];
        baseTarget.value = undefined;
      });
    },
    startPlaceBase(serviceId: string) {
      batch(() => {
        mode.value = 'place-base';
        baseTarget.value = serviceId;
      });
    },
    placeBase(serviceId: string, istat: string, point: [number, number]) {
      actions.edit((s) => addBase(s, serviceId, { kind: 'uds', istat, point, unitsByBand: { office: 1, closure: 1, night: 1, saturday: 1, holiday: 1 } }), t().notices.baseAdded(territory.comune(istat)?.name ?? istat));
      batch(() => {
        mode.value = 'browse';
        baseTarget.value = undefined;
      });
    },
  };

  // Read-only outside: components and the map read these, only the actions above write them.
  const ro = <T,>(x: ReadonlySignal<T>): ReadonlySignal<T> => x;
  return {
    level: ro(level), selectedAmbito: ro(selectedAmbito), selectedComune: ro(selectedComune), panel: ro(panel), basemap: ro(basemap),
    labels: ro(labels), focusRequest: ro(focusRequest), selection, hash, workspace: ro(workspace), history: ro(history), notice: ro(notice),
    mode: ro(mode), pending: ro(pending), baseTarget: ro(baseTarget), scenario, view, actions,
  };
}

export type AppState = ReturnType<typeof createAppState>;
