// The sourced demand facts the model uses, COPIED here from ../shared/data/pis/demand.csv and the
// Rho seed (a user's clone has no ../shared). Each row keeps its source URL, title, date and the
// verbatim quote, so every figure on screen traces back to it. Only these facts are sourced:
// everything derived from them (rates, uplifts) says how in desAssumptionInfo / demandInfo.

export interface SourcedFact {
  value: number;
  referenceDate: string;
  sourceUrl: string;
  sourceTitle: string;
  quote: string;
}

/** A comune's homeless registrations (persone senza tetto e senza fissa dimora iscritte in anagrafe). */
export interface HomelessRegistration extends SourcedFact {
  istat: string;
  name: string;
  note?: string;
}

const MILANOTODAY = {
  sourceUrl: 'https://www.milanotoday.it/attualita/numero-senzatetto-milano-provincia.html',
  sourceTitle: 'MilanoToday - Quanti sono i senzatetto a Milano e provincia (dati Istat)',
  referenceDate: '2021-12-31',
};
const SEGUONO = 'Seguono Corsico (80), egnano (74), Cernusco sul Naviglio (71), San Giuliano Milanese (68), Cinisello Balsamo (67) e San Donato Milanese (66).';

/**
 * ISTAT permanent census 2021 (reference 31/12/2021), as reported by the press rows of
 * shared/data/pis/demand.csv. The MilanoToday list ranks the comuni of the Città metropolitana
 * (Milano, then Sesto, then "seguono" in decreasing order), so an unlisted comune of the CM has
 * fewer than the last listed (66).
 */
export const HOMELESS_REGISTRATIONS_2021: readonly HomelessRegistration[] = Object.freeze([
  { istat: '015146', name: 'Milano', value: 8541, ...MILANOTODAY, quote: 'Sono 8.541 a Milano, quasi un terzo di quelli di Roma (22.182). Nella Città metropolitana milanese sono 10.117, dunque la stragrande maggioranza vive o gravita nel capoluogo.' },
  { istat: '015209', name: 'Sesto San Giovanni', value: 225, ...MILANOTODAY, quote: 'Il secondo Comune della Città metropolitana per presenza di senzatetto (e senza fissa dimora) è Sesto San Giovanni, con 225 persone.' },
  { istat: '015139', name: 'Mediglia', value: 155, ...MILANOTODAY, quote: 'Seguono Mediglia (155) e Garbagnate Milanese (150).' },
  { istat: '015105', name: 'Garbagnate Milanese', value: 150, ...MILANOTODAY, quote: 'Seguono Mediglia (155) e Garbagnate Milanese (150).' },
  { istat: '015093', name: 'Corsico', value: 80, ...MILANOTODAY, quote: SEGUONO },
  { istat: '015118', name: 'Legnano', value: 74, ...MILANOTODAY, quote: SEGUONO, note: "la fonte scrive 'egnano'" },
  { istat: '015070', name: 'Cernusco sul Naviglio', value: 71, ...MILANOTODAY, quote: SEGUONO },
  { istat: '015195', name: 'San Giuliano Milanese', value: 68, ...MILANOTODAY, quote: SEGUONO },
  { istat: '015077', name: 'Cinisello Balsamo', value: 67, ...MILANOTODAY, quote: SEGUONO },
  { istat: '015192', name: 'San Donato Milanese', value: 66, ...MILANOTODAY, quote: SEGUONO },
  {
    istat: '013075', name: 'Como', value: 508, referenceDate: '2021-12-31',
    sourceUrl: 'https://www.laprovinciadicomo.it/stories/premium/como-citta/le-persone-senza-fissa-dimora-a-como-per-listat-sono-508-ma-il-numero-e-ancora_1449546_11/',
    sourceTitle: 'La Provincia di Como - Le persone senza fissa dimora a Como per l\'Istat sono 508',
    quote: 'Sono 508 le persone senza fissa dimora che vivono nel comune di Como secondo i dati del censimento pubblicato dall’Istat lo scorso 15 dicembre.',
  },
  {
    istat: '017029', name: 'Brescia', value: 1442, referenceDate: '2021-12-31',
    sourceUrl: 'https://vocedipopolo.it/2023/01/27/senza-tetto-da-50-mila-a-100-mila-raddoppiati-in-italia-dal-2014',
    sourceTitle: 'Voce di Popolo - Senza tetto, da 50 mila a 100 mila: raddoppiati in Italia dal 2014',
    quote: 'Le città con maggior numero di senza fissa dimora sono Torino (6.011), Foggia (3.878), Genova (3.039), Bari (1.929), Firenze (1.463), Brescia (1.442) e Cagliari (1.365).',
    note: 'cifra ISTAT 2021 riportata dalla stampa; la stessa fonte dà per Roma 23.420 invece di 22.182',
  },
] as HomelessRegistration[]);

