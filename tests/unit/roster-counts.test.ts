// ambitoCompliance counts hours per band from remembered per-(opening hours, calendar) tallies
// instead of calling dutyAt 8,760 times (issue 13). It must give exactly what the hour-by-hour
// definition gives, for any roster, option, opening hours and calendar, also with the tallies of
// a different calendar or Ambito already remembered.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_CALENDAR, type CalendarAssumptions } from '../../src/core/des/calendar.ts';
import { TIME_BANDS, type LayoutService, type OpeningHours, type TimeBand } from '../../src/core/sim/layout.ts';
import { ambitoCompliance, dutyAt } from '../../src/core/sim/roster.ts';
import { bandOfHour } from '../../src/core/des/calendar.ts';
import { itHeavy } from './helpers/heavy.ts';

/** The definition: every hour of the generic year through dutyAt. */
function byHour(s: LayoutService, ambito: string, cal: CalendarAssumptions, oh?: Record<string, OpeningHours>) {
  const out = Object.fromEntries(TIME_BANDS.map((b) => [b, { total: 0, pis: 0, terr: 0, none: 0 }])) as Record<TimeBand, { total: number; pis: number; terr: number; none: number }>;
  for (let h = 0; h < 365 * 24; h++) {
    const a = out[bandOfHour(h, cal)];
    const d = dutyAt(s, ambito, h, cal, oh);
    a.total++;
    if (d === 'pis') a.pis++;
    else if (d === 'territoriali') a.terr++;
    else a.none++;
  }
  return out;
}

const units = fc.record(Object.fromEntries(TIME_BANDS.map((b) => [b, fc.integer({ min: 0, max: 2 })])) as Record<TimeBand, fc.Arbitrary<number>>);
const calendar = fc.record({
  officeStartHour: fc.integer({ min: 6, max: 11 }), officeEndHour: fc.integer({ min: 12, max: 21 }),
  nightStartHour: fc.integer({ min: 20, max: 23 }), nightEndHour: fc.integer({ min: 4, max: 7 }),
  holidayDays: fc.uniqueArray(fc.integer({ min: 0, max: 364 }), { maxLength: 12 }),
});
const hours = fc.record({ days: fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { maxLength: 7 }), startHour: fc.integer({ min: 0, max: 12 }), endHour: fc.integer({ min: 12, max: 24 }), assumed: fc.boolean() });

describe('ambitoCompliance by band tallies', () => {
  itHeavy('equals the hour-by-hour count through dutyAt for any roster, option, opening hours and calendar', () => {
    fc.assert(fc.property(units, units, fc.constantFrom('a-chiusura', 'b-continuativo'), fc.boolean(), calendar, hours, (answer, onSite, organisation, ownHours, cal, oh) => {
      const s: LayoutService = { id: 'p', name: 'P', members: ['A1', 'A2'], graveMarginalita: true, centraleOperativa24h: true, organisation, answerByBand: answer, bases: [{ id: 'b', istat: '000001', unitsByBand: onSite }] };
      const opening = ownHours ? { A1: oh } : undefined;
      for (const ambito of ['A1', 'A2']) {
        const ref = byHour(s, ambito, cal, opening);
        const c = ambitoCompliance(s, ambito, cal, opening);
        for (const b of c.bands) {
          expect([b.hoursPerYear, b.pisHours, b.territorialHours, b.uncoveredHours], `${ambito} ${b.band}`).toEqual([ref[b.band].total, ref[b.band].pis, ref[b.band].terr, ref[b.band].none]);
        }
      }
    }), { numRuns: 40 });
  });

  it('a remembered tally is never reused for other opening hours or another calendar', () => {
    const s: LayoutService = { id: 'p', name: 'P', members: ['A1'], graveMarginalita: true, centraleOperativa24h: true, organisation: 'a-chiusura', answerByBand: { office: 0, closure: 1, night: 1, saturday: 1, holiday: 1 }, bases: [{ id: 'b', istat: '000001', unitsByBand: { office: 0, closure: 1, night: 1, saturday: 1, holiday: 1 } }] };
    const office = (c: ReturnType<typeof ambitoCompliance>) => c.bands.find((b) => b.band === 'office')!;
    const before = office(ambitoCompliance(s, 'A1', DEFAULT_CALENDAR));
    expect(before.uncoveredHours).toBe(0); // Mon-Fri 09-17 is the territorial services'
    const shortDay = office(ambitoCompliance(s, 'A1', DEFAULT_CALENDAR, { A1: { days: [0, 1, 2, 3, 4], startHour: 9, endHour: 13, assumed: false } }));
    expect(shortDay.uncoveredHours).toBeGreaterThan(0);
    const moreHolidays = office(ambitoCompliance(s, 'A1', { ...DEFAULT_CALENDAR, holidayDays: [...DEFAULT_CALENDAR.holidayDays, 1] }));
    expect(moreHolidays.hoursPerYear).toBe(before.hoursPerYear - 8);
  });
});
