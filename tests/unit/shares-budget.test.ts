// The blocker of issue 11: the prefilled budget read with the dot as a thousands separator gave
// shares ten times the budget. Here the whole path a user takes, on the real data: the budget
// field pre-filled by the one formatter, read back by the one parser, split among a three-Ambiti
// association (Rho + Garbagnate Milanese + Alto Milanese), and rounded to cents for the table.
import { describe, expect, it } from 'vitest';
import { createOptimiseApi } from '../../src/core/optimise/index.ts';
import { DEFAULT_ANNUAL_BUDGET_EUR } from '../../src/core/optimise/shares.ts';
import { formatInput, readNumber, splitCents } from '../../src/core/format/numbers.ts';
import { loadTerritoryData } from './helpers/realData.ts';

const data = loadTerritoryData();
const api = createOptimiseApi({ loadTerritory: async () => data, loadHighs: async () => { throw new Error('not needed'); } });
const cents = (xs: number[]) => Math.round(xs.reduce((a, b) => a + b, 0) * 100);

describe('cost shares of a three-Ambiti association sum to the budget', () => {
  for (const [label, text] of [['prefilled', formatInput(DEFAULT_ANNUAL_BUDGET_EUR, 'it')], ['typed with groups', '44.786,40'], ['typed without groups', '44786,40']] as const) {
    it(`${label}: "${text}"`, async () => {
      const budget = readNumber(text, 'it');
      expect(budget).toBe(44786.4);
      const r = await api.shares({ members: ['50095', '50094', '50096'], annualBudgetEur: budget, fixedShare: 0.5 });
      expect(r.members).toHaveLength(3);
      expect(r.annualBudgetEur).toBe(44786.4);
      for (const col of ['byResidents', 'byExpectedCalls', 'shapley'] as const) {
        const eur = r.members.map((m) => m[col].eur);
        expect(Math.abs(eur.reduce((a, b) => a + b, 0) - 44786.4)).toBeLessThan(0.005);
        // Each member pays a plausible part: none gets the whole budget or ten times it.
        for (const x of eur) {
          expect(x).toBeGreaterThan(0);
          expect(x).toBeLessThan(44786.4);
        }
        // What the table shows (cents) adds up exactly.
        expect(cents(splitCents(44786.4, eur))).toBe(4478640);
      }
    });
  }
});
