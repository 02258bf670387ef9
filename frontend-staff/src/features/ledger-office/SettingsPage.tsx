// 取り込みとQRの設定: the QR layout (a layout change is configuration, not code),
// how long an unregistered scan batch may lie untouched before it is discarded, and,
// per import, the headers the tenant's files use instead of the documented defaults.
import { useId, useState, type FormEvent } from 'react';
import { ApiError } from '../../../../frontend-shared/api/problem';
import { ErrorSummary } from '../../components/ErrorSummary';
import { Field } from '../../components/Field';
import { t } from '../../i18n/t';
import { useLedgerSettings, useSaveLedgerSettings, type LedgerSettings } from './api';
import { COLUMNS, DEFAULT_HEADERS, IMPORT_KINDS, REQUIRED, type ImportKind } from './columns';
import { OfficeNav } from './components';
import { failureText } from './labels';
import {
  formFromMappings,
  inputLabel,
  mappingInputId,
  mappingPayload,
  overrideCount,
  QR_LAYOUT_ID,
  settingsErrors,
  type MappingForm,
  type SettingsErrors,
} from './mappings';
import './ledger-office.css';

const QR_FIELDS = [
  'management_number',
  'application_id',
  'shipment_number',
  'name',
  'birth_date',
  'sex',
  'address',
  'visit_method',
  'kind',
  'signing_certificate',
  'user_certificate',
] as const;

export function SettingsPage() {
  const settings = useLedgerSettings();
  return (
    <section aria-labelledby="page-heading" className="office-page">
      <OfficeNav />
      <h1 id="page-heading">{t('ledgerOffice.settings.title')}</h1>
      <p className="office-intro">{t('ledgerOffice.settings.intro')}</p>
      {settings.isPending && <p role="status">{t('ledgerOffice.loading')}</p>}
      {settings.isError && (
        <p className="office-alert" role="alert">
          {failureText(settings.error)}
        </p>
      )}
      {settings.data && <SettingsForm settings={settings.data} />}
    </section>
  );
}

const NO_ERRORS: SettingsErrors = { byInput: {}, kinds: [], general: [] };

const EXPIRY_ID = 'batch-expiry-hours';
const EXPIRY_MIN = 1;
const EXPIRY_MAX = 720;

/** The hours typed, when they are a whole number the server takes (1–720); else null. */
function expiryHours(text: string): number | null {
  const trimmed = text.trim().replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
  if (!/^\d+$/.test(trimmed)) return null;
  const hours = Number(trimmed);
  return hours >= EXPIRY_MIN && hours <= EXPIRY_MAX ? hours : null;
}

