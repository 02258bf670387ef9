import { Link, Navigate } from 'react-router';
import { Page } from '../../components/Page';
import { t } from '../../i18n/t';

/**
 * Why a looked-up booking cannot be shown: its token ran out (`expired`), the server
 * refused it (`refused`: not this booking's, or no longer accepted), or there was no
 * look-up in this tab at all (`none`).
 */
export type LostReason = 'expired' | 'refused' | 'none';

/** A booking's page that cannot show it: why, and the way back to the look-up. */
export function SessionLost({ reason }: { reason: LostReason }) {
  // Nothing to explain to someone who never looked a booking up here.
  if (reason === 'none') return <Navigate to="/lookup" replace />;
  return (
    <Page title={t('lookup.sessionHeading')}>
      <p className="notice">{reason === 'expired' ? t('lookup.sessionExpired') : t('lookup.sessionRefused')}</p>
      <p>
        <Link className="button" to="/lookup">
          {t('lookup.again')}
        </Link>
      </p>
    </Page>
  );
}
