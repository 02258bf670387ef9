// Procedures: list, add, edit, with what each asks of the applicant.
import { useId, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError, fieldErrors } from '../../../../frontend-shared/api/problem';
import { t } from '../../i18n/t';
import type { MessageKey } from '../../i18n/ja';
import {
  asApiError,
  useProcedures,
  useCreateProcedure,
  useUpdateProcedure,
  type FieldRules,
  type Procedure,
  type ProcedureKind,
  type Requirement,
} from './api';
import { Field } from '../../components/Field';
import { ListOf, LoadFailed, Loading, OVERVIEW, Page, ProblemSummary, Saved, problemText } from './common';

const LIST = { to: '/settings/counters/procedures', label: t('schedule.procedures.title') };

export const FIELDS = [
  'management_number',
  'name',
  'name_kana',
  'birth_date',
  'address',
  'phone',
  'email',
] as const satisfies readonly (keyof FieldRules)[];
const KINDS: ProcedureKind[] = ['issuance', 'application', 'certificate', 'other'];
const REQUIREMENTS: { value: Requirement; label: MessageKey }[] = [
  { value: 'required', label: 'schedule.procedures.required' },
  { value: 'optional', label: 'schedule.procedures.optional' },
  { value: 'hidden', label: 'schedule.procedures.hiddenField' },
];

const fieldName = (field: keyof FieldRules) => t(`schedule.procedures.field.${field}` as MessageKey);
const kindName = (kind: ProcedureKind) => t(`schedule.procedures.kind.${kind}` as MessageKey);

/** The API's limit of the list of what to bring. */
const WHAT_TO_BRING_MAX = 1000;

/** A field's error in the editor: the limit named where the field has one of its own. */
export function procedureProblemText(field: string, code: string): string {
  if (field === 'what_to_bring' && code === 'validation.too_long')
    return t('schedule.procedures.whatToBring.tooLong', { max: WHAT_TO_BRING_MAX });
  return problemText(code);
}

/** A procedure must reach the resident: a phone number or a mail address is asked. */
export function hasContact(fields: FieldRules): boolean {
  return fields.phone !== 'hidden' || fields.email !== 'hidden';
}

