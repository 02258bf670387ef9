import { useId, useState, type FormEvent } from 'react';
import { ApiError } from '../../../../frontend-shared/api/problem';
import { useSession } from '../../app/session';
import { t } from '../../i18n/t';
import type { MessageKey } from '../../i18n/ja';
import { ErrorSummary } from '../../components/ErrorSummary';
import { Field } from '../../components/Field';
import { LoadFailed, Loading, Page, StaleAlert, summaryItems, Status, problemText } from './components';
import { LogoSection } from './LogoSection';
import { useSaveSettings, useSettings, type SettingsView } from './api';
import { formatJapanTime } from './time';
import {
  RANGES,
  apiFieldMessages,
  hasErrors,
  settingsPatch,
  validateSettings,
  type FieldMessages,
  type NumericSetting,
  type SettingsForm,
} from './validation';

const FIELDS = [
  'service_name',
  'contact_phone',
  'contact_hours',
  'session_timeout_minutes',
  'idle_timeout_minutes',
  'lockout_threshold',
  'lockout_minutes',
  'password_min_length',
  'password_min_classes',
] as const satisfies readonly (keyof SettingsForm)[];

const label = (field: keyof SettingsForm) => t(`siteSettings.general.${field}` as MessageKey);
const hint = (field: keyof SettingsForm) => t(`siteSettings.general.${field}.hint` as MessageKey);

export function formOf(settings: SettingsView): SettingsForm {
  return {
    service_name: settings.service_name,
    session_timeout_minutes: String(settings.session_timeout_minutes),
    idle_timeout_minutes: String(settings.idle_timeout_minutes),
    lockout_threshold: String(settings.lockout_threshold),
    lockout_minutes: String(settings.lockout_minutes),
    password_min_length: String(settings.password_min_length),
    password_min_classes: String(settings.password_min_classes),
    contact_phone: settings.contact_phone,
    contact_hours: settings.contact_hours,
  };
}

export function GeneralSettings() {
  const settings = useSettings();
  // Bumped by "reload" after a stale save: the form starts again from what is stored.
  const [generation, setGeneration] = useState(0);
  const heading = t('siteSettings.general.heading');
  return (
    <Page title={heading} current={heading}>
      {settings.isPending && <Loading />}
      {settings.isError && <LoadFailed error={settings.error} retry={() => void settings.refetch()} />}
      {settings.data && (
        <div className="site-settings-columns">
          <SettingsFormView
            key={generation}
            settings={settings.data}
            reload={() => void settings.refetch().then(() => setGeneration((g) => g + 1))}
          />
          <LogoSection settings={settings.data} />
        </div>
      )}
    </Page>
  );
}