/** Città metropolitana di Milano total (ISTAT 2021): the residual over its unlisted comuni sets the baseline. */
export const CM_MILANO_HOMELESS_2021: SourcedFact & { provinceCode: string } = Object.freeze({
  provinceCode: '015', value: 10117, ...MILANOTODAY,
  quote: 'Nella Città metropolitana milanese sono 10.117, dunque la stragrande maggioranza vive o gravita nel capoluogo.',
});

/** Province of Bergamo total (ISTAT 2021): used only as an out-of-sample sanity check of the indicator. */
export const BERGAMO_PROVINCE_HOMELESS_2021: SourcedFact & { provinceCode: string } = Object.freeze({
  provinceCode: '016', value: 949, referenceDate: '2021-12-31',
  sourceUrl: 'https://primabergamo.it/attualita/in-bergamasca-vivono-quasi-mille-senzatetto-uno-su-quattro-ha-meno-di-17-anni',
  sourceTitle: 'Prima Bergamo - In Bergamasca vivono quasi mille senzatetto',
  quote: 'Nella nostra provincia sono poco meno di mille quelli censiti, per la precisione 949.',
});

/**
 * The Rho PIS activity (../seeds/progetto-pis-ambito-rhodense-2026-27.txt, "Dati dell'attività").
 * 50 emergencies = 8 calamities + 7 adults/homeless + 21 MSNA + 14 the project does not classify.
 * The service answers "nelle fasce orarie di chiusura dei servizi sociali comunali (notturni,
 * festivi, weekend)" and "quando i servizi sociali territoriali risultano chiusi".
 */
export const RHO_ACTIVITY = Object.freeze({
  ambito: '50095',
  periodStart: '2023-07-01',
  /** Exclusive: the period ends on 30/09/2025 included. */
  periodEnd: '2025-10-01',
  months: 27,
  reports: 86,
  emergency: 50,
  urgency: 17,
  notPertinent: 19,
  emergencyCalamity: 8,
  emergencyAdultsHomeless: 7,
  emergencyMsna: 21,
  /** 50 − 8 − 7 − 21: emergencies the project does not break down. */
  emergencyUnclassified: 14,
  source: 'Progetto PIS Ambito Rhodense 2026-2027, "Dati dell\'attività" (Sercop)',
  hoursSource: 'stesso progetto: reperibilità "nelle fasce orarie di chiusura dei servizi sociali comunali (notturni, festivi, weekend)"',
});

/**
 * Lomellina (Ambito 50031, 51 comuni): the out-of-sample check. NEVER used to calibrate.
 * Hours from L'Araldo Lomellino: "dal lunedì al venerdì dalle ore 17 alle ore 8 sabato, domenica e
 * festivi tutto il giorno".
 */
export const LOMELLINA_ACTIVITY = Object.freeze({
  ambito: '50031',
  comuni: 51,
  periodStart: '2023-02-01',
  periodEnd: '2023-12-01',
  activations: 27,
  /** The service is closed (territorial services open) Mon–Fri 08:00–17:00 on working days. */
  closedFromHour: 8,
  closedToHour: 17,
  sourceUrl: 'https://ilmelogranonet.it/pronto-intervento-sociale-un-anno-di-esperienza-nei-territori-della-lomellina/',
  sourceTitle: 'Il Melograno - Pronto Intervento Sociale: un anno di esperienza nei territori della Lomellina',
  quote: 'Da febbraio a novembre 2023 il servizio di Pronto Intervento Sociale è stato coinvolto in 27 attivazioni, tra queste 13 sono state attivate da servizi istituzionali e 6 da cittadini privati, sempre per il tramite del numero verde dedicato.',
  hoursSourceUrl: 'https://www.araldolomellino.it/territorio/vigevano/pronto-intervento-sociale-un-servizio-per-il-territorio/',
  hoursQuote: 'si può chiamare il numero verde 800933658 dal lunedì al venerdì dalle ore 17 alle ore 8 sabato, domenica e festivi tutto il giorno',
});

