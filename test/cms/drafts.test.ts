/** Drafts, wagtail-headless-preview tokens (`page(token:)`) and moves, through the content API and the admin HTTP API. */
import { buildClientSchema, getIntrospectionQuery } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CmsHandle } from '../../cms/server.ts';
import { buildQueryPlan } from '../../src/wagtail/query-builder.ts';
import { gql, start } from './helpers.ts';

let cms: CmsHandle;
beforeAll(async () => {
  cms = await start({ preview: { clientUrl: 'https://www.example.com/preview' } });
});
afterAll(() => cms.close());

async function admin(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(`${cms.origin}/__cms${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

const STANDARD = 'id title live url lastPublishedAt ... on StandardPage { draftTitle hasUnpublishedChanges introduction body { blockType ... on RichTextBlock { value } } }';

async function byToken(token: string, fields = STANDARD) {
  return gql(cms.url, 'query ($token: String) { page(token: $token) { ' + fields + ' } }', { token });
}

describe('drafts and preview tokens', () => {
  it('serves a draft of a live page by token while page(id:) keeps the published values', async () => {
    const before = (await gql(cms.url, `{ page(id: 24) { ${STANDARD} } }`)).body.data.page;
    cms.content.saveDraft(24, {
      title: 'How we grade our trails (2025)',
      fields: { introduction: 'Draft introduction.', body: [{ type: 'paragraph', value: '<p>A draft paragraph.</p>', id: 'd1e0c5a2-0000-4000-8000-000000000001' }] },
    });
    const live = (await gql(cms.url, `{ page(id: 24) { ${STANDARD} } }`)).body.data.page;
    expect(live).toEqual({ ...before, draftTitle: 'How we grade our trails (2025)', hasUnpublishedChanges: true });

    const link = cms.content.previewLink(24);
    expect(link.contentType).toBe('pages.standardpage');
    expect(link.url).toBe(`https://www.example.com/preview?content_type=pages.standardpage&token=${encodeURIComponent(link.token)}`);
    const preview = await byToken(link.token);
    expect(preview.body.errors).toBeUndefined();
    expect(preview.body.data.page).toEqual({
      ...before,
      title: 'How we grade our trails (2025)',
      draftTitle: 'How we grade our trails (2025)',
      hasUnpublishedChanges: true,
      introduction: 'Draft introduction.',
      body: [{ blockType: 'RichTextBlock', value: '<p>A draft paragraph.</p>' }],
    });
  });

  it('previews a page never published, which page(id:) does not serve', async () => {
    const page = cms.content.addPage({ parentId: 31, type: 'ArticlePage', title: 'Winter room rules', live: false, fields: { introduction: 'Not yet.' } });
    expect((await gql(cms.url, `{ page(id: ${page.id}) { id } }`)).body.data.page).toBeNull();
    const res = await byToken(cms.content.previewToken(page.id), 'id title live url firstPublishedAt ... on ArticlePage { introduction }');
    expect(res.body.data.page).toEqual({ id: String(page.id), title: 'Winter room rules', live: false, url: '/journal/winter-room-rules/', firstPublishedAt: null, introduction: 'Not yet.' });
    // The demo's own unpublished draft (a hut still being planned) previews too.
    const hut = await byToken(cms.content.previewToken(14), 'title ... on HutPage { elevation beds }');
    expect(hut.body.data.page).toEqual({ title: 'Raven Col Shelter', elevation: 2455, beds: 6 });
  });

  it('serves the draft through the same derived query the site builds for live pages', async () => {
    const introspection = await gql(cms.url, getIntrospectionQuery());
    const plan = buildQueryPlan(buildClientSchema(introspection.body.data), { imageSourceWidth: 1600, streamFieldDepth: 4 });
    const live = plan.detailsQuery([{ id: '9', typename: 'HutPage' }]);
    expect(live).toContain('p0: page(id: "9")');
    const token = cms.content.previewToken(9);
    const preview = live.replace('p0: page(id: "9")', `p0: page(token: ${JSON.stringify(token)})`);
    const [a, b] = await Promise.all([gql(cms.url, live), gql(cms.url, preview)]);
    expect(b.status).toBe(200);
    expect(b.body.errors).toBeUndefined();
    // No draft: the preview is the live page, field for field, StreamField blocks and images included.
    expect(b.body.data.p0).toEqual(a.body.data.p0);
    expect(Object.keys(b.body.data.p0).length).toBeGreaterThan(20);

    cms.content.saveDraft(9, { fields: { beds: 99, wardenName: 'A. Draft' } });
    const drafted = await gql(cms.url, preview.replace(JSON.stringify(token), JSON.stringify(cms.content.previewToken(9))));
    expect(drafted.body.data.p0).toEqual({ ...a.body.data.p0, beds: 99, wardenName: 'A. Draft' });
  });

  it('keeps what a token showed when it was issued, as the stored preview row does', async () => {
    const token = cms.content.previewToken(43);
    cms.content.saveDraft(43, { title: 'About the association' });
    expect((await byToken(token, 'title')).body.data.page.title).toBe('About us');
    // Issued again (the editor's next Preview), the row shows the new draft. Within the same second the
    // token is the same string, as Django's TimestampSigner makes it, and the row is updated in place.
    expect((await byToken(cms.content.previewToken(43), 'title')).body.data.page.title).toBe('About the association');
  });

  it('answers null for malformed, unknown and expired tokens, like grapple', async () => {
    for (const token of ['garbage', 'id=abc:1:x', 'id=99999:1tXb:sig', 'page_type=nope.Nothing:1:x', 'a=b=c']) {
      const res = await byToken(token, 'id');
      expect(res.body, token).toEqual({ data: { page: null } });
    }
    const short = await start({ preview: { ttlSeconds: 0.05 } });
    try {
      const token = short.content.previewToken(24);
      const ok = await gql(short.url, `{ page(token: ${JSON.stringify(token)}) { id } }`);
      expect(ok.body.data.page).toEqual({ id: '24' });
      await new Promise((resolve) => setTimeout(resolve, 80));
      const expired = await gql(short.url, `{ page(token: ${JSON.stringify(token)}) { id } }`);
      expect(expired.body).toEqual({ data: { page: null } });
    } finally {
      await short.close();
    }
  });

  it('reports a bad signature on a token naming a page in errors, as grapple lets BadSignature through', async () => {
    const token = cms.content.previewToken(35);
    const tampered = `${token.slice(0, token.lastIndexOf(':'))}:forged`;
    const res = await byToken(tampered, 'id');
    expect(res.status).toBe(200);
    expect(res.body.data.page).toBeNull();
    expect(res.body.errors).toEqual([expect.objectContaining({ message: 'Signature "forged" does not match', path: ['page'] })]);
    // Another page's id in a valid token's place: the signature covers it.
    const swapped = await byToken(token.replace(/^id=35:/, 'id=24:'), 'id');
    expect(swapped.body.errors[0].message).toMatch(/does not match/);
    expect((await byToken('id=35', 'id')).body.errors[0].message).toBe('No ":" found in value');
  });

  it('answers a typed field only for its own page type', async () => {
    const token = cms.content.previewToken(35);
    const res = await gql(cms.url, `{ a: articlePage(token: ${JSON.stringify(token)}) { title } b: articlePage(token: ${JSON.stringify(cms.content.previewToken(24))}) { title } }`);
    expect(res.body.data).toEqual({ a: { title: 'Opening dates for the 2024 and 2025 seasons' }, b: null });
  });

  it('publishes the draft: live values change, the draft state clears', async () => {
    cms.content.saveDraft(10, { title: 'Juniper Ridge Hut (renovated)', fields: { beds: 30 } });
    const before = (await gql(cms.url, '{ page(id: 10) { title lastPublishedAt ... on HutPage { beds } } }')).body.data.page;
    expect(before.title).toBe('Juniper Ridge Hut');
    cms.content.publishPage(10);
    const after = (await gql(cms.url, '{ page(id: 10) { title lastPublishedAt ... on HutPage { draftTitle hasUnpublishedChanges beds } } }')).body.data.page;
    expect(after).toMatchObject({ title: 'Juniper Ridge Hut (renovated)', draftTitle: 'Juniper Ridge Hut (renovated)', hasUnpublishedChanges: false, beds: 30 });
    expect(Date.parse(after.lastPublishedAt)).toBeGreaterThan(Date.parse(before.lastPublishedAt));
    expect(cms.content.latestRevision(10).title).toBe('Juniper Ridge Hut (renovated)');
    // Publishing a page never published makes it live with its content.
    cms.content.publishPage(14);
    expect((await gql(cms.url, '{ page(id: 14) { title live } }')).body.data.page).toEqual({ title: 'Raven Col Shelter', live: true });
  });

  it('publishes a pending draft together with a later change, as the admin edit form does', async () => {
    cms.content.saveDraft(44, { title: 'Volunteering with us' });
    cms.content.updatePage(44, { fields: { introduction: 'Changed and published.' } });
    const page = (await gql(cms.url, '{ page(id: 44) { title ... on StandardPage { hasUnpublishedChanges introduction } } }')).body.data.page;
    expect(page).toEqual({ title: 'Volunteering with us', hasUnpublishedChanges: false, introduction: 'Changed and published.' });
  });

  it('refuses invalid drafts and tokens and leaves the page as it was', () => {
    expect(() => cms.content.saveDraft(5, { fields: { nope: 1 } })).toThrow(/has no field "nope"/);
    expect(() => cms.content.saveDraft(10, { slug: 'tarnside-hut' })).toThrow(/already in use/);
    expect(() => cms.content.saveDraft(9999, { title: 'x' })).toThrow(/does not exist/);
    expect(() => cms.content.previewToken(1)).toThrow(/Root cannot be previewed/);
    expect(cms.content.page(5)?.hasUnpublishedChanges).toBe(false);
  });
});

