// The legal basis of the 50,000 rule, quoted verbatim from the seed document
// (seeds/scheda-leps-3.7.1-pronto-intervento-sociale.txt of the project's shared sources, "Livelli di servizio").

export const RULE50K_LEGAL_TEXT =
  'Gli specifici interventi in emergenza attivabili a favore delle persone senza dimora o in situazione di grave marginalità ' +
  'devono essere disponibili almeno nei comuni con più di 50.000 abitanti (e nei capoluoghi di provincia).';

export const RULE50K_LEGAL_SOURCE =
  'Scheda LEPS 3.7.1 "Pronto intervento sociale", Piano nazionale degli interventi e dei servizi sociali 2021-2023 (§ 3.7 Allegato: Schede tecniche), Livelli di servizio';

export const RULE50K_POPULATION_SOURCE = 'ANPR, popolazione residente per comune';
