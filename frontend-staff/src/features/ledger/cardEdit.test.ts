import { describe, expect, it } from 'vitest';
import type { LedgerCard } from './api';
import { editForm, editPatch } from './cardEdit';

const CARD = {
  id: 'c1',
  management_number: 'AAA000001',
  status: 'received',
  name_kana: null,
  postal_code: '1000001',
  address: '東京都千代田区1-1',
  storage_location: '金庫A',
  reissue_reason: '',
  notes: '',
  handover_notes: '',
  card_expires_on: null,
  certificate_expires_on: null,
  reminder_sent_on: null,
  reissuable: null,
  cancel_reason: '',
  abolish_reason: '',
  dispose_reason: '',
  signing_certificate: true,
  user_certificate: true,
  registered_at: '2026-11-24T00:00:00Z',
  version: 4,
} as LedgerCard;

describe('the card edit', () => {
  it('sends nothing when nothing changed (spaces at the ends do not count)', () => {
    expect(editPatch(CARD, { ...editForm(CARD), storage_location: ' 金庫A ' })).toBeNull();
  });

  it('sends only what changed, with the version the clerk saw', () => {
    const form = {
      ...editForm(CARD),
      notes: '本人確認書類を忘れずに\n二行目',
      storage_location: '金庫B',
      card_expires_on: '2036-04-01',
      reissuable: 'false' as const,
    };
    expect(editPatch(CARD, form)).toEqual({
      version: 4,
      notes: '本人確認書類を忘れずに\n二行目',
      storage_location: '金庫B',
      card_expires_on: '2036-04-01',
      reissuable: false,
    });
  });

  it('clears a nullable field and a date with null', () => {
    expect(editPatch(CARD, { ...editForm(CARD), postal_code: '', address: '' })).toEqual({
      version: 4,
      postal_code: null,
      address: null,
    });
    const dated = { ...CARD, reminder_sent_on: '2026-11-01', reissuable: true } as LedgerCard;
    expect(editPatch(dated, { ...editForm(dated), reminder_sent_on: '', reissuable: '' })).toEqual({
      version: 4,
      reminder_sent_on: null,
      reissuable: null,
    });
  });
});
