// Steps more than one browser test takes: reading the page's heading, choosing a slot,
// filling the issuance form.
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

export const heading = (page: Page) => page.getByRole('heading', { level: 1 }).textContent();

/**
 * Picks the first bookable day after `skip` others, then its first slot with room. Late in
 * a month the window may leave too few days in it: then the next month is looked at.
 */
export async function pickSlot(page: Page, skip = 0): Promise<string> {
  await page.locator('table.month').waitFor();
  const bookable = page.locator('td.day-many button, td.day-some button, td.day-few button');
  for (let months = 1; ; months += 1) {
    const enough = await expect
      .poll(() => bookable.count(), { timeout: 5_000 })
      .toBeGreaterThan(skip)
      .then(
        () => true,
        () => false,
      );
    if (enough) break;
    if (months === 3) throw new Error(`fewer than ${skip + 1} bookable days in three months`);
    const caption = await page.locator('table.month caption').textContent();
    await page.getByRole('button', { name: '次の月' }).click();
    await expect.poll(() => page.locator('table.month caption').textContent()).not.toBe(caption);
  }
  await bookable.nth(skip).click();
  const slot = page.locator('.slot-list button:not([disabled])').first();
  const label = (await slot.textContent()) ?? '';
  await slot.click();
  return label;
}

export async function fillIssuanceForm(
  page: Page,
  person: { number: string; name: string; kana: string; birth: string; phone: string; email: string },
) {
  await page.getByRole('textbox', { name: '製造管理番号' }).fill(person.number);
  await page.getByRole('textbox', { name: '氏名' }).fill(person.name);
  await page.getByRole('textbox', { name: 'フリガナ' }).fill(person.kana);
  await page.getByRole('textbox', { name: '生年月日' }).fill(person.birth);
  await page.getByRole('textbox', { name: '電話番号' }).fill(person.phone);
  await page.getByRole('textbox', { name: 'メールアドレス' }).fill(person.email);
}