/** Unaccompanied foreign minors present, by province (Ministero del Lavoro, 30/09/2023, as reported by Il Giorno). */
export interface MsnaByProvince extends SourcedFact {
  provinceCode: string;
  name: string;
  /** true when the figure is the regional total minus the listed provinces (no row of its own). */
  derived?: boolean;
}

const IL_GIORNO_MSNA = {
  referenceDate: '2023-09-30',
  sourceUrl: 'https://www.ilgiorno.it/milano/cronaca/lombardia-minori-senza-famiglia-c1ee3579',
  sourceTitle: 'Il Giorno - Lombardia, minori senza famiglia (MSNA al 30 settembre 2023 per provincia)',
};

export const MSNA_LOMBARDIA_2023: SourcedFact = Object.freeze({
  value: 2837, ...IL_GIORNO_MSNA,
  quote: 'Secondo i dati pubblicati dal Ministero del Lavoro e delle Politiche sociali sulle presenze di Msna al 30 settembre, in Lombardia se ne contavano 2.837',
});

const LISTED_MSNA: MsnaByProvince[] = [
  { provinceCode: '015', name: 'Provincia di Milano', value: 1261, ...IL_GIORNO_MSNA, quote: 'di cui 1.261 nella provincia di Milano' },
  { provinceCode: '017', name: 'Provincia di Brescia', value: 232, ...IL_GIORNO_MSNA, quote: '232 nel Bresciano' },
  { provinceCode: '016', name: 'Provincia di Bergamo', value: 225, ...IL_GIORNO_MSNA, quote: '225 nella Bergamasca' },
  { provinceCode: '018', name: 'Provincia di Pavia', value: 201, ...IL_GIORNO_MSNA, quote: '201 in provincia di Pavia' },
  { provinceCode: '019', name: 'Provincia di Cremona', value: 192, ...IL_GIORNO_MSNA, quote: '192 nel Cremonese' },
  { provinceCode: '012', name: 'Provincia di Varese', value: 187, ...IL_GIORNO_MSNA, quote: '187 in provincia di Varese' },
  { provinceCode: '097', name: 'Provincia di Lecco', value: 111, ...IL_GIORNO_MSNA, quote: '111 in quella di Lecco' },
  { provinceCode: '108', name: 'Provincia di Monza e Brianza', value: 101, ...IL_GIORNO_MSNA, quote: '101 nella provincia di Monza' },
  { provinceCode: '098', name: 'Provincia di Lodi', value: 52, ...IL_GIORNO_MSNA, quote: 'sotto le 100 presenze solo Lodi (52), Mantova (85) e Sondrio (17)' },
  { provinceCode: '020', name: 'Provincia di Mantova', value: 85, ...IL_GIORNO_MSNA, quote: 'sotto le 100 presenze solo Lodi (52), Mantova (85) e Sondrio (17)' },
  { provinceCode: '014', name: 'Provincia di Sondrio', value: 17, ...IL_GIORNO_MSNA, quote: 'sotto le 100 presenze solo Lodi (52), Mantova (85) e Sondrio (17)' },
];

/**
 * MSNA by province; Como has no row in the source: its figure is the regional 2,837 minus the
 * eleven listed provinces (2,664) = 173, marked `derived`.
 */
export const MSNA_BY_PROVINCE_2023: readonly MsnaByProvince[] = Object.freeze([
  ...LISTED_MSNA,
  {
    provinceCode: '013', name: 'Provincia di Como', value: MSNA_LOMBARDIA_2023.value - LISTED_MSNA.reduce((s, r) => s + r.value, 0), ...IL_GIORNO_MSNA,
    quote: 'nessuna riga per Como: totale regionale 2.837 meno le 11 province elencate', derived: true,
  },
]);
