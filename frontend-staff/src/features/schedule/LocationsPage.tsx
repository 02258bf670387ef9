// Locations (本庁舎, 北支所…): list, add, rename, re-address, hide.
import { useId, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError, fieldErrors } from '../../../../frontend-shared/api/problem';
import { t } from '../../i18n/t';
import { asApiError, useCreateLocation, useLocations, useUpdateLocation, type Location } from './api';
import { Field } from '../../components/Field';
import { ListOf, LoadFailed, Loading, OVERVIEW, Page, ProblemSummary, Saved, problemText } from './common';

const LIST = { to: '/settings/counters/locations', label: t('schedule.locations.title') };

export function LocationsPage() {
  const locations = useLocations();
  return (
    <Page title={t('schedule.locations.title')} trail={[OVERVIEW, LIST]}>
      <p>
        <Link to="/settings/counters/locations/new" className="schedule-button-link">
          ＋ {t('schedule.locations.add')}
        </Link>
      </p>
      <ListOf query={locations} empty={t('schedule.locations.empty')}>
        {(items) => (
          <table className="schedule-table">
            <thead>
              <tr>
                <th scope="col">{t('schedule.locations.name')}</th>
                <th scope="col">{t('schedule.locations.address')}</th>
                <th scope="col">{t('schedule.locations.order')}</th>
                <th scope="col">{t('schedule.locations.status')}</th>
                <th scope="col">
                  <span className="schedule-visually-hidden">{t('schedule.edit')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((location) => (
                <tr key={location.id}>
                  <th scope="row">{location.name}</th>
                  <td>{location.address}</td>
                  <td className="schedule-number-cell">{location.sort_order}</td>
                  <td>{location.active ? t('schedule.locations.visible') : t('schedule.locations.hidden')}</td>
                  <td>
                    <Link
                      to={`/settings/counters/locations/${location.id}`}
                      aria-label={`${location.name} ${t('schedule.edit')}`}
                    >
                      {t('schedule.edit')}
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </ListOf>
    </Page>
  );
}

export function LocationEditPage() {
  const { id } = useParams();
  // Kept here: the form starts afresh from the saved version.
  const [saved, setSaved] = useState<string | null>(null);
  const locations = useLocations();
  if (locations.isPending) return <Loading />;
  if (locations.isError) return <LoadFailed error={locations.error} />;
  const location = id ? locations.data.find((l) => l.id === id) : undefined;
  if (id && !location) {
    return (
      <Page title={t('schedule.notFound')} trail={[OVERVIEW, LIST]}>
        <p>{t('schedule.notFound')}</p>
      </Page>
    );
  }
  const next = Math.max(0, ...locations.data.map((l) => l.sort_order)) + 1;
  return (
    <LocationForm
      key={`${location?.id}-${location?.version}`}
      location={location}
      nextOrder={next}
      saved={saved}
      setSaved={setSaved}
    />
  );
}

function LocationForm({
  location,
  nextOrder,
  saved,
  setSaved,
}: {
  saved: string | null;
  setSaved: (text: string | null) => void;
  location: Location | undefined;
  nextOrder: number;
}) {
  const [name, setName] = useState(location?.name ?? '');
  const [address, setAddress] = useState(location?.address ?? '');
  const [order, setOrder] = useState(String(location?.sort_order ?? nextOrder));
  const [active, setActive] = useState(location?.active ?? true);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const createLocation = useCreateLocation();
  const updateLocation = useUpdateLocation();
  const navigate = useNavigate();
  const ids = { name: useId(), address: useId(), order: useId(), active: useId(), activeHint: useId() };
  const title = location ? t('schedule.locations.editTitle', { name: location.name }) : t('schedule.locations.new');

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setSaved(null);
    const body = { name, address, sort_order: Number(order) || 0 };
    try {
      if (location) {
        await updateLocation.mutateAsync({
          params: { path: { id: location.id } },
          body: { ...body, version: location.version, active },
        });
        setSaved(t('schedule.saved'));
      } else {
        const created = await createLocation.mutateAsync({ body });
        navigate(`/settings/counters/pools/new?location=${created.id}`, { state: { created: created.name } });
      }
    } catch (e) {
      setError(asApiError(e));
    } finally {
      setBusy(false);
    }
  }

  const fieldError = (field: string) => fieldErrors(error, field)[0];
  const errorText = (field: string) => {
    const e = fieldError(field);
    return e ? problemText(e.code) : undefined;
  };
  return (
    <Page
      title={title}
      trail={[
        OVERVIEW,
        LIST,
        {
          to: location ? `/settings/counters/locations/${location.id}` : '/settings/counters/locations/new',
          label: location?.name ?? t('schedule.locations.new'),
        },
      ]}
    >
      {error && (
        <ProblemSummary error={error} fieldIds={{ name: ids.name, address: ids.address, sort_order: ids.order }} />
      )}
      <Saved text={saved} />
      <form onSubmit={submit} noValidate className="schedule-form">
        <Field
          id={ids.name}
          label={t('schedule.locations.name')}
          hint={t('schedule.locations.name.hint')}
          error={errorText('name')}
        >
          {(props) => (
            <input {...props} value={name} maxLength={100} required onChange={(e) => setName(e.target.value)} />
          )}
        </Field>
        <Field
          id={ids.address}
          label={t('schedule.locations.address')}
          hint={t('schedule.locations.address.hint')}
          error={errorText('address')}
        >
          {(props) => <input {...props} value={address} maxLength={200} onChange={(e) => setAddress(e.target.value)} />}
        </Field>
        <Field
          id={ids.order}
          label={t('schedule.locations.order')}
          hint={t('schedule.locations.order.hint')}
          error={undefined}
          className="schedule-short"
        >
          {(props) => (
            <input
              {...props}
              type="number"
              inputMode="numeric"
              value={order}
              onChange={(e) => setOrder(e.target.value)}
            />
          )}
        </Field>
        {location && (
          <div className="field">
            <label className="schedule-check" htmlFor={ids.active}>
              <input
                id={ids.active}
                type="checkbox"
                checked={active}
                aria-describedby={ids.activeHint}
                onChange={(e) => setActive(e.target.checked)}
              />
              <span>{t('schedule.locations.active')}</span>
            </label>
            <span id={ids.activeHint} className="hint">
              {t('schedule.locations.active.hint')}
            </span>
          </div>
        )}
        <div className="schedule-actions">
          <button type="submit" disabled={busy}>
            {busy ? t('schedule.saving') : location ? t('schedule.save') : t('schedule.locations.add')}
          </button>
          <Link to="/settings/counters/locations">{t('schedule.back')}</Link>
        </div>
      </form>
    </Page>
  );
}
