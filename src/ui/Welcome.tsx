// The first screen: what the app is, what the colours mean, the three ways in (explore the
// territory, plan a joint PIS, present), and the state of the data in one glance. Shown in the
// side panel while nothing is selected, until dismissed (kept in this browser); "Guida" in the
// topbar shows it again. Whether it is open is a view preference, like the panel width: a module
// signal here, not app state.
import { signal } from '@preact/signals';
import { localStore } from '../state/persistence.ts';
import { fmt, t } from '../i18n/strings.ts';
import { useApp } from './context.ts';
import { usePresentation } from './presenter/context.tsx';

const KEY = 'pis-lombardia/welcome-dismissed';

function readDismissed(): boolean {
  return localStore.get(KEY) === '1'; // storage disabled: not dismissed
}

const dismissed = signal(readDismissed());

export function showWelcome(): void {
  dismissed.value = false;
  localStore.remove(KEY);
}

function dismiss(): void {
  dismissed.value = true;
  localStore.trySet(KEY, '1'); // storage disabled: dismissed until the page is closed
}

export function welcomeOpen(): boolean {
  return !dismissed.value;
}

/** The data state in one line and one bar: sourced vs estimated comuni (and the official table, if imported). */
export function DataGlance() {
  const { manifest, official, state } = useApp();
  const W = t().welcome;
  const c = manifest.composition;
  const total = c.sourced.comuni + c.estimated.comuni;
  const share = total ? c.sourced.comuni / total : 0;
  return (
    <div class="data-glance" data-testid="data-glance">
      <div class="glance-bar" role="img" aria-label={W.glanceAria(fmt.pct(share, 0))}>
        <span class="glance-sourced" style={{ width: `${share * 100}%` }} />
        <span class="glance-estimated" />
      </div>
      <p class="small">
        {official ? W.official : W.glance(fmt.int(c.sourced.comuni), fmt.int(c.estimated.comuni), fmt.int(c.estimated.residents))}{' '}
        <button type="button" class="link" onClick={() => state.actions.setPanel('quality')}>{W.qualityLink}</button>
      </p>
    </div>
  );
}

export function Welcome() {
  const { state } = useApp();
  const p = usePresentation();
  const W = t().welcome;
  const level = state.level.value;
  return (
    <section class="welcome" aria-labelledby="welcome-title" data-testid="welcome">
      <h2 id="welcome-title">{W.title}</h2>
      <p>{W.what}</p>
      <h3>{W.coloursTitle}</h3>
      <p class="small">{W.colours(t().level[level])}</p>
      <DataGlance />
      <h3>{W.pathsTitle}</h3>
      <div class="paths">
        <button type="button" class="path" data-action="path-explore" onClick={() => {
          dismiss();
          document.getElementById('search-input')?.focus();
        }}>
          <strong>{W.explore}</strong><span class="small">{W.exploreHow}</span>
        </button>
        <button type="button" class="path" data-action="path-joint" onClick={() => {
          dismiss();
          state.actions.startAssociation();
        }}>
          <strong>{W.joint}</strong><span class="small">{W.jointHow}</span>
        </button>
        <button type="button" class="path" data-action="path-present" onClick={() => {
          dismiss();
          p.actions.start();
        }}>
          <strong>{W.present}</strong><span class="small">{W.presentHow}</span>
        </button>
      </div>
      <div class="actions">
        <button type="button" data-action="welcome-close" onClick={dismiss}>{W.close}</button>
      </div>
    </section>
  );
}