function SettingsForm({ settings }: { settings: LedgerSettings }) {
  const saveSettings = useSaveLedgerSettings();
  const [layout, setLayout] = useState(settings.qr_layout);
  const [expiry, setExpiry] = useState(String(settings.batch_expiry_hours));
  const [expiryError, setExpiryError] = useState<string | undefined>();
  const [form, setForm] = useState<MappingForm>(() => formFromMappings(settings.column_mappings));
  const [errors, setErrors] = useState<SettingsErrors>(NO_ERRORS);
  const [open, setOpen] = useState<ImportKind[]>(() =>
    IMPORT_KINDS.filter((kind) => overrideCount(formFromMappings(settings.column_mappings), kind) > 0),
  );
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const ids = { qrHint: useId(), qrDefault: useId(), mappings: useId(), batches: useId() };

  function setHeader(kind: ImportKind, key: string, value: string) {
    setSaved(false);
    setForm((was) => ({ ...was, [kind]: { ...was[kind], [key]: value } }));
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    const hours = expiryHours(expiry);
    if (hours === null) {
      // Said before asking the server, beside the field and in the summary.
      setErrors(NO_ERRORS);
      setExpiryError(t('ledgerOffice.settings.expiry.invalid'));
      setAttempt((a) => a + 1);
      return;
    }
    setBusy(true);
    try {
      const answer = await saveSettings.mutateAsync({
        body: {
          qr_layout: layout.trim() || 'jlis-qr-v1',
          batch_expiry_hours: hours,
          column_mappings: mappingPayload(form),
        },
      });
      setLayout(answer.qr_layout);
      setExpiry(String(answer.batch_expiry_hours));
      setForm(formFromMappings(answer.column_mappings));
      setErrors(NO_ERRORS);
      setExpiryError(undefined);
      setSaved(true);
    } catch (error) {
      if (error instanceof ApiError && error.errors.length > 0) {
        // The expiry has a field of its own; the rest are sorted as the layout and the headers.
        const own = error.errors.some((e) => e.field === 'batch_expiry_hours');
        setExpiryError(own ? t('ledgerOffice.settings.expiry.invalid') : undefined);
        const found = settingsErrors(error.errors.filter((e) => e.field !== 'batch_expiry_hours'));
        setErrors(found);
        // A table holding an error opens, so that the summary's link lands on a visible input.
        if (found.kinds.length > 0) setOpen((was) => [...new Set([...was, ...found.kinds])]);
      } else setErrors({ ...NO_ERRORS, general: [failureText(error)] });
      setAttempt((a) => a + 1);
    } finally {
      setBusy(false);
    }
  }

  const items = [
    ...Object.entries(errors.byInput).flatMap(([id, messages]) =>
      messages.map((message) => ({
        target: id,
        text: t('ledgerOffice.settings.errorAt', { where: inputLabel(id), message }),
      })),
    ),
    ...(expiryError
      ? [
          {
            target: EXPIRY_ID,
            text: t('ledgerOffice.settings.errorAt', {
              where: t('ledgerOffice.settings.expiry'),
              message: expiryError,
            }),
          },
        ]
      : []),
  ];
  const qrErrors = errors.byInput[QR_LAYOUT_ID];

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <ErrorSummary
        title={t('ledgerOffice.settings.errors')}
        items={items}
        general={errors.general.join(' ') || null}
        focusKey={attempt}
      />
      {saved && (
        <p role="status" className="notice office-done">
          {t('ledgerOffice.settings.saved')}
        </p>
      )}

      <section className="office-panel" aria-labelledby="settings-qr">
        <h2 id="settings-qr">{t('ledgerOffice.settings.qrSection')}</h2>
        <div className="field">
          <label htmlFor={QR_LAYOUT_ID}>{t('ledgerOffice.settings.qr')}</label>
          <span className="hint" id={ids.qrHint}>
            {t('ledgerOffice.settings.qr.hint')}
          </span>
          <span className="hint" id={ids.qrDefault}>
            {t('ledgerOffice.settings.qr.default')}
          </span>
          <div className="office-qr-row">
            <input
              id={QR_LAYOUT_ID}
              className="office-mono"
              value={layout}
              onChange={(e) => {
                setSaved(false);
                setLayout(e.target.value);
              }}
              aria-describedby={[ids.qrHint, ids.qrDefault, qrErrors ? `${QR_LAYOUT_ID}-error` : '']
                .filter(Boolean)
                .join(' ')}
              aria-invalid={qrErrors ? true : undefined}
              autoComplete="off"
              spellCheck={false}
            />
            <button type="button" className="office-secondary" onClick={() => setLayout('jlis-qr-v1')}>
              {t('ledgerOffice.settings.qr.reset')}
            </button>
          </div>
          {qrErrors && (
            <span className="field-error" id={`${QR_LAYOUT_ID}-error`}>
              {qrErrors.join(' ')}
            </span>
          )}
        </div>
        <details className="office-headers">
          <summary>{t('ledgerOffice.settings.qr.fields')}</summary>
          <ul className="office-field-names">
            {QR_FIELDS.map((key) => (
              <li key={key}>
                <code>{key}</code> {DEFAULT_HEADERS[key]}
              </li>
            ))}
            <li>
              <code>skip</code> {t('ledgerOffice.settings.qr.skip')}
            </li>
          </ul>
        </details>
      </section>

      <section className="office-panel" aria-labelledby={ids.batches}>
        <h2 id={ids.batches}>{t('ledgerOffice.settings.batchSection')}</h2>
        <Field
          id={EXPIRY_ID}
          label={t('ledgerOffice.settings.expiry')}
          hint={t('ledgerOffice.settings.expiry.hint')}
          error={expiryError}
        >
          {(props) => (
            <input
              {...props}
              className="office-hours"
              type="number"
              inputMode="numeric"
              min={EXPIRY_MIN}
              max={EXPIRY_MAX}
              step={1}
              value={expiry}
              onChange={(e) => {
                setSaved(false);
                setExpiry(e.target.value);
              }}
            />
          )}
        </Field>
      </section>

      <section className="office-panel" aria-labelledby={ids.mappings}>
        <h2 id={ids.mappings}>{t('ledgerOffice.settings.mappings')}</h2>
        <p className="hint">{t('ledgerOffice.settings.mappings.body')}</p>
        {IMPORT_KINDS.map((kind) => (
          <KindTable
            key={kind}
            kind={kind}
            values={form[kind]}
            count={overrideCount(form, kind)}
            open={open.includes(kind)}
            onToggle={(isOpen) =>
              setOpen((was) => (isOpen ? [...new Set([...was, kind])] : was.filter((k) => k !== kind)))
            }
            errors={errors.byInput}
            onChange={setHeader}
          />
        ))}
      </section>

      <div className="office-actions">
        <button type="submit" disabled={busy}>
          {busy ? t('ledgerOffice.settings.saving') : t('ledgerOffice.settings.save')}
        </button>
      </div>
    </form>
  );
}

