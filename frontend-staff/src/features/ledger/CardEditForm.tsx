// 内容の編集: notes, 申し送り, storage location and the fields J-LIS's QR code leaves out
// (reading, postal code, expiry dates…), saved with the version the clerk saw.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { ErrorSummary } from '../../components/ErrorSummary';
import { Field } from '../../components/Field';
import { t } from '../../i18n/t';
import { usePatchCard, type LedgerCard, type LedgerCardDetails } from './api';
import { EDIT_DATES, editForm, editPatch, type EditForm } from './cardEdit';
import { asApiError, fieldLabel, fieldMessages, problemMessage } from './labels';
import { StorageSelect } from './storage';

type Key = keyof EditForm;

export function CardEditForm({
  card,
  onSaved,
  onCancel,
  onStale,
}: {
  card: LedgerCard;
  onSaved: (details: LedgerCardDetails) => void;
  onCancel: () => void;
  onStale: () => Promise<void>;
}) {
  const [form, setForm] = useState<EditForm>(() => editForm(card));
  const [busy, setBusy] = useState(false);
  const patchCard = usePatchCard();
  const [problem, setProblem] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [attempt, setAttempt] = useState(0);
  const prefix = useId();
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const idOf = (key: string) => `${prefix}-${key}`;
  const set = (key: Key, value: string) => setForm((f) => ({ ...f, [key]: value }));

  useEffect(() => {
    heading.current?.focus();
  }, []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const patch = editPatch(card, form);
    if (!patch) {
      setProblem(t('ledger.card.editNothing'));
      setAttempt((n) => n + 1);
      return;
    }
    setBusy(true);
    setProblem(null);
    setFields({});
    try {
      onSaved(await patchCard.mutateAsync({ params: { path: { id: card.id } }, body: patch }));
    } catch (e) {
      const error = asApiError(e);
      if (error.code === 'ledger.changed_meanwhile') await onStale();
      if (error.status === 422 && error.errors.length > 0) setFields(fieldMessages(error));
      else setProblem(`${t('ledger.card.editFailed')}: ${problemMessage(error)}`);
      setAttempt((n) => n + 1);
    } finally {
      setBusy(false);
    }
  }

  const text = (key: Key, hint?: string, wide = false) => (
    <Field
      id={idOf(key)}
      label={fieldLabel(key)}
      hint={hint}
      error={fields[key]}
      className={wide ? 'ledger-wide' : undefined}
    >
      {(props) => <input {...props} value={form[key]} onChange={(e) => set(key, e.target.value)} autoComplete="off" />}
    </Field>
  );
  const area = (key: Key) => (
    <Field id={idOf(key)} label={fieldLabel(key)} error={fields[key]} className="ledger-wide">
      {(props) => <textarea {...props} value={form[key]} rows={3} onChange={(e) => set(key, e.target.value)} />}
    </Field>
  );
  const items = Object.entries(fields).map(([field, message]) => ({
    target: field in form ? idOf(field) : undefined,
    text: `${fieldLabel(field)}: ${message}`,
  }));

  return (
    <form className="ledger-edit" onSubmit={submit} noValidate aria-labelledby={headingId}>
      <h3 id={headingId} ref={heading} tabIndex={-1}>
        {t('ledger.card.editTitle')}
      </h3>
      <ErrorSummary title={t('ledger.card.editFailed')} items={items} general={problem} focusKey={attempt} />
      <div className="ledger-edit-grid">
        {area('notes')}
        {area('handover_notes')}
        <Field
          id={idOf('storage_location')}
          label={fieldLabel('storage_location')}
          hint={t('ledger.card.storageHint')}
          error={fields.storage_location}
        >
          {(props) => (
            <StorageSelect
              control={props}
              value={form.storage_location}
              onChange={(value) => set('storage_location', value)}
              emptyLabel={t('ledger.card.noStorage')}
            />
          )}
        </Field>
        {text('name_kana', t('ledger.card.kanaHint'))}
        {text('postal_code', t('ledger.card.postalHint'))}
        {text('address', undefined, true)}
        {EDIT_DATES.map((key) => (
          <Field key={key} id={idOf(key)} label={fieldLabel(key)} hint={t('ledger.card.dateHint')} error={fields[key]}>
            {(props) => <input {...props} type="date" value={form[key]} onChange={(e) => set(key, e.target.value)} />}
          </Field>
        ))}
        <Field id={idOf('reissuable')} label={fieldLabel('reissuable')} error={fields.reissuable}>
          {(props) => (
            <select {...props} value={form.reissuable} onChange={(e) => set('reissuable', e.target.value)}>
              <option value="">{t('ledger.card.reissuableUnset')}</option>
              <option value="true">{t('ledger.reissuable.true')}</option>
              <option value="false">{t('ledger.reissuable.false')}</option>
            </select>
          )}
        </Field>
        {text('reissue_reason', undefined, true)}
      </div>
      <div className="ledger-actions">
        <button type="submit" disabled={busy}>
          {t('ledger.card.editSave')}
        </button>
        <button type="button" className="ledger-secondary" onClick={onCancel} disabled={busy}>
          {t('ledger.cancel')}
        </button>
      </div>
    </form>
  );
}
