// パスワード再発行: a resident who lost their booking's password calls in; the clerk
// issues a new one after saying that the old one stops working, then reads the new one
// out (and the server mails it when the booking has an address). The password lives in
// this screen's state only: it is shown once, as at booking.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../../../../frontend-shared/api/problem';
import { Field } from '../../components/Field';
import { t } from '../../i18n/t';
import type { components } from '../../api/schema';
import { useReissuePassword } from './api';
import { passwordGroups } from './password';
import { failureText } from './shared';

type Booking = Pick<components['schemas']['StaffBookingView'], 'reception_number' | 'version' | 'email'>;

/** What the clerk is to tell: the new password, and whether the resident has it by mail too. */
export interface Reissued {
  number: string;
  password: string;
  mailed: boolean;
}

/** The reason's limit: the API's staff notes. */
const REASON_MAX = 1000;

/** Why a reissue failed, in the clerk's words. */
function reissueFailure(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.code === 'booking.changed_meanwhile') return t('bookings.password.stale');
    if (error.code === 'booking.not_active') return t('bookings.password.notActive');
    const reason = error.errors.find((e) => e.field === 'reason');
    if (reason) return t('bookings.password.reasonInvalid');
  }
  return failureText(error);
}

/**
 * The button and its confirmation. `onReload` reads the booking again when it changed
 * meanwhile (its version is then the current one, and the clerk can try once more).
 */
export function PasswordReissueButton({
  booking,
  onReissued,
  onReload,
}: {
  booking: Booking;
  onReissued: (reissued: Reissued) => void;
  onReload: () => void;
}) {
  const reissue = useReissuePassword();
  const dialog = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [reasonError, setReasonError] = useState<string | undefined>();
  const ids = { title: useId(), reason: useId() };

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal?.();
    else if (!open && element.open) element.close();
  }, [open]);

  function close(restoreFocus: boolean) {
    setOpen(false);
    setError(undefined);
    setReasonError(undefined);
    setReason('');
    if (restoreFocus) opener.current?.focus();
  }

  async function confirm(event: FormEvent) {
    event.preventDefault();
    if (reissue.isPending) return;
    const text = reason.trim();
    if ([...text].length > REASON_MAX) {
      setReasonError(t('bookings.password.reasonTooLong', { max: REASON_MAX }));
      return;
    }
    setReasonError(undefined);
    setError(undefined);
    try {
      const answer = await reissue.mutateAsync({
        params: { path: { reception_number: booking.reception_number } },
        body: { version: booking.version, reason: text === '' ? null : text },
      });
      close(false);
      onReissued({ number: booking.reception_number, password: answer.password, mailed: answer.mailed });
    } catch (e) {
      setError(reissueFailure(e));
      if (e instanceof ApiError && e.code === 'booking.changed_meanwhile') onReload();
    }
  }

  return (
    <>
      <button type="button" ref={opener} className="bookings-secondary" onClick={() => setOpen(true)}>
        {t('bookings.password.reissue')}
      </button>
      <dialog
        ref={dialog}
        className="bookings-dialog"
        aria-labelledby={ids.title}
        onCancel={(event) => {
          event.preventDefault();
          if (!reissue.isPending) close(true);
        }}
      >
        {open && (
          <form onSubmit={confirm} noValidate>
            <h2 id={ids.title}>{t('bookings.password.confirmTitle')}</h2>
            <p className="bookings-dialog-warning">{t('bookings.password.confirmBody')}</p>
            <p>
              {booking.email
                ? t('bookings.password.willMail', { email: booking.email })
                : t('bookings.password.willNotMail')}
            </p>
            <Field
              id={ids.reason}
              label={t('bookings.password.reason')}
              hint={t('bookings.password.reasonHint')}
              error={reasonError}
            >
              {(props) => (
                <input {...props} value={reason} onChange={(e) => setReason(e.target.value)} autoComplete="off" />
              )}
            </Field>
            {error && (
              <p className="field-error" role="alert">
                {error}
              </p>
            )}
            <div className="bookings-actions">
              <button type="submit" disabled={reissue.isPending}>
                {reissue.isPending ? t('bookings.password.reissuing') : t('bookings.password.confirm')}
              </button>
              <button
                type="button"
                className="bookings-secondary"
                onClick={() => close(true)}
                disabled={reissue.isPending}
              >
                {t('bookings.password.cancel')}
              </button>
            </div>
          </form>
        )}
      </dialog>
    </>
  );
}

/** The new password, large and in two groups for reading aloud; copying it gives the ten characters. */
export function ReissuedPassword({ reissued, onClose }: { reissued: Reissued; onClose: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  const ids = { heading: useId(), hint: useId() };
  const [copied, setCopied] = useState<'done' | 'failed' | null>(null);

  // The clerk's next step is reading it out: the focus goes there, and a screen reader starts on it.
  useEffect(() => heading.current?.focus(), []);

  async function copy() {
    try {
      await navigator.clipboard.writeText(reissued.password);
      setCopied('done');
    } catch {
      setCopied('failed');
    }
  }

  return (
    <section aria-labelledby={ids.heading} className="bookings-panel bookings-password-panel">
      <h2 id={ids.heading} ref={heading} tabIndex={-1}>
        {t('bookings.password.newTitle')}
      </h2>
      <p className="bookings-password" data-testid="reissued-password" aria-describedby={ids.hint}>
        {/* No space between the groups in the text: selecting and copying gives the password as typed. */}
        {passwordGroups(reissued.password).map((group, i) => (
          <span key={i} className="bookings-password-group">
            {group}
          </span>
        ))}
      </p>
      <p id={ids.hint} className="hint">
        {t('bookings.password.groupsHint', { length: [...reissued.password].length })}
      </p>
      <p className={reissued.mailed ? 'notice' : 'bookings-password-oral'}>
        {reissued.mailed ? t('bookings.password.mailed') : t('bookings.password.notMailed')}
      </p>
      <p className="hint">{t('bookings.password.onceOnly')}</p>
      <div className="bookings-actions">
        <button type="button" onClick={() => void copy()}>
          {t('bookings.password.copy')}
        </button>
        <button type="button" className="bookings-secondary" onClick={onClose}>
          {t('bookings.password.close')}
        </button>
        <span role="status" className="bookings-password-copied">
          {copied === 'done' && t('bookings.password.copied', { length: [...reissued.password].length })}
          {copied === 'failed' && t('bookings.password.copyFailed')}
        </span>
      </div>
    </section>
  );
}
