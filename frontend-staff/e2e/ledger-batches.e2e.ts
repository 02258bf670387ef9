// Stranded scans (issue 14): a clerk scans cards into a batch and reloads before
// registering. The batch is named by the address, so the reload brings it back; a card
// it holds, scanned again elsewhere, is refused naming who holds it, with a link to that
// batch; the open batches are listed (the clerk's own first) with when each is
// discarded by itself, and can be reopened, registered or discarded with a reason, after
// which their cards can be scanned again. The settings set how long a batch may lie.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { formatDayTime } from '../src/features/ledger/batches';
import { expectAccessible, launch, newPage, screenshot, signIn } from './browser';

const baseUrl = inject('baseUrl');
let browser: Browser;
let page: Page;

// jlis-qr-v1: number, 申請書ID, 発送番号, 氏名, 生年月日, 性別, 住所, 交付方式, 種別, 署名用, 利用者証明用.
const CARDS = [
  'BAT200001,22345678901234567890001,2000001,束 一郎,19700401,1,デモ市中央二丁目1番1号,1,1,1,1',
  'BAT200002,22345678901234567890002,2000002,束 二郎,19720815,1,デモ市中央二丁目1番2号,1,1,1,1',
  'BAT200003,22345678901234567890003,2000003,束 花子,19801120,2,デモ市中央二丁目1番3号,1,1,1,1',
] as const;

interface OpenBatch {
  id: string;
  created_by: string;
  mine: boolean;
  created_at: string;
  touched_at: string;
  expires_at: string;
  scans: number;
}
interface Batch {
  id: string;
  state: string;
  scans: { scanned_at: string; card: { management_number: string } }[];
}

async function token(loginId: string): Promise<string> {
  const login = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ tenant: 'demo', login_id: loginId, password: 'madoguchi-demo' }),
  });
  return ((await login.json()) as { access_token: string }).access_token;
}

/** The API as a clerk: what the screen should show is read from the server itself. */
async function apiAs<T>(loginId: string, method: string, path: string, body?: unknown): Promise<T> {
  const answer = await fetch(`${baseUrl}/api/v1${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${await token(loginId)}` },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  expect(answer.ok, `${method} ${path}: ${await answer.clone().text()}`).toBe(true);
  return (await answer.json()) as T;
}

const openBatches = async () =>
  (await apiAs<{ items: OpenBatch[]; expiry_hours: number }>('ledger', 'GET', '/ledger/scan-batches')).items;

beforeAll(async () => {
  browser = await launch();
  page = await newPage(browser);
  await signIn(page, baseUrl, 'ledger');
});
afterAll(async () => {
  await browser?.close();
});

const heading = () => page.getByRole('heading', { level: 1 }).first().textContent();
const ledgerNav = () => page.getByRole('navigation', { name: 'カード管理簿の画面' });
const scanField = () => page.getByLabel('QRコードの読み取り');
const batchList = () => page.getByRole('table', { name: '読み取り中のバッチ' });

/** What a keyboard-wedge reader does: types into whatever has the focus, then Enter. */
async function wedge(payload: string): Promise<void> {
  await page.keyboard.type(payload);
  await page.keyboard.press('Enter');
}

async function counts(): Promise<string[]> {
  return page.getByRole('list', { name: '読み取りの件数' }).locator('li').allTextContents();
}

/** The management numbers listed in the batch on screen, newest first. */
async function scanned(): Promise<string[]> {
  return page
    .getByRole('table', { name: /今回読み取ったカード/ })
    .locator('tbody th')
    .allTextContents();
}

/** The row of the batch list that reopens this batch, its cells as text. */
function rowOf(id: string) {
  return batchList()
    .locator('tbody tr')
    .filter({ has: page.locator(`a[href="/staff/ledger/scan/${id}"]`) });
}
async function cells(id: string): Promise<string[]> {
  return rowOf(id)
    .locator('th, td')
    .evaluateAll((all) => all.map((cell) => (cell.textContent ?? '').trim()));
}

/** スキャン登録 from the ledger's menu: no batch yet, and the field ready for the reader. */
async function openScanScreen(): Promise<void> {
  await ledgerNav().getByRole('link', { name: 'スキャン登録' }).click();
  await expect.poll(() => heading()).toBe('スキャン登録');
  await expect.poll(() => page.url()).toBe(`${baseUrl}/staff/ledger/scan`);
  await expect.poll(() => scanField().evaluate((element) => element === document.activeElement)).toBe(true);
}

let first = '';
let firstAddress = '';

