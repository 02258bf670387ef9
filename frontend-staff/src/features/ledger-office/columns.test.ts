import { describe, expect, it } from 'vitest';
import {
  COLUMNS,
  DEFAULT_HEADERS,
  expectedHeaders,
  headerFor,
  headerLine,
  IMPORT_KINDS,
  isImportKind,
  REQUIRED,
} from './columns';

describe('the import columns', () => {
  it('give every field of every kind a documented default header', () => {
    for (const kind of IMPORT_KINDS) {
      for (const key of COLUMNS[kind]) expect(DEFAULT_HEADERS[key], `${kind}.${key}`).toBeTruthy();
      for (const key of REQUIRED[kind]) expect(COLUMNS[kind]).toContain(key);
    }
    expect(COLUMNS.issuance).toHaveLength(15);
    expect(COLUMNS.legacy).toHaveLength(32);
    expect(COLUMNS.legacy.slice(0, 15)).toEqual(COLUMNS.issuance);
  });

  it('read a field with the tenant header when there is one, else the default', () => {
    const mappings = { renewal: { management_number: ' 管理番号 ' }, issuance: { name: '' } };
    expect(headerFor('renewal', 'management_number', mappings)).toBe('管理番号');
    expect(headerFor('issuance', 'management_number', mappings)).toBe('製造管理番号');
    expect(headerFor('issuance', 'name', mappings)).toBe('氏名');
    expect(headerFor('issuance', 'unknown_key', null)).toBe('unknown_key');
  });

  it('list the required columns first and mark the tenant own headers', () => {
    const rows = expectedHeaders('people', { people: { person_key: '住民番号' } });
    expect(rows.slice(0, 2).map((r) => [r.key, r.header, r.required, r.custom])).toEqual([
      ['person_key', '住民番号', true, true],
      ['name', '氏名', true, false],
    ]);
    expect(rows).toHaveLength(8);
    expect(rows.slice(2).every((r) => !r.required)).toBe(true);
  });

  it('write a header line to copy into a spreadsheet', () => {
    expect(headerLine('renewal')).toBe('製造管理番号,氏名,生年月日,電子証明書有効期限');
  });

  it('knows the kinds', () => {
    expect(isImportKind('legacy')).toBe(true);
    expect(isImportKind('postal')).toBe(false);
    expect(isImportKind(null)).toBe(false);
  });
});
