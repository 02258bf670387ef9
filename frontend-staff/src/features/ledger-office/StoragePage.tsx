// 保管場所: the boxes and shelves cards lie in, each with its number of cards (a link to
// them in the card search); a new one; an empty one removed.
import { useId, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../../../../frontend-shared/api/problem';
import { ErrorSummary } from '../../components/ErrorSummary';
import { Field } from '../../components/Field';
import { t } from '../../i18n/t';
import { useCreateStorageLocation, useDeleteStorageLocation, useStorageLocations, type StorageLocation } from './api';
import { OfficeNav } from './components';
import { cardsInStorage } from './links';
import { failureText, officeError } from './labels';
import './ledger-office.css';

export function StoragePage() {
  const locations = useStorageLocations();
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <section aria-labelledby="page-heading" className="office-page">
      <OfficeNav />
      <h1 id="page-heading">{t('ledgerOffice.storage.title')}</h1>
      <p className="office-intro">{t('ledgerOffice.storage.intro')}</p>
      <p role="status" className={notice ? 'notice office-done' : 'office-visually-hidden'}>
        {notice ?? ''}
      </p>
      {locations.isPending && <p role="status">{t('ledgerOffice.loading')}</p>}
      {locations.isError && (
        <p className="office-alert" role="alert">
          {failureText(locations.error)}
        </p>
      )}
      {locations.data && <StorageTable locations={locations.data} onNotice={setNotice} />}
      <CreateForm onCreated={(name) => setNotice(t('ledgerOffice.storage.created', { name }))} />
    </section>
  );
}

