// "Adopt the proposed bases" of a siting run, as one pure edit: the proposal chooses where the
// mobile units (UdS) of a PIS stand; it does not speak about the centrale operativa or the
// reperibilità bases, so those stay exactly as the user set them. A UdS base already at a chosen
// comune stays as it is; a UdS base at a comune the proposal drops is MOVED to a newly chosen
// comune, so its roster (units per band, and anything else the base carries) goes with it; only
// when the proposal has more new comuni than there are UdS bases to move is a base added, with
// one unit in every band; UdS bases left over are removed.
import { TIME_BANDS, type TimeBand } from '../sim/layout.ts';
import { addBase, moveBase, removeBase } from './edit.ts';
import type { Scenario } from './types.ts';

/** One unit in every time band: the roster of a base the proposal adds (to be reviewed). */
export function oneUnitPerBand(): Record<TimeBand, number> {
  return Object.fromEntries(TIME_BANDS.map((b) => [b, 1])) as Record<TimeBand, number>;
}

export interface AdoptSummary {
  kept: string[];
  moved: { from: string; to: string }[];
  added: string[];
  removed: string[];
}

export function adoptProposedBases(s: Scenario, serviceId: string, chosenIstat: readonly string[]): { scenario: Scenario; summary: AdoptSummary } {
  const svc = s.services.find((x) => x.id === serviceId);
  const summary: AdoptSummary = { kept: [], moved: [], added: [], removed: [] };
  if (!svc) return { scenario: s, summary };
  const chosen = [...new Set(chosenIstat)];
  // Any base at a chosen comune (UdS or reperibilità) already serves it.
  const occupied = new Set(svc.bases.filter((b) => b.kind !== 'centrale' && b.istat).map((b) => b.istat!));
  const fresh = chosen.filter((c) => !occupied.has(c));
  const movable = svc.bases.filter((b) => b.kind === 'uds' && !(b.istat && chosen.includes(b.istat)));
  for (const b of svc.bases) if (b.kind === 'uds' && b.istat && chosen.includes(b.istat)) summary.kept.push(b.id);
  let next = s;
  fresh.forEach((istat, i) => {
    const b = movable[i];
    if (b) {
      next = moveBase(next, serviceId, b.id, { istat });
      summary.moved.push({ from: b.istat ?? '', to: istat });
    } else {
      next = addBase(next, serviceId, { kind: 'uds', istat, unitsByBand: oneUnitPerBand() });
      summary.added.push(istat);
    }
  });
  for (const b of movable.slice(fresh.length)) {
    next = removeBase(next, serviceId, b.id);
    summary.removed.push(b.id);
  }
  return { scenario: next, summary };
}
