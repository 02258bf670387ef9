// 来庁予約一覧: one day's bookings at a location, to print (the server's A4 sheet) or
// export, and the way to the counter's check-in.
import { useId, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { canAccess, EXPORTER, rolesFor } from '../../lib/roles';
import { useSession } from '../../app/session';
import { download, openInNewTab } from '../../lib/download';
import { t } from '../../i18n/t';
import {
  addDays,
  formatDate,
  formatTime,
  isIsoDate,
  todayInTokyo,
  type IsoDate,
} from '../../../../frontend-shared/dates/japan';
import { daySummary } from './dayList';
import { exportPath, EMPTY_SEARCH, type Encoding, type ExportFormat } from './search';
import { downloadFailedTitle, downloadLabel, ExportChoice } from './ExportChoice';
import { Names, PhoneCell } from './SearchPanel';
import { downloadFailureText, FailureAlert, LoadError, LocationSelect, nameOf, StatusBadge } from './shared';
import { useDayBookings, useLocations, useProcedures } from './api';
import './bookings.css';

const DAY_LIMIT = 500;

export function DayListPage() {
  const { date: dateParam } = useParams();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const { user } = useSession();
  const locations = useLocations();
  const procedures = useProcedures();
  const ids = { location: useId(), export: useId(), heading: useId() };
  const [encoding, setEncoding] = useState<Encoding>('cp932');
  const [format, setFormat] = useState<ExportFormat>('csv');
  const [busy, setBusy] = useState<'print' | 'csv' | null>(null);
  const [failure, setFailure] = useState<{ what: 'print' | 'csv'; error: unknown } | null>(null);

  const date = isIsoDate(dateParam) ? dateParam : null;
  const list = locations.data ?? [];
  const location = list.find((l) => l.id === params.get('location')) ?? list.find((l) => l.active) ?? list[0];

  const bookings = useDayBookings(date, location?.id, DAY_LIMIT);

  const go = (day: IsoDate, locationId = location?.id) =>
    navigate(`/bookings/day/${day}${locationId ? `?location=${encodeURIComponent(locationId)}` : ''}`);

  if (!date) {
    return (
      <section aria-labelledby="page-heading" className="bookings-page">
        <h1 id="page-heading">{t('bookings.day.title')}</h1>
        <p className="notice">{t('bookings.day.badDate')}</p>
        <p>
          <Link to="/bookings">{t('bookings.day.calendar')}</Link>
        </p>
      </section>
    );
  }

  async function run(what: 'print' | 'csv') {
    if (!date || !location) return;
    setBusy(what);
    setFailure(null);
    try {
      if (what === 'print') {
        await openInNewTab(`/api/v1/bookings/day-sheet?date=${date}&location_id=${encodeURIComponent(location.id)}`);
      } else {
        await download(
          exportPath({ ...EMPTY_SEARCH, from: date, to: date, locationId: location.id }, encoding, format),
          `来庁予約一覧_${date.replaceAll('-', '')}_${location.name}.${format}`,
        );
      }
    } catch (error) {
      setFailure({ what, error });
    } finally {
      setBusy(null);
    }
  }

  const items = bookings.data?.items ?? [];
  const summary = daySummary(items);
  const calendarLink = `/bookings?location=${encodeURIComponent(location?.id ?? '')}&view=month&date=${date}`;

  return (
    <section aria-labelledby="page-heading" className="bookings-page bookings-day-page">
      <div className="bookings-titlebar">
        <h1 id="page-heading">
          {t('bookings.day.title')}
          <span className="bookings-h1-sub">
            {t('bookings.day.heading', { date: formatDate(date), location: location?.name ?? '' })}
          </span>
        </h1>
        <Link to={calendarLink} className="bookings-noprint">
          {t('bookings.day.calendar')}
        </Link>
      </div>

      <div className="bookings-toolbar bookings-noprint">
        {list.length > 0 && location && (
          <LocationSelect id={ids.location} list={list} value={location.id} onChange={(id) => go(date, id)} />
        )}
        <nav className="bookings-segmented" aria-label={t('bookings.day.dateNav')}>
          <Link
            to={`/bookings/day/${addDays(date, -1)}?location=${encodeURIComponent(location?.id ?? '')}`}
            className="bookings-seg-link"
          >
            <span aria-hidden="true">‹ </span>
            {t('bookings.day.prev')}
          </Link>
          <Link
            to={`/bookings/day/${todayInTokyo()}?location=${encodeURIComponent(location?.id ?? '')}`}
            className="bookings-seg-link"
          >
            {t('bookings.day.today')}
          </Link>
          <Link
            to={`/bookings/day/${addDays(date, 1)}?location=${encodeURIComponent(location?.id ?? '')}`}
            className="bookings-seg-link"
          >
            {t('bookings.day.next')}
            <span aria-hidden="true"> ›</span>
          </Link>
        </nav>
        <div className="bookings-actions">
          <button type="button" onClick={() => void run('print')} disabled={!location || busy !== null}>
            {busy === 'print' ? t('bookings.day.printing') : t('bookings.day.print')}
          </button>
          {user && canAccess(user.roles, rolesFor('/check-in')) && (
            <Link to="/check-in" className="bookings-button-link">
              {t('bookings.day.checkIn')}
            </Link>
          )}
          {/* Last: the widest of the actions, it is the one to go to the next line on a narrow screen.
              Not for the read-only viewer, whom the API refuses the export. */}
          {user && canAccess(user.roles, EXPORTER) && (
            <div className="bookings-export-group">
              <ExportChoice
                id={ids.export}
                format={format}
                encoding={encoding}
                onFormat={setFormat}
                onEncoding={setEncoding}
              >
                <button
                  type="button"
                  className="bookings-secondary"
                  onClick={() => void run('csv')}
                  disabled={!location || busy !== null}
                >
                  {downloadLabel(format, busy === 'csv')}
                </button>
              </ExportChoice>
            </div>
          )}
        </div>
      </div>

      {failure && (
        <FailureAlert
          title={failure.what === 'print' ? t('bookings.day.printFailed') : downloadFailedTitle(format)}
          text={downloadFailureText(failure.error)}
        />
      )}
      {locations.isError && <LoadError error={locations.error} what={t('bookings.location')} />}
      {locations.isSuccess && !location && <p className="notice">{t('bookings.noLocations')}</p>}
      {bookings.isError && <LoadError error={bookings.error} what={t('bookings.day.title')} />}
      {(locations.isPending || (bookings.isPending && bookings.fetchStatus === 'fetching')) && (
        <p role="status" className="bookings-loading">
          {t('bookings.loading')}
        </p>
      )}

      {bookings.isSuccess && (
        <>
          <p className="bookings-day-summary" role="status">
            {t('bookings.day.summary', { count: summary.count, people: summary.people, visited: summary.visited })}
          </p>
          {bookings.data.total > items.length && (
            <p className="notice">{t('bookings.day.more', { total: bookings.data.total, shown: items.length })}</p>
          )}
          {items.length === 0 ? (
            <p className="notice">{t('bookings.day.none')}</p>
          ) : (
            <table className="bookings-table bookings-day-table" aria-labelledby="page-heading">
              <thead>
                <tr>
                  <th scope="col">{t('bookings.column.time')}</th>
                  <th scope="col">{t('bookings.column.number')}</th>
                  <th scope="col">{t('bookings.column.names')}</th>
                  <th scope="col">{t('bookings.column.phone')}</th>
                  <th scope="col">{t('bookings.column.procedure')}</th>
                  <th scope="col" className="bookings-num">
                    {t('bookings.column.places')}
                  </th>
                  <th scope="col">{t('bookings.column.status')}</th>
                  <th scope="col">{t('bookings.column.checkedIn')}</th>
                  <th scope="col">{t('bookings.column.notes')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((b) => (
                  <tr key={b.reception_number} className={b.status === 'cancelled' ? 'bookings-cancelled' : undefined}>
                    <td className="bookings-nowrap">
                      {formatTime(b.start)}〜{formatTime(b.end)}
                    </td>
                    <th scope="row" className="bookings-nowrap">
                      <Link to={`/bookings/${b.reception_number}`}>{b.reception_number}</Link>
                    </th>
                    <td>
                      <Names applicants={b.applicants} />
                    </td>
                    <td>
                      <PhoneCell phone={b.phone} />
                    </td>
                    <td className="bookings-text">{nameOf(procedures.data, b.procedure_id)}</td>
                    <td className="bookings-num">{b.places}</td>
                    <td>
                      <StatusBadge status={b.status} />
                    </td>
                    <td className="bookings-nowrap">{b.checked_in_at ? formatTime(b.checked_in_at) : ''}</td>
                    <td className="bookings-notes bookings-text">
                      {b.without_letter && <span className="bookings-flag">{t('bookings.withoutLetter')}</span>}
                      {b.beyond_capacity && <span className="bookings-flag">{t('bookings.beyondCapacity')}</span>}
                      {b.notes}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}
