import { useId, useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../../../../frontend-shared/api/problem';
import { useSession } from '../../app/session';
import { t } from '../../i18n/t';
import { ConfirmDialog, Status, problemText } from './components';
import { Field } from '../../components/Field';
import { useRemoveLogo, useUploadLogo, type SettingsView } from './api';
import { apiFieldMessage, checkLogoFile, LOGO_TYPES } from './validation';

/** The header logo: what it is now, a new one, or none. */
export function LogoSection({ settings }: { settings: SettingsView }) {
  const { user, keepAlive } = useSession();
  const uploadLogo = useUploadLogo();
  const removeLogo = useRemoveLogo();
  const input = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [asking, setAsking] = useState(false);
  const [done, setDone] = useState('');
  // The public logo is cached for a while: a new one gets a new address.
  const [revision, setRevision] = useState(() => Date.now());
  const id = useId();
  const heading = useId();
  if (!user) return null;

  // The cached settings already say whether there is a logo (useUploadLogo, useRemoveLogo).
  function changed(message: string) {
    setRevision(Date.now());
    setDone(message);
    void keepAlive().catch(() => undefined);
  }

  async function upload(event: FormEvent) {
    event.preventDefault();
    setDone('');
    const file = input.current?.files?.[0];
    const problem = checkLogoFile(file);
    setError(problem);
    if (problem || !file) {
      input.current?.focus();
      return;
    }
    setBusy(true);
    try {
      await uploadLogo.send(file);
      if (input.current) input.current.value = '';
      changed(t('siteSettings.logo.uploaded'));
    } catch (e) {
      if (e instanceof ApiError && e.status === 413) setError(t('siteSettings.logo.tooLargeServer'));
      else if (e instanceof ApiError && e.errors[0]) setError(apiFieldMessage(e.errors[0]));
      else setError(problemText(e));
      input.current?.focus();
    } finally {
      setBusy(false);
    }
  }

  async function remove() {
    setBusy(true);
    try {
      await removeLogo.mutateAsync({});
      setAsking(false);
      changed(t('siteSettings.logo.removed'));
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) {
        setAsking(false);
        changed(t('siteSettings.logo.removed'));
      } else setError(problemText(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby={heading} className="site-settings-panel">
      <h2 id={heading} className="site-settings-h2">
        {t('siteSettings.logo.heading')}
      </h2>
      <h3 className="site-settings-h3">{t('siteSettings.logo.current')}</h3>
      {settings.has_logo ? (
        <div className="site-settings-logo">
          <img
            src={`/api/v1/public/${encodeURIComponent(user.tenant.slug)}/logo?v=${revision}`}
            alt={t('siteSettings.logo.current')}
            height={32}
          />
          <span className="service-name">{settings.service_name}</span>
        </div>
      ) : (
        <p className="hint">{t('siteSettings.logo.none')}</p>
      )}
      <form onSubmit={upload} noValidate>
        <Field id={id} label={t('siteSettings.logo.file')} hint={t('siteSettings.logo.file.hint')} error={error}>
          {(props) => (
            <input
              {...props}
              ref={input}
              type="file"
              accept={LOGO_TYPES.join(',')}
              className="site-settings-file"
              onChange={() => setError(undefined)}
            />
          )}
        </Field>
        <div className="site-settings-actions">
          <button type="submit" disabled={busy}>
            {busy ? t('siteSettings.logo.uploading') : t('siteSettings.logo.upload')}
          </button>
          {settings.has_logo && (
            <button
              type="button"
              className="site-settings-secondary site-settings-danger-outline"
              onClick={() => setAsking(true)}
              disabled={busy}
            >
              {t('siteSettings.logo.remove')}
            </button>
          )}
        </div>
      </form>
      <Status>{done}</Status>
      <ConfirmDialog
        open={asking}
        title={t('siteSettings.logo.removeTitle')}
        confirmLabel={t('siteSettings.logo.removeConfirm')}
        danger
        busy={busy}
        onConfirm={() => void remove()}
        onCancel={() => setAsking(false)}
      >
        <p>{t('siteSettings.logo.removeBody')}</p>
      </ConfirmDialog>
    </section>
  );
}