function StorageTable({ locations, onNotice }: { locations: StorageLocation[]; onNotice: (text: string) => void }) {
  const deleteStorageLocation = useDeleteStorageLocation();
  const [confirming, setConfirming] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<{ id: string; text: string } | null>(null);

  if (locations.length === 0) return <p className="office-panel">{t('ledgerOffice.storage.empty')}</p>;

  async function remove(location: StorageLocation) {
    setBusy(true);
    try {
      await deleteStorageLocation.mutateAsync({ params: { path: { id: location.id } } });
      setConfirming(null);
      setRefusal(null);
      onNotice(t('ledgerOffice.storage.deleted', { name: location.name }));
      // The row is gone: focus moves to the page heading rather than nowhere.
      document.getElementById('page-heading')?.focus();
    } catch (error) {
      // 409 ledger.storage_not_empty: a card was filed here since the list was read.
      const text = error instanceof ApiError && error.status !== 0 ? officeError(error.code) : failureText(error);
      setRefusal({ id: location.id, text });
      setConfirming(null);
    } finally {
      setBusy(false);
    }
  }

  return (
    <table className="office-table office-storage">
      <caption className="office-caption">{t('ledgerOffice.storage.caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('ledgerOffice.storage.col.name')}</th>
          <th scope="col">{t('ledgerOffice.storage.col.description')}</th>
          <th scope="col" className="office-num">
            {t('ledgerOffice.storage.col.cards')}
          </th>
          <th scope="col">{t('ledgerOffice.storage.col.actions')}</th>
        </tr>
      </thead>
      <tbody>
        {locations.map((location) => {
          const whyId = `storage-why-${location.id}`;
          const full = location.cards > 0;
          return (
            <tr key={location.id}>
              <th scope="row">{location.name}</th>
              <td>{location.description || t('ledgerOffice.none')}</td>
              <td className="office-num">
                {full ? (
                  <Link
                    to={cardsInStorage(location.name)}
                    aria-label={t('ledgerOffice.storage.cardsLink', { name: location.name, count: location.cards })}
                  >
                    {t('ledgerOffice.storage.cards', { count: location.cards })}
                  </Link>
                ) : (
                  t('ledgerOffice.storage.cards', { count: 0 })
                )}
              </td>
              <td className="office-row-actions">
                {confirming === location.id ? (
                  <span
                    className="office-confirm"
                    role="group"
                    aria-label={t('ledgerOffice.storage.confirm', { name: location.name })}
                  >
                    <span>{t('ledgerOffice.storage.confirm', { name: location.name })}</span>
                    <button
                      type="button"
                      className="office-danger office-small"
                      disabled={busy}
                      onClick={() => void remove(location)}
                    >
                      {busy ? t('ledgerOffice.storage.deleting') : t('ledgerOffice.storage.confirmYes')}
                    </button>
                    <button
                      type="button"
                      className="office-secondary office-small"
                      disabled={busy}
                      onClick={() => setConfirming(null)}
                      autoFocus
                    >
                      {t('ledgerOffice.storage.confirmNo')}
                    </button>
                  </span>
                ) : (
                  <>
                    <button
                      type="button"
                      className="office-secondary office-small"
                      disabled={full}
                      aria-describedby={full ? whyId : undefined}
                      aria-label={t('ledgerOffice.storage.deleteLabel', { name: location.name })}
                      onClick={() => {
                        setRefusal(null);
                        setConfirming(location.id);
                      }}
                    >
                      {t('ledgerOffice.storage.delete')}
                    </button>
                    {full && (
                      <span className="hint office-why" id={whyId}>
                        {t('ledgerOffice.storage.notEmpty')}
                      </span>
                    )}
                  </>
                )}
                {refusal?.id === location.id && (
                  <span className="office-alert office-why" role="alert">
                    {refusal.text}
                  </span>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

interface CreateErrors {
  name?: string | undefined;
  description?: string | undefined;
  general?: string | undefined;
}

function CreateForm({ onCreated }: { onCreated: (name: string) => void }) {
  const createStorageLocation = useCreateStorageLocation();
  const ids = { heading: useId(), name: useId(), description: useId() };
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [errors, setErrors] = useState<CreateErrors>({});
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const nameInput = useRef<HTMLInputElement | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const trimmed = name.trim();
    if (!trimmed || trimmed.length > 50 || description.trim().length > 200) {
      setErrors({
        name: !trimmed
          ? t('ledgerOffice.error.validation.required')
          : trimmed.length > 50
            ? t('ledgerOffice.error.validation.too_long')
            : undefined,
        description: description.trim().length > 200 ? t('ledgerOffice.error.validation.too_long') : undefined,
      });
      setAttempt((a) => a + 1);
      return;
    }
    setBusy(true);
    try {
      const created = await createStorageLocation.mutateAsync({
        body: { name: trimmed, description: description.trim() },
      });
      setErrors({});
      setName('');
      setDescription('');
      onCreated(created.name);
      nameInput.current?.focus();
    } catch (error) {
      if (error instanceof ApiError && error.code === 'ledger.storage_exists')
        setErrors({ name: officeError(error.code) });
      else if (error instanceof ApiError && error.errors.length > 0) {
        const found: CreateErrors = {};
        for (const e of error.errors) {
          const text = officeError(e.code);
          if (e.field === 'name' || e.field === 'description') found[e.field] ??= text;
          else found.general = text;
        }
        setErrors(found);
      } else setErrors({ general: failureText(error) });
      setAttempt((a) => a + 1);
    } finally {
      setBusy(false);
    }
  }

  const items = [
    ...(errors.name ? [{ target: ids.name, text: `${t('ledgerOffice.storage.name')}: ${errors.name}` }] : []),
    ...(errors.description
      ? [{ target: ids.description, text: `${t('ledgerOffice.storage.description')}: ${errors.description}` }]
      : []),
  ];

  return (
    <section aria-labelledby={ids.heading} className="office-panel office-storage-new">
      <h2 id={ids.heading}>{t('ledgerOffice.storage.new')}</h2>
      <ErrorSummary
        title={t('ledgerOffice.storage.errors')}
        items={items}
        general={errors.general}
        focusKey={attempt}
      />
      <form onSubmit={(e) => void submit(e)} noValidate className="office-inline-form">
        <Field
          id={ids.name}
          label={t('ledgerOffice.storage.name')}
          hint={t('ledgerOffice.storage.name.hint')}
          error={errors.name}
        >
          {(props) => (
            <input
              {...props}
              ref={nameInput}
              value={name}
              onChange={(e) => setName(e.target.value)}
              maxLength={50}
              autoComplete="off"
              required
            />
          )}
        </Field>
        <Field
          id={ids.description}
          label={t('ledgerOffice.storage.description')}
          hint={t('ledgerOffice.storage.description.hint')}
          error={errors.description}
        >
          {(props) => (
            <input
              {...props}
              value={description}
              onChange={(e) => setDescription(e.target.value)}
              maxLength={200}
              autoComplete="off"
            />
          )}
        </Field>
        <button type="submit" disabled={busy}>
          {busy ? t('ledgerOffice.storage.creating') : t('ledgerOffice.storage.create')}
        </button>
      </form>
    </section>
  );
}
