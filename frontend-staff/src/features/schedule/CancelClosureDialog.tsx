// 予約を取り消して臨時休業にする: the confirmation of an emergency closure. It lists the
// bookings the server named, asks for the notice residents get in their cancellation
// mail, and warns that it cannot be undone. When the day's bookings changed meanwhile the
// server lists them again, and the dialog shows that list to be confirmed anew.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../../../../frontend-shared/api/problem';
import { formatDate } from '../../../../frontend-shared/dates/japan';
import { Field } from '../../components/Field';
import { t } from '../../i18n/t';
import { useSetPoolDate } from './api';
import { NOTICE_MAX, cancelCount, cancelFailure, closureRequest, noticeFault } from './closure';
import { problemText } from './common';
import { displayTime, parseTime, type AffectedBooking } from './logic';

function noticeText(code: string): string {
  if (code === 'required' || code === 'validation.required') return t('schedule.cancelClosure.notice.required');
  if (code === 'too_long' || code === 'validation.too_long')
    return t('schedule.cancelClosure.notice.tooLong', { max: NOTICE_MAX });
  return problemText(code);
}

export function CancelClosureDialog({
  poolId,
  date,
  reason,
  bookings: listed,
  onDone,
  onRelisted,
  onClose,
}: {
  poolId: string;
  date: string;
  /** The closure's reason for staff, as typed in the date editor. */
  reason: string;
  bookings: AffectedBooking[];
  /** Closed and cancelled: how many bookings. */
  onDone: (count: number) => void;
  /** The server named other bookings: the editor's summary shows them too. */
  onRelisted: (error: ApiError) => void;
  onClose: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [bookings, setBookings] = useState(listed);
  const [notice, setNotice] = useState(t('schedule.cancelClosure.notice.default'));
  const [noticeError, setNoticeError] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [relisted, setRelisted] = useState(false);
  const setPoolDate = useSetPoolDate();
  const busy = setPoolDate.isPending;
  const ids = { title: useId(), notice: useId(), warning: useId() };
  const count = cancelCount(bookings);

  // Modal from the start: the page behind waits until the administrator decides.
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal?.();
    return () => element?.close();
  }, []);

  async function confirm(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const fault = noticeFault(notice);
    setNoticeError(fault ? noticeText(fault) : undefined);
    setError(undefined);
    if (fault) {
      document.getElementById(ids.notice)?.focus();
      return;
    }
    try {
      await setPoolDate.mutateAsync({
        params: { path: { id: poolId, date } },
        body: closureRequest(reason, notice, bookings),
      });
      onDone(count);
    } catch (e) {
      const apiError = e instanceof ApiError ? e : new ApiError(0, 'generic');
      const failure = cancelFailure(apiError);
      if (failure.kind === 'relisted') {
        setBookings(failure.bookings);
        setRelisted(true);
        onRelisted(apiError);
      } else if (failure.kind === 'notice') {
        setNoticeError(noticeText(failure.code));
        document.getElementById(ids.notice)?.focus();
      } else {
        setError(problemText(failure.code));
      }
    }
  }

  return (
    <dialog
      ref={dialog}
      className="schedule-dialog"
      aria-labelledby={ids.title}
      onCancel={(event) => {
        event.preventDefault();
        if (!busy) onClose();
      }}
    >
      <form onSubmit={confirm} noValidate>
        <h2 id={ids.title}>{t('schedule.cancelClosure.title', { date: formatDate(date) })}</h2>
        {relisted && (
          <p role="alert" className="schedule-dialog-changed">
            {t('schedule.cancelClosure.relisted')}
          </p>
        )}
        <p>{t('schedule.cancelClosure.lead', { count, date: formatDate(date) })}</p>
        <table className="schedule-table schedule-affected">
          <caption className="schedule-visually-hidden">{t('schedule.cancelClosure.list')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('schedule.affected.number')}</th>
              <th scope="col">{t('schedule.affected.when')}</th>
            </tr>
          </thead>
          <tbody>
            {bookings.map((b) => {
              const minutes = parseTime(b.time);
              return (
                <tr key={b.number}>
                  <th scope="row">{b.number}</th>
                  <td>
                    {formatDate(b.date)} {minutes === null ? b.time : displayTime(minutes)}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <Field
          id={ids.notice}
          label={t('schedule.cancelClosure.notice')}
          hint={t('schedule.cancelClosure.notice.hint', { max: NOTICE_MAX })}
          error={noticeError}
        >
          {(props) => (
            <textarea
              {...props}
              value={notice}
              rows={4}
              maxLength={NOTICE_MAX}
              onChange={(e) => {
                setNotice(e.target.value);
                // The error told what was wrong with the text before; it may be right now.
                setNoticeError(undefined);
              }}
            />
          )}
        </Field>
        <p id={ids.warning} className="schedule-dialog-warning">
          {t('schedule.cancelClosure.warning')}
        </p>
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
        <div className="schedule-actions">
          <button type="submit" className="schedule-danger" disabled={busy} aria-describedby={ids.warning}>
            {busy ? t('schedule.cancelClosure.cancelling') : t('schedule.cancelClosure.confirm', { count })}
          </button>
          <button type="button" className="schedule-secondary" onClick={onClose} disabled={busy}>
            {t('schedule.cancelClosure.back')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
