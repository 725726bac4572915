// Scenario → ServiceLayout, the contract with the simulations (src/core/sim/layout.ts).
import { allBands, TIME_BANDS, type LayoutBase, type ServiceLayout, type TimeBand } from '../sim/layout.ts';
import type { PisService, Scenario } from './types.ts';
import { pisPresenceOf } from './types.ts';
import type { Territory } from '../territory/index.ts';

/**
 * The roster as the simulations read it. The centrale operativa answers (its operators per band
 * become answerByBand; it may have no place); the on-site roles (reperibilità, UdS, other staff)
 * with a comune become layout bases, dispatched by the DES. An on-site role whose comune is
 * missing or unknown to the territory is left out (checkScenario reports it).
 */
export function serviceRoster(svc: PisService, territory: Territory): { answerByBand: Record<TimeBand, number>; bases: LayoutBase[] } {
  const answerByBand = allBands(0);
  for (const b of svc.bases) if (b.kind === 'centrale') for (const band of TIME_BANDS) answerByBand[band] += Math.max(0, b.unitsByBand[band] ?? 0);
  const bases = svc.bases
    .filter((b) => b.kind !== 'centrale' && b.istat !== undefined && territory.comune(b.istat) !== undefined)
    .map((b) => ({
      id: b.id,
      istat: b.istat as string,
      ...(b.point ? { point: [b.point[0], b.point[1]] as [number, number] } : {}),
      unitsByBand: { ...b.unitsByBand },
    }));
  return { answerByBand, bases };
}

/**
 * Every service goes in, whatever its members' status (a planned association is a what-if too).
 * The roster is "not documented" (compliance unknown, not a gap) when the service's roles are
 * flagged unverified in a non-illustrative scenario. Opening hours are copied for option (a).
 */
export function toServiceLayout(scenario: Scenario, territory: Territory): ServiceLayout {
  return {
    illustrative: scenario.illustrative,
    services: scenario.services.map((svc) => {
      const { answerByBand, bases } = serviceRoster(svc, territory);
      return {
        id: svc.id,
        name: svc.name,
        members: [...svc.members],
        graveMarginalita: svc.graveMarginalita,
        graveMarginalitaKnown: scenario.illustrative || !(svc.unverifiedFields ?? []).includes('graveMarginalita'),
        centraleOperativa24h: TIME_BANDS.every((b) => answerByBand[b] > 0),
        organisation: svc.organisation,
        answerByBand,
        rosterKnown: scenario.illustrative || !(svc.unverifiedFields ?? []).includes('bases'),
        bases,
      };
    }),
    compositionOverrides: { ...scenario.compositionOverrides },
    // Three-valued status of every Ambito: the rule says "non determinabile" where it is unknown.
    ambitoPis: Object.fromEntries(territory.data.ambiti.map((a) => [a.code, pisPresenceOf(scenario.statuses[a.code]?.status ?? 'sconosciuto')])),
    openingHours: Object.fromEntries(Object.entries(scenario.openingHours ?? {}).map(([k, v]) => [k, { ...v, days: [...v.days] }])),
  };
}
