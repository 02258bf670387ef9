import { useId, useState } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../../../../frontend-shared/api/problem';
import { t } from '../../i18n/t';
import { ConfirmDialog, LoadFailed, Loading, Page, StaleAlert, Status, problemText } from './components';
import { useSaveSettings, useSettings, type SettingsView } from './api';
import { CLOSED_MESSAGE_MAX, apiFieldMessages } from './validation';

type Question = 'close' | 'open' | 'message' | null;

/** The site's state with its switch, the message residents see, and the sections. */
export function Overview() {
  const settings = useSettings();
  return (
    <Page title={t('siteSettings.title')}>
      {settings.isPending && <Loading />}
      {settings.isError && <LoadFailed error={settings.error} retry={() => void settings.refetch()} />}
      {settings.data && <SiteState settings={settings.data} reload={() => void settings.refetch()} />}
      <h2 className="site-settings-h2">{t('siteSettings.overview.sections')}</h2>
      <ul className="site-settings-cards">
        <li>
          <Link to="notices">{t('siteSettings.overview.notices')}</Link>
          <p>{t('siteSettings.overview.notices.hint')}</p>
        </li>
        <li>
          <Link to="mail">{t('siteSettings.overview.mail')}</Link>
          <p>{t('siteSettings.overview.mail.hint')}</p>
        </li>
        <li>
          <Link to="general">{t('siteSettings.overview.general')}</Link>
          <p>{t('siteSettings.overview.general.hint')}</p>
        </li>
      </ul>
    </Page>
  );
}

function SiteState({ settings, reload }: { settings: SettingsView; reload: () => void }) {
  const save = useSaveSettings();
  const [question, setQuestion] = useState<Question>(null);
  const [message, setMessage] = useState(settings.closed_message);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [stale, setStale] = useState(false);
  const [done, setDone] = useState('');
  const ids = { heading: useId(), message: useId(), hint: useId(), error: useId() };

  function ask(next: Question) {
    setMessage(settings.closed_message);
    setError(undefined);
    setDone('');
    setQuestion(next);
  }

  async function confirm() {
    if (question === null) return;
    if ([...message].length > CLOSED_MESSAGE_MAX && question !== 'open') {
      setError(t('siteSettings.error.tooLong', { max: CLOSED_MESSAGE_MAX }));
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const patch =
        question === 'open'
          ? { site_public: true }
          : question === 'close'
            ? { site_public: false, closed_message: message }
            : { closed_message: message };
      await save.mutateAsync({ body: { ...patch, version: settings.version } });
      setDone(
        t(
          question === 'open'
            ? 'siteSettings.overview.openDone'
            : question === 'close'
              ? 'siteSettings.overview.closedDone'
              : 'siteSettings.overview.messageDone',
        ),
      );
      setQuestion(null);
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        setStale(true);
        setQuestion(null);
      } else if (e instanceof ApiError && e.errors.length > 0) {
        setError(apiFieldMessages(e.errors).closed_message ?? problemText(e));
      } else {
        setError(problemText(e));
      }
    } finally {
      setBusy(false);
    }
  }

  const open = settings.site_public;
  return (
    <div
      className={`site-settings-state ${open ? 'is-public' : 'is-closed'}`}
      role="group"
      aria-labelledby={ids.heading}
    >
      <h2 id={ids.heading} className="site-settings-h2">
        {t('siteSettings.overview.state')}
      </h2>
      <div className="site-settings-state-row">
        <p className="site-settings-badge" aria-live="polite">
          {open ? t('siteSettings.overview.public') : t('siteSettings.overview.closed')}
        </p>
        <button
          type="button"
          role="switch"
          aria-checked={open}
          className="site-settings-switch"
          onClick={() => ask(open ? 'close' : 'open')}
        >
          <span className="site-settings-switch-track" aria-hidden="true">
            <span className="site-settings-switch-thumb" />
          </span>
          {t('siteSettings.overview.switch')}
        </button>
      </div>
      <p>{open ? t('siteSettings.overview.publicHint') : t('siteSettings.overview.closedHint')}</p>
      {!open && (
        <>
          <h3 className="site-settings-h3">{t('siteSettings.overview.closedMessage')}</h3>
          {settings.closed_message ? (
            <p className="site-settings-plain site-settings-closed-message">{settings.closed_message}</p>
          ) : (
            <p className="hint">{t('siteSettings.overview.noMessage')}</p>
          )}
          <button type="button" className="site-settings-secondary" onClick={() => ask('message')}>
            {t('siteSettings.overview.editMessage')}
          </button>
        </>
      )}
      <Status>{done}</Status>
      {stale && (
        <StaleAlert
          reload={() => {
            setStale(false);
            reload();
          }}
        />
      )}
      <ConfirmDialog
        open={question !== null}
        title={t(
          question === 'open'
            ? 'siteSettings.overview.openTitle'
            : question === 'close'
              ? 'siteSettings.overview.closeTitle'
              : 'siteSettings.overview.messageTitle',
        )}
        confirmLabel={t(
          question === 'open'
            ? 'siteSettings.overview.openConfirm'
            : question === 'close'
              ? 'siteSettings.overview.closeConfirm'
              : 'siteSettings.save',
        )}
        danger={question === 'close'}
        focusCancel={false}
        busy={busy}
        error={question === 'open' ? error : undefined}
        onConfirm={() => void confirm()}
        onCancel={() => setQuestion(null)}
      >
        {question === 'open' ? (
          <p>{t('siteSettings.overview.openBody')}</p>
        ) : (
          <>
            {question === 'close' && <p>{t('siteSettings.overview.closeBody')}</p>}
            <div className="field">
              <label htmlFor={ids.message}>{t('siteSettings.overview.closedMessage')}</label>
              <span id={ids.hint} className="hint">
                {t('siteSettings.overview.messageHint')}
              </span>
              <textarea
                id={ids.message}
                rows={5}
                value={message}
                onChange={(e) => setMessage(e.target.value)}
                aria-describedby={error ? `${ids.hint} ${ids.error}` : ids.hint}
                aria-invalid={error ? true : undefined}
                className="site-settings-textarea"
              />
              {error && (
                <span id={ids.error} className="field-error">
                  {error}
                </span>
              )}
            </div>
          </>
        )}
      </ConfirmDialog>
    </div>
  );
}
