// The card ledger's back office as a ledger clerk uses it: an issuance list with a bad
// line is refused naming the line, then the fixed file is previewed and imported; a
// renewal target list is reconciled (four counts, findings by category, flags
// recorded); storage boxes are created, filled by a legacy import and protected from
// deletion; the postal dictionary and an address list come in and a person is found
// by a 和暦 birth date; the import headers are set, a bad QR layout named.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectAccessible, launch, newPage, screenshot, signIn } from './browser';

const baseUrl = inject('baseUrl');
let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launch();
  page = await newPage(browser);
  await signIn(page, baseUrl, 'ledger');
});
afterAll(async () => {
  await browser?.close();
});

function csv(name: string, lines: string[]): { name: string; mimeType: string; buffer: Buffer } {
  return { name, mimeType: 'text/csv', buffer: Buffer.from(lines.join('\r\n') + '\r\n', 'utf8') };
}

const ISSUANCE_HEADER = '製造管理番号,氏名,氏名カナ,生年月日,性別,住所,交付方式,種別';
const GOOD_CARDS = [
  'OFC100001,窓口 一郎,マドグチ イチロウ,昭和50年4月1日,男,デモ市中央一丁目1番1号,交付時来庁,更新',
  'OFC100002,窓口 花子,マドグチ ハナコ,1980-12-01,女,デモ市中央一丁目1番2号,交付時来庁,更新',
  'OFC100003,窓口 次郎,マドグチ ジロウ,19900102,男,デモ市中央一丁目1番3号,申請時来庁,更新',
  'OFC100004,窓口 三郎,マドグチ サブロウ,2001-03-15,男,デモ市中央一丁目1番4号,交付時来庁,新規',
];

async function heading(): Promise<string | null> {
  return page.getByRole('heading', { level: 1 }).first().textContent();
}

function officeNav() {
  return page.getByRole('navigation', { name: '管理簿の事務の画面' });
}

async function open(link: string, title: string): Promise<void> {
  await officeNav().getByRole('link', { name: link, exact: true }).click();
  await expect.poll(() => heading()).toBe(title);
}

/** The cells of each body row of a table, as text. */
async function rows(table = page.getByRole('table').first()): Promise<string[][]> {
  return table
    .locator('tbody tr')
    .evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll('th, td')].map((c) => (c.textContent ?? '').replace(/\s+/g, ' ').trim())),
    );
}