describe('scan batches not registered yet', () => {
  it('a reload brings back the batch named by the address, with both its cards', async () => {
    await page.goto(`${baseUrl}/staff/ledger/scan`);
    await expect.poll(() => heading()).toBe('スキャン登録');
    await expect
      .poll(() => page.getByText('読み取り中のバッチはありません。').count(), { message: 'nothing open yet' })
      .toBe(1);

    await expect.poll(() => scanField().evaluate((element) => element === document.activeElement)).toBe(true);
    await wedge(CARDS[0]);
    await wedge(CARDS[1]);
    await expect.poll(() => counts()).toContain('読取 2件');
    // The first card started the batch, and the address now names it.
    await expect.poll(() => page.url()).toMatch(/\/staff\/ledger\/scan\/[0-9a-f-]{36}$/);
    firstAddress = page.url();
    first = firstAddress.split('/').pop() ?? '';

    await page.reload();
    await expect.poll(() => scanned()).toEqual(['BAT200002', 'BAT200001']);
    expect(page.url()).toBe(firstAddress);
    expect(await counts()).toContain('読取 2件');
    expect(await page.getByText('前回の読み取りの続きです（2件読み取り済み）。').count()).toBe(1);
    const mine = (await openBatches()).find((b) => b.id === first);
    expect(await page.getByText(`あなたが ${formatDayTime(mine?.created_at ?? '')} に始めたバッチです。`).count()).toBe(
      1,
    );
  });

  it('a card held by that batch, scanned in a new one, is refused naming who holds it; the link opens that batch', async () => {
    await openScanScreen();
    // The batch left behind is listed, to reopen.
    await expect.poll(() => cells(first)).toContain('2件');
    await expectAccessible(page, 'the scan screen with no batch yet, listing the open ones');
    await screenshot(page, 'ledger-scan-open-batches');

    await wedge(CARDS[0]);
    const refusal = page.getByRole('alert').filter({ hasText: '重複しています: BAT200001' });
    await refusal.waitFor();
    const holder = await apiAs<Batch>('ledger', 'GET', `/ledger/scan-batches/${first}`);
    const at = holder.scans.find((s) => s.card.management_number === 'BAT200001')?.scanned_at ?? '';
    expect(await refusal.textContent()).toContain(
      `このカードは ledger さんの未登録のバッチ（${formatDayTime(at)} 読み取り）にあります。`,
    );
    expect(await refusal.textContent(), 'the old wording, naming only a time, is gone').not.toContain('別の読み取り');
    await expectAccessible(page, 'a card held by another batch');
    await screenshot(page, 'ledger-batch-duplicate');

    await refusal.getByRole('link', { name: 'そのバッチを開く' }).click();
    await expect.poll(() => page.url()).toBe(firstAddress);
    await expect.poll(() => scanned()).toEqual(['BAT200002', 'BAT200001']);
  });

  it('the settings set how long a batch may lie untouched: out of 1–720 is refused on the field', async () => {
    await page.goto(`${baseUrl}/staff/ledger/office/settings`);
    await expect.poll(() => heading()).toBe('取り込みとQRの設定');
    const hours = page.getByLabel('未登録バッチの自動破棄までの時間（時間）');
    expect(await hours.inputValue(), 'the default').toBe('72');
    await hours.fill('0');
    await page.getByRole('button', { name: '保存する' }).click();
    await expect.poll(() => hours.getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByRole('alert').textContent()).toContain(
      '未登録バッチの自動破棄までの時間（時間）: 1から720までの整数で入力してください。',
    );
    await expectAccessible(page, 'settings with a bad expiry');

    await hours.fill('24');
    await page.getByRole('button', { name: '保存する' }).click();
    await page.getByText('設定を保存しました。').waitFor();
    expect(await hours.getAttribute('aria-invalid')).toBeNull();
    expect((await apiAs<{ batch_expiry_hours: number }>('ledger', 'GET', '/ledger/settings')).batch_expiry_hours).toBe(
      24,
    );
  });

  it("lists the open batches, the clerk's own first, each with when it is discarded by itself; one is discarded with a reason, and its cards can be scanned again", async () => {
    // Another clerk's batch, with a card in it.
    const theirs = await apiAs<{ id: string }>('admin', 'POST', '/ledger/scan-batches');
    await apiAs('admin', 'POST', `/ledger/scan-batches/${theirs.id}/scans`, { payload: CARDS[2] });

    await page.goto(`${baseUrl}/staff/ledger`);
    await expect.poll(() => heading()).toBe('カード管理簿');
    const items = await openBatches();
    // The clerk's two (the one with both cards, and the one the refused scan started), then the admin's.
    await expect.poll(async () => (await batchList().locator('tbody th').allTextContents()).length).toBe(items.length);
    expect(await batchList().locator('tbody th').allTextContents()).toEqual([
      'ledger（あなた）',
      'ledger（あなた）',
      'admin',
    ]);
    for (const item of items) {
      const row = await cells(item.id);
      expect(row.slice(1, 5)).toEqual([
        formatDayTime(item.created_at),
        `${item.scans}件`,
        formatDayTime(item.touched_at),
        `${formatDayTime(item.expires_at)} に自動で破棄`,
      ]);
      // The 24 hours just set.
      expect(Date.parse(item.expires_at) - Date.parse(item.touched_at)).toBe(24 * 3600_000);
    }
    await expectAccessible(page, 'the open batches');
    await screenshot(page, 'ledger-open-batches');

    await rowOf(first)
      .getByRole('button', { name: /を破棄$/ })
      .click();
    const dialog = page.getByRole('dialog', { name: 'バッチを破棄します' });
    await dialog.waitFor();
    const reason = dialog.getByRole('textbox', { name: '破棄の理由' });
    expect(await reason.evaluate((element) => element === document.activeElement), 'the reason is asked first').toBe(
      true,
    );
    expect(await dialog.textContent()).toContain('（2件）を破棄します');
    // No reason: said on the field, and nothing discarded.
    await dialog.getByRole('button', { name: '破棄する' }).click();
    await expect.poll(() => reason.getAttribute('aria-invalid')).toBe('true');
    const described = await reason.getAttribute('aria-describedby');
    expect(await page.locator(`[id="${described?.split(' ').pop()}"]`).textContent()).toBe(
      '破棄の理由を入力してください。',
    );
    await expectAccessible(page, 'the discard dialog with its field error');
    await screenshot(page, 'ledger-batch-discard');
    expect((await openBatches()).some((b) => b.id === first)).toBe(true);

    await reason.fill('あ'.repeat(201));
    await dialog.getByRole('button', { name: '破棄する' }).click();
    await dialog.getByText('破棄の理由は200文字までにしてください。').waitFor();
    await reason.fill('別の配送分と混ざったため');
    await dialog.getByRole('button', { name: '破棄する' }).click();
    await page.getByText('バッチを破棄しました。読み取っていた 2件のカードは、もう一度読み取れます。').waitFor();
    await expect.poll(() => rowOf(first).count()).toBe(0);

    // Given back: the card scans into a new batch.
    await openScanScreen();
    await wedge(CARDS[0]);
    await page.getByRole('status').filter({ hasText: '読み取りました: BAT200001 束 一郎' }).waitFor();
    await expect.poll(() => scanned()).toEqual(['BAT200001']);
  });

  it('the discarded batch, opened by its address, says by whom, when and why, and a new batch starts from there', async () => {
    await page.goto(firstAddress);
    await page.getByRole('heading', { name: 'このバッチは破棄されています' }).waitFor();
    const discarded = await apiAs<Batch & { discarded_at: string }>('ledger', 'GET', `/ledger/scan-batches/${first}`);
    const facts = await page
      .locator('dl')
      .locator('dt, dd')
      .evaluateAll((all) => all.map((element) => (element.textContent ?? '').trim()));
    expect(facts.slice(4)).toEqual([
      '破棄した人',
      'ledger',
      '破棄した日時',
      formatDayTime(discarded.discarded_at),
      '破棄の理由',
      '別の配送分と混ざったため',
    ]);
    expect(await scanField().count(), 'nothing scans into it').toBe(0);
    await expectAccessible(page, 'a discarded batch');
    await screenshot(page, 'ledger-batch-discarded');

    await page.getByRole('button', { name: '新しいバッチで読み取る' }).click();
    await expect.poll(() => page.url()).toBe(`${baseUrl}/staff/ledger/scan`);
    await expect.poll(() => scanField().evaluate((element) => element === document.activeElement)).toBe(true);
  });

  it('registers a batch from the list, after the usual question', async () => {
    await page.goto(`${baseUrl}/staff/ledger`);
    const ready = (await openBatches()).find((b) => b.mine && b.scans === 1);
    expect(ready).toBeDefined();
    await expect.poll(() => cells(ready?.id ?? '')).toContain('1件');
    await rowOf(ready?.id ?? '')
      .getByRole('button', { name: /を登録$/ })
      .click();
    const dialog = page.getByRole('dialog', { name: '管理簿に登録します' });
    await dialog.getByRole('button', { name: '1件を登録する' }).click();
    await page.getByText('1件のカードを管理簿に登録しました。').waitFor();
    await expect.poll(() => rowOf(ready?.id ?? '').count()).toBe(0);

    // Registered: scanned again, the card is refused with a link to it in the ledger.
    await openScanScreen();
    await wedge(CARDS[0]);
    const refusal = page.getByRole('alert').filter({ hasText: 'このカードは管理簿に登録済みです' });
    await refusal.waitFor();
    await refusal.getByRole('link', { name: 'カードの詳細を開く' }).click();
    await expect.poll(() => heading()).toContain('BAT200001');
  });

  it('the batch on screen is discarded from the scan screen itself, which then shows it discarded', async () => {
    await openScanScreen();
    await wedge(CARDS[1]);
    await expect.poll(() => scanned()).toEqual(['BAT200002']);
    await page.getByRole('button', { name: 'このバッチを破棄' }).click();
    const dialog = page.getByRole('dialog', { name: 'バッチを破棄します' });
    await dialog.getByRole('textbox', { name: '破棄の理由' }).fill('読み取り直すため');
    await dialog.getByRole('button', { name: '破棄する' }).click();
    await page.getByRole('heading', { name: 'このバッチは破棄されています' }).waitFor();
    expect(await page.getByRole('status').textContent()).toBe(
      'バッチを破棄しました。読み取っていた 1件のカードは、もう一度読み取れます。',
    );
    expect(await page.locator('dl').textContent()).toContain('読み取り直すため');
  });
});
