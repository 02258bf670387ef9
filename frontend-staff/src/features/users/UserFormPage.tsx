import { useId, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { Role } from '../../api/client';
import { ApiError } from '../../../../frontend-shared/api/problem';
import { useSession } from '../../app/session';
import { t } from '../../i18n/t';
import { ErrorSummary, type ErrorItem } from '../../components/ErrorSummary';
import { Field } from '../../components/Field';
import { useCreateUser, useUpdateUser, useUser } from './api';
import { ROLES, roleLabel, usersError, type StaffUser } from './labels';
import { UserAccountActions } from './UserAccountActions';
import {
  hasProblems,
  normaliseLoginId,
  validateUserForm,
  type FieldProblems,
  type PasswordRules,
  type UserFormValues,
} from './validation';
import './users.css';

type FormField = keyof FieldProblems;

function asApiError(e: unknown): ApiError {
  return e instanceof ApiError ? e : new ApiError(0, 'generic');
}

/** Problems the server reported, by field; refusals that belong to no field come back apart. */
export function serverProblems(error: ApiError): { fields: FieldProblems; general: string[] } {
  const fields: FieldProblems = {};
  const general: string[] = [];
  const add = (field: FormField, text: string) => {
    const list = fields[field] ?? [];
    if (!list.includes(text)) list.push(text);
    fields[field] = list;
  };
  for (const e of error.errors) {
    if (e.field === 'login_id' || e.field === 'name' || e.field === 'roles' || e.field === 'password')
      add(e.field, usersError(e.code));
    else general.push(usersError(e.code));
  }
  if (error.code === 'user.login_id_taken') add('login_id', usersError(error.code));
  else if (error.errors.length === 0) general.push(usersError(error.status === 0 ? 'network' : error.code));
  return { fields, general };
}

export function UserFormPage() {
  const { id } = useParams();
  const [generation, setGeneration] = useState(0);
  const existing = useUser(id);

  if (id === undefined) return <UserForm key="new" initial={null} onReload={() => undefined} />;

  const heading = (
    <h1 id="page-heading" tabIndex={-1}>
      {t('users.form.editTitle')}
    </h1>
  );
  if (existing.isPending) {
    return (
      <section aria-labelledby="page-heading" className="users-page">
        {heading}
        <p role="status">{t('users.form.loading')}</p>
      </section>
    );
  }
  if (existing.isError) {
    const error = asApiError(existing.error);
    return (
      <section aria-labelledby="page-heading" className="users-page">
        {heading}
        <p className="users-alert" role="alert">
          {error.status === 404 ? t('users.form.notFound') : usersError(error.status === 0 ? 'network' : error.code)}
        </p>
        <p>
          <Link to="..">{t('users.form.back')}</Link>
        </p>
      </section>
    );
  }
  return (
    <UserForm
      key={`${id}-${generation}`}
      initial={existing.data}
      onReload={async () => {
        await existing.refetch();
        setGeneration((g) => g + 1);
      }}
    />
  );
}

function UserForm({ initial, onReload }: { initial: StaffUser | null; onReload: () => void | Promise<void> }) {
  const creating = initial === null;
  const { user: me } = useSession();
  const navigate = useNavigate();
  const createUser = useCreateUser();
  const updateUser = useUpdateUser();
  const rules: PasswordRules = me?.password_policy ?? { min_length: 12, min_classes: 2 };
  const [values, setValues] = useState<UserFormValues>({
    loginId: initial?.login_id ?? '',
    name: initial?.name ?? '',
    roles: initial ? [...initial.roles] : [],
    password: '',
    passwordConfirm: '',
    disabled: initial?.disabled ?? false,
  });
  const [current, setCurrent] = useState<StaffUser | null>(initial);
  const [problems, setProblems] = useState<FieldProblems>({});
  const [general, setGeneral] = useState<string[]>([]);
  const [conflict, setConflict] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const base = useId();
  const fieldId = (field: FormField) => `${base}-${field}`;
  const isSelf = current !== null && current.id === me?.id;

  function set<K extends keyof UserFormValues>(key: K, value: UserFormValues[K]) {
    setValues((v) => ({ ...v, [key]: value }));
  }

  function toggleRole(role: Role, on: boolean) {
    setValues((v) => ({
      ...v,
      roles: on ? ROLES.filter((r) => r === role || v.roles.includes(r)) : v.roles.filter((r) => r !== role),
    }));
  }

  function fail(fields: FieldProblems, generalMessages: string[], versionConflict = false) {
    setProblems(fields);
    setGeneral(generalMessages);
    setConflict(versionConflict);
    setAttempt((a) => a + 1);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found = validateUserForm(values, creating, rules);
    if (hasProblems(found)) {
      fail(found, []);
      return;
    }
    setBusy(true);
    try {
      let saved: StaffUser;
      if (creating) {
        saved = await createUser.mutateAsync({
          body: {
            login_id: normaliseLoginId(values.loginId),
            name: values.name.trim(),
            roles: values.roles,
            password: values.password,
            disabled: values.disabled,
          },
        });
      } else {
        saved = await updateUser.mutateAsync({
          params: { path: { id: current!.id } },
          body: {
            name: values.name.trim(),
            roles: values.roles,
            disabled: values.disabled,
            version: current!.version,
          },
        });
      }
      void navigate('/users', {
        state: { notice: t(creating ? 'users.form.created' : 'users.form.saved', { login: saved.login_id }) },
      });
    } catch (e) {
      const error = asApiError(e);
      const found = serverProblems(error);
      fail(found.fields, found.general, error.code === 'user.version_conflict');
      setValues((v) => ({ ...v, password: '', passwordConfirm: '' }));
    } finally {
      setBusy(false);
    }
  }

  const labels: Record<FormField, string> = {
    login_id: t('users.form.loginId'),
    name: t('users.form.name'),
    roles: t('users.form.roles'),
    password: t('users.form.password'),
    password_confirm: t('users.form.passwordConfirm'),
  };
  const order: FormField[] = ['login_id', 'name', 'roles', 'password', 'password_confirm'];
  const summary: ErrorItem[] = [
    ...general.map((text) => ({ text })),
    ...order.flatMap((field) =>
      (problems[field] ?? []).map((text) => ({
        target:
          field === 'roles'
            ? `${fieldId('roles')}-${ROLES.find((r) => values.roles.includes(r)) ?? 'admin'}`
            : fieldId(field),
        text: `${labels[field]}: ${text}`,
      })),
    ),
  ];
  const showSummary = attempt > 0 && summary.length > 0;

  const errorsOf = (field: FormField) => problems[field] ?? [];
  const describedBy = (field: FormField, hint?: string) =>
    [hint, errorsOf(field).length > 0 ? `${fieldId(field)}-error` : undefined].filter(Boolean).join(' ') || undefined;
  const errorText = (field: FormField) => (errorsOf(field).length > 0 ? errorsOf(field).join(' ') : undefined);
  const fieldErrors = (field: FormField) =>
    errorsOf(field).length > 0 ? (
      <span className="field-error" id={`${fieldId(field)}-error`}>
        {errorsOf(field).join(' ')}
      </span>
    ) : null;

  return (
    <section aria-labelledby="page-heading" className="users-page">
      <p className="users-back">
        <Link to="/users">{t('users.form.back')}</Link>
      </p>
      <h1 id="page-heading">{creating ? t('users.form.newTitle') : t('users.form.editTitle')}</h1>
      {!creating && current && (
        <p className="users-subject">
          {current.name}（{current.login_id}）
        </p>
      )}
      {showSummary && (
        <ErrorSummary
          title={
            general.length > 0 && order.every((f) => errorsOf(f).length === 0)
              ? t('users.form.refused')
              : t('users.form.errorSummary')
          }
          items={summary}
          focusKey={attempt}
          listClassName="users-error-list"
        >
          {conflict && (
            <button type="button" className="users-button-secondary" onClick={() => void onReload()}>
              {t('users.form.reload')}
            </button>
          )}
        </ErrorSummary>
      )}
      {isSelf && <p className="notice">{t('users.form.self')}</p>}

      <div className={creating ? undefined : 'users-edit-layout'}>
        <form onSubmit={submit} noValidate className="users-form">
          {creating ? (
            <Field
              id={fieldId('login_id')}
              label={labels.login_id}
              hint={t('users.form.loginId.hint')}
              error={errorText('login_id')}
            >
              {(props) => (
                <input
                  {...props}
                  value={values.loginId}
                  onChange={(e) => set('loginId', e.target.value)}
                  autoComplete="off"
                  spellCheck={false}
                />
              )}
            </Field>
          ) : (
            <div className="field">
              <span className="users-label">{labels.login_id}</span>
              <span className="users-fixed">{current?.login_id}</span>
              <span className="hint">{t('users.form.loginId.fixed')}</span>
            </div>
          )}

          <Field id={fieldId('name')} label={labels.name} hint={t('users.form.name.hint')} error={errorText('name')}>
            {(props) => (
              <input {...props} value={values.name} onChange={(e) => set('name', e.target.value)} autoComplete="off" />
            )}
          </Field>

          <fieldset
            className="users-roles"
            aria-describedby={describedBy('roles', `${fieldId('roles')}-hint`)}
            aria-invalid={errorsOf('roles').length > 0 || undefined}
          >
            <legend>{labels.roles}</legend>
            <span className="hint" id={`${fieldId('roles')}-hint`}>
              {t('users.form.roles.hint')}
            </span>
            {ROLES.map((role) => (
              <div key={role} className="users-check">
                <input
                  type="checkbox"
                  id={`${fieldId('roles')}-${role}`}
                  checked={values.roles.includes(role)}
                  onChange={(e) => toggleRole(role, e.target.checked)}
                  aria-describedby={`${fieldId('roles')}-${role}-hint`}
                />
                <div>
                  <label htmlFor={`${fieldId('roles')}-${role}`}>{roleLabel(role)}</label>
                  <span className="hint users-check-hint" id={`${fieldId('roles')}-${role}-hint`}>
                    {t(`users.form.roleHint.${role}`)}
                  </span>
                </div>
              </div>
            ))}
            {fieldErrors('roles')}
          </fieldset>

          {creating && (
            <>
              <Field
                id={fieldId('password')}
                label={labels.password}
                hint={t('users.form.passwordRules', { length: rules.min_length, classes: rules.min_classes })}
                error={errorText('password')}
              >
                {(props) => (
                  <input
                    {...props}
                    type="password"
                    autoComplete="new-password"
                    value={values.password}
                    onChange={(e) => set('password', e.target.value)}
                  />
                )}
              </Field>
              <Field
                id={fieldId('password_confirm')}
                label={labels.password_confirm}
                error={errorText('password_confirm')}
              >
                {(props) => (
                  <input
                    {...props}
                    type="password"
                    autoComplete="new-password"
                    value={values.passwordConfirm}
                    onChange={(e) => set('passwordConfirm', e.target.value)}
                  />
                )}
              </Field>
            </>
          )}

          <fieldset className="users-roles">
            <legend>{t('users.form.state')}</legend>
            <div className="users-check">
              <input
                type="checkbox"
                id={`${base}-disabled`}
                checked={values.disabled}
                onChange={(e) => set('disabled', e.target.checked)}
              />
              <label htmlFor={`${base}-disabled`}>{t('users.form.disabled')}</label>
            </div>
          </fieldset>

          <div className="users-form-actions">
            <button type="submit" disabled={busy}>
              {busy ? t('users.form.saving') : creating ? t('users.form.create') : t('users.form.save')}
            </button>
            <Link className="users-button users-button-secondary" to="/users">
              {t('users.form.cancel')}
            </Link>
          </div>
        </form>

        {!creating && current && (
          <UserAccountActions user={current} isSelf={isSelf} rules={rules} onChanged={setCurrent} />
        )}
      </div>
    </section>
  );
}
