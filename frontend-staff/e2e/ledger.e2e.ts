// カード管理簿 as a ledger clerk uses it: QR codes typed in by a keyboard-wedge reader
// (a duplicate refused loudly, an unreadable one explained), the batch registered; the
// search finds a card by its birth date in 和暦; cards are inspected and set up on
// their details page, then get their 交付通知書発送日 in bulk. Scanned pages of the
// カード発行一覧 are read from PNG files; the 交付チェックリスト and a 受領書 open as PDFs.
import { readFileSync } from 'node:fs';
import { crc32, deflateSync } from 'node:zlib';
import type { Browser, Page, Response } from 'playwright-core';
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { todayInTokyo } from '../../frontend-shared/dates/japan';
import { expectAccessible, launch, newPage, screenshot, signIn } from './browser';
import { now } from './clock';

const baseUrl = inject('baseUrl');
let browser: Browser;
let page: Page;

// jlis-qr-v1: number, 申請書ID, 発送番号, 氏名, 生年月日, 性別, 住所, 交付方式, 種別, 署名用, 利用者証明用.
const PAYLOADS = [
  'E2E100001,12345678901234567890001,1000001,試験 一郎,19620817,1,デモ市中央一丁目1番1号,1,1,1,1',
  'E2E100002,12345678901234567890002,1000002,試験 二郎,19881224,1,デモ市中央一丁目1番2号,1,1,1,1',
  'E2E100003,12345678901234567890003,1000003,試験 花子,20010315,2,デモ市中央一丁目1番3号,2,2,1,1',
] as const;

// A page whose third code is smudged: the reader sees it but cannot read it.
const DAMAGED_PAGE_PAYLOADS = [
  'E2E900003,12345678901234567890125,3,試験 三郎,19700101,1,デモ市中央1-3,1,1,1,1',
  'E2E900004,12345678901234567890126,4,試験 四郎,19710202,1,デモ市中央1-4,1,1,1,1',
  'E2E900005,12345678901234567890127,5,試験 五郎,19720303,1,デモ市中央1-5,1,1,1,1',
] as const;

// Names outside JIS X 0208 (髙, 﨑), which only a UTF-8 code can carry.
const PAGE_PAYLOADS = [
  'E2E900001,12345678901234567890123,1,髙橋 﨑子,19750401,2,デモ市中央1-1,1,1,1,1',
  'E2E900002,12345678901234567890124,2,髙橋 一朗,19730922,1,デモ市中央1-1,1,1,1,1',
] as const;

/** A scanned page with one QR code on it. */
async function pagePng(name: string, payload: string) {
  return { name, mimeType: 'image/png', buffer: await QRCode.toBuffer(payload) };
}

