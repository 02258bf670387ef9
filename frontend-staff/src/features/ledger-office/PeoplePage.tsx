// 宛名・郵便番号: Japan Post's dictionary (to fill the postal codes an address list
// leaves out) and the person look-up (LED-16) by name and/or birth date in 和暦.
import { useId, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../../../../frontend-shared/api/problem';
import { Field } from '../../components/Field';
import { t } from '../../i18n/t';
import {
  useFindPeople,
  useImportPostalCodes,
  useLookupPostalCode,
  usePostalEntries,
  type Person,
  type PostalImportReport,
} from './api';
import { BadLines } from './BadLines';
import { BirthDate, FileField, OfficeNav, ResultHeading, useFileCheck } from './components';
import { cardsWithNumber } from './links';
import { encodingLabel, failureText, officeError, sexLabel } from './labels';
import { PersonName } from '../../components/PersonName';
import './ledger-office.css';

export function PeoplePage() {
  return (
    <section aria-labelledby="page-heading" className="office-page">
      <OfficeNav />
      <h1 id="page-heading">{t('ledgerOffice.people.title')}</h1>
      <p className="office-intro">
        {t('ledgerOffice.people.intro')} <Link to="/ledger/office/imports">{t('ledgerOffice.people.toImports')}</Link>
      </p>
      <PersonLookup />
      <PostalDictionary />
    </section>
  );
}

function PostalDictionary() {
  const ids = { file: useId(), heading: useId() };
  const importPostalCodes = useImportPostalCodes();
  const { outcome, busy, file, missingFile, fileInput, result, choose, run } = useFileCheck<PostalImportReport>(
    (bytes) => importPostalCodes(bytes),
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    // The dictionary has no dry run: it replaces the old one, all or nothing.
    void run(false);
  }

  return (
    <section aria-labelledby={ids.heading} className="office-panel">
      <h2 id={ids.heading}>{t('ledgerOffice.postal.title')}</h2>
      <p className="hint">{t('ledgerOffice.postal.body')}</p>
      <PostalSize />
      <form onSubmit={submit} noValidate className="office-file-row">
        <FileField
          id={ids.file}
          label={t('ledgerOffice.postal.file')}
          hint={t('ledgerOffice.postal.file.hint')}
          missing={missingFile}
          inputRef={fileInput}
          onChoose={choose}
          chosen={file}
        />
        <button type="submit" disabled={busy !== null}>
          {busy ? t('ledgerOffice.postal.uploading') : t('ledgerOffice.postal.upload')}
        </button>
      </form>
      <div className="office-result office-result-small" ref={result}>
        {outcome?.kind === 'bad' && (
          <BadLines
            errors={outcome.errors}
            total={outcome.total}
            kind="people"
            mappings={null}
            fileName={file?.name ?? ''}
          />
        )}
        {outcome?.kind === 'failed' && (
          <div className="error-summary" role="alert">
            <ResultHeading>{t('ledgerOffice.refused')}</ResultHeading>
            <p>{outcome.message}</p>
          </div>
        )}
        {outcome?.kind === 'applied' && (
          <p role="status" className="notice office-done">
            {t('ledgerOffice.postal.done', {
              entries: outcome.report.entries.toLocaleString('ja-JP'),
              encoding: encodingLabel(outcome.report.encoding),
            })}
          </p>
        )}
      </div>
      <PostalLookup />
    </section>
  );
}

/** What is there before anything is uploaded: a clerk sees whether the import is needed at all. */
function PostalSize() {
  const { data: entries } = usePostalEntries();
  // Nothing while it loads (or if it cannot be read): the upload below works either way.
  if (entries === undefined) return null;
  return (
    <p className="office-postal-size">
      {entries > 0
        ? t('ledgerOffice.postal.size', { entries: entries.toLocaleString('ja-JP') })
        : t('ledgerOffice.postal.empty')}
    </p>
  );
}

function PostalLookup() {
  const lookupPostalCode = useLookupPostalCode();
  const id = useId();
  const [address, setAddress] = useState('');
  const [answer, setAnswer] = useState<{ address: string; code: string | null } | { error: string } | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const text = address.trim();
    if (!text) {
      setAnswer({ error: t('ledgerOffice.error.validation.required') });
      return;
    }
    setBusy(true);
    try {
      setAnswer({ address: text, code: await lookupPostalCode(text) });
    } catch (error) {
      setAnswer({ error: failureText(error) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate className="office-subform">
      <h3>{t('ledgerOffice.postal.lookup')}</h3>
      <Field
        id={`${id}-address`}
        label={t('ledgerOffice.postal.address')}
        hint={t('ledgerOffice.postal.address.hint')}
        error={answer && 'error' in answer ? answer.error : undefined}
      >
        {(props) => (
          <input {...props} value={address} onChange={(e) => setAddress(e.target.value)} autoComplete="off" />
        )}
      </Field>
      <button type="submit" className="office-secondary" disabled={busy}>
        {t('ledgerOffice.postal.find')}
      </button>
      <p role="status" className="office-answer">
        {answer && 'address' in answer
          ? answer.code
            ? t('ledgerOffice.postal.found', { address: answer.address, code: answer.code })
            : t('ledgerOffice.postal.notFound', { address: answer.address })
          : ''}
      </p>
    </form>
  );
}

interface LookupErrors {
  name?: string;
  birth_date?: string;
  general?: string;
}

function PersonLookup() {
  const findPeople = useFindPeople();
  const ids = { heading: useId(), name: useId(), birth: useId() };
  const [name, setName] = useState('');
  const [birth, setBirth] = useState('');
  const [errors, setErrors] = useState<LookupErrors>({});
  const [people, setPeople] = useState<Person[] | null>(null);
  const [busy, setBusy] = useState(false);
  const results = useRef<HTMLHeadingElement>(null);
  const nameInput = useRef<HTMLInputElement | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!name.trim() && !birth.trim()) {
      setErrors({ name: t('ledgerOffice.lookup.needOne') });
      setPeople(null);
      nameInput.current?.focus();
      return;
    }
    setBusy(true);
    setErrors({});
    try {
      setPeople(await findPeople(name.trim(), birth.trim()));
      requestAnimationFrame(() => results.current?.focus());
    } catch (error) {
      setPeople(null);
      if (error instanceof ApiError && error.errors.length > 0) {
        const found: LookupErrors = {};
        for (const e of error.errors) {
          const text =
            e.code === 'validation.required'
              ? t('ledgerOffice.lookup.needOne')
              : e.field === 'birth_date'
                ? t('ledgerOffice.error.birth_date.invalid') + t('ledgerOffice.lookup.birth.hint')
                : officeError(e.code);
          if (e.field === 'name' || e.field === 'birth_date') found[e.field] ??= text;
          else found.general = text;
        }
        setErrors(found);
        document.getElementById(found.name ? ids.name : ids.birth)?.focus();
      } else {
        setErrors({ general: failureText(error) });
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby={ids.heading} className="office-panel office-lookup">
      <h2 id={ids.heading}>{t('ledgerOffice.lookup.title')}</h2>
      <p className="hint">{t('ledgerOffice.lookup.body')}</p>
      <form onSubmit={(e) => void submit(e)} noValidate className="office-lookup-form">
        <Field
          id={ids.name}
          label={t('ledgerOffice.lookup.name')}
          hint={t('ledgerOffice.lookup.name.hint')}
          error={errors.name}
        >
          {(props) => (
            <input
              {...props}
              ref={nameInput}
              value={name}
              onChange={(e) => setName(e.target.value)}
              autoComplete="off"
            />
          )}
        </Field>
        <Field
          id={ids.birth}
          label={t('ledgerOffice.lookup.birth')}
          hint={t('ledgerOffice.lookup.birth.hint')}
          error={errors.birth_date}
        >
          {(props) => <input {...props} value={birth} onChange={(e) => setBirth(e.target.value)} autoComplete="off" />}
        </Field>
        <button type="submit" disabled={busy}>
          {busy ? t('ledgerOffice.lookup.searching') : t('ledgerOffice.lookup.submit')}
        </button>
      </form>
      {(errors.name || errors.birth_date || errors.general) && (
        <p className="office-alert" role="alert">
          {errors.general ?? errors.name ?? errors.birth_date}
        </p>
      )}
      {people && (
        <div className="office-result">
          <h2 ref={results} tabIndex={-1}>
            {t('ledgerOffice.lookup.results')}
          </h2>
          <p role="status">
            {people.length === 0
              ? t('ledgerOffice.lookup.none')
              : people.length >= 50
                ? t('ledgerOffice.lookup.countMax', { count: people.length })
                : t('ledgerOffice.lookup.count', { count: people.length })}
          </p>
          {people.length > 0 && <PeopleTable people={people} />}
        </div>
      )}
    </section>
  );
}

function PeopleTable({ people }: { people: Person[] }) {
  return (
    <div className="office-scroll">
      <table className="office-table">
        <caption className="office-visually-hidden">{t('ledgerOffice.lookup.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('ledgerOffice.lookup.col.key')}</th>
            <th scope="col">{t('ledgerOffice.lookup.col.name')}</th>
            <th scope="col">{t('ledgerOffice.lookup.col.kana')}</th>
            <th scope="col">{t('ledgerOffice.lookup.col.birth')}</th>
            <th scope="col">{t('ledgerOffice.lookup.col.sex')}</th>
            <th scope="col">{t('ledgerOffice.lookup.col.postal')}</th>
            <th scope="col">{t('ledgerOffice.lookup.col.address')}</th>
            <th scope="col">{t('ledgerOffice.lookup.col.number')}</th>
          </tr>
        </thead>
        <tbody>
          {people.map((person) => (
            <tr key={person.id}>
              <td className="office-mono">{person.person_key}</td>
              <th scope="row">
                <PersonName name={person.name} />
              </th>
              <td>{person.name_kana ? <PersonName name={person.name_kana} /> : t('ledgerOffice.none')}</td>
              <td className="office-nowrap">
                <BirthDate date={person.birth_date} />
              </td>
              <td>{sexLabel(person.sex)}</td>
              <td className="office-mono office-nowrap">{person.postal_code ?? t('ledgerOffice.none')}</td>
              <td>{person.address ?? t('ledgerOffice.none')}</td>
              <td className="office-mono">
                {person.management_number ? (
                  <Link
                    to={cardsWithNumber(person.management_number)}
                    aria-label={t('ledgerOffice.lookup.searchCard', { number: person.management_number })}
                  >
                    {person.management_number}
                  </Link>
                ) : (
                  t('ledgerOffice.none')
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
