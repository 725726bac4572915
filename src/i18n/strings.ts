// Every user-facing string in one place, Italian first.
import type { Level } from '../core/territory/types.ts';

export const LEVEL_LABEL: Record<Level | 'pis' | 'tempo' | 'confronto', string> = {
  confronto: 'Confronto',
  pis: 'Stato PIS',
  tempo: 'Tempi',
  ats: 'ATS',
  asst: 'ASST',
  distretto: 'Distretto',
  ambito: 'Ambito',
};

export const LEVEL_LONG: Record<Level | 'pis' | 'tempo' | 'confronto', string> = {
  confronto: 'esito del confronto tra due scenari, per Ambito',
  pis: 'stato del Pronto Intervento Sociale nello scenario',
  tempo: 'tempo di risposta stimato per comune',
  ats: 'ATS (Agenzia di Tutela della Salute)',
  asst: 'ASST (Azienda Socio-Sanitaria Territoriale)',
  distretto: 'Distretto sociosanitario',
  ambito: 'Ambito territoriale',
};

export const S = {
  illustrativeBanner: 'Esempio illustrativo — non sono dati reali',
  pisStatus: 'Stato PIS',
  appTitle: 'PIS Lombardia — pianificazione del Pronto Intervento Sociale',
  appShort: 'PIS Lombardia',
  loading: 'Caricamento del territorio…',
  loadError: 'Impossibile caricare i dati del territorio',
  mapError: 'La mappa non può essere disegnata',
  colourBy: 'Colora per',
  search: 'Cerca comune o Ambito',
  searchPlaceholder: 'es. Sesto San Giovanni, Rho, 015146',
  noResults: 'Nessun risultato',
  ambito: 'Ambito',
  comune: 'Comune',
  comuni: 'Comuni',
  residents: 'Residenti',
  area: 'Superficie',
  sioss: 'Codice SIOSS',
  neighbours: 'Ambiti confinanti',
  rule50k: 'Comuni > 50.000 ab. o capoluogo',
  sourced: 'documentato',
  estimated: 'stimato',
  estimatedBorder: 'confine stimato',
  estimatedNote: 'Comuni collocati dallo stimatore, non da una fonte: l\'appartenenza all\'Ambito è un\'ipotesi.',
  multiUnit: 'Ambito su più unità del livello',
  selectHint: 'Seleziona un Ambito sulla mappa, dalla ricerca o dalla tabella.',
  close: 'Chiudi',
  tabInfo: 'Ambito',
  tabQuality: 'Qualità dei dati',
  quality: 'Qualità dei dati',
  qualityIntro: (sourced: number, estimated: number, loo: number) =>
    `${sourced} comuni hanno un Ambito documentato da una fonte pubblica; ${estimated} sono stimati (metodo deterministico, accuratezza leave-one-out ${loo.toLocaleString('it-IT')}%). Importare la tabella ufficiale di Regione Lombardia sostituirà le stime.`,
  downloadCsv: 'Scarica la tabella comuni → Ambiti (CSV)',
  sources: 'Fonti',
  rule: 'Regola di stima',
  basemap: 'Sfondo OSM (internet)',
  labels: 'Etichette',
  legend: 'Legenda',
  attribution: 'Confini: ISTAT via openpolis (CC-BY 4.0) · Residenti: ANPR 10/01/2024 (CC-BY 4.0) · Ambiti: DGR XII/2167 del 15/04/2024, All. C',
  populationDate: 'Residenti ANPR al 10/01/2024',
  exclave: 'Comune separato dal resto dell\'Ambito',
  confidence: {
    verbatim: 'citato da una fonte',
    'derived-complement': 'ricavato per differenza da liste documentate',
    reconstructed: 'ricostruito da un nome parziale',
    estimated: 'stimato',
  } as Record<string, string>,
} as const;

export const fmtInt = (n: number) => n.toLocaleString('it-IT');
export const fmtKm2 = (n: number) => `${n.toLocaleString('it-IT', { maximumFractionDigits: 1 })} km²`;
