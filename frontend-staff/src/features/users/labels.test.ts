import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../../frontend-shared/api/problem';
import { badLines, encodingLabel, summaryText } from './importReport';
import { exportPath } from './UserListPage';
import {
  columnLabel,
  formatTokyoDate,
  importActionLabel,
  lockedLabel,
  roleLabel,
  rolesLabel,
  stateLabel,
  usersError,
  userStateLabel,
  userStates,
} from './labels';
import { serverProblems } from './UserFormPage';

describe('role labels', () => {
  it('names each role in Japanese', () => {
    expect(roleLabel('admin')).toBe('システム管理者');
    expect(roleLabel('call_center')).toBe('コールセンター');
    expect(roleLabel('ledger')).toBe('カード管理簿担当');
    expect(roleLabel('viewer')).toBe('閲覧');
  });

  it('lists several roles in the usual order, whatever order the API used', () => {
    expect(rolesLabel(['viewer', 'admin', 'call_center'])).toBe('システム管理者、コールセンター、閲覧');
    expect(rolesLabel([])).toBe('');
  });
});

describe('user state', () => {
  it('is 有効, 無効 or ロック中, and a disabled account may be locked too', () => {
    expect(userStates({ disabled: false, locked: false }).map(stateLabel)).toEqual(['有効']);
    expect(userStates({ disabled: true, locked: false }).map(stateLabel)).toEqual(['無効']);
    expect(userStates({ disabled: false, locked: true }).map(stateLabel)).toEqual(['ロック中']);
    expect(userStates({ disabled: true, locked: true }).map(stateLabel)).toEqual(['無効', 'ロック中']);
  });

  it('says until when a lock holds, in Japan time, with the day when it is not today', () => {
    // 2026-05-01 22:00 in Japan.
    const now = new Date('2026-05-01T13:00:00Z');
    expect(lockedLabel('2026-05-01T14:30:00Z', now)).toBe('ロック中（23:30 まで）');
    expect(lockedLabel('2026-05-02T00:05:00Z', now)).toBe('ロック中（5/2 09:05 まで）');
    expect(lockedLabel(null, now)).toBe('ロック中');
    expect(lockedLabel('not a time', now)).toBe('ロック中');
    const user = { locked_until: '2026-05-01T14:30:00Z' };
    expect(userStates({ disabled: true, locked: true }).map((state) => userStateLabel(state, user, now))).toEqual([
      '無効',
      'ロック中（23:30 まで）',
    ]);
  });
});

describe('dates', () => {
  it('are shown in Japan time', () => {
    expect(formatTokyoDate('2026-03-31T15:30:00Z')).toBe('2026/04/01');
  });
});

describe('server refusals', () => {
  it('translate this feature’s codes and fall back to the shared ones', () => {
    expect(usersError('user.last_admin')).toContain('システム管理者が1人もいなくなる');
    expect(usersError('auth.forbidden')).toBe('この操作を行う権限がありません。');
    expect(usersError('something.new')).toBe('エラーが発生しました。時間をおいてもう一度お試しください。');
  });

  it('put a taken login ID beside the field and a last-administrator refusal at the top', () => {
    expect(serverProblems(new ApiError(409, 'user.login_id_taken'))).toEqual({
      fields: { login_id: ['このログインIDはすでに使われています。別のログインIDにしてください。'] },
      general: [],
    });
    const lastAdmin = serverProblems(new ApiError(409, 'user.last_admin'));
    expect(lastAdmin.fields).toEqual({});
    expect(lastAdmin.general[0]).toContain('システム管理者');
    const invalid = serverProblems(
      new ApiError(422, 'validation.failed', undefined, [
        { field: 'password', code: 'password.too_short', message: '' },
        { field: 'password', code: 'password.contains_login_id', message: '' },
        { field: 'roles', code: 'role.required', message: '' },
      ]),
    );
    expect(invalid.fields.password).toEqual([
      'パスワードが短すぎます。',
      'パスワードにログインIDを含めることはできません。',
    ]);
    expect(invalid.fields.roles).toEqual(['権限を1つ以上指定してください。']);
    expect(invalid.general).toEqual([]);
  });
});

describe('CSV import report', () => {
  it('names the actions in Japanese', () => {
    expect(['create', 'update', 'delete', 'unchanged'].map((a) => importActionLabel(a as 'create'))).toEqual([
      '追加',
      '変更',
      '削除',
      '変更なし',
    ]);
    expect(summaryText({ create: 2, update: 1, delete: 0, unchanged: 3 })).toBe(
      '追加 2 件、変更 1 件、削除 0 件、変更なし 3 件',
    );
    expect(encodingLabel('cp932')).toBe('Shift_JIS');
    expect(columnLabel('roles')).toBe('権限');
  });

  it('lists every bad line by number with its column and reason', () => {
    const error = new ApiError(422, 'import.invalid', undefined, [
      { field: 'roles', code: 'role.unknown', message: '', line: 3 },
      { field: 'login_id', code: 'import.duplicate_row', message: '', line: 2 },
      { field: 'roles', code: 'user.last_admin', message: '', line: 1 },
    ]);
    expect(badLines(error)).toEqual([
      { line: 1, column: '権限', reason: usersError('user.last_admin') },
      { line: 2, column: 'ログインID', reason: '同じログインIDが別の行にもあります。' },
      {
        line: 3,
        column: '権限',
        reason: '権限は admin、call_center、ledger、viewer のいずれかを ; 区切りで指定してください。',
      },
    ]);
  });
});

describe('the users export', () => {
  it('asks for CSV in the chosen encoding, or Excel without one', () => {
    expect(exportPath('csv', 'cp932')).toBe('/api/v1/admin/users/export?encoding=cp932');
    expect(exportPath('xlsx', 'utf-8')).toBe('/api/v1/admin/users/export?format=xlsx');
    expect(usersError('export.too_large_for_xlsx')).toContain('CSVで出力');
  });
});