function KindTable({
  kind,
  values,
  count,
  open,
  onToggle,
  errors,
  onChange,
}: {
  kind: ImportKind;
  values: Record<string, string>;
  count: number;
  open: boolean;
  onToggle: (open: boolean) => void;
  errors: Record<string, string[]>;
  onChange: (kind: ImportKind, key: string, value: string) => void;
}) {
  const kindLabel = t(`ledgerOffice.settings.kind.${kind}`);
  return (
    <details className="office-kind" open={open} onToggle={(e) => onToggle(e.currentTarget.open)}>
      <summary>
        {kindLabel}
        {count > 0 && <span className="office-badge">{t('ledgerOffice.settings.overrides', { count })}</span>}
      </summary>
      <table className="office-table office-table-fit office-mapping">
        <caption className="office-visually-hidden">{t('ledgerOffice.settings.caption', { kind: kindLabel })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('ledgerOffice.settings.col.key')}</th>
            <th scope="col">{t('ledgerOffice.settings.col.default')}</th>
            <th scope="col">{t('ledgerOffice.settings.col.mine')}</th>
          </tr>
        </thead>
        <tbody>
          {COLUMNS[kind].map((key) => {
            const id = mappingInputId(kind, key);
            const own = errors[id];
            return (
              <tr key={key}>
                <td>
                  <code>{key}</code>
                </td>
                <th scope="row">
                  {DEFAULT_HEADERS[key]}
                  {REQUIRED[kind].includes(key) && (
                    <span className="office-required">{t('ledgerOffice.imports.headers.requiredMark')}</span>
                  )}
                </th>
                <td>
                  <input
                    id={id}
                    value={values[key] ?? ''}
                    onChange={(e) => onChange(kind, key, e.target.value)}
                    aria-label={t('ledgerOffice.settings.inputLabel', {
                      header: DEFAULT_HEADERS[key] ?? key,
                      kind: kindLabel,
                    })}
                    aria-describedby={own ? `${id}-error` : undefined}
                    aria-invalid={own ? true : undefined}
                    maxLength={50}
                    autoComplete="off"
                  />
                  {own && (
                    <span className="field-error" id={`${id}-error`}>
                      {own.join(' ')}
                    </span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </details>
  );
}
