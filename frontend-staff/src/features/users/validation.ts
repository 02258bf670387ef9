// Checks made before anything is sent, with the same rules as the server; the server
// checks again and its answer wins.
import type { Role } from '../../api/client';
import { t } from '../../i18n/t';

export interface PasswordRules {
  min_length: number;
  min_classes: number;
}

export const MAX_PASSWORD_LENGTH = 128;
const LOGIN_ID = /^[a-z0-9._@-]{1,64}$/;

/** As the server stores it: full-width letters folded, trimmed, lower case. */
export function normaliseLoginId(value: string): string {
  return value.normalize('NFKC').trim().toLowerCase();
}

/** Upper case, lower case, digits, symbols (a space is no symbol), as the server counts them. */
function characterClasses(password: string): number {
  return [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9\s]/].filter((pattern) => pattern.test(password)).length;
}

/** Every rule a new password breaks, as messages; empty when it is fine. */
export function passwordProblems(password: string, loginId: string, rules: PasswordRules): string[] {
  if (password === '') return [t('users.validation.required')];
  const problems: string[] = [];
  const length = [...password].length;
  if (length < rules.min_length) problems.push(t('users.validation.passwordTooShort', { length: rules.min_length }));
  if (length > MAX_PASSWORD_LENGTH) problems.push(t('users.validation.passwordTooLong'));
  if (characterClasses(password) < rules.min_classes)
    problems.push(t('users.validation.passwordClasses', { classes: rules.min_classes }));
  const login = normaliseLoginId(loginId);
  if (login !== '' && password.toLowerCase().includes(login))
    problems.push(t('users.validation.passwordContainsLogin'));
  return problems;
}

export interface UserFormValues {
  loginId: string;
  name: string;
  roles: Role[];
  password: string;
  passwordConfirm: string;
  disabled: boolean;
}

/** Field name (as the API names it) → messages. */
export type FieldProblems = Partial<Record<'login_id' | 'name' | 'roles' | 'password' | 'password_confirm', string[]>>;

/** Checks the form; `creating` adds the login ID and the first password. */
export function validateUserForm(values: UserFormValues, creating: boolean, rules: PasswordRules): FieldProblems {
  const problems: FieldProblems = {};
  if (creating) {
    const login = normaliseLoginId(values.loginId);
    if (login === '') problems.login_id = [t('users.validation.required')];
    else if (!LOGIN_ID.test(login)) problems.login_id = [t('users.validation.loginIdInvalid')];
  }
  const name = values.name.trim();
  if (name === '') problems.name = [t('users.validation.required')];
  else if ([...name].length > 100) problems.name = [t('users.validation.nameTooLong')];
  if (values.roles.length === 0) problems.roles = [t('users.validation.rolesRequired')];
  if (creating) {
    const password = passwordProblems(values.password, values.loginId, rules);
    if (password.length > 0) problems.password = password;
    else if (values.password !== values.passwordConfirm)
      problems.password_confirm = [t('users.validation.confirmMismatch')];
  }
  return problems;
}

/** Checks a password reset: the new password and its confirmation. */
export function validateReset(password: string, confirm: string, loginId: string, rules: PasswordRules): FieldProblems {
  const problems = passwordProblems(password, loginId, rules);
  if (problems.length > 0) return { password: problems };
  if (password !== confirm) return { password_confirm: [t('users.validation.confirmMismatch')] };
  return {};
}

export function hasProblems(problems: FieldProblems): boolean {
  return Object.values(problems).some((list) => list && list.length > 0);
}
