/**
 * A reader searches in headless Chromium, against the production output served by `netlify serve`: the
 * header box leads to results, a result leads to its page, a misspelt word still finds it, and the
 * keyboard and the type filter work.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { collectErrors, launchBrowser } from '../helpers/browser.ts';

const baseUrl = inject('baseUrl');
let browser: Browser;

// A demo article and a word only its title has among the articles.
const ARTICLE = { url: '/journal/tarnside-footbridge/', title: 'The footbridge is back over Tarnside Water' };

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function search(page: Page, query: string): Promise<void> {
  await page.goto(`${baseUrl}/`, { waitUntil: 'load' });
  const box = page.getByRole('search', { name: 'Site' }).getByRole('searchbox');
  await box.fill(query);
  await box.press('Enter');
  await page.waitForURL(/\/search\/\?q=/);
  await page.locator('[data-results] a[data-result]').first().waitFor();
}

describe('site search', () => {
  it('finds an article by a word from it and navigates to it', async () => {
    const page = await browser.newPage();
    const errors = collectErrors(page);
    await search(page, 'footbridge');
    const result = page.locator('a[data-result]').filter({ hasText: ARTICLE.title });
    await result.waitFor();
    expect(await page.locator('[data-results] mark').first().innerText()).toMatch(/footbridge/i);
    await result.click();
    await page.waitForURL(`${baseUrl}${ARTICLE.url}`);
    expect(await page.locator('h1').innerText()).toBe(ARTICLE.title);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('still finds it when the word is misspelt', async () => {
    const page = await browser.newPage();
    await search(page, 'footbrigde');
    await page.locator('a[data-result]').filter({ hasText: ARTICLE.title }).waitFor();
    await page.close();
  });

  it('moves through results with the arrow keys and filters by type', async () => {
    const page = await browser.newPage();
    await page.goto(`${baseUrl}/search/?q=hut`, { waitUntil: 'load' });
    const links = page.locator('a[data-result]');
    await links.first().waitFor();
    await page.locator('#search-q').focus();
    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('href'))).toBe(await links.nth(0).getAttribute('href'));
    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('href'))).toBe(await links.nth(1).getAttribute('href'));
    await page.keyboard.press('Escape');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('search-q');

    // Pick the type with the fewest matches, then every result shown is of that type.
    const api = (await (await fetch(`${baseUrl}/api/search?q=hut`)).json()) as { types: Record<string, number>; total: number };
    const [type] = Object.entries(api.types).sort((a, b) => a[1] - b[1])[0] ?? [];
    expect(type).toBeDefined();
    await page.locator(`[data-filter] input[value="${type}"]`).check();
    await page.waitForURL(new RegExp(`type=${encodeURIComponent(type as string).replace('.', '\\.')}`));
    const filtered = (await (await fetch(`${baseUrl}/api/search?q=hut&type=${type}`)).json()) as { results: { url: string }[] };
    await expect.poll(() => links.evaluateAll((as) => as.map((a) => a.getAttribute('href')))).toEqual(filtered.results.map((r) => r.url));
    await page.close();
  });
});
