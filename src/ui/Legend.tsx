// The on-screen legend, drawn from the same legend model as the PNG export and the print report
// (src/export/legendModel.ts), so the three never disagree.
import { useState } from 'preact/hooks';
import { legendModel, type Swatch } from '../export/legendModel.ts';
import { useApp } from './context.ts';
import { t } from '../i18n/strings.ts';

function SwatchView({ swatch }: { swatch: Swatch }) {
  switch (swatch.kind) {
    case 'fill':
      return <span class="swatch" style={{ background: swatch.colour }} />;
    case 'gradient':
      return <span class="swatch" style={{ background: `linear-gradient(90deg, ${swatch.colours.join(',')})` }} />;
    case 'hatch':
      return <span class="swatch hatch" />;
    case 'stripes':
      return <span class="swatch stripes" style={{ background: swatch.colour }} />;
    case 'line':
      return <span class="swatch line" />;
    case 'dashed':
      return <span class="swatch association" style={{ borderColor: swatch.colour }} />;
    case 'dots':
      return <>{swatch.colours.map((c) => <span key={c} class="dot" style={{ background: c }} />)}</>;
    case 'rings':
      return <>{swatch.colours.map((c) => <span key={c} class="ring" style={{ borderColor: c }} />)}</>;
  }
}

export function Legend() {
  const { territory, state, opt } = useApp();
  const r = opt.comparison.value;
  const heading = r.status === 'ok' ? t().legend.compareHeading(r.value.nameA, r.value.nameB) : undefined;
  const m = legendModel(territory, state.level.value, state.scenario.value, heading);
  // Open by default where the map has room; on a 1024-wide screen it starts closed (one line) so
  // that it never covers a province; a click or Enter on "Legenda" opens it.
  const [open, setOpen] = useState(() => typeof window === 'undefined' || window.innerWidth >= 1200);
  return (
    <details class="legend" open={open} onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)} aria-label={m.title} data-testid="legend">
      <summary>{m.title}</summary>
      <div class="legend-level">{m.heading}</div>
      {m.rows.map((row, i) => (
        <div class="legend-row" key={i}><SwatchView swatch={row.swatch} />{row.label}</div>
      ))}
      {state.level.value === 'tempo' && <CoverageRunning />}
    </details>
  );
}

function CoverageRunning() {
  const { sim } = useApp();
  return sim.coverage.value.status === 'running' ? <div class="small muted" role="status">{t().legend.computing}</div> : null;
}
