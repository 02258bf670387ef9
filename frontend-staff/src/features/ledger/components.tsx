// What the ledger's screens share: their sub-navigation, the status badge, a birth date
// in 和暦 and 西暦, and the confirmation dialog.
import { useEffect, useId, useRef, type ReactNode } from 'react';
import { NavLink } from 'react-router';
import { t } from '../../i18n/t';
import { statusLabel } from './labels';
import { formatSeireki } from '../../../../frontend-shared/dates/japan';
import { toWareki } from '../../../../frontend-shared/input/wareki';

export function LedgerNav() {
  return (
    <nav className="ledger-nav" aria-label={t('ledger.nav.label')}>
      <ul>
        <li>
          <NavLink to="/ledger" end>
            {t('ledger.nav.home')}
          </NavLink>
        </li>
        <li>
          <NavLink to="/ledger/scan">{t('ledger.nav.scan')}</NavLink>
        </li>
        <li>
          <NavLink to="/ledger/cards">{t('ledger.nav.search')}</NavLink>
        </li>
        <li>
          <NavLink to="/ledger/print">{t('ledger.nav.print')}</NavLink>
        </li>
      </ul>
    </nav>
  );
}

export function StatusBadge({ status }: { status: string }) {
  return <span className={`ledger-status ledger-status-${status}`}>{statusLabel(status)}</span>;
}

/** `昭和50年4月1日` with `1975/04/01` under it (or beside it, `inline`). */
export function BirthDate({ date, inline = false }: { date: string | null | undefined; inline?: boolean }) {
  if (!date) return <>{t('ledger.none')}</>;
  return (
    <span className={inline ? 'ledger-birth ledger-birth-inline' : 'ledger-birth'}>
      <span>{toWareki(date)}</span> <span className="ledger-birth-western">（{formatSeireki(date)}）</span>
    </span>
  );
}

/**
 * A modal question: Enter confirms, Esc cancels. It opens on `initialFocus` when given
 * (a field the answer needs), else on cancel or confirm. When it closes, focus goes back
 * to where it was, or to `returnFocus` (the scan field) when that is given.
 */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  danger = false,
  busy = false,
  error,
  onConfirm,
  onCancel,
  returnFocus,
  initialFocus,
}: {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  busy?: boolean;
  error?: string | null | undefined;
  onConfirm: () => void;
  onCancel: () => void;
  returnFocus?: () => HTMLElement | null;
  initialFocus?: () => HTMLElement | null;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const confirm = useRef<HTMLButtonElement>(null);
  const opener = useRef<Element | null>(null);
  const titleId = useId();
  const bodyId = useId();
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) {
      opener.current = document.activeElement;
      element.showModal?.();
      // A destructive question starts on "cancel", others on "confirm".
      (initialFocus?.() ?? (danger ? cancel : confirm).current)?.focus();
    } else if (!open && element.open) {
      element.close();
      const back =
        returnFocus?.() ??
        (opener.current instanceof HTMLElement && opener.current.isConnected ? opener.current : null);
      back?.focus();
    }
  }, [open, danger, returnFocus, initialFocus]);
  return (
    <dialog
      ref={dialog}
      className="ledger-dialog"
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      onCancel={(event) => {
        event.preventDefault();
        if (!busy) onCancel();
      }}
    >
      {open && (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (!busy) onConfirm();
          }}
          noValidate
        >
          <h2 id={titleId}>{title}</h2>
          <div id={bodyId}>{children}</div>
          {error && (
            <p className="ledger-alert" role="alert">
              {error}
            </p>
          )}
          <div className="ledger-actions">
            <button type="submit" ref={confirm} className={danger ? 'ledger-danger' : undefined} disabled={busy}>
              {confirmLabel}
            </button>
            <button type="button" ref={cancel} className="ledger-secondary" onClick={onCancel} disabled={busy}>
              {t('ledger.cancel')}
            </button>
          </div>
        </form>
      )}
    </dialog>
  );
}
