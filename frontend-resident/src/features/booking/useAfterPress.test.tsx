import { act, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { useAfterPress } from './useAfterPress';

/** A field checked as it is left, and a send button that changes the state. */
function Form({ check }: { check: (field: string, sent: boolean) => void }) {
  const [sent, setSent] = useState(false);
  const leave = useAfterPress((field: string) => check(field, sent));
  return (
    <>
      <input aria-label="メールアドレス" onBlur={() => leave('email')} />
      <button type="button" onClick={() => setSent(true)}>
        送る
      </button>
    </>
  );
}

describe('checking a field as it is left', () => {
  it('happens at once when the keyboard leaves it', () => {
    const check = vi.fn();
    render(<Form check={check} />);
    fireEvent.blur(screen.getByRole('textbox'));
    expect(check).toHaveBeenCalledWith('email', false);
  });

  it('waits while the send button is pressed, then runs with the state the click left', async () => {
    vi.useFakeTimers();
    try {
      const check = vi.fn();
      render(<Form check={check} />);
      const button = screen.getByRole('button');
      fireEvent.pointerDown(button);
      fireEvent.blur(screen.getByRole('textbox'));
      expect(check).not.toHaveBeenCalled();
      fireEvent.pointerUp(button);
      fireEvent.click(button);
      await act(() => vi.runAllTimersAsync());
      expect(check).toHaveBeenCalledExactlyOnceWith('email', true);
    } finally {
      vi.useRealTimers();
    }
  });

  it('runs once a press ends without a click (a scroll)', async () => {
    vi.useFakeTimers();
    try {
      const check = vi.fn();
      render(<Form check={check} />);
      fireEvent.pointerDown(document.body);
      fireEvent.blur(screen.getByRole('textbox'));
      fireEvent.pointerUp(document.body);
      expect(check).not.toHaveBeenCalled();
      await act(() => vi.advanceTimersByTimeAsync(500));
      expect(check).toHaveBeenCalledExactlyOnceWith('email', false);
    } finally {
      vi.useRealTimers();
    }
  });
});
