import { Link } from 'react-router';
import { useNotices, useProcedures } from '../../api/queries';
import { useSite } from '../../app/site';
import { Furigana } from '../../components/Furigana';
import { Loading } from '../../components/Loading';
import { Page } from '../../components/Page';
import { ProblemAlert } from '../../components/ProblemAlert';
import { t } from '../../i18n/t';
import { opensText, untilText } from '../../lib/rules';
import { NoticeList } from './Notices';

const KIND = {
  issuance: 'kind.issuance',
  application: 'kind.application',
  certificate: 'kind.certificate',
  other: 'kind.other',
} as const;

export function TopPage() {
  const site = useSite();
  const procedures = useProcedures(site.slug);
  const announcements = useNotices(site.slug, 'announcements');
  return (
    <Page title={site.service_name}>
      <p className="lead">{t('top.lead', { name: site.name })}</p>
      <p>
        {t('top.window', { opens: opensText(site.booking.opens), closes: untilText(site.booking.closes) })}
        {t('top.change', { until: untilText(site.booking.change_deadline) })}
      </p>

      {announcements.data && announcements.data.length > 0 && (
        <section aria-labelledby="announcements" className="announcements">
          <h2 id="announcements">{t('top.announcements')}</h2>
          <NoticeList notices={announcements.data} />
        </section>
      )}

      <section aria-labelledby="procedures">
        <h2 id="procedures">{t('top.choose')}</h2>
        {procedures.isPending && <Loading />}
        {procedures.isError && <ProblemAlert error={procedures.error} />}
        {procedures.data?.length === 0 && <p>{t('top.noProcedures')}</p>}
        <ul className="cards">
          {procedures.data?.map((procedure) => (
            <li key={procedure.id} className="card">
              <p className="card-kind">{t(KIND[procedure.kind])}</p>
              <h3 className="card-title">{procedure.name}</h3>
              {procedure.description && (
                <p className="card-body">
                  <Furigana text={procedure.description} />
                </p>
              )}
              <Link className="button" to={`/book/${procedure.id}`}>
                {t('top.book', { name: procedure.name })}
              </Link>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="already" className="panel">
        <h2 id="already">{t('top.already')}</h2>
        <p>{t('top.alreadyLead')}</p>
        <Link className="button secondary" to="/lookup">
          {t('nav.lookup')}
        </Link>
      </section>
    </Page>
  );
}
