// The app's single writer of state: signals plus the actions that change them. Components and the
// map read signals; only the actions below write them. The URL hash mirrors the selection so that a
// link reopens the same view.
import { batch, computed, signal } from '@preact/signals';
import type { Territory } from '../core/territory/index.ts';
import type { Level } from '../core/territory/types.ts';

export type Panel = 'info' | 'quality';
const LEVELS: Level[] = ['ats', 'asst', 'distretto', 'ambito'];

export interface ViewHash {
  ambito?: string;
  comune?: string;
  level?: Level;
}

export function parseHash(hash: string): ViewHash {
  const p = new URLSearchParams(hash.replace(/^#/, ''));
  const level = p.get('livello') as Level | null;
  return {
    ambito: p.get('ambito') ?? undefined,
    comune: p.get('comune') ?? undefined,
    level: level && LEVELS.includes(level) ? level : undefined,
  };
}

export function formatHash(v: ViewHash): string {
  const p = new URLSearchParams();
  if (v.ambito) p.set('ambito', v.ambito);
  if (v.comune) p.set('comune', v.comune);
  if (v.level && v.level !== 'ats') p.set('livello', v.level);
  const s = p.toString();
  return s ? `#${s}` : '';
}

export function createAppState(territory: Territory) {
  const level = signal<Level>('ats');
  const selectedAmbito = signal<string | undefined>(undefined);
  const selectedComune = signal<string | undefined>(undefined);
  const panel = signal<Panel>('info');
  const basemap = signal(false);
  const labels = signal(true);
  /** Incremented when the user asks to frame the selection (search, table), not on map clicks. */
  const focusRequest = signal(0);

  const selection = computed(() => (selectedAmbito.value ? territory.ambito(selectedAmbito.value) : undefined));
  const hash = computed(() => formatHash({ ambito: selectedAmbito.value, comune: selectedComune.value, level: level.value }));

  const actions = {
    setLevel(l: Level) {
      level.value = l;
    },
    selectAmbito(code: string | undefined, opts: { focus?: boolean } = {}) {
      batch(() => {
        selectedAmbito.value = code && territory.ambito(code) ? code : undefined;
        selectedComune.value = undefined;
        if (code) panel.value = 'info';
        if (opts.focus) focusRequest.value++;
      });
    },
    selectComune(istat: string, opts: { focus?: boolean } = {}) {
      const c = territory.comune(istat);
      if (!c) return;
      const i = territory.comuneIndex(istat)!;
      const ambito = territory.comuniOfAmbito(c.ambito).includes(i) ? c.ambito : territory.data.ambiti.find((a) => territory.comuniOfAmbito(a.code).includes(i))!.code;
      batch(() => {
        selectedAmbito.value = ambito;
        selectedComune.value = istat;
        panel.value = 'info';
        if (opts.focus) focusRequest.value++;
      });
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
      });
    },
  };

  return { level, selectedAmbito, selectedComune, panel, basemap, labels, focusRequest, selection, hash, actions };
}

export type AppState = ReturnType<typeof createAppState>;
