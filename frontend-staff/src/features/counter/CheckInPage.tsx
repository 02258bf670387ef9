// 窓口受付 (ADM-09): a visitor shows their reception number (or its QR/barcode); the
// clerk looks the booking up, checks it with them and marks it visited. Built for a
// queue: the number field keeps the focus, Enter looks up, Enter again confirms.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../../../../frontend-shared/api/problem';
import { t } from '../../i18n/t';
import { ApplicantNames, applicantNames, BookingSummary, statusLabel } from './BookingSummary';
import {
  useCatalog,
  useCheckIn,
  useFetchBooking,
  useMarkNoShows,
  useTodayBookings,
  type StaffBookingDetails,
} from './api';
import { asApiError, counterError, problemMessage } from './errors';
import { checkReceptionNumber, displayReceptionNumber } from './reception';
import { formatDate, formatTime, todayInTokyo, tokyoDateOf } from '../../../../frontend-shared/dates/japan';
import './counter.css';

const LOCATION_KEY = 'madoguchi.staff.counter.location';

/** Why a found booking cannot be checked in now, or null when it can. */
export function checkInRefusal(booking: StaffBookingDetails['booking'], today: string): string | null {
  if (booking.status === 'visited')
    return t('counter.checkIn.alreadyVisited', {
      time: booking.checked_in_at ? formatTime(booking.checked_in_at) : '—',
    });
  if (booking.status === 'cancelled') return t('counter.checkIn.cancelled');
  if (booking.status === 'no_show') return t('counter.checkIn.noShow');
  const day = tokyoDateOf(booking.start);
  if (day !== today) return t('counter.checkIn.notToday', { date: formatDate(day) });
  return null;
}

