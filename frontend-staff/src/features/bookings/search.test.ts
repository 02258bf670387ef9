import { describe, expect, it } from 'vitest';
import {
  apiQuery,
  EMPTY_SEARCH,
  exportPath,
  pageCount,
  pageFromParams,
  searchFromParams,
  searchToParams,
  validateSearch,
} from './search';

describe('the search in the URL', () => {
  it('round-trips through the URL and keeps the calendar parameters', () => {
    const form = {
      ...EMPTY_SEARCH,
      from: '2026-12-01',
      name: 'みほん',
      statuses: ['booked' as const, 'visited' as const],
      locationId: 'L1',
    };
    const params = searchToParams(form, 2, new URLSearchParams('location=L0&view=week'));
    expect(params.get('location')).toBe('L0');
    expect(params.get('view')).toBe('week');
    expect(params.get('tab')).toBe('search');
    expect(params.get('status')).toBe('booked,visited');
    expect(searchFromParams(params)).toEqual(form);
    expect(pageFromParams(params)).toBe(2);
  });

  it('ignores unknown statuses and bad pages', () => {
    const params = new URLSearchParams('status=booked,lost&page=-3');
    expect(searchFromParams(params).statuses).toEqual(['booked']);
    expect(pageFromParams(params)).toBe(1);
  });
});

describe('the API query', () => {
  it('leaves empty fields out and trims the rest', () => {
    expect(apiQuery({ ...EMPTY_SEARCH, name: '  ミホン ', receptionNumber: ' ' })).toEqual({ name: 'ミホン' });
    expect(
      apiQuery({
        ...EMPTY_SEARCH,
        from: '2026-12-01',
        to: '2026-12-01',
        locationId: 'L',
        statuses: ['no_show', 'cancelled'],
      }),
    ).toEqual({
      from: '2026-12-01',
      to: '2026-12-01',
      location_id: 'L',
      status: 'no_show,cancelled',
    });
  });

  it('exports the same search, Shift_JIS unless UTF-8 is asked', () => {
    const form = { ...EMPTY_SEARCH, name: 'みほん' };
    expect(exportPath(form, 'cp932')).toBe(`/api/v1/bookings/export?name=${encodeURIComponent('みほん')}`);
    expect(exportPath(EMPTY_SEARCH, 'utf-8')).toBe('/api/v1/bookings/export?encoding=utf-8');
    expect(exportPath(EMPTY_SEARCH, 'cp932')).toBe('/api/v1/bookings/export');
  });

  it('exports the same search as an Excel workbook, which has no encoding', () => {
    const form = { ...EMPTY_SEARCH, name: 'みほん' };
    expect(exportPath(form, 'utf-8', 'xlsx')).toBe(
      `/api/v1/bookings/export?name=${encodeURIComponent('みほん')}&format=xlsx`,
    );
    expect(exportPath(EMPTY_SEARCH, 'cp932', 'csv')).toBe('/api/v1/bookings/export');
  });
});

describe('validateSearch', () => {
  it('accepts an empty search', () => {
    expect(validateSearch(EMPTY_SEARCH)).toEqual([]);
  });

  it('refuses a reversed period and a malformed date', () => {
    expect(validateSearch({ ...EMPTY_SEARCH, from: '2026-12-10', to: '2026-12-01' })).toEqual([
      { field: 'to', code: 'validation.period_reversed' },
    ]);
    expect(validateSearch({ ...EMPTY_SEARCH, from: '2026-13-01' })).toEqual([
      { field: 'from', code: 'validation.date' },
    ]);
  });

  it('takes reception numbers as people type them', () => {
    expect(validateSearch({ ...EMPTY_SEARCH, receptionNumber: '１２３４-５６７８９０' })).toEqual([]);
    expect(validateSearch({ ...EMPTY_SEARCH, receptionNumber: '12345' })).toEqual([
      { field: 'reception_number', code: 'reception_number.invalid' },
    ]);
  });

  it('takes a phone number and a birth date as people type them, and refuses what is neither', () => {
    const typed = { ...EMPTY_SEARCH, phone: '０３－００００－０００２', birthDate: 'S50.4.1' };
    expect(validateSearch(typed)).toEqual([]);
    expect(validateSearch({ ...EMPTY_SEARCH, birthDate: '昭和50年4月1日' })).toEqual([]);
    // Sent as typed: the server reads them the same way.
    expect(apiQuery(typed)).toEqual({ phone: '０３－００００－０００２', birth_date: 'S50.4.1' });
    expect(validateSearch({ ...EMPTY_SEARCH, phone: '03-0000', birthDate: '昭和50年13月1日' })).toEqual([
      { field: 'phone', code: 'phone.invalid' },
      { field: 'birth_date', code: 'validation.date' },
    ]);
  });

  it('keeps the phone number and the birth date in the URL', () => {
    const form = { ...EMPTY_SEARCH, phone: '03-0000-0002', birthDate: '昭和23年4月1日' };
    const params = searchToParams(form, 1, new URLSearchParams());
    expect(params.get('phone')).toBe('03-0000-0002');
    expect(params.get('birth')).toBe('昭和23年4月1日');
    expect(searchFromParams(params)).toEqual(form);
  });

  it('counts pages', () => {
    expect(pageCount(0, 50)).toBe(1);
    expect(pageCount(50, 50)).toBe(1);
    expect(pageCount(51, 50)).toBe(2);
  });
});
