/**
 * A reader comments on an article in headless Chromium, against the production output served by
 * `netlify serve` (real functions, local Blobs): the form validates, a comment waits for moderation, a
 * moderator approves it on the moderation page, and it appears after a reload; a hostile comment renders inert.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { collectErrors, launchBrowser } from '../helpers/browser.ts';
import { projectRoot } from '../helpers/build-site.ts';

const baseUrl = inject('baseUrl');
const adminToken = inject('adminToken');
let browser: Browser;
let article: { id: string; url: string };

beforeAll(async () => {
  browser = await launchBrowser();
  // The build's own page list says which pages take comments (the article type, by default).
  const { pages } = JSON.parse(await readFile(join(projectRoot, 'functions/_generated/pages.json'), 'utf8')) as {
    pages: Record<string, { url: string; comments: boolean }>;
  };
  const found = Object.entries(pages).find(([, page]) => page.comments);
  if (!found) throw new Error('The demo build has no page that takes comments.');
  article = { id: found[0], url: found[1].url };
});
afterAll(async () => {
  await browser?.close();
});

async function openComments(): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors = collectErrors(page);
  await page.goto(baseUrl + article.url, { waitUntil: 'load' });
  await page.locator('#comments').scrollIntoViewIfNeeded();
  // Comments load once the section is in view; the count line is written when they have.
  await page.locator('[data-count]').filter({ hasText: /comment/i }).waitFor();
  return { page, errors };
}

/** Posts straight to the API (as a script or bot would), then approves through the admin API. */
async function postAndApprove(name: string, body: string): Promise<void> {
  const posted = await fetch(`${baseUrl}/api/comments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ page: article.id, name, body, website: '' }),
  });
  expect(posted.status).toBe(201);
  const { comment } = (await posted.json()) as { comment: { id: string } };
  const approved = await fetch(`${baseUrl}/api/comments/admin/${article.id}/${comment.id}/approve`, {
    method: 'POST',
    headers: { authorization: `Bearer ${adminToken}` },
  });
  expect(approved.status).toBe(200);
}

describe('comments on an article', () => {
  it('validates in the browser, holds a comment for moderation, and shows it once a moderator approves it', async () => {
    const { page, errors } = await openComments();
    const form = page.locator('form.comment-form');

    // Empty: the browser-side checks answer, nothing is sent.
    let posts = 0;
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().endsWith('/api/comments')) posts++;
    });
    await form.getByRole('button', { name: 'Post comment' }).click();
    await expect.poll(() => page.locator('#comment-name-error').textContent()).not.toBe('');
    expect(await page.locator('#comment-body-error').textContent()).not.toBe('');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('comment-name');
    expect(posts).toBe(0);

    const body = `Crossed the new footbridge today ${Date.now()}, solid as a rock.`;
    await form.getByLabel('Name').fill('Wren Ashdown');
    await form.getByLabel('Comment', { exact: true }).fill(body);
    await form.getByRole('button', { name: 'Post comment' }).click();
    await page.locator('[data-form-status]').filter({ hasText: 'awaiting moderation' }).waitFor();
    expect(posts).toBe(1);
    expect(await page.locator('.comment-list').textContent()).not.toContain(body);

    // A moderator approves it on the moderation page, which drives the admin API.
    const moderator = await browser.newPage();
    await moderator.goto(`${baseUrl}/moderate/`);
    await moderator.getByLabel(/Admin token/).fill(adminToken);
    await moderator.getByRole('button', { name: 'Open the queue' }).click();
    const item = moderator.locator('[data-comment]').filter({ hasText: body });
    await item.waitFor();
    await item.getByRole('button', { name: 'Approve' }).click();
    await moderator.getByRole('status').filter({ hasText: 'approved' }).waitFor();
    await moderator.close();

    await page.reload({ waitUntil: 'load' });
    await page.locator('#comments').scrollIntoViewIfNeeded();
    await page.locator('.comment-body').filter({ hasText: body }).waitFor();
    expect(await page.locator('.comment').filter({ hasText: body }).locator('.comment-author').textContent()).toBe('Wren Ashdown');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('renders a hostile comment as inert text', async () => {
    const marker = `hostile-${Date.now()}`;
    const hostile = [
      `${marker} <img src=x onerror="window.__pwned = 1">`,
      '<script>window.__pwned = 2</script>',
      '<a href="javascript:window.__pwned = 3">click me</a> javascript:alert(1)',
      '"><svg onload="window.__pwned = 4"> https://example.org/"onmouseover="window.__pwned=5',
    ].join('\n');
    await postAndApprove('<b onmouseover="window.__pwned = 6">Mallory</b>', hostile);

    const { page } = await openComments();
    const comment = page.locator('.comment').filter({ hasText: marker });
    await comment.waitFor();
    await comment.hover();
    await comment.locator('a').evaluateAll((links) => links.forEach((a) => a.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }))));

    expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
    // What was typed is what a reader sees, as text.
    expect(await comment.locator('.comment-body').innerText()).toContain('<script>window.__pwned = 2</script>');
    expect(await comment.locator('.comment-author').innerText()).toBe('<b onmouseover="window.__pwned = 6">Mallory</b>');
    expect(await comment.locator('img, script, svg, b').count()).toBe(0);
    const hrefs = await comment.locator('a').evaluateAll((links) => links.map((a) => [a.getAttribute('href'), a.getAttribute('rel')]));
    for (const [href, rel] of hrefs) {
      if (href?.startsWith('#') || href?.startsWith('/')) continue; // the comment's own permalink
      expect(href).toMatch(/^https:\/\/example\.org\//);
      expect(rel).toBe('nofollow ugc');
    }
    await page.close();
  });
});
