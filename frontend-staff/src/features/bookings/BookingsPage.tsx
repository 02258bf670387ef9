// 予約管理: the calendar of a location (month, week, day) and the booking search.
// What is on screen lives in the URL, so that "back" from a day list or a booking's
// details returns to the same month or the same results.
import { useId } from 'react';
import { Link, useSearchParams } from 'react-router';
import { canAccess, CALL_CENTER } from '../../lib/roles';
import { useSession } from '../../app/session';
import { t } from '../../i18n/t';
import { CalendarPanel, VIEWS, type View } from './CalendarPanel';
import { isIsoDate, todayInTokyo } from '../../../../frontend-shared/dates/japan';
import { pageFromParams, searchFromParams, searchToParams } from './search';
import { SearchPanel } from './SearchPanel';
import { useLocations } from './api';
import { LoadError, LocationSelect } from './shared';
import './bookings.css';

export function BookingsPage() {
  const { user } = useSession();
  const [params, setParams] = useSearchParams();
  const locations = useLocations();
  const locationId = useId();
  const tab = params.get('tab') === 'search' ? 'search' : 'calendar';

  const withTab = (next: 'calendar' | 'search') => {
    const copy = new URLSearchParams(params);
    if (next === 'search') copy.set('tab', 'search');
    else copy.delete('tab');
    return `?${copy.toString()}`;
  };

  const viewParam = params.get('view');
  const view: View = VIEWS.find((v) => v === viewParam) ?? 'month';
  const dateParam = params.get('date');
  const date = isIsoDate(dateParam) ? dateParam : todayInTokyo();
  const list = locations.data ?? [];
  const location = list.find((l) => l.id === params.get('location')) ?? list.find((l) => l.active) ?? list[0];

  const update = (change: Record<string, string | null>) => {
    const copy = new URLSearchParams(params);
    for (const [key, value] of Object.entries(change)) {
      if (value === null) copy.delete(key);
      else copy.set(key, value);
    }
    setParams(copy);
  };

  return (
    <section aria-labelledby="page-heading" className="bookings-page">
      <div className="bookings-titlebar">
        <h1 id="page-heading">{t('bookings.title')}</h1>
        {user && canAccess(user.roles, CALL_CENTER) && (
          <Link to="/bookings/new" className="bookings-button-link">
            {t('bookings.new')}
          </Link>
        )}
      </div>
      <nav className="bookings-tabs" aria-label={t('bookings.tabs.label')}>
        <Link to={withTab('calendar')} aria-current={tab === 'calendar' ? 'page' : undefined}>
          {t('bookings.tabs.calendar')}
        </Link>
        <Link to={withTab('search')} aria-current={tab === 'search' ? 'page' : undefined}>
          {t('bookings.tabs.search')}
        </Link>
      </nav>

      {tab === 'calendar' && (
        <>
          {locations.isPending && (
            <p role="status" className="bookings-loading">
              {t('bookings.loading')}
            </p>
          )}
          {locations.isError && <LoadError error={locations.error} what={t('bookings.location')} />}
          {locations.isSuccess && !location && <p className="notice">{t('bookings.noLocations')}</p>}
          {location && (
            <CalendarPanel
              location={location}
              view={view}
              date={date}
              onNavigate={(change) =>
                update({
                  location: location.id,
                  ...(change.view ? { view: change.view } : {}),
                  ...(change.date ? { date: change.date } : {}),
                })
              }
              locationControl={
                <LocationSelect
                  id={locationId}
                  list={list}
                  value={location.id}
                  onChange={(id) => update({ location: id })}
                />
              }
            />
          )}
        </>
      )}

      {tab === 'search' && (
        <SearchPanel
          submitted={params.get('searched') === '1' ? searchFromParams(params) : null}
          page={pageFromParams(params)}
          onSearch={(form, page) => setParams(searchToParams(form, page, params))}
          onClear={() => {
            const copy = new URLSearchParams();
            for (const key of ['location', 'view', 'date']) {
              const value = params.get(key);
              if (value) copy.set(key, value);
            }
            copy.set('tab', 'search');
            setParams(copy);
          }}
        />
      )}
    </section>
  );
}