export function CheckInPage() {
  const catalog = useCatalog();
  const fetchBooking = useFetchBooking();
  const checkInBooking = useCheckIn();
  const input = useRef<HTMLInputElement>(null);
  const ids = { number: useId(), hint: useId(), problem: useId(), location: useId() };
  const [text, setText] = useState('');
  const [found, setFound] = useState<StaffBookingDetails | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const [busy, setBusy] = useState<'lookup' | 'check-in' | null>(null);
  const [locationId, setLocationId] = useState(() => localStorage.getItem(LOCATION_KEY) ?? '');
  const today = todayInTokyo();

  // The first location when none was chosen on this laptop before (or it is gone).
  if (catalog.locations.length > 0 && !catalog.locations.some((l) => l.id === locationId))
    setLocationId(catalog.locations[0]?.id ?? '');

  const chooseLocation = (id: string) => {
    setLocationId(id);
    localStorage.setItem(LOCATION_KEY, id);
  };

  const focusInput = (select = false) => {
    input.current?.focus();
    if (select) input.current?.select();
  };

  const refusal = found ? checkInRefusal(found.booking, today) : null;

  async function lookUp(number: string) {
    setBusy('lookup');
    setProblem(null);
    setFound(null);
    try {
      const details = await fetchBooking(number);
      setFound(details);
      setProblem(checkInRefusal(details.booking, todayInTokyo()));
    } catch (e) {
      const error = asApiError(e);
      setProblem(
        error.code === 'booking.not_found'
          ? t('counter.checkIn.notFound', { number: displayReceptionNumber(number) })
          : problemMessage(error),
      );
    } finally {
      setBusy(null);
      focusInput(true);
    }
  }

  async function checkIn(details: StaffBookingDetails) {
    const number = details.booking.reception_number;
    setBusy('check-in');
    setProblem(null);
    try {
      const updated = await checkInBooking.mutateAsync({ params: { path: { reception_number: number } } });
      setAnnouncement(
        t('counter.checkIn.done', { number: displayReceptionNumber(number), name: applicantNames(updated.booking) }),
      );
      setFound(null);
      setText('');
      setBusy(null);
      focusInput();
    } catch (e) {
      const error = asApiError(e);
      // Someone else checked it in, or it was cancelled meanwhile: show it as it is now.
      if (error instanceof ApiError && (error.code === 'booking.not_active' || error.code === 'booking.not_today')) {
        try {
          const fresh = await fetchBooking(number);
          setFound(fresh);
          setProblem(checkInRefusal(fresh.booking, todayInTokyo()) ?? counterError(error.code));
        } catch {
          setProblem(counterError(error.code));
        }
      } else {
        setProblem(problemMessage(error));
      }
      setBusy(null);
      focusInput(true);
    }
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const checked = checkReceptionNumber(text);
    if (!checked.ok) {
      if (checked.code === 'empty') {
        setProblem(null);
        return;
      }
      setFound(null);
      setProblem(
        checked.code === 'reception_number.check_digit'
          ? t('counter.checkIn.checkDigit')
          : t('counter.checkIn.invalid'),
      );
      focusInput(true);
      return;
    }
    setAnnouncement('');
    // Enter again on the number just looked up confirms the check-in.
    if (found && found.booking.reception_number === checked.number && !refusal) void checkIn(found);
    else void lookUp(checked.number);
  }

  function clear() {
    setText('');
    setFound(null);
    setProblem(null);
    focusInput();
  }

  return (
    <section aria-labelledby="page-heading" className="counter-page">
      <h1 id="page-heading">{t('counter.checkIn.title')}</h1>
      <p className="counter-announce" role="status">
        {announcement}
      </p>
      <div className="counter-checkin">
        <form onSubmit={submit} noValidate className="counter-checkin-form">
          <label htmlFor={ids.number} className="counter-big-label">
            {t('counter.checkIn.number')}
          </label>
          <span id={ids.hint} className="hint">
            {t('counter.checkIn.number.hint')}
          </span>
          <input
            id={ids.number}
            ref={input}
            className="counter-big-input"
            value={text}
            onChange={(e) => setText(e.target.value)}
            inputMode="numeric"
            autoComplete="off"
            spellCheck={false}
            autoFocus
            aria-describedby={problem ? `${ids.hint} ${ids.problem}` : ids.hint}
            aria-invalid={problem && !found ? true : undefined}
          />
          <div className="counter-actions">
            <button type="submit" disabled={busy !== null}>
              {busy === 'lookup' ? t('counter.checkIn.searching') : t('counter.checkIn.search')}
            </button>
            <button type="button" className="counter-secondary" onClick={clear}>
              {t('counter.checkIn.clear')}
            </button>
          </div>
          {problem && (
            <p id={ids.problem} className="counter-problem" role="alert">
              {problem}
            </p>
          )}
        </form>
        <div className="counter-checkin-result">
          {found ? (
            <>
              <BookingSummary
                booking={found.booking}
                locations={catalog.locations}
                procedures={catalog.procedures}
                large
              />
              {!refusal && (
                <div className="counter-confirm">
                  <button
                    type="button"
                    className="counter-primary-big"
                    onClick={() => void checkIn(found)}
                    disabled={busy !== null}
                  >
                    {busy === 'check-in' ? t('counter.checkIn.confirming') : t('counter.checkIn.confirm')}
                  </button>
                  <span className="hint">{t('counter.checkIn.confirm.hint')}</span>
                </div>
              )}
              <p>
                <Link to={`/bookings/${found.booking.reception_number}`}>{t('counter.details')}</Link>
              </p>
            </>
          ) : (
            <p className="counter-placeholder">{t('counter.checkIn.lead')}</p>
          )}
        </div>
      </div>

      <div className="counter-location-bar">
        <label htmlFor={ids.location}>{t('counter.checkIn.today.location')}</label>
        <select
          id={ids.location}
          value={locationId}
          onChange={(e) => chooseLocation(e.target.value)}
          className="counter-select"
        >
          {catalog.locations.map((l) => (
            <option key={l.id} value={l.id}>
              {l.name}
            </option>
          ))}
        </select>
        {catalog.error && <span className="field-error">{problemMessage(asApiError(catalog.error))}</span>}
      </div>
      <TodayList locationId={locationId} today={today} procedures={catalog.procedures} />
      <NoShows
        locationId={locationId}
        locationName={catalog.locations.find((l) => l.id === locationId)?.name ?? ''}
        today={today}
      />
    </section>
  );
}

const LIST_SIZE = 200;

