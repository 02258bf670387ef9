import { describe, expect, it } from 'vitest';
import {
  hasProblems,
  normaliseLoginId,
  passwordProblems,
  validateReset,
  validateUserForm,
  type UserFormValues,
} from './validation';

const rules = { min_length: 12, min_classes: 2 };
const good: UserFormValues = {
  loginId: 'sato.hanako',
  name: '佐藤 花子',
  roles: ['call_center'],
  password: 'Madoguchi 2026',
  passwordConfirm: 'Madoguchi 2026',
  disabled: false,
};

describe('user form validation', () => {
  it('accepts a complete new user', () => {
    expect(validateUserForm(good, true, rules)).toEqual({});
    expect(hasProblems(validateUserForm(good, true, rules))).toBe(false);
  });

  it('names every empty field of a new user', () => {
    const problems = validateUserForm(
      { loginId: ' ', name: '', roles: [], password: '', passwordConfirm: '', disabled: false },
      true,
      rules,
    );
    expect(problems.login_id).toEqual(['入力してください。']);
    expect(problems.name).toEqual(['入力してください。']);
    expect(problems.roles).toEqual(['権限を1つ以上選んでください。']);
    expect(problems.password).toEqual(['入力してください。']);
    expect(hasProblems(problems)).toBe(true);
  });

  it('folds full-width and upper-case login IDs as the server does, and refuses other characters', () => {
    expect(normaliseLoginId('　ＳＡＴＯ．ｔａｒｏ ')).toBe('sato.taro');
    expect(validateUserForm({ ...good, loginId: 'ＳＡＴＯ' }, true, rules).login_id).toBeUndefined();
    expect(validateUserForm({ ...good, loginId: 'sato taro' }, true, rules).login_id).toEqual([
      '半角英数字と . _ - @ だけで、64文字までで入力してください。',
    ]);
    expect(validateUserForm({ ...good, loginId: '佐藤' }, true, rules).login_id).toHaveLength(1);
    expect(validateUserForm({ ...good, loginId: 'a'.repeat(65) }, true, rules).login_id).toHaveLength(1);
  });

  it('limits the name to 100 characters', () => {
    expect(validateUserForm({ ...good, name: '山'.repeat(100) }, true, rules).name).toBeUndefined();
    expect(validateUserForm({ ...good, name: '山'.repeat(101) }, true, rules).name).toEqual([
      '100文字までで入力してください。',
    ]);
  });

  it("applies the tenant's password rules and names every broken one", () => {
    expect(passwordProblems('sato12', 'sato', { min_length: 12, min_classes: 3 })).toEqual([
      '12 文字以上にしてください。',
      '英小文字・英大文字・数字・記号のうち 3 種類以上を含めてください。',
      'ログインIDを含めることはできません。',
    ]);
    expect(passwordProblems('Madoguchi 2026', 'sato', { min_length: 16, min_classes: 3 })).toEqual([
      '16 文字以上にしてください。',
    ]);
    expect(passwordProblems('x'.repeat(120) + 'Y'.repeat(9), 'sato', rules)).toEqual(['128 文字までにしてください。']);
    expect(passwordProblems('Madoguchi 2026', 'sato', rules)).toEqual([]);
    expect(passwordProblems('madoguchi demo', 'admin', rules), 'a space is no symbol').toEqual([
      '英小文字・英大文字・数字・記号のうち 2 種類以上を含めてください。',
    ]);
    expect(passwordProblems('madoguchi-demo', 'admin', rules)).toEqual([]);
  });

  it('asks for the same password twice', () => {
    expect(validateUserForm({ ...good, passwordConfirm: 'Madoguchi 2025' }, true, rules)).toEqual({
      password_confirm: ['確認のパスワードが一致しません。'],
    });
  });

  it('checks neither login ID nor password when editing', () => {
    expect(validateUserForm({ ...good, loginId: '', password: '', passwordConfirm: '' }, false, rules)).toEqual({});
    expect(validateUserForm({ ...good, roles: [] }, false, rules)).toEqual({
      roles: ['権限を1つ以上選んでください。'],
    });
  });

  it('checks a password reset against the user being reset', () => {
    expect(validateReset('Callcenter 2026', 'Callcenter 2026', 'callcenter', rules).password).toEqual([
      'ログインIDを含めることはできません。',
    ]);
    expect(validateReset('New Counter 2026', 'New Counter 2027', 'callcenter', rules)).toEqual({
      password_confirm: ['確認のパスワードが一致しません。'],
    });
    expect(validateReset('New Counter 2026', 'New Counter 2026', 'callcenter', rules)).toEqual({});
  });
});
