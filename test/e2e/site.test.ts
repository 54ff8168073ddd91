/**
 * A visitor in headless Chromium: pages render without errors, images load, navigation and breadcrumbs work,
 * unknown URLs get the 404 page, redirects land on their targets.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { collectErrors, launchBrowser } from '../helpers/browser.ts';

const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function visit(path: string): Promise<{ page: Page; errors: string[]; status: number | undefined }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors = collectErrors(page);
  const response = await page.goto(baseUrl + path, { waitUntil: 'load' });
  return { page, errors, status: response?.status() };
}

/** Scrolls to the end so lazy images load, then reports every image that did not decode. */
async function brokenImages(page: Page): Promise<string[]> {
  await page.evaluate(async () => {
    for (let y = 0; y < document.body.scrollHeight; y += 600) {
      window.scrollTo(0, y);
      await new Promise((r) => setTimeout(r, 30));
    }
  });
  // `networkidle` may already have been reached before the scroll started the lazy loads; an image that
  // failed is `complete` too (with no natural width), so waiting for all to complete cannot hide one.
  await page.waitForFunction(() => [...document.images].every((img) => img.complete), undefined, { timeout: 15_000 }).catch(() => undefined);
  return page.$$eval('img', (images) =>
    images
      .filter((img) => !img.complete || img.naturalWidth === 0)
      .map((img) => img.currentSrc || img.src),
  );
}

describe('the demo site in a browser', () => {
  it('renders the home page with navigation, images and no errors', async () => {
    const { page, errors, status } = await visit('/');
    expect(status).toBe(200);
    await expect(page.title()).resolves.toContain('Northridge');
    const navLinks = await page.locator('header nav a').count();
    expect(navLinks).toBeGreaterThanOrEqual(4);
    expect(await page.locator('img').count()).toBeGreaterThan(0);
    expect(await brokenImages(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('renders an article: hero image, authors, date, body, breadcrumbs; images load', async () => {
    const { page, errors, status } = await visit('/journal/tarnside-footbridge/');
    expect(status).toBe(200);
    await expect(page.locator('h1').innerText()).resolves.toContain('footbridge');
    const hero = page.locator('img').first();
    await expect(hero.getAttribute('fetchpriority')).resolves.toBe('high');
    const breadcrumbs = page.locator('nav[aria-label="Breadcrumb"] a');
    expect(await breadcrumbs.count()).toBeGreaterThanOrEqual(2);
    expect(await brokenImages(page)).toEqual([]);
    // The browser picked a modern variant from the srcset, not the CMS original.
    const chosen = await hero.evaluate((img: HTMLImageElement) => img.currentSrc);
    expect(chosen).toMatch(/\/_img\/.+\.webp$/);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('renders a page through the generic template with its blocks and no errors', async () => {
    const { page, errors, status } = await visit('/about/history/');
    expect(status).toBe(200);
    await expect(page.locator('h1').innerText()).resolves.toContain('istory');
    await expect(page.locator('article.page-generic').count()).resolves.toBe(1);
    // The timeline block has no component: it renders generically, visibly, instead of breaking the page.
    expect(await page.locator('main').innerText()).toMatch(/19[5-9]\d/);
    expect(await brokenImages(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('answers an unknown URL with the 404 page', async () => {
    const { page, errors, status } = await visit('/no/such/page/');
    expect(status).toBe(404);
    await expect(page.locator('h1').innerText()).resolves.toMatch(/not found|404/i);
    expect(await page.locator('header nav a').count()).toBeGreaterThanOrEqual(4);
    // Chromium logs the document's own 404 status as a console error; anything else is a real problem.
    expect(errors.filter((e) => !e.includes(`${baseUrl}/no/such/page/`))).toEqual([]);
    await page.close();
  });

  it('navigates by the menu and the breadcrumbs, marking the current section', async () => {
    const { page, errors } = await visit('/');
    const journal = page.locator('header nav a', { hasText: 'Journal' });
    await Promise.all([page.waitForURL(`${baseUrl}/journal/`), journal.click()]);
    await expect(page.locator('header nav a[aria-current]').innerText()).resolves.toContain('Journal');
    const firstArticle = page.locator('main a[href^="/journal/"]').first();
    const href = await firstArticle.getAttribute('href');
    await Promise.all([page.waitForURL(`${baseUrl}${href}`), firstArticle.click()]);
    const home = page.locator('nav[aria-label="Breadcrumb"] a').first();
    await Promise.all([page.waitForURL(`${baseUrl}/`), home.click()]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('follows a Wagtail redirect to its target', async () => {
    // A Wagtail redirect to a page of the site, asked of the CMS (netlify serve consumes dist/_redirects).
    const answer = (await (
      await fetch(inject('cmsUrl'), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ redirects { oldPath page { url } } }' }),
      })
    ).json()) as { data: { redirects: { oldPath: string; page: { url: string } | null }[] } };
    const redirect = answer.data.redirects.find((r) => r.page?.url);
    const [from, to] = [redirect?.oldPath, redirect?.page?.url];
    const { page, status } = await visit(from!);
    expect(status).toBe(200);
    expect(new URL(page.url()).pathname).toBe(to);
    await page.close();
  });
});
