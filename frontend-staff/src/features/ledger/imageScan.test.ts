import { describe, expect, it } from 'vitest';
import type { ImageScanReport, RefusedCode, Scan } from './api';
import {
  fileSummary,
  invalidFields,
  isOnePage,
  refusalCounts,
  refusalReason,
  refusalText,
  signalFor,
} from './imageScan';

function refused(code: string, detail = '', management_number: string | null = null, page = 1): RefusedCode {
  return { page, code, detail, management_number };
}

const SCAN: Scan = {
  id: '11111111-2222-3333-4444-555555555555',
  scanned_at: '2026-11-24T01:02:03Z',
  card: {
    management_number: 'E2E900001',
    name: '髙橋 﨑子',
    birth_date: '1975-04-01',
    kind: 'new',
    visit_method: 'at_issuance',
    signing_certificate: true,
    user_certificate: true,
  },
};

function report(added: Scan[], refusals: RefusedCode[]): ImageScanReport {
  return { found: added.length + refusals.length, added, refused: refusals };
}

describe('why a code on a scanned page was refused', () => {
  it('names the three reasons in Japanese', () => {
    expect(refusalReason(refused('ledger.duplicate_qr', 'E2E900001 was scanned or registered already'))).toBe('重複');
    expect(refusalReason(refused('qr.undecodable', 'neither UTF-8 nor Shift_JIS'))).toBe('読み取れないコード');
    expect(refusalReason(refused('qr.invalid', 'the layout has 11 fields'))).toBe('内容の誤り');
  });

  it('names the fields at fault in an invalid code, once each, leaving out those it cannot name', () => {
    const detail = 'birth_date: not a date; sex: not 1, 2 or 9; birth_date: again; qr: field count';
    expect(invalidFields(detail)).toEqual(['生年月日', '性別']);
    expect(refusalReason(refused('qr.invalid', detail))).toBe('内容の誤り（生年月日、性別）');
  });

  it('falls back to the error message of a code it has no reason for', () => {
    expect(refusalReason(refused('ledger.batch_committed'))).toBe(
      'この読み取りは管理簿に登録済みです。新しい読み取りを始めてください。',
    );
  });

  it('writes the page and, when known, the management number', () => {
    expect(refusalText(refused('ledger.duplicate_qr', '', 'E2E900001', 2))).toBe('2ページ目　E2E900001　重複');
    expect(refusalText(refused('qr.undecodable', '', null, 3))).toBe('3ページ目　読み取れないコード');
  });
});

describe('how a file read counts and sounds', () => {
  it('counts duplicates apart from the other refusals, as typed scans do', () => {
    expect(
      refusalCounts(
        report(
          [],
          [
            refused('ledger.duplicate_qr'),
            refused('qr.invalid'),
            refused('qr.undecodable'),
            refused('ledger.duplicate_qr'),
          ],
        ),
      ),
    ).toEqual({ duplicates: 2, errors: 2 });
    expect(refusalCounts(report([SCAN], []))).toEqual({ duplicates: 0, errors: 0 });
  });

  it('makes one sound per file: the worst that happened on it', () => {
    expect(signalFor(report([SCAN, SCAN], []))).toBe('ok');
    expect(signalFor(report([SCAN], [refused('qr.invalid'), refused('ledger.duplicate_qr')]))).toBe('duplicate');
    expect(signalFor(report([SCAN], [refused('qr.undecodable')]))).toBe('invalid');
  });

  it('sums a file up: codes seen, read, not read (scan again) and added', () => {
    expect(fileSummary({ name: 'p1.png', report: report([SCAN], []), onePage: true })).toBe(
      'p1.png　ページ1: コード1個をすべて読み取りました。1個を一覧に加えました。',
    );
    const seen = 'a code was seen here but could not be read: scan the page again, straight';
    const eight = Array.from({ length: 8 }, () => SCAN);
    expect(
      fileSummary({
        name: 'p2.png',
        report: report(eight, [refused('qr.undecodable', seen), refused('qr.undecodable', seen)]),
        onePage: true,
      }),
    ).toBe(
      'p2.png　ページ1: コード10個のうち8個を読み取りました。2個は読み取れませんでした（もう一度まっすぐスキャンしてください）。8個を一覧に加えました。',
    );
    // A code read but not added (a duplicate) is read all the same.
    expect(
      fileSummary({ name: 'p3.png', report: report([SCAN], [refused('ledger.duplicate_qr')]), onePage: true }),
    ).toBe('p3.png　ページ1: コード2個をすべて読み取りました。1個を一覧に加え、1個は加えませんでした。');
    // A PDF names the pages to scan again.
    expect(
      fileSummary({
        name: 'list.pdf',
        report: report(
          [SCAN, SCAN],
          [refused('qr.undecodable', seen, null, 3), refused('qr.invalid'), refused('qr.undecodable', seen, null, 2)],
        ),
        onePage: false,
      }),
    ).toBe(
      'list.pdf: コード5個のうち3個を読み取りました。2個は読み取れませんでした（ページ2・ページ3。もう一度まっすぐスキャンしてください）。2個を一覧に加え、1個は加えませんでした。',
    );
    expect(fileSummary({ name: 'x.txt', error: 'PNG・JPEG・PDFのどれでもないファイルです。' })).toBe(
      'x.txt: 読み取れませんでした。PNG・JPEG・PDFのどれでもないファイルです。',
    );
  });

  it('takes an image for one page and a PDF for several', () => {
    expect(isOnePage({ name: 'scan.png', type: 'image/png' })).toBe(true);
    expect(isOnePage({ name: 'scan.PDF', type: '' })).toBe(false);
    expect(isOnePage({ name: 'scan', type: 'application/pdf' })).toBe(false);
  });
});
