/**
 * An editor previews a draft in headless Chromium, against the production output served by
 * `netlify serve` (the preview route is the adapter's function): the demo CMS issues a
 * wagtail-headless-preview token; the draft renders with the site's template, unpublished content shows,
 * and nothing is cached or indexed; a bad token gets a page that says what to do.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { collectErrors, launchBrowser } from '../helpers/browser.ts';
import { projectRoot } from '../helpers/build-site.ts';

const baseUrl = inject('baseUrl');
const cmsOrigin = new URL(inject('cmsUrl')).origin;
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function cmsAdmin<T>(path: string, body: unknown): Promise<T> {
  const response = await fetch(`${cmsOrigin}/__cms/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`POST /__cms/${path} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

describe('draft preview', () => {
  it('renders a draft from its token with the same template, never cached or indexed', async () => {
    // A demo article, found by its URL in the build's page list.
    const { pages } = JSON.parse(await readFile(join(projectRoot, 'functions/_generated/pages.json'), 'utf8')) as { pages: Record<string, { url: string }> };
    const id = Object.entries(pages).find(([, p]) => p.url === '/journal/tarnside-footbridge/')?.[0];
    if (!id) throw new Error('the demo build has no /journal/tarnside-footbridge/');
    const draftTitle = `Draft: the footbridge opening ceremony ${Date.now()}`;
    await cmsAdmin(`pages/${id}/draft`, { title: draftTitle });
    const link = await cmsAdmin<{ token: string; contentType: string }>(`pages/${id}/preview-token`, {});
    const url = `${baseUrl}/preview?content_type=${encodeURIComponent(link.contentType)}&token=${encodeURIComponent(link.token)}`;

    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    expect(response.headers.get('x-robots-tag')).toMatch(/noindex/);

    const page = await browser.newPage();
    const errors = collectErrors(page);
    await page.goto(url, { waitUntil: 'load' });
    expect(await page.locator('h1').innerText()).toBe(draftTitle);
    expect(await page.locator('.preview-banner').innerText()).toMatch(/not published/);
    expect(await page.locator('meta[name="robots"]').getAttribute('content')).toMatch(/noindex/);
    // The article template, as on the published page: its byline and body are there.
    expect(await page.locator('article.page-article .prose').count()).toBe(1);
    expect(errors).toEqual([]);
    await page.close();

    // The published page is untouched.
    const live = await (await fetch(`${baseUrl}/journal/tarnside-footbridge/`)).text();
    expect(live).not.toContain(draftTitle);
  });

  it('answers an invalid or tampered token with a page that says what to do', async () => {
    for (const token of ['not-a-token', 'id=1:1tXbQz:forged']) {
      const response = await fetch(`${baseUrl}/preview?content_type=journal.articlepage&token=${encodeURIComponent(token)}`);
      expect(response.status, token).toBe(410);
      expect(response.headers.get('cache-control')).toBe('private, no-store');
      expect(await response.text()).toMatch(/invalid or has expired[\s\S]*Preview again/);
    }
  });
});
