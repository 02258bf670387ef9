import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { HoldTimer } from './HoldTimer';

afterEach(() => vi.useRealTimers());

describe('the held slot', () => {
  it('counts down, warns at the last minute, and offers to hold again once time is up', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    vi.setSystemTime(new Date('2026-11-23T08:00:00Z'));
    const retake = vi.fn();
    render(<HoldTimer hold={{ id: 'h', expiresAt: '2026-11-23T08:02:00Z' }} onRetake={retake} />);
    expect(screen.getByText(/17:02まで確保しています/)).toBeTruthy();
    expect(screen.getByText('残り2分00秒')).toBeTruthy();

    await act(async () => vi.advanceTimersByTime(70_000));
    expect(screen.getByRole('status').textContent).toBe('確保の残り時間が1分を切りました。');

    await act(async () => vi.advanceTimersByTime(60_000));
    expect(screen.getByRole('alert').textContent).toContain('入力した内容はそのまま残っています');
    vi.useRealTimers();
    await userEvent.click(screen.getByRole('button', { name: 'もう一度確保する' }));
    expect(retake).toHaveBeenCalledOnce();
  });
});
