// Issue 10 item 7: the words the DES shows next to its figures, word for word: the assumption
// panel (desAssumptionInfo on the real territory) and the caveats of a run. The figures inside
// are recomputed by hand below where they are derived (Rho's 86 reports, 15,216 closure hours,
// 175,229 residents, the 58 / 21 / 7 split by component).
import { beforeEach, describe, expect, it } from 'vitest';
import { calibrateDemand, defaultDesAssumptions, desAssumptionInfo, DEMAND_KINDS, expectedDemand, runSimulation, summariseReplications, type DemandCalibration, type DesAssumptions, type DesOverrides, type SimulationResult } from '../../src/core/des/index.ts';
import { simulationCaveats } from '../../src/core/des/caveats.ts';
import { compileLayout } from '../../src/core/sim/compile.ts';
import { allBands } from '../../src/core/sim/layout.ts';
import { layoutOnePerAts, lineTerritory } from '../../src/core/sim/synthetic.ts';
import { createTravelContext, DEFAULT_TRAVEL_ASSUMPTIONS } from '../../src/core/travel/index.ts';
import { loadTerritoryData } from './helpers/realData.ts';

describe('the DES assumption panel, word for word', () => {
  it('every entry: label, unit and source on the real territory', () => {
    const info = desAssumptionInfo(loadTerritoryData());
    expect(info).toEqual({
      calibration: { label: "Calibrazione della domanda sul PIS di Rho, nelle ore di chiusura dei servizi", unit: "segnalazioni/ora di chiusura", source: "Progetto PIS Ambito Rhodense 2026-2027, \"Dati dell'attività\" (Sercop): 86 segnalazioni in 27 mesi (luglio 2023 – 30/09/2025) da un servizio che risponde quando i servizi sociali sono chiusi (stesso progetto: reperibilità \"nelle fasce orarie di chiusura dei servizi sociali comunali (notturni, festivi, weekend)\"): ripartite sulle 15.216 ore fuori dall'orario d'ufficio (lun–ven 9–17, feriali) del periodo, non su tutte le 24 ore; 175.229 residenti dell'Ambito Rhodense (ANPR 2024-01-10). Residenti: 14,6 segnalazioni all'anno ogni 100.000 residenti nelle ore di chiusura (calamità, emergenze non classificate, urgenze, non pertinenti: 58 di 86); MSNA: 21 di 86, 0,139 all'anno per minore presente (Rho: 66,9); grave marginalità: 7 di 86, 0,027 all'anno per iscritto (indicatore di Rho: 114,0). Unico dato reale disponibile per la Lombardia" },
      kinds: { label: "Tipi di segnalazione (conteggi di Rho), priorità in coda: emergenze prima delle urgenze", unit: "conteggi", source: "Progetto PIS Ambito Rhodense 2026-2027, \"Dati dell'attività\" (Sercop): 50 emergenze (8 calamità, 7 adulti in difficoltà e/o senza dimora, 21 MSNA, 14 non classificate), 17 urgenze, 19 non pertinenti; emergenze e urgenze con intervento sul posto, non pertinenti no (assunzione)" },
      msna: { label: "Emergenze MSNA: dove sono i minori stranieri non accompagnati", unit: "MSNA/residente", source: "per provincia, MSNA presenti al 30/09/2023 (Ministero del Lavoro, Il Giorno - Lombardia, minori senza famiglia (MSNA al 30 settembre 2023 per provincia)) sui residenti della provincia: Milano 1.261, Brescia 232, Bergamo 225, Pavia 201, Cremona 192, Varese 187, Lecco 111, Monza e Brianza 101, Lodi 52, Mantova 85, Sondrio 17, Como 173 (differenza dal totale regionale)" },
      demandScale: { label: "Moltiplicatore della domanda di Rho", unit: "×", source: "assunzione: 1 = media di Rho sui 27 mesi, fase sperimentale 2023 compresa; più di 1 per il \"trend di crescita delle segnalazioni\" che il progetto riferisce" },
      officeRateFactor: { label: "Domanda in orario d’ufficio ÷ ore di chiusura", unit: "×", source: "assunzione: nessun dato (Rho risponde solo nelle ore di chiusura); 1 = stessa intensità oraria" },
      capoluogoPer1000: { label: "Grave marginalità: capoluoghi senza dato ISTAT", unit: "‰ residenti", source: "iscritti senza dimora ogni 1.000 residenti: mediana dei capoluoghi con dato ISTAT 2021 (Milano 6,05, Como 5,98, Brescia 7,18, su residenti ANPR 2024-01-10); modificabile" },
      over50kPer1000: { label: "Grave marginalità: comuni > 50.000 senza dato ISTAT", unit: "‰ residenti", source: "iscritti ogni 1.000 residenti: mediana dei comuni > 50.000 con dato ISTAT 2021 (Sesto San Giovanni 2,82, Legnano 1,22, Cinisello Balsamo 0,88); modificabile" },
      baselinePer1000: { label: "Grave marginalità: altri comuni", unit: "‰ residenti", source: "iscritti ogni 1.000 residenti: Città metropolitana di Milano, ISTAT 2021: 10.117 iscritti, di cui 9.497 nei comuni elencati; i restanti 620 su 1.491.247 residenti degli altri comuni (MilanoToday - Quanti sono i senzatetto a Milano e provincia (dati Istat)). Dove c'è il dato ISTAT 2021 si usa quello: Milano 8.541, Sesto San Giovanni 225, Mediglia 155, Garbagnate Milanese 150, Corsico 80, Legnano 74, Cernusco sul Naviglio 71, San Giuliano Milanese 68, Cinisello Balsamo 67, San Donato Milanese 66, Como 508, Brescia 1.442" },
      travelNoiseSigma: { label: "Variabilità dei tempi di viaggio (sigma lognormale)", unit: "", source: "assunzione (0 = tempi deterministici)" },
      randomPositionInComune: { label: "Ogni chiamata in un punto a caso dell’area del comune (non alla distanza media)", unit: "sì/no", source: "assunzione: residenti uniformi su un cerchio di area pari al comune; stessa media del tratto interno" },
      calendar: { label: "Fasce orarie e festività del calendario simulato", unit: "ore", source: "assunzione" },
      saturationUtilisation: { label: "Utilizzo oltre il quale il servizio è saturo (coda in crescita)", unit: "quota", source: "assunzione" },
      onScene_calamity: { label: "Sul posto: calamità", unit: "min", source: "Emergenza: calamità o altri eventi emergenziali. assunzione: sistemazione di un nucleo (alloggio temporaneo, beni di prima necessità), 1–4 h" },
      onScene_adultsHomeless: { label: "Sul posto: adulti / senza dimora", unit: "min", source: "Emergenza: adulti in difficoltà e/o senza dimora. assunzione: aggancio, ascolto, accompagnamento in accoglienza notturna, 30 min – 2,5 h" },
      onScene_msna: { label: "Sul posto: MSNA", unit: "min", source: "Emergenza: minori stranieri non accompagnati. assunzione: identificazione con le FF.OO. e collocamento in pronta accoglienza, 1–4 h" },
      onScene_emergencyOther: { label: "Sul posto: emergenza non classificata", unit: "min", source: "Emergenza non classificata nel progetto. assunzione (valore unico del modello precedente): triangolare 20/45/120 min" },
      onScene_urgency: { label: "Sul posto: urgenza", unit: "min", source: "Urgenza. assunzione: valutazione sul posto e piano di aiuto urgente, 20–90 min" },
      onScene_notPertinent: { label: "Sul posto: non pertinente", unit: "min", source: "Non pertinente. nessun intervento sul posto (gestita al telefono o inviata ad altri servizi)" },
    });
    // 58 resident-kind reports over 15,216 closure hours and 175,229 residents, × 6,728 closure hours a year, per 100,000.
    expect(((58 / 15216 / 175229) * 6728 * 1e5).toFixed(1)).toBe('14.6');
  });
});

