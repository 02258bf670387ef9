import { describe, expect, it } from 'vitest';
import { badLines, faultyLineCount, quotedValue } from './importErrors';

describe('the bad lines of a refused file', () => {
  it('sorts by line, names the column as the file does and says what is wrong in Japanese with the refused cell', () => {
    const lines = badLines(
      [
        {
          field: 'birth_date',
          code: 'validation.date',
          message: '`1980-13-01` is not a date (2025-04-01, 20250401 or 令和7年4月1日)',
          line: 4,
        },
        {
          field: 'management_number',
          code: 'management_number.invalid',
          message: 'a management number is 3 letters or digits and 6 digits',
          line: 3,
        },
        { field: 'management_number', code: 'import.duplicate_row', message: 'A1B234567 is on line 2 too', line: 4 },
      ],
      'issuance',
      null,
    );
    expect(lines).toEqual([
      { line: 3, column: '製造管理番号', reason: '製造管理番号は英数字3文字と数字6桁です（例: A1B234567）。' },
      {
        line: 4,
        column: '生年月日',
        reason: '「1980-13-01」: 日付として読めません。2025-04-01、20250401、令和7年4月1日のように書いてください。',
      },
      { line: 4, column: '製造管理番号', reason: 'A1B234567 は 2 行目にもあります。' },
    ]);
    expect(faultyLineCount(lines)).toBe(2);
  });

  it('puts problems of the whole file first and uses the tenant own header', () => {
    const lines = badLines(
      [
        {
          field: 'management_number',
          code: 'ledger.duplicate_qr',
          message: 'C3D345678 is registered in the ledger already',
          line: 5,
        },
        { field: 'management_number', code: 'import.missing_column', message: 'no column', line: 1 },
        { field: 'file', code: 'import.malformed', message: 'the line cannot be read as CSV', line: null },
      ],
      'renewal',
      { renewal: { management_number: '管理番号' } },
    );
    expect(lines.map((l) => [l.line, l.column])).toEqual([
      [null, 'ファイル全体'],
      [1, '管理番号'],
      [5, '管理番号'],
    ]);
    expect(lines[1]?.reason).toBe('この列がありません（必須の列です）。');
    expect(lines[2]?.reason).toBe('C3D345678 は管理簿に登録済みです。');
  });

  it('falls back to the generic text for a code it does not know, and never quotes a key', () => {
    const [missing, unknown] = badLines(
      [
        { field: 'name', code: 'something.new', message: '`x`', line: 2 },
        { field: 'person_key', code: 'import.missing_column', message: 'no column `person_key`', line: 1 },
      ],
      'people',
      null,
    );
    expect(missing?.reason).toBe('この列がありません（必須の列です）。');
    expect(unknown?.reason).toBe('エラーが発生しました。時間をおいてもう一度お試しください。');
    expect(quotedValue('no quote')).toBeNull();
    expect(quotedValue('`男性2` is bad')).toBe('男性2');
  });
});
