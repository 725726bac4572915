// The words around an exported map (title, date line, sources): one function, used by the PNG,
// the print report and the presenter's footer, so they never disagree. Pure.
import type { Scenario } from '../core/scenario/index.ts';
import { t } from '../i18n/strings.ts';
import type { SlideLevelLike } from './legendModel.ts';

export interface Caption {
  title: string;
  subtitle: string;
  /** "Esportato il …; scenario al …; residenti al …". */
  dateLine: string;
  attribution: string;
  /** The label required on every view of an illustrative scenario; undefined otherwise. */
  illustrativeLabel?: string;
}

/** dd/mm/yyyy from an ISO date (YYYY-MM-DD), leaving partial dates as they are. */
export function itDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

export function caption(opts: { level: SlideLevelLike; scenario: Scenario; selectionName?: string; title?: string; today: Date }): Caption {
  const { level, scenario, selectionName, today } = opts;
  const tt = t();
  const S = tt.common;
  const todayIso = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
  return {
    title: opts.title ?? `${S.appShort} — ${tt.levelLong[level]}${selectionName ? ` · ${selectionName}` : ''}`,
    subtitle: tt.caption.subtitle(scenario.name),
    dateLine: tt.caption.dateLine(itDate(todayIso), itDate(scenario.referenceDate), S.populationDate),
    attribution: tt.caption.attribution(S.attribution),
    illustrativeLabel: scenario.illustrative ? S.illustrativeBanner : undefined,
  };
}
