// Adds a counter (capacity pool) at a location; its week starts closed.
import { useId, useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import { ApiError, fieldErrors } from '../../../../frontend-shared/api/problem';
import { t } from '../../i18n/t';
import { asApiError, useCreatePool, useLocations, usePools, useProcedures } from './api';
import { Field } from '../../components/Field';
import { LoadFailed, Loading, OVERVIEW, Page, ProblemSummary, problemText } from './common';

export function NewPoolPage() {
  const [search] = useSearchParams();
  const locations = useLocations();
  const procedures = useProcedures();
  const pools = usePools();
  const created = (useLocation().state as { created?: string } | null)?.created;
  const [name, setName] = useState('窓口');
  const [chosen, setChosen] = useState<string[]>([]);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const createPool = useCreatePool();
  const navigate = useNavigate();
  const ids = { name: useId(), procedures: useId() };
  const trail = [OVERVIEW, { to: `/settings/counters/pools/new?${search.toString()}`, label: t('schedule.pool.new') }];
  if (locations.isPending || procedures.isPending || pools.isPending) return <Loading />;
  if (locations.isError || procedures.isError || pools.isError)
    return <LoadFailed error={locations.error ?? procedures.error ?? pools.error} />;
  const location = locations.data.find((l) => l.id === search.get('location'));
  if (!location) {
    return (
      <Page title={t('schedule.pool.new')} trail={trail}>
        <p>{t('schedule.notFound')}</p>
      </Page>
    );
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!location) return;
    setBusy(true);
    setError(null);
    try {
      const id = await createPool.mutateAsync({
        body: { location_id: location.id, name, procedure_ids: chosen },
      });
      navigate(`/settings/counters/pools/${id}`);
    } catch (e) {
      setError(asApiError(e));
    } finally {
      setBusy(false);
    }
  }

  const nameError = fieldErrors(error, 'name')[0];
  return (
    <Page title={t('schedule.pool.new')} trail={trail}>
      {created && (
        <p className="notice" role="status">
          {t('schedule.locations.created', { name: created })}
        </p>
      )}
      <p>{t('schedule.pool.new.lead', { location: location.name })}</p>
      {error && <ProblemSummary error={error} fieldIds={{ name: ids.name }} />}
      <form onSubmit={submit} noValidate className="schedule-form">
        <Field
          id={ids.name}
          label={t('schedule.pool.name')}
          hint={t('schedule.pool.name.hint')}
          error={nameError && problemText(nameError.code)}
        >
          {(props) => <input {...props} value={name} maxLength={100} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <fieldset className="schedule-fieldset">
          <legend>{t('schedule.pool.procedures')}</legend>
          <p className="hint">{t('schedule.pool.procedures.hint')}</p>
          <div className="schedule-checks">
            {procedures.data
              .filter((p) => p.active)
              .map((procedure) => {
                const other = pools.data.find(
                  (p) => p.location_id === location.id && p.procedure_ids.includes(procedure.id),
                );
                return (
                  <label key={procedure.id} className="schedule-check">
                    <input
                      type="checkbox"
                      checked={chosen.includes(procedure.id)}
                      onChange={(e) =>
                        setChosen((list) =>
                          e.target.checked ? [...list, procedure.id] : list.filter((p) => p !== procedure.id),
                        )
                      }
                    />
                    <span>
                      {procedure.name}
                      {other && (
                        <span className="hint"> {t('schedule.pool.procedures.moved', { pool: other.name })}</span>
                      )}
                    </span>
                  </label>
                );
              })}
          </div>
        </fieldset>
        <div className="schedule-actions">
          <button type="submit" disabled={busy}>
            {busy ? t('schedule.saving') : t('schedule.pool.create')}
          </button>
          <Link to="/settings/counters">{t('schedule.cancel')}</Link>
        </div>
      </form>
    </Page>
  );
}
