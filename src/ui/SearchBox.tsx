// Accessible combobox over comuni and Ambiti (the territory core does the matching).
import { useState } from 'preact/hooks';
import { t } from '../i18n/strings.ts';
import { useApp } from './context.ts';

export function SearchBox() {
  const { territory, state } = useApp();
  const S = t().common;
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const hits = query.trim().length >= 2 ? territory.search(query, 12) : [];
  const choose = (i: number) => {
    const h = hits[i];
    if (!h) return;
    const mode = state.mode.peek();
    if (mode === 'associate') {
      // Building an association: a search adds (or removes) the Ambito, as a map click does.
      state.actions.mapClick(h.kind === 'ambito' ? h.code : h.ambito);
    } else if (mode === 'place-base' && h.kind === 'comune') {
      // Placing a base: the comune found is where it goes (its point lies inside the comune).
      const c = territory.comune(h.code);
      if (c) state.actions.mapClick(c.ambito, { istat: c.istat, point: c.point });
    } else if (h.kind === 'ambito') {
      state.actions.selectAmbito(h.code, { focus: true });
      state.actions.setPanel('info');
    } else state.actions.selectComune(h.code, { focus: true });
    setQuery('');
  };
  return (
    <div class="search" role="search">
      <label for="search-input" class="sr-only">{S.search}</label>
      <input
        id="search-input" type="search" value={query} placeholder={S.searchPlaceholder} autocomplete="off"
        role="combobox" list={undefined} aria-autocomplete="list" aria-expanded={hits.length > 0} aria-controls="search-results" aria-label={S.search}
        aria-activedescendant={hits.length ? `search-hit-${active}` : undefined}
        onInput={(e) => { setQuery((e.target as HTMLInputElement).value); setActive(0); }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') { setActive(Math.min(active + 1, hits.length - 1)); e.preventDefault(); }
          else if (e.key === 'ArrowUp') { setActive(Math.max(active - 1, 0)); e.preventDefault(); }
          else if (e.key === 'Enter') choose(active);
          else if (e.key === 'Escape') setQuery('');
        }}
      />
      {query.trim().length >= 2 && (
        <ul id="search-results" role="listbox" class="search-results">
          {hits.length === 0 && <li class="empty">{S.noResults}</li>}
          {hits.map((h, i) => (
            <li id={`search-hit-${i}`} key={`${h.kind}${h.code}`} role="option" aria-selected={i === active}
              class={i === active ? 'active' : ''} onMouseDown={(e) => { e.preventDefault(); choose(i); }}>
              <span class={`kind ${h.kind}`}>{h.kind === 'ambito' ? S.ambito : S.comune}</span> {h.name}
              {h.kind === 'comune' && <span class="muted"> — {territory.ambito(h.ambito)?.name}</span>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
