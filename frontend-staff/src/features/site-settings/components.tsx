// Small building blocks shared by this feature's screens.
import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../../../../frontend-shared/api/problem';
import type { ErrorItem } from '../../components/ErrorSummary';
import { errorMessage, t } from '../../i18n/t';
import type { FieldMessages } from './validation';

/** 設定 › サイトとお知らせ › (this page). */
export function Breadcrumb({ current }: { current?: string }) {
  return (
    <nav aria-label={t('siteSettings.breadcrumb')} className="site-settings-breadcrumb">
      <ol>
        <li>
          <Link to="/settings">{t('siteSettings.settings')}</Link>
        </li>
        {current ? (
          <>
            <li>
              <Link to="/settings/site">{t('siteSettings.title')}</Link>
            </li>
            <li aria-current="page">{current}</li>
          </>
        ) : (
          <li aria-current="page">{t('siteSettings.title')}</li>
        )}
      </ol>
    </nav>
  );
}

/** A page's single h1 inside its labelled section. */
export function Page({ title, current, children }: { title: string; current?: string; children: ReactNode }) {
  return (
    <section aria-labelledby="page-heading" className="site-settings">
      <Breadcrumb current={current} />
      <h1 id="page-heading">{title}</h1>
      {children}
    </section>
  );
}

/** The words for an API failure that is not about one field. */
export function problemText(error: unknown): string {
  if (error instanceof ApiError) return errorMessage(error.status === 0 ? 'network' : error.code);
  return errorMessage('generic');
}

export function Loading() {
  return (
    <p role="status" className="site-settings-loading">
      {t('siteSettings.loading')}
    </p>
  );
}

export function LoadFailed({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <div role="alert" className="site-settings-alert">
      <p>
        {t('siteSettings.loadFailed')} {problemText(error)}
      </p>
      <button type="button" onClick={retry}>
        {t('siteSettings.retry')}
      </button>
    </div>
  );
}

/** Someone else saved in the meantime: say so, and offer to read it again. */
export function StaleAlert({ reload }: { reload?: (() => void) | undefined }) {
  return (
    <div role="alert" className="site-settings-alert">
      <p>{t('siteSettings.stale')}</p>
      {reload && (
        <button type="button" onClick={reload}>
          {t('siteSettings.reload')}
        </button>
      )}
    </div>
  );
}

/** The error summary's lines: each message named by its field's label, linked to its control. */
export function summaryItems(
  errors: FieldMessages,
  labels: Partial<Record<string, string>>,
  ids: Partial<Record<string, string>>,
): ErrorItem[] {
  return Object.entries(errors).flatMap(([field, message]) =>
    message ? [{ target: ids[field], text: `${labels[field] ?? field}: ${message}` }] : [],
  );
}

/** A modal question: Enter confirms, Esc cancels, focus comes back to where it was. */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  danger = false,
  focusCancel = danger,
  busy = false,
  error,
  onConfirm,
  onCancel,
}: {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  /** Start on "cancel" (a destructive question with nothing to fill in). */
  focusCancel?: boolean;
  busy?: boolean;
  error?: string | undefined;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const opener = useRef<Element | null>(null);
  const titleId = useId();
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) {
      opener.current = document.activeElement;
      element.showModal?.();
      // A destructive question starts on "cancel"; others on their first field or button.
      if (focusCancel) cancel.current?.focus();
    } else if (!open && element.open) {
      element.close();
      if (opener.current instanceof HTMLElement && opener.current.isConnected) opener.current.focus();
    }
  }, [open, focusCancel]);
  return (
    <dialog
      ref={dialog}
      className="site-settings-dialog"
      aria-labelledby={titleId}
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
          {children}
          {error && (
            <p className="field-error" role="alert">
              {error}
            </p>
          )}
          <div className="site-settings-actions">
            <button type="submit" className={danger ? 'site-settings-danger' : undefined} disabled={busy}>
              {confirmLabel}
            </button>
            <button type="button" ref={cancel} className="site-settings-secondary" onClick={onCancel} disabled={busy}>
              {t('siteSettings.cancel')}
            </button>
          </div>
        </form>
      )}
    </dialog>
  );
}

/** Tabs with the arrow keys (automatic activation), as WAI-ARIA describes them. */
export function Tabs<K extends string>({
  label,
  tabs,
  selected,
  onSelect,
  idPrefix,
  children,
}: {
  label: string;
  tabs: readonly { key: K; label: ReactNode }[];
  selected: K;
  onSelect: (key: K) => void;
  idPrefix: string;
  children: ReactNode;
}) {
  const list = useRef<HTMLDivElement>(null);
  function onKeyDown(event: KeyboardEvent<HTMLButtonElement>, index: number) {
    const last = tabs.length - 1;
    const next =
      event.key === 'ArrowRight'
        ? index === last
          ? 0
          : index + 1
        : event.key === 'ArrowLeft'
          ? index === 0
            ? last
            : index - 1
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? last
              : -1;
    const tab = tabs[next];
    if (!tab) return;
    event.preventDefault();
    onSelect(tab.key);
    list.current?.querySelectorAll<HTMLButtonElement>('[role="tab"]')[next]?.focus();
  }
  return (
    <>
      <div role="tablist" aria-label={label} className="site-settings-tabs" ref={list}>
        {tabs.map((tab, index) => (
          <button
            key={tab.key}
            type="button"
            role="tab"
            id={`${idPrefix}-tab-${tab.key}`}
            aria-selected={tab.key === selected}
            aria-controls={`${idPrefix}-panel`}
            tabIndex={tab.key === selected ? 0 : -1}
            onClick={() => onSelect(tab.key)}
            onKeyDown={(event) => onKeyDown(event, index)}
          >
            {tab.label}
          </button>
        ))}
      </div>
      <div
        role="tabpanel"
        id={`${idPrefix}-panel`}
        aria-labelledby={`${idPrefix}-tab-${selected}`}
        className="site-settings-tabpanel"
      >
        {children}
      </div>
    </>
  );
}

/** A polite announcement of what just happened (saved, moved…). */
export function Status({ children }: { children: ReactNode }) {
  return (
    <p role="status" className="site-settings-status">
      {children}
    </p>
  );
}
