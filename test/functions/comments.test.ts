/**
 * The comments functions called as Netlify calls them (a Web Request in, a Response out) against a real
 * local Blobs server: posting, listing, moderation, rate limits, deploy-context isolation and errors.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import comments from '../../functions/comments.ts';
import commentsAdmin from '../../functions/comments-admin.ts';
import { resetCommentsSettings } from '../../functions/_shared/comments/settings.ts';
import type { RequestContext } from '../../functions/_shared/http.ts';
import { ABOUT, ARTICLE, startFunctionsEnv, type FunctionsEnv } from '../helpers/functions-env.ts';

const ORIGIN = 'http://localhost:8888';
const ADMIN_TOKEN = 'moderator-token-0123456789';
// Each test is its own visitor, so the default rate limit (5 a minute) never links one test to another.
let production: RequestContext;
let visitor = 0;
beforeEach(() => {
  production = { ip: `203.0.113.${++visitor}`, deploy: { context: 'production' } };
});

let env: FunctionsEnv;
let nextPage = 100;

beforeAll(async () => {
  env = await startFunctionsEnv();
});
afterAll(async () => {
  await env.stop();
});
afterEach(() => {
  for (const name of ['COMMENTS_MODERATION', 'COMMENTS_RATE_LIMIT', 'COMMENTS_ADMIN_TOKEN', 'COMMENTS_PAGE_SIZE', 'COMMENTS_MAX_LINKS']) {
    delete process.env[name];
  }
  resetCommentsSettings();
});

/** A fresh commentable page per test, so tests never see each other's comments. */
async function freshPage(): Promise<string> {
  const id = String(nextPage++);
  const pages: Record<string, typeof ARTICLE> = { '2': ABOUT };
  for (let p = 100; p < nextPage; p++) pages[String(p)] = { ...ARTICLE, url: `/journal/post-${p}/` };
  await env.writePages(pages);
  // The page list is re-read when its mtime changes; make sure two writes in one millisecond still differ.
  await new Promise((r) => setTimeout(r, 5));
  return id;
}

function settings(values: Record<string, string>): void {
  Object.assign(process.env, values);
  resetCommentsSettings();
}