/** An 8-bit grey PNG of `pixels` (one byte each, row by row). */
function greyPng(width: number, height: number, pixels: Uint8Array): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const frame = Buffer.alloc(4);
    frame.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([frame, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.writeUInt8(8, 8); // bit depth
  header.writeUInt8(0, 9); // greyscale
  // Each row starts with its filter byte (0: none).
  const rows = Buffer.alloc((width + 1) * height);
  for (let y = 0; y < height; y++) rows.set(pixels.subarray(y * width, (y + 1) * width), y * (width + 1) + 1);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/**
 * A scanned page with codes side by side in one row, 6 pixels a module: the last one
 * damaged (its middle smudged over, its finder patterns intact), so the reader sees a
 * code there that it cannot read. The smudge is a fixed pattern: the page is the same
 * on every run.
 */
function pageWithDamagedCode(name: string, payloads: readonly string[], damaged: string) {
  const SCALE = 6;
  const codes = [...payloads, damaged].map((text) => QRCode.create(text, { errorCorrectionLevel: 'M' }).modules);
  const GAP = 120;
  const width = codes.reduce((sum, m) => sum + m.size * SCALE + GAP, GAP);
  const height = Math.max(...codes.map((m) => m.size * SCALE)) + 2 * GAP;
  const pixels = new Uint8Array(width * height).fill(255);
  let left = GAP;
  codes.forEach((modules, index) => {
    const size = modules.size;
    const smudged = index === codes.length - 1;
    let seed = 12345;
    for (let row = 0; row < size; row++) {
      for (let col = 0; col < size; col++) {
        let dark = modules.get(row, col) === 1;
        const middle = row >= size * 0.25 && row < size * 0.75 && col >= size * 0.25 && col < size * 0.75;
        if (smudged && middle) {
          seed = (seed * 1103515245 + 12345) % 2147483648;
          dark = seed % 3 === 0;
        }
        if (!dark) continue;
        for (let dy = 0; dy < SCALE; dy++)
          pixels.fill(
            0,
            (GAP + row * SCALE + dy) * width + left + col * SCALE,
            (GAP + row * SCALE + dy) * width + left + (col + 1) * SCALE,
          );
      }
    }
    left += size * SCALE + GAP;
  });
  return { name, mimeType: 'image/png', buffer: greyPng(width, height, pixels) };
}

/**
 * What the API answered for a print sheet, and what the tab it opened in shows (a
 * document of the PDF viewer: the page's CSP keeps its blob from being read back).
 */
async function pdfShown(
  response: Response,
  tab: Page,
): Promise<{ status: number; type: string | undefined; shown: string }> {
  await expect.poll(() => tab.url(), { message: 'the new tab shows the sheet' }).toMatch(/^blob:/);
  await tab.waitForLoadState();
  const shown = await tab.evaluate(() => document.contentType);
  await tab.close();
  return { status: response.status(), type: response.headers()['content-type'], shown };
}

const PDF = { status: 200, type: 'application/pdf', shown: 'application/pdf' };

beforeAll(async () => {
  browser = await launch();
  page = await newPage(browser);
  await signIn(page, baseUrl, 'ledger');
});
afterAll(async () => {
  await browser?.close();
});

async function heading(): Promise<string | null> {
  return page.getByRole('heading', { level: 1 }).first().textContent();
}

function ledgerNav() {
  return page.getByRole('navigation', { name: 'カード管理簿の画面' });
}

const scanField = () => page.getByLabel('QRコードの読み取り');

async function scanFieldHasFocus(): Promise<boolean> {
  return scanField().evaluate((element) => element === document.activeElement);
}

/** What a keyboard-wedge reader does: types into whatever has the focus, then Enter. */
async function wedge(payload: string): Promise<void> {
  await page.keyboard.type(payload);
  await page.keyboard.press('Enter');
}

async function counts(): Promise<string[]> {
  return page.getByRole('list', { name: '読み取りの件数' }).locator('li').allTextContents();
}

/** The cells of each body row of the results, as text. */
async function rows(): Promise<string[][]> {
  return page
    .locator('table tbody tr')
    .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('th, td')].map((c) => (c.textContent ?? '').trim())));
}

async function search(fill: Record<string, string>): Promise<void> {
  for (const [label, value] of Object.entries(fill)) await page.getByRole('textbox', { name: label }).fill(value);
  await page.getByRole('button', { name: '検索する' }).click();
  await page.getByRole('heading', { name: /検索結果/ }).waitFor();
  await expect.poll(() => page.getByText('検索しています…').count()).toBe(0);
}

async function takeStep(step: string, status: string): Promise<void> {
  await page.getByRole('button', { name: step, exact: true }).click();
  await page.getByRole('button', { name: `${step}を記録する` }).click();
  await page.getByText(`${step}を記録しました。`).waitFor();
  await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain(status);
}

