import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../frontend-shared/api/problem';
import { apiErrorMessage, errorMessage, t } from './t';

describe('messages', () => {
  it('fills placeholders', () => {
    expect(t('idle.body', { seconds: 42 })).toContain('あと 42 秒で');
  });

  it('translates known API codes and falls back for unknown ones', () => {
    expect(errorMessage('auth.locked')).toContain('ロック');
    expect(errorMessage('booking.something_new')).toBe(t('error.generic'));
  });

  it('says for about how many minutes a locked sign-in waits, rounded up', () => {
    const locked = (retryAfter?: number) =>
      apiErrorMessage(new ApiError(429, 'auth.locked', undefined, [], retryAfter));
    expect(locked(900)).toBe(
      'パスワードの誤入力が続いたため、しばらくログインできません。約15分後にもう一度お試しください。お急ぎの場合はシステム管理者にロック解除を依頼してください。',
    );
    expect(locked(61)).toContain('約2分後に');
    expect(locked(1)).toContain('約1分後に');
    expect(locked()).toBe(errorMessage('auth.locked'));
    expect(locked()).not.toContain('{minutes}');
    expect(apiErrorMessage(new ApiError(0, 'network'))).toBe(errorMessage('network'));
    expect(apiErrorMessage(new ApiError(401, 'auth.invalid_credentials'))).toContain('パスワードが違います');
    // The right password for a municipality the operator switched off.
    expect(apiErrorMessage(new ApiError(401, 'auth.tenant_disabled'))).toBe(
      'この自治体の利用は停止されています。運用担当者にお問い合わせください。',
    );
  });
});
