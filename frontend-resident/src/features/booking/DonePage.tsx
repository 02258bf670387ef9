import { Link, Navigate } from 'react-router';
import { useLocations } from '../../api/queries';
import { useSite } from '../../app/site';
import { Page } from '../../components/Page';
import { Steps } from '../../components/Steps';
import { formatVisit } from '../../lib/dates';
import { t } from '../../i18n/t';
import { useDraft } from './draft';

/** The reception number and password, large, with what happens next. */
export function DonePage() {
  const site = useSite();
  const { draft } = useDraft();
  const locations = useLocations(site.slug);
  const created = draft.created;
  if (!created) return <Navigate to="/" replace />;
  const location = locations.data?.find((l) => l.id === created.booking.location_id);
  const email = draft.mailedTo;
  return (
    <Page title={t('done.heading')}>
      <Steps current={4} />
      <div className="credentials">
        <div>
          <p className="credential-label">{t('done.number')}</p>
          <p className="credential" data-testid="reception-number">
            {/* Read and written down in two groups of five, as a phone number is. */}
            <span>{created.reception_number.slice(0, 5)}</span> <span>{created.reception_number.slice(5)}</span>
          </p>
        </div>
        <div>
          <p className="credential-label">{t('done.password')}</p>
          <p className="credential" data-testid="password">
            {created.password}
          </p>
        </div>
      </div>
      <p className="notice">{t('done.keep')}</p>
      <p>
        <strong>{formatVisit(created.booking.start, created.booking.end)}</strong>
      </p>
      {location && <p>{t('done.visit', { location: location.name })}</p>}
      <p>{email ? t('done.mail', { email }) : t('done.noMail')}</p>
      <div className="actions no-print">
        <button type="button" onClick={() => window.print()}>
          {t('done.print')}
        </button>
        <Link className="button secondary" to="/">
          {t('done.top')}
        </Link>
      </div>
    </Page>
  );
}
