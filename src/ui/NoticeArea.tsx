// Messages of the last action (import errors, confirmations) in a live region: screen readers
// announce them, and an import error lists every problem with its row or feature.
import { useApp } from './context.ts';
import { t } from '../i18n/strings.ts';
import { download } from './download.ts';

export function NoticeArea() {
  const { state } = useApp();
  const n = state.notice.value;
  const s = t().notice;
  return (
    <div class="notice-area" aria-live="polite">
      {n && (
        <div class={`notice ${n.kind}`} role={n.kind === 'error' ? 'alert' : 'status'} data-testid="notice">
          <div class="notice-head">
            <span>{n.text}</span>
            <button type="button" class="chip-x" aria-label={s.close} onClick={() => state.actions.dismissNotice()}>×</button>
          </div>
          {n.cancel && (
            <button type="button" class="link small" data-action="cancel-import" onClick={() => n.cancel!()}>{s.cancel}</button>
          )}
          {n.download && (
            <button type="button" class="link small" data-action="download-recovered" onClick={() => download(n.download!.filename, n.download!.text, 'application/json')}>{s.download}</button>
          )}
          {n.details && n.details.length > 0 && (
            <ul class="notice-details">
              {n.details.slice(0, 30).map((d, i) => <li key={i}>{d}</li>)}
              {n.details.length > 30 && <li>{s.more(n.details.length - 30)}</li>}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