export function ProceduresPage() {
  const procedures = useProcedures();
  return (
    <Page title={t('schedule.procedures.title')} trail={[OVERVIEW, LIST]}>
      <p>
        <Link to="/settings/counters/procedures/new" className="schedule-button-link">
          ＋ {t('schedule.procedures.add')}
        </Link>
      </p>
      <ListOf query={procedures} empty={t('schedule.procedures.empty')}>
        {(items) => (
          <table className="schedule-table">
            <thead>
              <tr>
                <th scope="col">{t('schedule.procedures.name')}</th>
                <th scope="col">{t('schedule.procedures.kind')}</th>
                <th scope="col">{t('schedule.procedures.asked')}</th>
                <th scope="col">{t('schedule.procedures.maxApplicants')}</th>
                <th scope="col">{t('schedule.procedures.status')}</th>
                <th scope="col">
                  <span className="schedule-visually-hidden">{t('schedule.edit')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((p) => (
                <tr key={p.id}>
                  <th scope="row">{p.name}</th>
                  <td>{kindName(p.kind)}</td>
                  <td>
                    {FIELDS.filter((f) => p.fields[f] === 'required')
                      .map(fieldName)
                      .join('、')}
                  </td>
                  <td>{t('schedule.procedures.people', { count: p.max_applicants })}</td>
                  <td>{p.active ? t('schedule.procedures.status.active') : t('schedule.procedures.status.stopped')}</td>
                  <td>
                    <Link to={`/settings/counters/procedures/${p.id}`} aria-label={`${p.name} ${t('schedule.edit')}`}>
                      {t('schedule.edit')}
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </ListOf>
    </Page>
  );
}

export function ProcedureEditPage() {
  const { id } = useParams();
  // Kept here: the form starts afresh from the saved version.
  const [saved, setSaved] = useState<string | null>(null);
  const procedures = useProcedures();
  if (procedures.isPending) return <Loading />;
  if (procedures.isError) return <LoadFailed error={procedures.error} />;
  const procedure = id ? procedures.data.find((p) => p.id === id) : undefined;
  if (id && !procedure) {
    return (
      <Page title={t('schedule.notFound')} trail={[OVERVIEW, LIST]}>
        <p>{t('schedule.notFound')}</p>
      </Page>
    );
  }
  const next = Math.max(0, ...procedures.data.map((p) => p.sort_order)) + 1;
  return (
    <ProcedureForm
      key={`${procedure?.id}-${procedure?.version}`}
      procedure={procedure}
      nextOrder={next}
      saved={saved}
      setSaved={setSaved}
    />
  );
}

const NEW_FIELDS: FieldRules = {
  management_number: 'hidden',
  name: 'required',
  name_kana: 'required',
  birth_date: 'required',
  address: 'hidden',
  phone: 'required',
  email: 'optional',
};

function ProcedureForm({
  procedure,
  nextOrder,
  saved,
  setSaved,
}: {
  saved: string | null;
  setSaved: (text: string | null) => void;
  procedure: Procedure | undefined;
  nextOrder: number;
}) {
  const [name, setName] = useState(procedure?.name ?? '');
  const [kind, setKind] = useState<ProcedureKind>(procedure?.kind ?? 'other');
  const [description, setDescription] = useState(procedure?.description ?? '');
  const [whatToBring, setWhatToBring] = useState(procedure?.what_to_bring ?? '');
  const [max, setMax] = useState(String(procedure?.max_applicants ?? 1));
  const [fields, setFields] = useState<FieldRules>(procedure?.fields ?? NEW_FIELDS);
  const [active, setActive] = useState(procedure?.active ?? true);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const createProcedure = useCreateProcedure();
  const updateProcedure = useUpdateProcedure();
  const navigate = useNavigate();
  const ids = {
    name: useId(),
    kind: useId(),
    description: useId(),
    whatToBring: useId(),
    max: useId(),
    active: useId(),
    activeHint: useId(),
    fields: useId(),
    fieldsHint: useId(),
  };
  const title = procedure ? t('schedule.procedures.editTitle', { name: procedure.name }) : t('schedule.procedures.new');
  const noContact = !hasContact(fields);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setSaved(null);
    if (noContact) {
      setError(
        new ApiError(422, 'validation.failed', undefined, [
          { field: 'fields', code: 'procedure.no_contact', message: '' },
        ]),
      );
      return;
    }
    setBusy(true);
    const body = {
      name,
      kind,
      description,
      what_to_bring: whatToBring,
      fields,
      max_applicants: Number(max) || 0,
      sort_order: procedure?.sort_order ?? nextOrder,
    };
    try {
      if (procedure) {
        await updateProcedure.mutateAsync({
          params: { path: { id: procedure.id } },
          body: { ...body, version: procedure.version, active },
        });
        setSaved(t('schedule.saved'));
      } else {
        await createProcedure.mutateAsync({ body });
        navigate('/settings/counters/procedures');
      }
    } catch (e) {
      setError(asApiError(e));
    } finally {
      setBusy(false);
    }
  }

  const fieldError = (field: string) => fieldErrors(error, field)[0];
  const errorText = (field: string) => {
    const e = fieldError(field);
    return e ? procedureProblemText(field, e.code) : undefined;
  };
  return (
    <Page
      title={title}
      trail={[
        OVERVIEW,
        LIST,
        {
          to: procedure ? `/settings/counters/procedures/${procedure.id}` : '/settings/counters/procedures/new',
          label: procedure?.name ?? t('schedule.procedures.new'),
        },
      ]}
      wide
    >
      {error && (
        <ProblemSummary
          error={error}
          fieldIds={{
            name: ids.name,
            description: ids.description,
            what_to_bring: ids.whatToBring,
            max_applicants: ids.max,
            fields: ids.fields,
          }}
        />
      )}
      <Saved text={saved} />
      <form onSubmit={submit} noValidate className="schedule-procedure-form">
        <div className="schedule-procedure-columns">
          <div>
            <Field
              id={ids.name}
              label={t('schedule.procedures.name')}
              hint={t('schedule.procedures.name.hint')}
              error={errorText('name')}
            >
              {(props) => <input {...props} value={name} maxLength={100} onChange={(e) => setName(e.target.value)} />}
            </Field>
            <div className="field">
              <label htmlFor={ids.kind}>{t('schedule.procedures.kind')}</label>
              <select id={ids.kind} value={kind} onChange={(e) => setKind(e.target.value as ProcedureKind)}>
                {KINDS.map((k) => (
                  <option key={k} value={k}>
                    {kindName(k)}
                  </option>
                ))}
              </select>
            </div>
            <Field
              id={ids.description}
              label={t('schedule.procedures.description')}
              hint={t('schedule.procedures.description.hint')}
              error={errorText('description')}
            >
              {(props) => (
                <textarea
                  {...props}
                  value={description}
                  rows={5}
                  maxLength={2000}
                  onChange={(e) => setDescription(e.target.value)}
                />
              )}
            </Field>
            <Field
              id={ids.whatToBring}
              label={t('schedule.procedures.whatToBring')}
              hint={t('schedule.procedures.whatToBring.hint')}
              error={errorText('what_to_bring')}
            >
              {(props) => (
                <textarea
                  {...props}
                  value={whatToBring}
                  rows={5}
                  maxLength={WHAT_TO_BRING_MAX}
                  onChange={(e) => setWhatToBring(e.target.value)}
                />
              )}
            </Field>
            <Field
              id={ids.max}
              label={t('schedule.procedures.maxApplicants')}
              hint={t('schedule.procedures.maxApplicants.hint')}
              error={errorText('max_applicants')}
              className="schedule-short"
            >
              {(props) => (
                <input
                  {...props}
                  type="number"
                  inputMode="numeric"
                  min={1}
                  max={10}
                  value={max}
                  onChange={(e) => setMax(e.target.value)}
                />
              )}
            </Field>
            {procedure && (
              <div className="field">
                <label className="schedule-check" htmlFor={ids.active}>
                  <input
                    id={ids.active}
                    type="checkbox"
                    checked={active}
                    aria-describedby={ids.activeHint}
                    onChange={(e) => setActive(e.target.checked)}
                  />
                  <span>{t('schedule.procedures.active')}</span>
                </label>
                <span id={ids.activeHint} className="hint">
                  {t('schedule.procedures.active.hint')}
                </span>
              </div>
            )}
          </div>
          <div>
            <table
              className="schedule-table schedule-fields"
              id={ids.fields}
              tabIndex={-1}
              aria-describedby={ids.fieldsHint}
            >
              <caption>{t('schedule.procedures.fields')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('schedule.procedures.fields.item')}</th>
                  {REQUIREMENTS.map((r) => (
                    <th scope="col" key={r.value}>
                      {t(r.label)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {FIELDS.map((field) => (
                  <tr key={field}>
                    <th scope="row">{fieldName(field)}</th>
                    {REQUIREMENTS.map((r) => (
                      <td key={r.value} className="schedule-radio-cell">
                        <input
                          type="radio"
                          name={`schedule-field-${field}`}
                          value={r.value}
                          checked={fields[field] === r.value}
                          aria-label={`${fieldName(field)}: ${t(r.label)}`}
                          onChange={() => setFields((f) => ({ ...f, [field]: r.value }))}
                        />
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
            <p id={ids.fieldsHint} className={noContact ? 'field-error' : 'hint'}>
              {noContact ? t('schedule.procedures.noContact') : t('schedule.procedures.fields.hint')}
            </p>
          </div>
        </div>
        <div className="schedule-actions">
          <button type="submit" disabled={busy}>
            {busy ? t('schedule.saving') : procedure ? t('schedule.save') : t('schedule.procedures.add')}
          </button>
          <Link to="/settings/counters/procedures">{t('schedule.back')}</Link>
        </div>
      </form>
    </Page>
  );
}
