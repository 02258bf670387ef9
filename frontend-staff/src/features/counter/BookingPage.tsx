// The frame of the pages that work on one booking (change, cancel, correct): the booking is
// read first, with its loading and failure states; the form then gets it.
import { useEffect, useRef, useState, type ComponentType, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { t } from '../../i18n/t';
import { BookingSummary } from './BookingSummary';
import { useBooking, useCatalog, type Location, type Procedure, type StaffBooking } from './api';
import { asApiError, problemMessage } from './errors';
import './counter.css';

export interface BookingFormProps {
  booking: StaffBooking;
  locations: Location[];
  procedures: Procedure[];
  onReload: () => void;
  done: boolean;
  onDone: () => void;
}

/** The page's state of a booking that cannot be worked on, or null. */
export function Stale({ onReload }: { onReload: () => void }) {
  return (
    <div className="error-summary" role="alert">
      <h2>{t('counter.failed')}</h2>
      <p>{t('counter.change.stale')}</p>
      <button type="button" onClick={onReload}>
        {t('counter.reload')}
      </button>
    </div>
  );
}

/** Loading, not found and other failures of the booking these pages work on. */
export function BookingLoadState({ pending, error }: { pending: boolean; error: unknown }) {
  if (pending) return <p role="status">{t('counter.loading')}</p>;
  if (error)
    return (
      <p role="alert" className="error-summary">
        {problemMessage(asApiError(error))}
      </p>
    );
  return null;
}

/** What became of the booking (or why it cannot be worked on), the booking, and the way back to it. */
export function BookingOutcome({
  booking,
  locations,
  procedures,
  children,
}: Pick<BookingFormProps, 'booking' | 'locations' | 'procedures'> & { children: ReactNode }) {
  return (
    <>
      {children}
      <BookingSummary booking={booking} locations={locations} procedures={procedures} />
      <p>
        <Link to={`/bookings/${booking.reception_number}`}>{t('counter.back')}</Link>
      </p>
    </>
  );
}

/**
 * The page once its work is done (the notice, focused so a screen reader says it) or
 * when the booking can no longer take it (cancelled, visited): never the form.
 */
export function FinishedOrRefused({
  booking,
  locations,
  procedures,
  done,
  doneText,
  refusedText,
}: Pick<BookingFormProps, 'booking' | 'locations' | 'procedures' | 'done'> & {
  doneText: string;
  refusedText: string;
}) {
  const doneRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (done) doneRef.current?.focus();
  }, [done]);
  return (
    <BookingOutcome booking={booking} locations={locations} procedures={procedures}>
      {done ? (
        <p className="notice" role="status" tabIndex={-1} ref={doneRef}>
          {doneText}
        </p>
      ) : (
        <p role="alert" className="counter-problem">
          {refusedText}
        </p>
      )}
    </BookingOutcome>
  );
}

/** One h1, the booking of the address's number, and `Form` once it is read. */
export function BookingPage({ title, Form }: { title: string; Form: ComponentType<BookingFormProps> }) {
  const { number = '' } = useParams();
  const booking = useBooking(number);
  const catalog = useCatalog();
  const [done, setDone] = useState(false);
  return (
    <section aria-labelledby="page-heading" className="counter-page">
      <h1 id="page-heading">{title}</h1>
      <BookingLoadState pending={booking.isPending} error={booking.error} />
      {booking.data && (
        <Form
          // A new form only for a booking that changed: a background refetch of the same
          // version (the window regaining focus) must not wipe what the clerk is typing.
          key={booking.data.booking.version}
          booking={booking.data.booking}
          locations={catalog.locations}
          procedures={catalog.procedures}
          onReload={() => void booking.refetch()}
          done={done}
          onDone={() => setDone(true)}
        />
      )}
    </section>
  );
}