describe('the ledger back office', () => {
  it('opens at /ledger/office with a link to each screen', async () => {
    await page.goto(`${baseUrl}/staff/ledger/office`);
    await expect.poll(() => heading()).toBe('管理簿の事務');
    for (const name of ['ファイル取り込み', '更新対象者の照合', '宛名・郵便番号', '保管場所', '取り込みとQRの設定']) {
      expect(await page.getByRole('main').getByRole('list').last().getByRole('link', { name }).count(), name).toBe(1);
    }
    await expectAccessible(page, 'office home');
  });

  it('refuses an issuance list naming its bad line and importing nothing, then previews and imports the fixed file', async () => {
    await open('ファイル取り込み', 'ファイル取り込み');
    expect(await page.getByRole('radio', { name: /統合端末 カード発行一覧/ }).isChecked()).toBe(true);

    // The expected headers fold away until asked for.
    await page.getByText('「統合端末 カード発行一覧」の列の見出し').click();
    expect(await page.getByRole('table', { name: '使える列の見出し' }).isVisible()).toBe(true);
    expect((await rows(page.getByRole('table', { name: '使える列の見出し' })))[0]).toEqual([
      '製造管理番号',
      'management_number',
      '必須',
    ]);
    await page.getByText('「統合端末 カード発行一覧」の列の見出し').click();

    // Pressing on without a file says so beside the field.
    await page.getByRole('button', { name: '内容を確認' }).click();
    expect(await page.getByText('ファイルを選んでください。').isVisible()).toBe(true);
    const picker = page.getByLabel('CSVファイル');
    expect(await picker.evaluate((input) => input === document.activeElement), 'focus on the file field').toBe(true);
    // The input is transparent over its Japanese button, which shows the keyboard's focus.
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    expect(await picker.evaluate((input) => input === document.activeElement)).toBe(true);
    const button = page.locator('.file-picker-button');
    expect(await button.textContent()).toBe('ファイルを選ぶ');
    expect(
      await button.evaluate((element) => getComputedStyle(element).outlineStyle),
      'its button shows the focus',
    ).toBe('solid');

    const bad = [...GOOD_CARDS];
    bad[2] = 'OFC10003,窓口 次郎,マドグチ ジロウ,1990-13-02,男,デモ市中央一丁目1番3号,申請時来庁,更新';
    await page.getByLabel('CSVファイル').setInputFiles(csv('hakko.csv', [ISSUANCE_HEADER, ...bad]));
    await page.getByRole('button', { name: '内容を確認' }).click();
    await page.getByRole('heading', { name: '誤りのある行' }).waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('誤りのある行');
    const errors = await rows(page.getByRole('table', { name: '誤りのある行と内容' }));
    expect(errors.map((r) => r.slice(0, 2))).toEqual([
      ['4', '生年月日'],
      ['4', '製造管理番号'],
    ]);
    expect(errors[0]?.[2]).toContain('「1990-13-02」');
    expect(await page.getByRole('alert').filter({ hasText: '何も取り込んでいません' }).textContent()).toContain(
      '2 件の誤りがあります（1 行）',
    );
    expect(await page.getByRole('button', { name: '取り込む' }).count()).toBe(0);
    await expectAccessible(page, 'import with a bad line');
    await screenshot(page, 'ledger-office-imports-errors');

    // The fixed file: a preview of every card; nothing of the bad file went in, or
    // its good lines would now be refused as registered.
    await page.getByLabel('CSVファイル').setInputFiles(csv('hakko.csv', [ISSUANCE_HEADER, ...GOOD_CARDS]));
    expect(await page.getByRole('heading', { name: '誤りのある行' }).count(), 'a new file clears the old answer').toBe(
      0,
    );
    await page.getByRole('button', { name: '内容を確認' }).click();
    await page.getByRole('heading', { name: '確認結果' }).waitFor();
    expect(await page.getByRole('status').filter({ hasText: '誤りはありません' }).textContent()).toContain(
      '4 枚のカードを登録します',
    );
    const preview = await rows(page.getByRole('table', { name: '登録するカード' }));
    expect(preview[0]).toEqual(['2', 'OFC100001', '窓口 一郎', '昭和50年4月1日 （1975/04/01）', '納品済']);
    expect(preview).toHaveLength(4);
    await expectAccessible(page, 'import preview');
    await screenshot(page, 'ledger-office-imports');

    await page.getByRole('button', { name: '取り込む' }).click();
    await page.getByRole('heading', { name: '取り込みました' }).waitFor();
    expect(await page.getByRole('status').filter({ hasText: '登録しました' }).textContent()).toContain(
      '4 枚のカードを管理簿に登録しました。',
    );
    await expectAccessible(page, 'import applied');

    // The same file again is refused card by card: they are in the ledger now.
    await page.getByRole('button', { name: '別のファイルを取り込む' }).click();
    await page.getByLabel('CSVファイル').setInputFiles(csv('hakko.csv', [ISSUANCE_HEADER, GOOD_CARDS[0]!]));
    await page.getByRole('button', { name: '内容を確認' }).click();
    await page.getByRole('heading', { name: '誤りのある行' }).waitFor();
    expect((await rows(page.getByRole('table', { name: '誤りのある行と内容' })))[0]).toEqual([
      '2',
      '製造管理番号',
      'OFC100001 は管理簿に登録済みです。',
    ]);
  }, 60_000);

  it('reconciles a renewal target list: four counts, findings by category linked to their cards, flags recorded', async () => {
    await open('更新対象者の照合', '電子証明書更新対象者の照合');
    // OFC100001 matches; OFC100002 has another birth date; ZZZ999999 is not in the ledger;
    // OFC100003 (a renewal card waiting) is not on the list.
    const list = csv('koshin.csv', [
      '製造管理番号,氏名,生年月日',
      'OFC100001,窓口 一郎,1975-04-01',
      'OFC100002,窓口 花子,1981-12-01',
      'ZZZ999999,不明 太郎,2000-01-01',
    ]);
    await page.getByLabel('CSVファイル').setInputFiles(list);
    await page.getByRole('button', { name: '内容を確認' }).click();
    await page.getByRole('heading', { name: '照合結果' }).waitFor();
    const tiles = await page
      .getByRole('list', { name: '照合の件数' })
      .locator('li')
      .evaluateAll((lis) => lis.map((li) => [li.children[0]?.textContent, li.children[1]?.textContent]));
    expect(tiles).toEqual([
      ['一致', '1'],
      ['不一致', '1'],
      ['管理簿になし', '1'],
      ['リストになし', '1'],
    ]);
    expect(await rows(page.getByRole('table', { name: /照合結果の一覧/ }))).toHaveLength(4);

    await page.getByText('不一致（1）').click();
    const conflicts = await rows(page.getByRole('table', { name: '照合結果の一覧（不一致）' }));
    expect(conflicts).toEqual([['OFC100002', '不一致', '3', '生年月日が管理簿と違います。']]);
    expect(await page.getByRole('link', { name: 'OFC100002 のカードを開く' }).getAttribute('href')).toMatch(
      /^\/staff\/ledger\/cards\/[0-9a-f-]{36}$/,
    );
    await page.getByText('管理簿になし（1）').click();
    expect(await rows(page.getByRole('table', { name: '照合結果の一覧（管理簿になし）' }))).toEqual([
      ['ZZZ999999', '管理簿になし', '4', '管理簿に登録されていません。'],
    ]);
    await page.getByText('すべて（4）').click();
    await expectAccessible(page, 'renewal report');
    await screenshot(page, 'ledger-office-renewal');

    await page.getByRole('button', { name: '照合結果を記録' }).click();
    await page.getByText('照合結果を 3 枚のカードに記録しました。').waitFor();
    expect(await page.getByRole('link', { name: '不一致' }).getAttribute('href')).toBe(
      '/staff/ledger/cards?renewal_check=conflict',
    );
    await expectAccessible(page, 'renewal applied');
  }, 60_000);

  it('creates storage boxes, removes an empty one, and keeps one holding cards', async () => {
    await open('保管場所', '保管場所');
    await page.getByText('保管場所はまだありません。').waitFor();

    // An empty name is named beside the field.
    await page.getByRole('button', { name: '登録する' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('alert');
    expect(await page.getByLabel('名前').getAttribute('aria-invalid')).toBe('true');

    for (const [name, description] of [
      ['箱A-01', '市民課 書庫 右の棚'],
      ['箱B-02', ''],
    ] as const) {
      await page.getByLabel('名前').fill(name);
      await page.getByLabel('説明（任意）').fill(description);
      await page.getByRole('button', { name: '登録する' }).click();
      await page.getByText(`「${name}」を登録しました。`).waitFor();
    }
    expect(await rows(page.getByRole('table', { name: '保管場所の一覧' }))).toEqual([
      ['箱A-01', '市民課 書庫 右の棚', '0 枚', '削除'],
      ['箱B-02', '—', '0 枚', '削除'],
    ]);

    // The same name twice: the server's refusal beside the field.
    await page.getByLabel('名前').fill('箱A-01');
    await page.getByRole('button', { name: '登録する' }).click();
    await page.getByText('同じ名前の保管場所がすでにあります。', { exact: true }).first().waitFor();
    await page.getByLabel('名前').fill('');

    await page.getByRole('button', { name: '「箱B-02」を削除' }).click();
    await page.getByRole('button', { name: '削除する' }).click();
    await page.getByText('「箱B-02」を削除しました。').waitFor();
    await expect
      .poll(async () => (await rows(page.getByRole('table', { name: '保管場所の一覧' }))).map((r) => r[0]))
      .toEqual(['箱A-01']);

    // A legacy ledger files a card in 箱A-01.
    await open('ファイル取り込み', 'ファイル取り込み');
    await page.getByRole('radio', { name: /既存の管理簿/ }).check();
    await page
      .getByLabel('CSVファイル')
      .setInputFiles(
        csv('kizon.csv', [
          '製造管理番号,氏名,生年月日,検品日,保管場所',
          'OFC200001,既存 太郎,1970-02-03,2025-01-10,箱A-01',
        ]),
      );
    await page.getByRole('button', { name: '内容を確認' }).click();
    await page.getByRole('heading', { name: '確認結果' }).waitFor();
    expect((await rows(page.getByRole('table', { name: '登録するカード' })))[0]?.[4]).toBe('検品済');
    await page.getByRole('button', { name: '取り込む' }).click();
    await page.getByRole('heading', { name: '取り込みました' }).waitFor();

    await open('保管場所', '保管場所');
    await expect
      .poll(async () => (await rows(page.getByRole('table', { name: '保管場所の一覧' })))[0]?.[2])
      .toBe('1 枚');
    const remove = page.getByRole('button', { name: '「箱A-01」を削除' });
    expect(await remove.isDisabled()).toBe(true);
    expect(await remove.getAttribute('aria-describedby')).toBeTruthy();
    expect(await page.getByText('カードが入っているため削除できません。').isVisible()).toBe(true);
    expect(await page.getByRole('link', { name: '「箱A-01」の 1 枚のカードを見る' }).getAttribute('href')).toBe(
      '/staff/ledger/cards?storage_location=%E7%AE%B1A-01',
    );
    await expectAccessible(page, 'storage');
    await screenshot(page, 'ledger-office-storage');
  }, 60_000);

  it('fills postal codes from the dictionary and finds a person by a 和暦 birth date', async () => {
    await open('宛名・郵便番号', '宛名・郵便番号');
    // Before any upload the clerk sees whether a dictionary is there at all.
    await page.getByText('登録済みの郵便番号辞書: まだ登録されていません').waitFor();
    const dictionary = page.getByLabel('郵便番号データ（KEN_ALL.CSV）');
    expect(
      await page.getByRole('region', { name: '郵便番号辞書' }).getByText('ファイルが選ばれていません').isVisible(),
    ).toBe(true);
    expect(await page.getByText('Choose File').count(), 'no English control').toBe(0);
    const kenAll = '13101,"100  ","1000001","ﾄｳｷｮｳﾄ","ﾁﾖﾀﾞｸ","ﾁﾖﾀﾞ","東京都","千代田区","千代田",0,0,0,0,0,0';
    await dictionary.setInputFiles(csv('utf_ken_all.csv', [kenAll]));
    expect(
      await page.getByText('utf_ken_all.csv', { exact: true }).isVisible(),
      'the chosen name beside the button',
    ).toBe(true);
    await page.getByRole('button', { name: '辞書を取り込む' }).click();
    await page.getByText('郵便番号辞書を 1 件で置き換えました（UTF-8）。').waitFor();
    await page.getByText('登録済みの郵便番号辞書: 1件').waitFor();
    await page.getByLabel('住所', { exact: true }).fill('東京都千代田区千代田1-1');
    await page.getByRole('button', { name: '調べる' }).click();
    await page.getByText('「東京都千代田区千代田1-1」の郵便番号は 100-0001 です。').waitFor();

    // Neither name nor birth date: said beside the name.
    await page.getByRole('button', { name: '照会する' }).click();
    expect(
      await page.getByRole('alert').filter({ hasText: '氏名か生年月日のどちらかを入力してください。' }).count(),
    ).toBe(1);

    // The address list, through the imports screen.
    await open('ファイル取り込み', 'ファイル取り込み');
    await page.getByRole('radio', { name: /宛名リスト/ }).check();
    await page
      .getByLabel('CSVファイル')
      .setInputFiles(
        csv('atena.csv', [
          '宛名番号,氏名,氏名カナ,生年月日,性別,住所,製造管理番号',
          '0001,窓口 一郎,マドグチ イチロウ,1975-04-01,男,東京都千代田区千代田1-1,OFC100001',
          '0002,窓口 花子,マドグチ ハナコ,1980-12-01,女,デモ市中央一丁目1番2号,',
        ]),
      );
    await page.getByRole('button', { name: '内容を確認' }).click();
    await page.getByRole('heading', { name: '確認結果' }).waitFor();
    expect(await page.getByText('郵便番号を辞書から補う人: 1 人').isVisible()).toBe(true);
    expect(await page.getByText('辞書で郵便番号が見つからない住所: 1 件（3 行目）').isVisible()).toBe(true);
    await page.getByRole('button', { name: '取り込む' }).click();
    await page.getByText('2 人の宛名を登録しました。製造管理番号でカードと結び付けた人: 1 人。').waitFor();

    await open('宛名・郵便番号', '宛名・郵便番号');
    await page.getByLabel('生年月日').fill('昭和50年4月1日');
    await page.getByRole('button', { name: '照会する' }).click();
    await page.getByRole('heading', { name: '照会結果' }).waitFor();
    expect(await rows(page.getByRole('table', { name: '照会結果の一覧' }))).toEqual([
      [
        '0001',
        '窓口 一郎',
        'マドグチ イチロウ',
        '昭和50年4月1日 （1975/04/01）',
        '男',
        '100-0001',
        '東京都千代田区千代田1-1',
        'OFC100001',
      ],
    ]);
    expect(await page.getByRole('link', { name: 'OFC100001 のカードを検索' }).getAttribute('href')).toBe(
      '/staff/ledger/cards?management_number=OFC100001',
    );
    await expectAccessible(page, 'people');
    await screenshot(page, 'ledger-office-people');

    // A birth date the server cannot read is named beside its field.
    await page.getByLabel('生年月日').fill('昭和99年');
    await page.getByRole('button', { name: '照会する' }).click();
    await expect.poll(() => page.getByLabel('生年月日').getAttribute('aria-invalid')).toBe('true');
  }, 60_000);

  it('saves a header of the tenant own and names a bad QR layout beside its field', async () => {
    await open('取り込みとQRの設定', '取り込みとQRの設定');
    expect(await page.getByLabel('QRコードの項目の並び').inputValue()).toBe('jlis-qr-v1');
    await page.getByText('電子証明書更新対象者一覧', { exact: true }).click();
    const own = page.getByRole('textbox', { name: '「製造管理番号」に代わる見出し（電子証明書更新対象者一覧）' });
    await own.fill('管理番号');
    await page.getByLabel('QRコードの項目の並び').fill('management_number,foo;xx');
    await page.getByRole('button', { name: '保存する' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('alert');
    expect(await page.getByLabel('QRコードの項目の並び').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByRole('alert').textContent()).toContain(
      'QRコードの項目の並び: 知らない項目名があります（foo）。',
    );
    await expectAccessible(page, 'settings with errors');
    await screenshot(page, 'ledger-office-settings');

    await page.getByRole('button', { name: '既定に戻す' }).click();
    await page.getByRole('button', { name: '保存する' }).click();
    await page.getByText('設定を保存しました。').waitFor();
    expect(await page.getByText('1 項目を変更').isVisible()).toBe(true);

    // The renewal screen now reads 管理番号.
    await open('更新対象者の照合', '電子証明書更新対象者の照合');
    await page.getByText('一覧の列の見出し').click();
    expect((await rows(page.getByRole('table', { name: '使える列の見出し' })))[0]?.[0]).toBe(
      '管理番号 （既定: 製造管理番号）',
    );
    await page.getByLabel('CSVファイル').setInputFiles(csv('koshin2.csv', ['管理番号', 'OFC100001']));
    await page.getByRole('button', { name: '内容を確認' }).click();
    await page.getByRole('heading', { name: '照合結果' }).waitFor();
    await expectAccessible(page, 'settings applied to the renewal screen');
  }, 60_000);
});