function postJson(body: unknown, context: RequestContext = production): Promise<Response> {
  return comments(
    new Request(`${ORIGIN}/api/comments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
    }),
    context,
  );
}

async function listAll(page: string, context: RequestContext = production): Promise<{ ids: string[]; count: number; bodies: string[]; raw: unknown[] }> {
  let url: string | null = `/api/comments?page=${page}`;
  const ids: string[] = [];
  const bodies: string[] = [];
  const raw: unknown[] = [];
  let count = 0;
  while (url) {
    const response = await comments(new Request(new URL(url, ORIGIN)), context);
    expect(response.status).toBe(200);
    const data = (await response.json()) as { comments: { id: string; body: string }[]; count: number; next: string | null };
    ids.push(...data.comments.map((c) => c.id));
    bodies.push(...data.comments.map((c) => c.body));
    raw.push(...data.comments);
    count = data.count;
    url = data.next;
  }
  return { ids, count, bodies, raw };
}

function admin(path: string, method = 'GET', token = ADMIN_TOKEN, context: RequestContext = production): Promise<Response> {
  return commentsAdmin(new Request(`${ORIGIN}/api/comments/admin${path}`, { method, headers: { authorization: `Bearer ${token}` } }), context);
}

describe('posting and listing', () => {
  it('holds a new comment for moderation by default, then lists it once approved, without the email', async () => {
    settings({ COMMENTS_ADMIN_TOKEN: ADMIN_TOKEN });
    const page = await freshPage();
    const response = await postJson({ page, name: 'Ada', email: 'ada@example.org', body: 'Lovely walk.\nWill return.', website: '' });
    expect(response.status).toBe(201);
    const posted = (await response.json()) as { status: string; comment: { id: string; html: string } };
    expect(posted.status).toBe('pending');
    expect(posted.comment.html).toBe('Lovely walk.<br>\nWill return.');
    expect((await listAll(page)).ids).toEqual([]);

    const queue = (await (await admin(`?status=pending&page=${page}`)).json()) as { comments: { id: string; email: string; pageUrl: string }[] };
    expect(queue.comments.map((c) => c.id)).toEqual([posted.comment.id]);
    expect(queue.comments[0]?.email).toBe('ada@example.org');
    expect(queue.comments[0]?.pageUrl).toBe(`/journal/post-${page}/`);

    expect((await admin(`/${page}/${posted.comment.id}/approve`, 'POST')).status).toBe(200);
    const listed = await listAll(page);
    expect(listed.ids).toEqual([posted.comment.id]);
    expect(listed.count).toBe(1);
    expect(JSON.stringify(listed.raw)).not.toContain('ada@example.org');
    const after = (await (await admin(`?status=pending&page=${page}`)).json()) as { comments: unknown[] };
    expect(after.comments).toEqual([]);
  });

  it('rejects and deletes through the admin API', async () => {
    settings({ COMMENTS_ADMIN_TOKEN: ADMIN_TOKEN, COMMENTS_MODERATION: 'post' });
    const page = await freshPage();
    const a = ((await (await postJson({ page, name: 'A', body: 'one' })).json()) as { comment: { id: string } }).comment.id;
    expect((await listAll(page)).ids).toEqual([a]);
    expect((await admin(`/${page}/${a}`, 'DELETE')).status).toBe(200);
    expect((await listAll(page)).ids).toEqual([]);
    expect((await admin(`/${page}/${a}`, 'DELETE')).status).toBe(404);

    settings({ COMMENTS_ADMIN_TOKEN: ADMIN_TOKEN, COMMENTS_MODERATION: 'pre' });
    const b = ((await (await postJson({ page, name: 'B', body: 'two' })).json()) as { comment: { id: string } }).comment.id;
    expect((await admin(`/${page}/${b}/reject`, 'POST')).status).toBe(200);
    const queue = (await (await admin(`?page=${page}`)).json()) as { comments: unknown[] };
    expect(queue.comments).toEqual([]);
  });

  it('shows comments at once under post-moderation, but holds one with too many links', async () => {
    settings({ COMMENTS_MODERATION: 'post', COMMENTS_MAX_LINKS: '1' });
    const page = await freshPage();
    const ok = (await (await postJson({ page, name: 'B', body: 'See https://example.org/a.' })).json()) as { status: string };
    expect(ok.status).toBe('approved');
    const spam = (await (await postJson({ page, name: 'C', body: 'https://a.example https://b.example' })).json()) as { status: string };
    expect(spam.status).toBe('pending');
    const listed = await listAll(page);
    expect(listed.bodies).toEqual(['See https://example.org/a.']);
  });

  it('stores 500 concurrent posts to one page and lists every one, oldest first, across pages of results', async () => {
    settings({ COMMENTS_MODERATION: 'post', COMMENTS_RATE_LIMIT: '0', COMMENTS_PAGE_SIZE: '40' });
    const page = await freshPage();
    const responses = await Promise.all(Array.from({ length: 500 }, (_, i) => postJson({ page, name: `Reader ${i}`, body: `Comment number ${i}` })));
    expect(responses.map((r) => r.status).filter((s) => s !== 201)).toEqual([]);
    const listed = await listAll(page);
    expect(listed.count).toBe(500);
    expect(new Set(listed.ids).size).toBe(500);
    expect(new Set(listed.bodies)).toEqual(new Set(Array.from({ length: 500 }, (_, i) => `Comment number ${i}`)));
    expect([...listed.ids].sort()).toEqual(listed.ids);
  }, 60_000);

  it('keeps each deploy context in its own store', async () => {
    settings({ COMMENTS_MODERATION: 'post' });
    const page = await freshPage();
    const preview: RequestContext = { ip: '198.51.100.1', deploy: { context: 'deploy-preview' } };
    expect((await postJson({ page, name: 'Preview tester', body: 'from a preview' }, preview)).status).toBe(201);
    expect((await listAll(page, production)).ids).toEqual([]);
    expect((await listAll(page, preview)).bodies).toEqual(['from a preview']);
  });

  it('answers a form post from a browser without JavaScript with a redirect back to the page', async () => {
    const page = await freshPage();
    const post = (body: string) =>
      comments(
        new Request(`${ORIGIN}/api/comments`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html,application/xhtml+xml' },
          body,
        }),
        production,
      );
    const ok = await post(new URLSearchParams({ page, name: 'Form', body: 'No script here', website: '' }).toString());
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe(`/journal/post-${page}/?comment=pending#comment-pending`);
    const bad = await post(new URLSearchParams({ page, name: '', body: '' }).toString());
    expect(bad.headers.get('location')).toBe(`/journal/post-${page}/?comment=error#comment-error`);
  });
});