function SettingsFormView({ settings, reload }: { settings: SettingsView; reload: () => void }) {
  const save = useSaveSettings();
  const { keepAlive } = useSession();
  const [form, setForm] = useState<SettingsForm>(() => formOf(settings));
  const [errors, setErrors] = useState<FieldMessages>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [stale, setStale] = useState(false);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState('');
  const [attempt, setAttempt] = useState(0);
  const prefix = useId();
  const ids = Object.fromEntries(FIELDS.map((f) => [f, `${prefix}-${f}`])) as Record<keyof SettingsForm, string>;
  const formHeading = useId();
  const contactHint = useId();

  const set = (field: keyof SettingsForm) => (value: string) => {
    setForm((f) => ({ ...f, [field]: value }));
    setSaved('');
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFailure(null);
    setSaved('');
    const found = validateSettings(form);
    setErrors(found);
    if (hasErrors(found)) {
      setAttempt((n) => n + 1);
      return;
    }
    setBusy(true);
    try {
      const stored = await save.mutateAsync({ body: settingsPatch(form, settings.version) });
      // The phone as residents will see it (full-width folded, spaces made hyphens).
      setForm((f) => ({ ...f, contact_phone: stored.contact_phone, contact_hours: stored.contact_hours }));
      // The header shows the service name and the idle warning the time-out: renew the session's copy.
      void keepAlive().catch(() => undefined);
      setSaved(t('siteSettings.saved'));
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) setStale(true);
      else if (e instanceof ApiError && e.errors.length > 0) {
        setErrors(apiFieldMessages(e.errors));
        setAttempt((n) => n + 1);
      } else setFailure(problemText(e));
    } finally {
      setBusy(false);
    }
  }

  const labels = Object.fromEntries(FIELDS.map((f) => [f, label(f)]));
  const number = (field: NumericSetting, unit: string) => (
    <Field
      id={ids[field]}
      label={label(field)}
      hint={hint(field)}
      error={errors[field]}
      className="site-settings-number"
    >
      {(props) => (
        <span className="site-settings-with-unit">
          <input
            {...props}
            type="number"
            inputMode="numeric"
            min={RANGES[field][0]}
            max={RANGES[field][1]}
            step={1}
            value={form[field]}
            onChange={(e) => set(field)(e.target.value)}
          />
          <span aria-hidden="true">{unit}</span>
        </span>
      )}
    </Field>
  );

  return (
    <section aria-labelledby={formHeading} className="site-settings-panel">
      <h2 id={formHeading} className="site-settings-h2">
        {t('siteSettings.general.formHeading')}
      </h2>
      <p className="hint">{t('siteSettings.general.updatedAt', { at: formatJapanTime(settings.updated_at) })}</p>
      <ErrorSummary
        title={t('siteSettings.errorSummary')}
        items={summaryItems(errors, labels, ids)}
        focusKey={attempt}
      />
      {stale && <StaleAlert reload={reload} />}
      {failure && (
        <p role="alert" className="site-settings-alert">
          {failure}
        </p>
      )}
      <form onSubmit={submit} noValidate>
        <Field
          id={ids.service_name}
          label={label('service_name')}
          hint={hint('service_name')}
          error={errors.service_name}
        >
          {(props) => (
            <input
              {...props}
              type="text"
              autoComplete="off"
              value={form.service_name}
              onChange={(e) => set('service_name')(e.target.value)}
            />
          )}
        </Field>
        <fieldset className="site-settings-fieldset" aria-describedby={contactHint}>
          <legend>{t('siteSettings.general.contactGroup')}</legend>
          <p className="hint site-settings-group-hint" id={contactHint}>
            {t('siteSettings.general.contactGroup.hint')}
          </p>
          <Field
            id={ids.contact_phone}
            label={label('contact_phone')}
            hint={hint('contact_phone')}
            error={errors.contact_phone}
          >
            {(props) => (
              <input
                {...props}
                type="tel"
                inputMode="tel"
                autoComplete="off"
                className="site-settings-phone"
                value={form.contact_phone}
                onChange={(e) => set('contact_phone')(e.target.value)}
              />
            )}
          </Field>
          <Field
            id={ids.contact_hours}
            label={label('contact_hours')}
            hint={hint('contact_hours')}
            error={errors.contact_hours}
          >
            {(props) => (
              <input
                {...props}
                type="text"
                autoComplete="off"
                value={form.contact_hours}
                onChange={(e) => set('contact_hours')(e.target.value)}
              />
            )}
          </Field>
        </fieldset>
        <fieldset className="site-settings-fieldset">
          <legend>{t('siteSettings.general.sessionGroup')}</legend>
          {number('session_timeout_minutes', '分')}
          {number('idle_timeout_minutes', '分')}
        </fieldset>
        <fieldset className="site-settings-fieldset">
          <legend>{t('siteSettings.general.passwordGroup')}</legend>
          {number('lockout_threshold', '回')}
          {number('lockout_minutes', '分')}
          {number('password_min_length', '文字')}
          <Field
            id={ids.password_min_classes}
            label={label('password_min_classes')}
            hint={hint('password_min_classes')}
            error={errors.password_min_classes}
          >
            {(props) => (
              <select
                {...props}
                className="site-settings-select"
                value={form.password_min_classes}
                onChange={(e) => set('password_min_classes')(e.target.value)}
              >
                {[1, 2, 3, 4].map((n) => (
                  <option key={n} value={String(n)}>
                    {t('siteSettings.general.classes', { count: n })}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </fieldset>
        <div className="site-settings-actions">
          <button type="submit" disabled={busy}>
            {busy ? t('siteSettings.saving') : t('siteSettings.save')}
          </button>
        </div>
        <Status>{saved}</Status>
      </form>
    </section>
  );
}