function TodayList({
  locationId,
  today,
  procedures,
}: {
  locationId: string;
  today: string;
  procedures: { id: string; name: string }[];
}) {
  const list = useTodayBookings(locationId, today, LIST_SIZE);
  const items = list.data?.items ?? [];
  const active = items.filter((b) => b.status !== 'cancelled');
  const visited = active.filter((b) => b.status === 'visited').length;
  const waiting = active.filter((b) => b.status === 'booked').length;
  return (
    <section aria-labelledby="counter-today-heading" className="counter-panel">
      <h2 id="counter-today-heading">
        {t('counter.checkIn.today.heading')} <span className="counter-heading-date">{formatDate(today)}</span>
      </h2>
      {list.isPending && locationId !== '' ? (
        <p role="status">{t('counter.loading')}</p>
      ) : list.isError ? (
        <p role="alert" className="field-error">
          {problemMessage(asApiError(list.error))}
        </p>
      ) : items.length === 0 ? (
        <p>{t('counter.checkIn.today.empty')}</p>
      ) : (
        <>
          <p>{t('counter.checkIn.today.count', { count: active.length, visited, waiting })}</p>
          <div className="counter-table-wrap">
            <table className="counter-table">
              <thead>
                <tr>
                  <th scope="col">{t('counter.checkIn.today.time')}</th>
                  <th scope="col">{t('counter.checkIn.today.number')}</th>
                  <th scope="col">{t('counter.checkIn.today.name')}</th>
                  <th scope="col">{t('counter.checkIn.today.procedure')}</th>
                  <th scope="col">{t('counter.checkIn.today.places')}</th>
                  <th scope="col">{t('counter.checkIn.today.status')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((b) => (
                  <tr key={b.reception_number} className={`counter-row-${b.status}`}>
                    <td>
                      {formatTime(b.start)}〜{formatTime(b.end)}
                    </td>
                    <th scope="row">
                      <Link to={`/bookings/${b.reception_number}`}>{displayReceptionNumber(b.reception_number)}</Link>
                    </th>
                    <td>
                      <ApplicantNames booking={b} />
                    </td>
                    <td>{procedures.find((p) => p.id === b.procedure_id)?.name ?? '—'}</td>
                    <td>{t('counter.person', { n: b.places })}</td>
                    <td>
                      <span className={`counter-status counter-status-${b.status}`}>{statusLabel(b.status)}</span>
                      {b.checked_in_at && <> {formatTime(b.checked_in_at)}</>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {(list.data?.total ?? 0) > items.length && (
            <p className="hint">{t('counter.checkIn.today.more', { count: (list.data?.total ?? 0) - items.length })}</p>
          )}
        </>
      )}
    </section>
  );
}

function NoShows({ locationId, locationName, today }: { locationId: string; locationName: string; today: string }) {
  const markNoShows = useMarkNoShows();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState('');
  const [error, setError] = useState<string | null>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const startRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);

  async function mark() {
    setBusy(true);
    setError(null);
    try {
      const report = await markNoShows.mutateAsync({ body: { date: today, location_id: locationId } });
      const count = report.reception_numbers.length;
      setResult(count === 0 ? t('counter.noShow.none') : t('counter.noShow.done', { count }));
    } catch (e) {
      setError(problemMessage(asApiError(e)));
    } finally {
      setBusy(false);
      setConfirming(false);
      setTimeout(() => startRef.current?.focus(), 0);
    }
  }

  return (
    <section aria-labelledby="counter-noshow-heading" className="counter-panel">
      <h2 id="counter-noshow-heading">{t('counter.noShow.heading')}</h2>
      <p className="hint">{t('counter.noShow.lead')}</p>
      <p role="status">{result}</p>
      {error && (
        <p role="alert" className="field-error">
          {error}
        </p>
      )}
      {confirming ? (
        <div className="counter-confirm-box">
          <p>{t('counter.noShow.confirmText', { date: formatDate(today), location: locationName })}</p>
          <div className="counter-actions">
            <button
              type="button"
              ref={confirmRef}
              className="counter-danger"
              onClick={() => void mark()}
              disabled={busy}
            >
              {t('counter.noShow.confirm')}
            </button>
            <button type="button" className="counter-secondary" onClick={() => setConfirming(false)}>
              {t('counter.noShow.cancel')}
            </button>
          </div>
        </div>
      ) : (
        <button
          type="button"
          ref={startRef}
          className="counter-secondary"
          disabled={!locationId}
          onClick={() => {
            setResult('');
            setConfirming(true);
          }}
        >
          {t('counter.noShow.start')}
        </button>
      )}
    </section>
  );
}
