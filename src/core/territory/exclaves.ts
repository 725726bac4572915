// Shared by the geodata build (which fails on any other island) and the app (which explains them).

/**
 * Comuni that lie apart from the rest of their Ambito on purpose, with the reason. Campione
 * d'Italia (50085) is a one-comune Ambito and an exclave in Switzerland: it is connected by
 * definition and needs no entry. Any other island fails the build until it is listed here.
 */
export const DOCUMENTED_EXCLAVES: Record<string, { ambito: string; why: string }> = {
  '097060': {
    ambito: '50055',
    why: 'Oliveto Lario: la fonte (leccofm.it 2019, comuni_ambiti.csv) lo pone nell\'Ambito di Lecco; sulla sponda ovest del lago confina solo con comuni comaschi e, sull\'acqua, con Abbadia Lariana, Lierna, Mandello e Varenna (Ambito di Bellano)',
  },
  '018064': {
    ambito: '50098',
    why: 'Fortunago: la fonte (ilperiodiconews.it, gennaio 2020) lo pone in Broni e Casteggio; una fonte del 2012 lo pone nella Comunità Montana Oltrepò Pavese (Ambito 50064): conflitto aperto in ambiti_hints.csv',
  },
  '016215': {
    ambito: '50071',
    why: 'Torre de\' Busi (passato da Lecco a Bergamo nel 2018): stimato; il pool delle fonti ammette solo 5 Ambiti bergamaschi, nessuno confinante; collocato nel più vicino sul grafo dei confini, da verificare',
  },
};

/** Reason per ISTAT code, for the UI. */
export const DOCUMENTED_EXCLAVE_NOTES: Record<string, string> = Object.fromEntries(Object.entries(DOCUMENTED_EXCLAVES).map(([k, v]) => [k, v.why]));