describe('the card ledger', () => {
  it('scans cards with a wedge reader: each read beeps into the list, a duplicate is refused naming where, a bad code is explained, and the batch is registered', async () => {
    await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: 'カード管理簿' }).click();
    await expect.poll(() => heading()).toBe('カード管理簿');
    await expectAccessible(page, 'ledger home');
    await ledgerNav().getByRole('link', { name: 'スキャン登録' }).click();
    await expect.poll(() => heading()).toBe('スキャン登録');
    await expect.poll(() => scanFieldHasFocus(), { message: 'the scan field takes the focus' }).toBe(true);

    await wedge(PAYLOADS[0]);
    await expect.poll(() => counts()).toContain('読取 1件');
    expect(await scanFieldHasFocus(), 'focus stays in the scan field').toBe(true);
    expect(await scanField().inputValue(), 'the field is emptied for the next card').toBe('');
    // A reader does not wait for the screen: two codes in a row are both taken, in order.
    await wedge(PAYLOADS[1]);
    await wedge(PAYLOADS[2]);
    await expect.poll(() => counts()).toContain('読取 3件');
    expect(await scanFieldHasFocus()).toBe(true);
    // Newest first, with the birth date in 和暦 and 西暦.
    const listed = await rows();
    expect(listed.map((r) => r[1])).toEqual(['E2E100003', 'E2E100002', 'E2E100001']);
    expect(listed[2]?.[3]).toBe('昭和37年8月17日 （1962/08/17）');
    expect(listed[0]?.slice(4, 6)).toEqual(['更新', '申請時来庁']);
    expect(await page.getByRole('status').filter({ hasText: '読み取りました: E2E100003 試験 花子' }).count()).toBe(1);

    // The first card again: refused, loudly, naming where it was met.
    await wedge(PAYLOADS[0]);
    const alert = page.getByRole('alert').filter({ hasText: '重複しています: E2E100001' });
    await alert.waitFor();
    expect(await alert.textContent()).toContain('今回の読み取りで');
    expect(await counts()).toEqual(['読取 3件', '重複 1件', 'エラー 0件']);
    expect(await page.locator('tr.ledger-row-marked th').textContent(), 'the earlier scan is marked').toBe('E2E100001');
    expect(await scanFieldHasFocus()).toBe(true);
    await expectAccessible(page, 'scan with a duplicate');
    await screenshot(page, 'ledger-scan');

    // Not a QR code of this layout: the clerk is told what is wrong, in Japanese.
    await wedge('E2E100009,1,2');
    await page.getByRole('alert').filter({ hasText: 'QRコードを読み取れませんでした' }).waitFor();
    expect(await page.getByRole('alert').filter({ hasText: '読み取った内容: 項目の数' }).count()).toBe(1);
    await wedge('E2E100009,12345678901234567890009,1000009,試験 四郎,19621399,1,,1,1,1,1');
    await page.getByRole('alert').filter({ hasText: '生年月日: 日付として読めません' }).waitFor();
    expect(await counts()).toEqual(['読取 3件', '重複 1件', 'エラー 2件']);

    // A card scanned by mistake is taken off the list again. (It is read even though the
    // clerk clicked a blank part of the page just before: the keys go to the scan field.)
    await page.locator('h1').click();
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await wedge('E2E100004,12345678901234567890004,1000004,試験 四郎,19700101,1,,1,1,1,1');
    await expect.poll(() => counts()).toContain('読取 4件');
    await page.getByRole('button', { name: 'E2E100004 を一覧から取り消す' }).click();
    await expect.poll(() => counts()).toContain('読取 3件');
    expect(await scanFieldHasFocus(), 'back to the scan field after removing').toBe(true);

    // A reload resumes the same batch, named by the address, with its cards read from the
    // server (the counts of refusals were this sitting's only).
    const address = page.url();
    expect(address).toMatch(/\/staff\/ledger\/scan\/[0-9a-f-]{36}$/);
    await page.reload();
    await expect.poll(() => counts()).toEqual(['読取 3件', '重複 0件', 'エラー 0件']);
    expect(page.url()).toBe(address);
    expect(await page.getByText('前回の読み取りの続きです（3件読み取り済み）。').count()).toBe(1);

    await page.getByRole('button', { name: '3件を管理簿に登録' }).click();
    const dialog = page.getByRole('dialog', { name: '管理簿に登録します' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: '3件を登録する' }).click();
    await page.getByText('3件のカードを管理簿に登録しました。').waitFor();
    await expect.poll(() => counts()).toEqual(['読取 0件', '重複 0件', 'エラー 0件']);
    expect(await scanFieldHasFocus(), 'ready for the next pile').toBe(true);

    // A registered card scanned again is refused as registered.
    await wedge(PAYLOADS[1]);
    await page.getByRole('alert').filter({ hasText: 'このカードは管理簿に登録済みです' }).waitFor();
  });

  it('finds a card by its birth date written in 和暦, and Back returns to the same search', async () => {
    await ledgerNav().getByRole('link', { name: '検索', exact: true }).click();
    await expect.poll(() => heading()).toBe('カードの検索');
    await search({ 生年月日: '昭和37年8月17日' });
    expect(page.url()).toContain('birth_date=');
    await expect.poll(async () => (await rows()).map((r) => r[1])).toEqual(['E2E100001']);
    const found = await rows();
    expect(found[0]?.[2]).toBe('試験 一郎');
    expect(found[0]?.[6]).toBe('納品済');

    await page.getByRole('link', { name: 'E2E100001' }).click();
    await expect.poll(() => heading()).toContain('E2E100001');
    await page.goBack();
    await expect.poll(() => page.getByRole('textbox', { name: '生年月日' }).inputValue()).toBe('昭和37年8月17日');
    expect((await rows()).map((r) => r[1])).toEqual(['E2E100001']);

    // A date that is no date is named, and the field marked.
    await page.getByRole('textbox', { name: '生年月日' }).fill('昭和37年13月1日');
    await page.getByRole('button', { name: '検索する' }).click();
    await page.getByRole('alert').filter({ hasText: '生年月日: 日付は' }).waitFor();
    expect(await page.getByRole('textbox', { name: '生年月日' }).getAttribute('aria-invalid')).toBe('true');
  });

  it('inspects and sets up cards on their details page, the history showing each step', async () => {
    await page.goto(`${baseUrl}/staff/ledger/cards?name=${encodeURIComponent('試験')}`);
    await page.getByRole('heading', { name: /検索結果/ }).waitFor();
    await expect.poll(async () => (await rows()).map((r) => r[1])).toEqual(['E2E100001', 'E2E100002', 'E2E100003']);
    await expectAccessible(page, 'search results');
    await screenshot(page, 'ledger-search');

    for (const number of ['E2E100001', 'E2E100002']) {
      await page.getByRole('link', { name: number }).click();
      await expect.poll(() => heading()).toContain(number);
      await expect.poll(() => heading()).toContain('納品済');
      await takeStep('検品', '検品済');
      await takeStep('交付前設定', '交付前設定済');
      const history = page.getByRole('region', { name: '履歴' }).locator('li');
      expect(await history.count()).toBe(3);
      expect(await history.first().textContent()).toContain('交付前設定');
      expect(await history.first().textContent()).toContain('検品済 → 交付前設定済');
      if (number === 'E2E100002') break;
      await page.getByRole('link', { name: '検索結果へ戻る' }).click();
      await page.getByRole('heading', { name: /検索結果/ }).waitFor();
    }
    // A reason is asked for 交付取りやめ before the server is.
    await page.getByRole('button', { name: '交付取りやめ', exact: true }).click();
    await page.getByRole('button', { name: '交付取りやめを記録する' }).click();
    expect(await page.getByText('理由を入力してください。').count()).toBe(1);
    await page.getByRole('button', { name: 'やめる' }).first().click();

    await expectAccessible(page, 'card details');
    await screenshot(page, 'ledger-card');
  });

  it('edits the 申し送り and storage location of a card, chosen among the registered ones', async () => {
    // The storage locations have their own screen; here one is made through the API.
    const login = await fetch(`${baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ tenant: 'demo', login_id: 'ledger', password: 'madoguchi-demo' }),
    });
    const { access_token: token } = (await login.json()) as { access_token: string };
    const made = await fetch(`${baseUrl}/api/v1/ledger/storage-locations`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify({ name: '金庫A-1', description: '' }),
    });
    expect(made.status, await made.clone().text()).toBe(201);

    await page.getByRole('button', { name: '内容を編集する' }).click();
    await page.getByRole('combobox', { name: '保管場所' }).selectOption('金庫A-1');
    await expectAccessible(page, 'card edit form');
    await page.getByRole('textbox', { name: '申し送り事項' }).fill('本人確認書類を2点');
    await page.getByRole('button', { name: '保存する' }).click();
    await page.getByText('保存しました。').waitFor();
    expect(await page.getByRole('region', { name: '進捗' }).textContent()).toContain('金庫A-1');
    expect(await page.getByRole('region', { name: '備考・申し送り' }).textContent()).toContain('本人確認書類を2点');
    const latest = await page.getByRole('region', { name: '履歴' }).locator('li').first().textContent();
    expect(latest).toContain('内容の編集');
    expect(latest).toContain('変更した項目: 申し送り事項、保管場所');
  });

  it('sets 交付通知書発送日 for two cards at once; a card not set up is named and nothing changes', async () => {
    await page.goto(`${baseUrl}/staff/ledger/cards?name=${encodeURIComponent('試験')}`);
    await page.getByRole('heading', { name: /検索結果/ }).waitFor();
    await page.getByLabel('このページのカードをすべて選ぶ').check();
    await page.getByText('3件を選択中').waitFor();
    await page.getByRole('radio', { name: '交付通知書発送日' }).check();
    await page.getByRole('button', { name: '選んだカードに設定する' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '3件に設定する' }).click();

    // E2E100003 was only received: refused by name, and nothing moved.
    const refused = page.getByRole('alert').filter({ hasText: '設定できない状態のため、何も変更していません' });
    await refused.waitFor();
    const items = await refused.getByRole('listitem').allTextContents();
    expect(items).toHaveLength(1);
    expect(items[0]).toMatch(/^E2E100003(（納品済）)?: 交付通知書発送できる状態ではありません$/);
    expect((await rows()).map((r) => r[6])).toEqual(['交付前設定済', '交付前設定済', '納品済']);

    await expectAccessible(page, 'bulk step refused');
    await screenshot(page, 'ledger-search-bulk');

    // The refused card's link leads to its checkbox: untick it with the keyboard.
    await refused.getByRole('link').click();
    await page.keyboard.press('Space');
    await page.getByText('2件を選択中').waitFor();
    await page.getByRole('button', { name: '選んだカードに設定する' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '2件に設定する' }).click();
    await page.getByText('2件のカードの交付通知書発送日を設定しました。').waitFor();
    await expect.poll(async () => (await rows()).map((r) => r[6])).toEqual(['通知書発送済', '通知書発送済', '納品済']);

    // Those sent today, found by a period on that date.
    await page.getByRole('combobox', { name: '日付で絞り込む' }).selectOption({ label: '交付通知書発送日' });
    await page.getByLabel('期間の始め').fill(todayInTokyo(now()));
    await page.getByLabel('期間の終わり').fill(todayInTokyo(now()));
    await search({});
    expect(page.url()).toContain('date_field=notice_sent_on');
    await expect.poll(async () => (await rows()).map((r) => r[1])).toEqual(['E2E100001', 'E2E100002']);
  });

  it('exports the search as CSV in Shift_JIS, and deletes a card registered by mistake, with its reason', async () => {
    await page.goto(`${baseUrl}/staff/ledger/cards?name=${encodeURIComponent('試験')}`);
    await page.getByRole('heading', { name: /検索結果/ }).waitFor();
    await page.getByText('CSV・Excel出力').click();
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'CSVをダウンロード' }).click(),
    ]);
    expect(file.suggestedFilename()).toBe('ledger_cards.csv');
    const csv = new TextDecoder('shift_jis').decode(readFileSync(await file.path()));
    const lines = csv.trim().split(/\r\n/);
    expect(lines[0]).toContain('氏名');
    expect(lines.slice(1).map((line) => line.split(',')[0])).toEqual(['E2E100001', 'E2E100002', 'E2E100003']);
    // The same as an Excel workbook (a ZIP archive), without an encoding to choose.
    await page.getByLabel('ファイル形式').selectOption('xlsx');
    expect(await page.getByLabel('文字コード', { exact: true }).count()).toBe(0);
    const [workbook] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Excelをダウンロード' }).click(),
    ]);
    expect(workbook.suggestedFilename()).toBe('ledger_cards.xlsx');
    expect(
      readFileSync(await workbook.path())
        .subarray(0, 2)
        .toString('latin1'),
    ).toBe('PK');

    await page.getByRole('link', { name: 'E2E100003' }).click();
    await expect.poll(() => heading()).toContain('E2E100003');
    await page.getByRole('button', { name: '削除する' }).click();
    expect(await page.getByText('理由を入力してください。').count(), 'a reason first').toBe(1);
    await page.getByRole('textbox', { name: '削除の理由' }).fill('試験のため誤って登録');
    await page.getByRole('button', { name: '削除する' }).click();
    const dialog = page.getByRole('dialog', { name: 'E2E100003 を管理簿から削除します' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: '削除する' }).click();
    await page.getByText('E2E100003 を管理簿から削除しました。').waitFor();
    await expect.poll(async () => (await rows()).map((r) => r[1])).toEqual(['E2E100001', 'E2E100002']);
  });

  it('reads QR codes from scanned page images into the batch, refusing a page read twice as 重複', async () => {
    await page.goto(`${baseUrl}/staff/ledger/scan`);
    await expect.poll(() => heading()).toBe('スキャン登録');
    const picker = page.getByLabel('画像・PDFから読み取る');
    await expect.poll(() => picker.isEnabled(), { message: 'the batch is ready' }).toBe(true);
    const before = await counts();
    // The hidden input behind its button is reached with the keyboard, right after the scan field.
    await scanField().focus();
    await page.keyboard.press('Tab');
    expect(await picker.evaluate((element) => element === document.activeElement)).toBe(true);
    expect(
      await page.locator('.file-picker-button').evaluate((label) => getComputedStyle(label).outlineStyle),
      'its button shows the focus',
    ).toBe('solid');
    expect(await page.locator('.file-picker-button').textContent(), 'the button speaks Japanese').toBe(
      '画像・PDFから読み取る',
    );
    expect(await page.getByText('ファイルが選ばれていません').isVisible(), 'nothing chosen yet, said in Japanese').toBe(
      true,
    );

    // Two files chosen at once are read one after the other.
    await picker.setInputFiles([
      await pagePng('page-1.png', PAGE_PAYLOADS[0]),
      await pagePng('page-2.png', PAGE_PAYLOADS[1]),
    ]);
    const summary = page.getByRole('list', { name: '画像・PDFの読み取り結果' });
    await expect
      .poll(() => summary.locator('li').allTextContents())
      .toEqual([
        'page-1.png　ページ1: コード1個をすべて読み取りました。1個を一覧に加えました。',
        'page-2.png　ページ1: コード1個をすべて読み取りました。1個を一覧に加えました。',
      ]);
    await expect.poll(() => counts()).toContain('読取 2件');
    expect(
      await page.getByText('page-1.png、page-2.png', { exact: true }).isVisible(),
      'the chosen names beside the button',
    ).toBe(true);
    expect(await page.getByText('読み取り中…').count(), 'no progress left once done').toBe(0);
    const listed = await rows();
    expect(listed.map((r) => r[1])).toEqual(['E2E900002', 'E2E900001']);
    expect(listed[1]?.[2]).toBe('髙橋 﨑子');
    expect(listed[1]?.[3]).toBe('昭和50年4月1日 （1975/04/01）');
    await expect.poll(() => scanFieldHasFocus(), { message: 'back to the scan field after the upload' }).toBe(true);

    // The first page again: its code is refused as a duplicate, by page and number.
    await picker.setInputFiles([await pagePng('page-1-again.png', PAGE_PAYLOADS[0])]);
    const refused = page.getByRole('alert').filter({ hasText: 'page-1-again.png で一覧に加えなかったQRコード（1件）' });
    await refused.waitFor();
    expect(await refused.getByRole('listitem').allTextContents()).toEqual(['1ページ目　E2E900001　重複']);
    await expect
      .poll(() => counts())
      .toEqual(['読取 2件', `重複 ${Number(/\d+/.exec(before[1] ?? '')?.[0] ?? 0) + 1}件`, before[2] ?? '']);
    await expect.poll(() => scanFieldHasFocus()).toBe(true);
    await expectAccessible(page, 'scan with page images read');
    await screenshot(page, 'ledger-scan-upload');

    // A file with no code on it is explained.
    await picker.setInputFiles([{ name: 'blank.txt', mimeType: 'text/plain', buffer: Buffer.from('not an image') }]);
    await page
      .getByRole('alert')
      .filter({ hasText: 'blank.txt: 読み取れませんでした。PNG・JPEG・PDFのどれでもないファイルです。' })
      .waitFor();
    expect((await rows()).length, 'nothing added').toBe(2);
  });

  it('says of a page with a code it could not read how many it saw, read and missed', async () => {
    await page.goto(`${baseUrl}/staff/ledger/scan`);
    await expect.poll(() => heading()).toBe('スキャン登録');
    const picker = page.getByLabel('画像・PDFから読み取る');
    await expect.poll(() => picker.isEnabled(), { message: 'the batch is ready' }).toBe(true);
    await picker.setInputFiles([
      pageWithDamagedCode('page-3.png', DAMAGED_PAGE_PAYLOADS.slice(0, 2), DAMAGED_PAGE_PAYLOADS[2]),
    ]);
    const summary = page.getByRole('list', { name: '画像・PDFの読み取り結果' });
    await expect
      .poll(() => summary.locator('li').allTextContents())
      .toEqual([
        'page-3.png　ページ1: コード3個のうち2個を読み取りました。1個は読み取れませんでした（もう一度まっすぐスキャンしてください）。2個を一覧に加えました。',
      ]);
    expect(await summary.locator('li').getAttribute('class'), 'the line stands out').toBe('ledger-image-missed');
    // The missed code is listed with the page to scan again, never silently left out.
    const refused = page.getByRole('alert').filter({ hasText: 'page-3.png で一覧に加えなかったQRコード（1件）' });
    await refused.waitFor();
    expect(await refused.getByRole('listitem').allTextContents()).toEqual(['1ページ目　読み取れないコード']);
    await expect
      .poll(async () => (await rows()).map((r) => r[1]))
      .toEqual(expect.arrayContaining(['E2E900003', 'E2E900004']));
    expect(
      (await rows()).map((r) => r[1]),
      'the smudged code is not in the list',
    ).not.toContain('E2E900005');
    await expectAccessible(page, 'scan with a code not read');
    await screenshot(page, 'ledger-scan-missed-code');
  });

  it("opens the day's 交付チェックリスト and a card's 受領書 as PDFs", async () => {
    await page.goto(`${baseUrl}/staff/ledger`);
    await expect.poll(() => heading()).toBe('カード管理簿');
    expect(await page.getByRole('link', { name: '取込・突合・保管場所・設定' }).getAttribute('href')).toBe(
      '/staff/ledger/office',
    );
    await screenshot(page, 'ledger-home');
    await page.getByRole('link', { name: '帳票（交付チェックリスト）' }).click();
    await expect.poll(() => heading()).toBe('帳票の印刷');
    expect(await page.getByLabel('日付').inputValue(), 'today by default').toBe(todayInTokyo(now()));
    const location = page.getByRole('combobox', { name: '窓口' });
    await expect.poll(() => location.locator('option').allTextContents()).toEqual(['全窓口', '本庁舎', '北支所']);
    await location.selectOption({ label: '本庁舎' });
    await expectAccessible(page, 'print sheets');
    await screenshot(page, 'ledger-print');

    const [checklist, tab] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/api/v1/ledger/checklist?')),
      page.context().waitForEvent('page'),
      page.getByRole('button', { name: '交付チェックリストを開く' }).click(),
    ]);
    expect(checklist.url()).toContain(`date=${todayInTokyo(now())}`);
    expect(checklist.url()).toContain('location_id=');
    expect(await pdfShown(checklist, tab)).toEqual(PDF);
    expect(await page.getByRole('button', { name: '交付チェックリストを開く' }).isEnabled()).toBe(true);

    await page.goto(`${baseUrl}/staff/ledger/cards?management_number=E2E100001`);
    await page.getByRole('link', { name: 'E2E100001' }).click();
    await expect.poll(() => heading()).toContain('E2E100001');
    const [receipt, receiptTab] = await Promise.all([
      page.waitForResponse((r) => /\/api\/v1\/ledger\/cards\/[0-9a-f-]+\/receipt$/.test(r.url())),
      page.context().waitForEvent('page'),
      page.getByRole('button', { name: '受領書を印刷' }).click(),
    ]);
    expect(await pdfShown(receipt, receiptTab)).toEqual(PDF);
    await expectAccessible(page, 'card details with the receipt button');
    await screenshot(page, 'ledger-card-receipt');
  });
});
