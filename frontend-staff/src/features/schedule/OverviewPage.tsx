// 窓口と予約枠: each location with its counters, what they offer and their week.
import { Link } from 'react-router';
import { t } from '../../i18n/t';
import { useLocations, usePools, useProcedures } from './api';
import { LoadFailed, Loading, OVERVIEW, Page } from './common';
import { bandsText, daysText, weekGroups } from './logic';

export function OverviewPage() {
  const locations = useLocations();
  const pools = usePools();
  const procedures = useProcedures();
  return (
    <Page title={t('schedule.overview.title')} trail={[OVERVIEW]}>
      <p>{t('schedule.overview.lead')}</p>
      <ul className="schedule-links">
        <li>
          <Link to="/settings/counters/locations">{t('schedule.overview.locations')}</Link>
        </li>
        <li>
          <Link to="/settings/counters/procedures">{t('schedule.overview.procedures')}</Link>
        </li>
        <li>
          <Link to="/settings/counters/rules">{t('schedule.overview.rules')}</Link>
        </li>
        <li>
          <Link to="/settings/counters/holidays">{t('schedule.overview.holidays')}</Link>
        </li>
      </ul>
      {locations.isPending || pools.isPending || procedures.isPending ? (
        <Loading />
      ) : locations.isError || pools.isError || procedures.isError ? (
        <LoadFailed error={locations.error ?? pools.error ?? procedures.error} />
      ) : locations.data.length === 0 ? (
        <p>
          {t('schedule.overview.noLocations')}{' '}
          <Link to="/settings/counters/locations/new">{t('schedule.locations.add')}</Link>
        </p>
      ) : (
        <>
          {locations.data.map((location) => {
            const own = pools.data.filter((p) => p.location_id === location.id);
            const headingId = `schedule-location-${location.id}`;
            return (
              <section key={location.id} aria-labelledby={headingId} className="schedule-card">
                <div className="schedule-card-head">
                  <h2 id={headingId}>
                    {location.name}
                    {!location.active && <span className="schedule-muted">{t('schedule.overview.hidden')}</span>}
                  </h2>
                  <Link
                    to={`/settings/counters/locations/${location.id}`}
                    aria-label={`${location.name} ${t('schedule.overview.editLocation')}`}
                  >
                    {t('schedule.overview.editLocation')}
                  </Link>
                </div>
                {location.address && <p className="schedule-address">{location.address}</p>}
                {own.length === 0 ? (
                  <p className="notice">{t('schedule.overview.noPools')}</p>
                ) : (
                  <table className="schedule-table">
                    <thead>
                      <tr>
                        <th scope="col">{t('schedule.overview.pool')}</th>
                        <th scope="col">{t('schedule.overview.offers')}</th>
                        <th scope="col">{t('schedule.overview.week')}</th>
                        <th scope="col">
                          <span className="schedule-visually-hidden">{t('schedule.edit')}</span>
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {own.map((pool) => (
                        <tr key={pool.id}>
                          <th scope="row">{pool.name}</th>
                          <td>
                            {pool.procedure_ids.length === 0 ? (
                              t('schedule.none')
                            ) : (
                              <ul className="schedule-plain-list">
                                {pool.procedure_ids.map((id) => {
                                  const procedure = procedures.data.find((p) => p.id === id);
                                  return (
                                    <li key={id}>
                                      {procedure
                                        ? procedure.name +
                                          (procedure.active ? '' : `（${t('schedule.procedures.status.stopped')}）`)
                                        : id}
                                    </li>
                                  );
                                })}
                              </ul>
                            )}
                          </td>
                          <td>
                            <ul className="schedule-plain-list">
                              {weekGroups(pool.weekdays).map((group) => (
                                <li key={group.days.join()}>
                                  <span className="schedule-week-days">{daysText(group.days)}</span>
                                  {group.plan
                                    ? `${bandsText(group.plan)}（${group.plan.slot_minutes}分・${group.plan.places}人）`
                                    : t('schedule.overview.closed')}
                                </li>
                              ))}
                            </ul>
                          </td>
                          <td>
                            <Link to={`/settings/counters/pools/${pool.id}`}>
                              {t('schedule.overview.editPool', { name: `${location.name} ${pool.name}` })}
                            </Link>
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                )}
                <p>
                  <Link
                    to={`/settings/counters/pools/new?location=${location.id}`}
                    aria-label={`${location.name} ${t('schedule.overview.addPool')}`}
                  >
                    {t('schedule.overview.addPool')}
                  </Link>
                </p>
              </section>
            );
          })}
          <p>
            <Link to="/settings/counters/locations/new">＋ {t('schedule.locations.add')}</Link>
          </p>
          {(() => {
            const offered = new Set(pools.data.flatMap((p) => p.procedure_ids));
            const idle = procedures.data.filter((p) => p.active && !offered.has(p.id));
            return idle.length > 0 ? (
              <p className="notice">
                {t('schedule.overview.notOffered', { names: idle.map((p) => p.name).join('、') })}
              </p>
            ) : null;
          })()}
        </>
      )}
    </Page>
  );
}
