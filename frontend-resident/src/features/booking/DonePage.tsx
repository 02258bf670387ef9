import { Link, Navigate } from 'react-router';
import { useLocations, useProcedures } from '../../api/queries';
import { useSite } from '../../app/site';
import { ContactBox } from '../../components/Contact';
import { Furigana } from '../../components/Furigana';
import { Page } from '../../components/Page';
import { QrCode } from '../../components/QrCode';
import { Steps } from '../../components/Steps';
import { t } from '../../i18n/t';
import { timeOfInstant } from '../../lib/dates';
import { readingGroups } from '../../lib/groups';
import { bothCalendarsOf } from '../../../../frontend-shared/dates/calendars';
import { useDraft } from './draft';

/**
 * What the resident keeps and the counter needs: the reception number, large and as a QR
 * code the check-in screen's reader scans, the password with why to keep it, what was
 * booked (the day in 西暦 and 和暦, where, for whom), what to bring and whom to call. It
 * prints on one A4 page without the site's menus and buttons (see `@media print`).
 */
export function DonePage() {
  const site = useSite();
  const { draft } = useDraft();
  const locations = useLocations(site.slug);
  const procedures = useProcedures(site.slug);
  const created = draft.created;
  if (!created) return <Navigate to="/" replace />;
  const { booking, reception_number: number, password } = created;
  const location = locations.data?.find((l) => l.id === booking.location_id);
  const procedure = procedures.data?.find((p) => p.id === booking.procedure_id);
  const [seireki, wareki] = bothCalendarsOf(booking.start);
  const email = draft.mailedTo;
  return (
    <Page title={t('done.heading')}>
      <Steps current={4} />
      <div className="credentials">
        <div className="credential-number">
          <p className="credential-label">{t('done.number')}</p>
          <p className="credential" data-testid="reception-number">
            {/* Read and written down in two groups of five, as a phone number is. */}
            <span>{number.slice(0, 5)}</span> <span>{number.slice(5)}</span>
          </p>
          <QrCode className="qr" text={number} label={t('done.qr', { number })} />
          <p className="credential-note">{t('done.qrNote')}</p>
        </div>
        <div className="credential-password">
          <p className="credential-label">{t('done.password')}</p>
          {/* Groups drawn apart by CSS, with no space between them: a copied password is exactly what to type. */}
          <p className="credential credential-groups" data-testid="password">
            {readingGroups(password).map((group, index) => (
              <span key={index}>{group}</span>
            ))}
          </p>
          <p className="credential-note">{t('done.passwordFormat', { count: password.length })}</p>
          <p className="credential-note credential-keep">
            {email ? t('done.passwordKeep') : t('done.passwordKeepNoMail')}
          </p>
        </div>
      </div>
      <p className="notice no-print">{t('done.keep')}</p>

      <h2>{t('done.details')}</h2>
      <dl className="summary done-summary">
        {procedure && (
          <div className="summary-row">
            <dt>{t('done.procedure')}</dt>
            <dd>{procedure.name}</dd>
          </div>
        )}
        <div className="summary-row">
          <dt>{t('done.when')}</dt>
          <dd data-testid="visit-date">
            <strong>
              <span className="nowrap">{seireki}</span> <span className="nowrap">{wareki}</span>{' '}
              <span className="nowrap">
                {timeOfInstant(booking.start)}〜{timeOfInstant(booking.end)}
              </span>
            </strong>
          </dd>
        </div>
        {location && (
          <div className="summary-row">
            <dt>{t('done.location')}</dt>
            <dd data-testid="visit-location">
              {location.name}
              {location.address && <span className="done-address">{location.address}</span>}
            </dd>
          </div>
        )}
        <div className="summary-row">
          <dt>{t('done.people')}</dt>
          <dd>{t('done.peopleCount', { count: booking.places })}</dd>
        </div>
      </dl>
      {location && <p>{t('done.visit', { location: location.name })}</p>}

      <section className="done-bring" aria-labelledby="done-bring">
        <h2 id="done-bring">{t('done.bring')}</h2>
        {/* The same list as the mails': the municipality's own for the procedure, or the default. */}
        <ul>
          <li>{t('done.bringNumber')}</li>
          {ownList(procedure?.what_to_bring).length > 0 ? (
            ownList(procedure?.what_to_bring).map((item) => (
              <li key={item}>
                <Furigana text={item} />
              </li>
            ))
          ) : (
            <>
              <li>{t('done.bringIdentity')}</li>
              <li>
                <Furigana text={t('done.bringLetter')} />
              </li>
            </>
          )}
        </ul>
      </section>

      <p className="no-print">{email ? t('done.mail', { email }) : t('done.noMail')}</p>
      <ContactBox contact={site.contact} lead={t('contact.done')} />
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

/** The municipality's list of what to bring, one item per line (plain text). */
function ownList(text: string | undefined): string[] {
  return (text ?? '')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}
