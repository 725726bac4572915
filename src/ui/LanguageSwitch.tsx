// "IT | EN": the UI language, kept in the browser (src/i18n/lang.ts). Each button says its
// language in that language, so a reader of either can find it.
import { lang, setLang, type Lang } from '../i18n/lang.ts';
import { t } from '../i18n/strings.ts';

export function LanguageSwitch() {
  const s = t().langSwitch;
  const current = lang.value;
  const btn = (l: Lang) => (
    <button type="button" lang={l} data-lang={l} aria-pressed={current === l} title={s[l]} onClick={() => setLang(l)}>{l.toUpperCase()}<span class="sr-only"> — {s[l]}</span></button>
  );
  return (
    <div class="lang-switch" role="group" aria-label={s.label} data-testid="lang-switch">
      {btn('it')}
      <span aria-hidden="true"> | </span>
      {btn('en')}
    </div>
  );
}