describe('moves', () => {
  it('moves a page with its subtree: new URLs, same content, listed under the new parent', async () => {
    const section = cms.content.addPage({ parentId: 43, type: 'StandardPage', title: 'Archive' });
    const child = cms.content.addPage({ parentId: section.id, type: 'StandardPage', title: 'Old news' });
    cms.content.movePage(section.id, 31);
    const res = await gql(cms.url, `{ a: page(id: ${section.id}) { url depth parent { id } } b: page(id: ${child.id}) { url depth } journal: page(id: 31) { children(limit: 100) { id } } }`);
    expect(res.body.data.a).toEqual({ url: '/journal/archive/', depth: 4, parent: { id: '31' } });
    expect(res.body.data.b).toEqual({ url: '/journal/archive/old-news/', depth: 5 });
    expect(res.body.data.journal.children.at(-1)).toEqual({ id: String(section.id) });
    const byPath = await gql(cms.url, '{ page(urlPath: "/journal/archive/old-news/", inSite: true) { id } }');
    expect(byPath.body.data.page).toEqual({ id: String(child.id) });
    expect(() => cms.content.movePage(section.id, child.id)).toThrow(/below itself/);
    expect(() => cms.content.movePage(2, 31)).toThrow(/root page of a site/);
  });
});

describe('admin HTTP API', () => {
  it('saves a draft, issues a preview token, publishes, and moves', async () => {
    const draft = await admin('POST', '/pages/45/draft', { title: 'Contact the association', fields: { introduction: 'Write to us.' } });
    expect(draft.status).toBe(200);
    expect(draft.body.page).toMatchObject({ id: 45, hasUnpublishedChanges: true, draftTitle: 'Contact the association', draft: { title: 'Contact the association' } });
    expect(draft.body.page.draft.fields.introduction).toBe('Write to us.');
    expect(draft.body.page.title).not.toBe('Contact the association');

    const link = await admin('POST', '/pages/45/preview-token', {});
    expect(link.status).toBe(201);
    expect(link.body).toMatchObject({ contentType: 'pages.standardpage', url: expect.stringMatching(/^https:\/\/www\.example\.com\/preview\?content_type=pages\.standardpage&token=id%3D45%3A/) });
    expect(Date.parse(link.body.expiresAt) - Date.now()).toBeGreaterThan(3500_000);
    expect(new URL(link.body.url).searchParams.get('token')).toBe(link.body.token);
    expect((await byToken(link.body.token, 'title ... on StandardPage { introduction }')).body.data.page).toEqual({ title: 'Contact the association', introduction: 'Write to us.' });

    const published = await admin('POST', '/pages/45/publish');
    expect(published.body.page).toMatchObject({ title: 'Contact the association', hasUnpublishedChanges: false, draft: null });

    const moved = await admin('POST', '/pages/45/move', { parentId: 31 });
    expect(moved.body.page.url).toMatch(/^\/journal\//);
  });

  it('answers clear 4xx errors', async () => {
    expect((await admin('POST', '/pages/9999/draft', { title: 'x' })).status).toBe(404);
    expect((await admin('POST', '/pages/10/draft', { live: true })).status).toBe(400);
    expect((await admin('POST', '/pages/1/preview-token')).status).toBe(400);
    expect((await admin('POST', '/pages/10/preview-token', { ttlSeconds: -1 })).status).toBe(400);
    expect((await admin('POST', '/pages/10/move', {})).status).toBe(400);
    expect((await admin('POST', '/pages/10/move', { parentId: 9999 })).status).toBe(404);
    expect((await admin('GET', '/pages/10/draft')).status).toBe(405);
  });
});
