// Scenario → ServiceLayout, the contract with the simulations (src/core/sim/layout.ts).
import type { ServiceLayout } from '../sim/layout.ts';
import type { Scenario } from './types.ts';
import type { Territory } from '../territory/index.ts';

/**
 * Every service goes in, whatever its members' status (a planned association is a what-if
 * too). Only UdS and reperibilità bases with a comune become layout bases: the centrale
 * operativa takes calls but sends nobody, so it does not affect response times. A base whose
 * comune is unknown to the territory is left out (checkScenario reports it).
 */
export function toServiceLayout(scenario: Scenario, territory: Territory): ServiceLayout {
  return {
    illustrative: scenario.illustrative,
    services: scenario.services.map((svc) => ({
      id: svc.id,
      name: svc.name,
      members: [...svc.members],
      graveMarginalita: svc.graveMarginalita,
      centraleOperativa24h: svc.centraleOperativa24h365,
      bases: svc.bases
        .filter((b) => b.kind !== 'centrale' && b.istat !== undefined && territory.comune(b.istat) !== undefined)
        .map((b) => ({
          id: b.id,
          istat: b.istat as string,
          ...(b.point ? { point: [b.point[0], b.point[1]] as [number, number] } : {}),
          unitsByBand: { ...b.unitsByBand },
        })),
    })),
    compositionOverrides: { ...scenario.compositionOverrides },
  };
}