describe('refusals', () => {
  it('reports every invalid field at once', async () => {
    const page = await freshPage();
    const response = await postJson({ page, name: ' ', email: 'not-an-email', body: '', website: 'http://spam.example' });
    expect(response.status).toBe(400);
    const { fields } = (await response.json()) as { fields: Record<string, string> };
    expect(Object.keys(fields).sort()).toEqual(['body', 'email', 'name', 'website']);
  });

  it('refuses unknown pages and pages closed to comments with 404', async () => {
    expect((await postJson({ page: '999999', name: 'A', body: 'b' })).status).toBe(404);
    expect((await postJson({ page: '2', name: 'A', body: 'b' })).status).toBe(404);
    expect((await comments(new Request(`${ORIGIN}/api/comments?page=2`), production)).status).toBe(404);
    expect((await comments(new Request(`${ORIGIN}/api/comments`), production)).status).toBe(400);
  });

  it('answers wrong methods, media types, bodies and sizes with the right status', async () => {
    const put = await comments(new Request(`${ORIGIN}/api/comments`, { method: 'PUT' }), production);
    expect(put.status).toBe(405);
    expect(put.headers.get('allow')).toBe('GET, POST');
    const text = await comments(new Request(`${ORIGIN}/api/comments`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hi' }), production);
    expect(text.status).toBe(415);
    const broken = await comments(new Request(`${ORIGIN}/api/comments`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"page":' }), production);
    expect(broken.status).toBe(400);
    const huge = await postJson({ page: '100', name: 'A', body: 'x'.repeat(100_000) });
    expect(huge.status).toBe(413);
  });

  it('limits posts per client per minute with 429 and Retry-After', async () => {
    settings({ COMMENTS_RATE_LIMIT: '2' });
    const page = await freshPage();
    const me: RequestContext = { ip: '192.0.2.55', deploy: { context: 'production' } };
    expect((await postJson({ page, name: 'A', body: '1' }, me)).status).toBe(201);
    expect((await postJson({ page, name: 'A', body: '2' }, me)).status).toBe(201);
    const third = await postJson({ page, name: 'A', body: '3' }, me);
    expect(third.status).toBe(429);
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await postJson({ page, name: 'B', body: '1' }, { ...me, ip: '192.0.2.56' })).status).toBe(201);
  });

  it('protects the admin API with the bearer token, and is off without one', async () => {
    settings({ COMMENTS_ADMIN_TOKEN: ADMIN_TOKEN });
    expect((await admin('?status=pending', 'GET', 'wrong-token-0123456789')).status).toBe(401);
    expect((await commentsAdmin(new Request(`${ORIGIN}/api/comments/admin`), production)).status).toBe(401);
    settings({ COMMENTS_ADMIN_TOKEN: '' });
    expect((await admin('?status=pending')).status).toBe(503);
  });

  it('answers 503 and acknowledges nothing when storage is down', async () => {
    const page = await freshPage();
    const saved = process.env.NETLIFY_BLOBS_CONTEXT;
    process.env.NETLIFY_BLOBS_CONTEXT = Buffer.from(
      JSON.stringify({ siteID: 'test-site', token: 'test-token', edgeURL: 'http://127.0.0.1:9', uncachedEdgeURL: 'http://127.0.0.1:9' }),
    ).toString('base64');
    try {
      const response = await postJson({ page, name: 'A', body: 'lost?' });
      expect(response.status).toBe(503);
      expect(((await response.json()) as { error: string }).error).toMatch(/try again/);
    } finally {
      process.env.NETLIFY_BLOBS_CONTEXT = saved;
    }
  });
});
