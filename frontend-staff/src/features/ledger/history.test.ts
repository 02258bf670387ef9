import { describe, expect, it } from 'vitest';
import { actionText, actorText, moveText, newestFirst, noteText, onDateText } from './history';

describe('a card’s history', () => {
  it('says what happened', () => {
    expect(actionText('registered')).toBe('管理簿に登録');
    expect(actionText('send_notice')).toBe('交付通知書発送');
    expect(actionText('book')).toBe('予約');
    expect(actionText('edited')).toBe('内容の編集');
    expect(actionText('date_corrected')).toBe('日付の訂正');
    expect(actionText('merged')).toBe('その他の操作（merged）');
  });

  it('says who: a login ID, or the booking', () => {
    expect(actorText('ledger')).toBe('ledger');
    expect(actorText('booking')).toBe('予約（自動）');
  });

  it('names the business date for the step', () => {
    expect(onDateText({ action: 'inspect', on_date: '2026-11-24', reason: '' })).toBe('検品日: 2026年11月24日（火）');
    expect(onDateText({ action: 'date_corrected', on_date: '2026-11-24', reason: 'send_notice' })).toBe(
      '交付通知書発送日: 2026年11月24日（火）',
    );
    expect(onDateText({ action: 'book', on_date: '2026-11-24', reason: '' })).toBe('日付: 2026年11月24日（火）');
    expect(onDateText({ action: 'registered', on_date: null, reason: '' })).toBeNull();
  });

  it('shows the move between statuses', () => {
    expect(moveText({ from_status: 'set_up', to_status: 'notice_sent' })).toBe('交付前設定済 → 通知書発送済');
    expect(moveText({ from_status: null, to_status: 'received' })).toBe('納品済');
    expect(moveText({ from_status: null, to_status: null })).toBeNull();
  });

  it('reads what the event keeps as its reason', () => {
    expect(noteText({ action: 'cancel', reason: '転出のため' })).toBe('理由: 転出のため');
    expect(noteText({ action: 'edited', reason: 'handover_notes, storage_location' })).toBe(
      '変更した項目: 申し送り事項、保管場所',
    );
    expect(noteText({ action: 'moved', reason: '金庫A' })).toBe('移動先: 金庫A');
    expect(noteText({ action: 'date_corrected', reason: 'inspect' })).toBeNull();
    expect(noteText({ action: 'inspect', reason: ' ' })).toBeNull();
  });

  it('lists the newest first', () => {
    const events = [{ at: '1' }, { at: '2' }] as never[];
    expect(newestFirst(events)).toEqual([{ at: '2' }, { at: '1' }]);
  });
});
