import { useEffect } from 'react';
import { Link, Navigate, useNavigate, useParams } from 'react-router';
import { useLocations, useProcedures } from '../../api/queries';
import { NotFoundPage } from '../../app/Layout';
import { useSite } from '../../app/site';
import { Loading } from '../../components/Loading';
import { Page } from '../../components/Page';
import { ProblemPage } from '../../components/ProblemAlert';
import { Steps } from '../../components/Steps';
import { t } from '../../i18n/t';

/** Where to go; skipped when the procedure is offered at one counter only. */
export function LocationPage() {
  const { procedureId = '' } = useParams();
  const site = useSite();
  const procedures = useProcedures(site.slug);
  const locations = useLocations(site.slug);
  const navigate = useNavigate();
  const procedure = procedures.data?.find((p) => p.id === procedureId);
  const offered = (locations.data ?? []).filter((location) => procedure?.location_ids.includes(location.id));
  const only = offered.length === 1 ? offered[0] : undefined;

  useEffect(() => {
    if (only) navigate(`/book/${procedureId}/${only.id}`, { replace: true });
  }, [only, navigate, procedureId]);

  if (procedures.isPending || locations.isPending) return <Loading />;
  if (procedures.isError) return <ProblemPage error={procedures.error} retry={() => void procedures.refetch()} />;
  if (locations.isError) return <ProblemPage error={locations.error} retry={() => void locations.refetch()} />;
  if (!procedure) return <NotFoundPage />;
  if (offered.length === 0) return <Navigate to="/" replace />;
  if (only) return <Loading />;
  return (
    <Page title={t('location.heading')}>
      <Steps current={0} />
      <p>{t('location.lead', { procedure: procedure.name })}</p>
      <ul className="cards">
        {offered.map((location) => (
          <li key={location.id} className="card">
            <h2 className="card-title">{location.name}</h2>
            {location.address && <p className="card-body">{location.address}</p>}
            <Link className="button" to={`/book/${procedure.id}/${location.id}`}>
              {t('location.choose', { name: location.name })}
            </Link>
          </li>
        ))}
      </ul>
    </Page>
  );
}
