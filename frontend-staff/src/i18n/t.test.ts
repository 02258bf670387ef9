import { describe, expect, it } from 'vitest';
import { errorMessage, t } from './t';

describe('messages', () => {
  it('fills placeholders', () => {
    expect(t('idle.body', { seconds: 42 })).toContain('あと 42 秒で');
  });

  it('translates known API codes and falls back for unknown ones', () => {
    expect(errorMessage('auth.locked')).toContain('ロック');
    expect(errorMessage('booking.something_new')).toBe(t('error.generic'));
  });
});