describe('the caveats of a run', () => {
  const data = lineTerritory(5);
  const ctx = createTravelContext(data, { ...DEFAULT_TRAVEL_ASSUMPTIONS, intraComune: false });
  const compiled = compileLayout(ctx, { illustrative: true, services: [{ id: 'p1', name: 'PIS 1', members: ['A1', 'A2'], graveMarginalita: true, centraleOperativa24h: true, bases: [{ id: 'b1', istat: '000001', unitsByBand: allBands(1) }] }] });
  const des: DesOverrides = { rateOverridePerUnitYear: 0.05, officeRateFactor: 1.25, kinds: Object.fromEntries(DEMAND_KINDS.map((k) => [k, { component: 'residents' }])) as DesOverrides['kinds'] };
  // In beforeEach, not while collecting: Stryker activates a mutant after collection.
  let r!: SimulationResult;
  beforeEach(() => {
    r = runSimulation(ctx, compiled, { horizonDays: 14, replications: 3, des });
  });

  it('calibration, Lomellina check and intervals, in this order, word for word', () => {
    expect(r.caveats).toEqual([
      {
        id: 'des.demandCalibration',
        text: "Domanda da un tasso impostato (non la calibrazione sul PIS di Rho): 0,05 segnalazioni all'anno nelle ore di chiusura per unità di peso, nelle proporzioni tra i tipi delle 86 segnalazioni di Rho; per tipo (emergenze: calamità, adulti/senza dimora, MSNA, non classificate; urgenze; non pertinenti), con le emergenze servite prima delle urgenze. Gli adulti in difficoltà e/o senza dimora seguono l'indicatore di grave marginalità (iscritti senza dimora ISTAT 2021 dove c'è il dato); i minori stranieri non accompagnati la presenza di MSNA della provincia (Ministero del Lavoro, 30/09/2023). In orario d'ufficio il tasso è 1,25 × quello delle ore di chiusura (assunzione).",
      },
      {
        id: 'des.lomellinaCheck',
        text: 'Verifica fuori campione (non usata per calibrare): per la Lomellina (0 comuni, 0 residenti, febbraio – novembre 2023, 5.373 ore di servizio) il modello prevede 0 segnalazioni, di cui 0 emergenze e urgenze; il gestore riferisce 27 attivazioni.',
      },
      {
        id: 'des.intervals',
        text: "Gli intervalli al 95% misurano il rumore della simulazione tra 3 repliche, non l'incertezza delle ipotesi (tempi di viaggio stimati, tasso di domanda impostato).",
      },
    ]);
  });

  it('without a rate set, the calibration and the intervals name Rho and its closure hours', () => {
    const { caveats: _, ...rest } = r;
    const texts = simulationCaveats({ ...rest, assumptions: { ...rest.assumptions, rateOverridePerUnitYear: null } }).map((c) => c.text);
    expect(texts[0]).toMatch(/^Domanda calibrata sul solo PIS di Rho: 86 segnalazioni \(luglio 2023 – settembre 2025\) ripartite sulle 15\.216 ore di chiusura dei servizi sociali del periodo, non sulle 24 ore; per tipo \(emergenze/);
    expect(texts[0]).toContain('In orario d\'ufficio il tasso è 1,25 × quello delle ore di chiusura');
    expect(texts[2]).toContain('(tempi di viaggio stimati, domanda calibrata su un solo servizio).');
  });

  it('a zero-width interval is named for the percentiles it hits, only with more than one replication', () => {
    const resp = r.region.response!;
    const flat = (mean: number, n: number, width = 0) => ({ mean, ciLow: mean, ciHigh: mean + width, n });
    const withResp = (p50: ReturnType<typeof flat>, p90: ReturnType<typeof flat>, p95: ReturnType<typeof flat>) => {
      const { caveats: _c, ...rest } = r;
      return simulationCaveats({ ...rest, region: { ...rest.region, response: { ...resp, p50Min: p50, p90Min: p90, p95Min: p95 } } }).find((c) => c.id === 'des.zeroWidth');
    };
    expect(withResp(flat(30, 3), flat(40, 3, 1), flat(50, 3))!.text).toBe(
      "Intervallo di ampiezza zero per p50, p95: i tempi di viaggio sono deterministici e molte chiamate vengono dallo stesso punto di domanda, quindi il percentile cade ogni volta sullo stesso valore. Non è una misura esatta: attivare la suddivisione dei comuni grandi e la posizione casuale nel comune.",
    );
    expect(withResp(flat(30, 1), flat(40, 1), flat(50, 1))).toBeUndefined();
    expect(withResp(flat(30, 2, 1e-6), flat(40, 2, 1e-6), flat(50, 2, 1e-6))).toBeUndefined();
    expect(withResp(flat(30, 2, 1e-10), flat(40, 2, 1), flat(50, 2, 1))!.text).toMatch(/^Intervallo di ampiezza zero per p50: /);
  });
});

describe('the demand summary of a run on the real territory', () => {
  const data = loadTerritoryData();
  const ctx = createTravelContext(data);
  let r!: SimulationResult;
  let a!: DesAssumptions;
  let cal!: DemandCalibration;
  beforeEach(() => {
    r = summariseReplications(ctx, compileLayout(ctx, layoutOnePerAts(data)), { horizonDays: 7 }, []);
    a = defaultDesAssumptions(data);
    cal = calibrateDemand(data, a);
  });

  it('the 19 comuni of the 50,000 rule: indicator, its tier and source, and their expected demand', () => {
    const c = r.demand.comuni50k;
    expect(c).toHaveLength(19);
    expect(c.map((x) => x.istat)).toEqual(data.comuni.filter((x) => x.over50k || x.capoluogo).map((x) => x.istat));
    const milano = c.find((x) => x.istat === '015146')!;
    const e = expectedDemand([data.comuni.find((x) => x.istat === '015146')!], cal, a);
    expect(milano).toEqual({
      istat: '015146', name: 'Milano', residents: 1412107, capoluogo: true, indicator: 8541, indicatorTier: 'sourced',
      indicatorSource: 'MilanoToday - Quanti sono i senzatetto a Milano e provincia (dati Istat) (2021-12-31)',
      expectedReportsYear: e.total, expectedDispatchedYear: e.dispatched, expectedGraveMarginalitaYear: e.graveMarginalita,
    });
    expect(e.graveMarginalita).toBeGreaterThan(0);
    const rho = c.find((x) => x.istat === '015182')!;
    expect(rho).toMatchObject({ name: 'Rho', capoluogo: false, indicatorTier: 'over50k', indicatorSource: 'stima: comune > 50.000 senza dato ISTAT (‰ modificabile)' });
    expect(rho.indicator).toBeCloseTo((51299 * a.indicator.over50kPer1000) / 1000, 9);
    expect(c.find((x) => x.istat === '012133')).toMatchObject({ name: 'Varese', indicatorTier: 'capoluogo', indicatorSource: 'stima: capoluogo senza dato ISTAT (‰ modificabile)' });
  });

  it('per service: the expected demand of its comuni; over all services, the region’s', () => {
    const sum = (f: (s: (typeof r.services)[number]) => number) => r.services.reduce((n, s) => n + f(s), 0);
    expect(sum((s) => s.expectedReportsYear)).toBeCloseTo(r.demand.expected.total, 6);
    expect(sum((s) => s.expectedDispatchedYear)).toBeCloseTo(r.demand.expected.dispatched, 6);
    expect(r.demand.expected).toEqual(expectedDemand(data.comuni, cal, a));
    expect(r.demand.calibration).toEqual(cal);
    expect(r.demand.lomellina.predictedReports.toFixed(1)).toBe('30.4');
    const first = r.services[0]!;
    expect(first.expectedReportsYear).toBeLessThan(r.demand.expected.total);
    expect(first.expectedDispatchedYear).toBeLessThan(first.expectedReportsYear);
  });
});
