import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import type { ScanBatch } from './api';
import { ClosedBatch } from './ClosedBatch';

const DISCARDED: ScanBatch = {
  id: '11111111-2222-3333-4444-555555555555',
  created_by: 'ledger',
  created_at: '2026-12-05T17:20:00Z',
  touched_at: '2026-12-05T17:23:00Z',
  state: 'discarded',
  discarded_at: '2026-12-08T17:23:00Z',
  discarded_by: 'system',
  discard_reason: '72 時間操作がなかったため自動で破棄',
  scans: [],
};

function facts(): string[] {
  const list = document.querySelector('dl');
  return [...(list?.children ?? [])].map((element) => element.textContent ?? '');
}

describe('<ClosedBatch>', () => {
  it('says that a batch expired was discarded by itself, when and why, and offers a new batch', async () => {
    const onNew = vi.fn();
    render(
      <MemoryRouter>
        <ClosedBatch batch={DISCARDED} refusal={null} onNew={onNew} />
      </MemoryRouter>,
    );
    expect(screen.getByRole('heading', { name: 'このバッチは破棄されています' })).toBeTruthy();
    expect(facts()).toEqual([
      '始めた人',
      'ledger',
      '始めた日時',
      '12月6日 02:20',
      '破棄した人',
      '自動破棄',
      '破棄した日時',
      '12月9日 02:23',
      '破棄の理由',
      '72 時間操作がなかったため自動で破棄',
    ]);
    const start = screen.getByRole('button', { name: '新しいバッチで読み取る' });
    expect(document.activeElement, 'the way on has the focus').toBe(start);
    await userEvent.click(start);
    expect(onNew).toHaveBeenCalledOnce();
  });

  it('names the clerk who discarded it, and says so aloud when a scan found it discarded', () => {
    render(
      <MemoryRouter>
        <ClosedBatch
          batch={{ ...DISCARDED, discarded_by: 'suzuki', discard_reason: '別の配送分と混ざったため' }}
          refusal="ledger.batch_discarded"
          onNew={() => undefined}
        />
      </MemoryRouter>,
    );
    expect(facts()).toContain('suzuki');
    expect(facts()).toContain('別の配送分と混ざったため');
    expect(within(screen.getByRole('alert')).getByText(/このバッチは破棄されています。新しいバッチで/)).toBeTruthy();
  });

  it('tells a batch not found from one registered', () => {
    const { rerender } = render(
      <MemoryRouter>
        <ClosedBatch batch={null} refusal={null} onNew={() => undefined} />
      </MemoryRouter>,
    );
    expect(screen.getByRole('heading', { name: 'このバッチは見つかりません' })).toBeTruthy();
    rerender(
      <MemoryRouter>
        <ClosedBatch
          batch={{ ...DISCARDED, state: 'registered', committed_at: '2026-12-06T01:00:00Z', discarded_by: null }}
          refusal={null}
          onNew={() => undefined}
        />
      </MemoryRouter>,
    );
    expect(screen.getByRole('heading', { name: 'このバッチは管理簿に登録済みです' })).toBeTruthy();
    expect(screen.getByText('12月6日 10:00 に 0件のカードを管理簿に登録しました。')).toBeTruthy();
  });
});
