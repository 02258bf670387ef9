import { describe, expect, it } from 'vitest';
import {
  apiFilter,
  EMPTY_FILTER,
  exportPath,
  filterFromParams,
  filterToParams,
  hasFilter,
  pageCount,
  pageFromParams,
} from './filters';

describe('the search in the URL', () => {
  it('goes to the URL and back unchanged, with the API’s names', () => {
    const filter = { ...EMPTY_FILTER, birth_date: '昭和50年4月1日', status: 'set_up', name: '試験' };
    const params = filterToParams(filter, 3);
    expect(params.toString()).toBe(
      'birth_date=%E6%98%AD%E5%92%8C50%E5%B9%B44%E6%9C%881%E6%97%A5&name=%E8%A9%A6%E9%A8%93&status=set_up&page=3',
    );
    expect(filterFromParams(params)).toEqual(filter);
    expect(pageFromParams(params)).toBe(3);
  });

  it('keeps a period on one of the dates', () => {
    const filter = { ...EMPTY_FILTER, date_field: 'notice_sent_on', date_from: '2026-11-01', date_to: '2026-11-30' };
    const params = filterToParams(filter);
    expect(params.toString()).toBe('date_field=notice_sent_on&date_from=2026-11-01&date_to=2026-11-30');
    expect(filterFromParams(params)).toEqual(filter);
    expect(exportPath(filter, ['management_number'], 'cp932')).toBe(
      '/api/v1/ledger/cards/export?date_field=notice_sent_on&date_from=2026-11-01&date_to=2026-11-30&columns=management_number&encoding=cp932',
    );
  });

  it('leaves out empty fields and the first page', () => {
    expect(filterToParams({ ...EMPTY_FILTER, name: '  ', kind: 'new' }, 1).toString()).toBe('kind=new');
    expect(filterToParams(EMPTY_FILTER).toString()).toBe('');
  });

  it('reads a missing or silly page as the first', () => {
    expect(pageFromParams(new URLSearchParams('page=0'))).toBe(1);
    expect(pageFromParams(new URLSearchParams('page=2.5'))).toBe(1);
    expect(pageFromParams(new URLSearchParams(''))).toBe(1);
  });

  it('asks the API for the given fields only, trimmed', () => {
    expect(apiFilter({ ...EMPTY_FILTER, management_number: ' A1B234567 ', storage_location: '' })).toEqual({
      management_number: 'A1B234567',
    });
    expect(hasFilter(EMPTY_FILTER)).toBe(false);
    expect(hasFilter({ ...EMPTY_FILTER, visit_method: 'at_issuance' })).toBe(true);
  });

  it('counts pages', () => {
    expect(pageCount(0, 50)).toBe(1);
    expect(pageCount(50, 50)).toBe(1);
    expect(pageCount(51, 50)).toBe(2);
  });

  it('exports the same search with the chosen columns in the ledger’s order', () => {
    expect(
      exportPath({ ...EMPTY_FILTER, status: 'inspected' }, ['status', 'management_number', 'bogus'], 'cp932'),
    ).toBe('/api/v1/ledger/cards/export?status=inspected&columns=management_number%2Cstatus&encoding=cp932');
    expect(exportPath(EMPTY_FILTER, ['name'], 'utf-8')).toBe('/api/v1/ledger/cards/export?columns=name&encoding=utf-8');
    // An Excel workbook has no encoding.
    expect(exportPath(EMPTY_FILTER, ['name'], 'utf-8', 'xlsx')).toBe(
      '/api/v1/ledger/cards/export?columns=name&format=xlsx',
    );
  });
});
