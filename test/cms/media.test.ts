/** Images, renditions, rich text media and documents (README items 7, 8). */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CmsHandle } from '../../cms/server.ts';
import { gql, start } from './helpers.ts';

let cms: CmsHandle;
beforeAll(async () => {
  cms = await start();
});
afterAll(() => cms.close());

async function fetchImage(url: string) {
  const res = await fetch(url);
  expect(res.status, url).toBe(200);
  const data = Buffer.from(await res.arrayBuffer());
  const meta = await sharp(data).metadata();
  return { type: res.headers.get('content-type'), width: meta.width, height: meta.height, format: meta.format };
}

describe('image URLs', () => {
  it('serves absolute original and rendition URLs on the CMS origin', async () => {
    const res = await gql(cms.url, '{ image(id: 5) { url file width height aspectRatio rendition(width: 800, format: "webp") { url width height filterSpec file } } }');
    const image = res.body.data.image;
    expect(image.url).toBe(`${cms.origin}/media/original_images/kestrel-traverse-panorama.jpg`);
    expect(image.file).toBe('original_images/kestrel-traverse-panorama.jpg');
    expect(image.rendition).toEqual({
      url: `${cms.origin}/media/images/kestrel-traverse-panorama.width-800.format-webp.webp`,
      width: 800,
      height: 240,
      filterSpec: 'width-800|format-webp',
      file: 'images/kestrel-traverse-panorama.width-800.format-webp.webp',
    });
    const served = await fetchImage(image.rendition.url);
    expect(served).toMatchObject({ type: 'image/webp', width: 800, height: 240, format: 'webp' });
  });

  it('never upscales: a small image repeats its width in srcSet and its renditions keep its size', async () => {
    const res = await gql(cms.url, '{ image(id: 15) { width height srcSet(sizes: [200, 400, 800]) big: rendition(width: 1200) { url width height } } }');
    const image = res.body.data.image;
    expect([image.width, image.height]).toEqual([360, 240]);
    const widths = image.srcSet.split(', ').map((entry: string) => entry.split(' ')[1]);
    expect(widths).toEqual(['200w', '360w', '360w']);
    for (const entry of image.srcSet.split(', ')) expect(entry).toMatch(new RegExp(`^${cms.origin}/media/images/`));
    expect(image.big).toMatchObject({ width: 360, height: 240 });
    expect(await fetchImage(image.big.url)).toMatchObject({ width: 360, height: 240 });
  });

  it('serves max, fill and height renditions with the real sizes the API announced', async () => {
    const res = await gql(
      cms.url,
      '{ image(id: 10) { max: rendition(max: "500x500") { url width height } fill: rendition(fill: "300x200") { url width height } tall: rendition(height: 3000) { width height } } }',
    );
    const { max, fill, tall } = res.body.data.image;
    expect([max.width, max.height]).toEqual([333, 500]);
    expect(await fetchImage(max.url)).toMatchObject({ width: 333, height: 500 });
    expect([fill.width, fill.height]).toEqual([300, 200]);
    expect(await fetchImage(fill.url)).toMatchObject({ width: 300, height: 200 });
    expect(tall).toEqual({ width: 1200, height: 1800 });
  });

  it('reports an invalid filter spec as a field error', async () => {
    const res = await gql(cms.url, '{ image(id: 1) { id rendition(fill: "huge") { url } } }');
    expect(res.status).toBe(200);
    expect(res.body.data.image).toEqual({ id: '1', rendition: null });
    expect(res.body.errors[0].path).toEqual(['image', 'rendition']);
  });

  it('serves originals with their real size and 404s unknown media', async () => {
    expect(await fetchImage(`${cms.origin}/media/original_images/trail-signpost.jpg`)).toMatchObject({ width: 360, height: 240, format: 'jpeg' });
    expect((await fetch(`${cms.origin}/media/original_images/nothing.jpg`)).status).toBe(404);
    expect((await fetch(`${cms.origin}/media/images/trail-signpost.width-100.png`)).status).toBe(404);
    expect((await fetch(`${cms.origin}/media/original_images/%E0%A4%A.jpg`)).status).toBe(404);
  });

  it('counts each rendition drawn once, however many requests arrive at the same time', async () => {
    const cacheDir = await mkdtemp(join(tmpdir(), 'demo-cms-'));
    const fresh = await start({ cacheDir });
    try {
      const names = ['width-120', 'width-130', 'width-140'].map((spec) => `${fresh.origin}/media/images/trail-signpost.${spec}.jpg`);
      const responses = await Promise.all([...names, ...names].map((url) => fetch(url)));
      expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
      expect(fresh.stats().media).toMatchObject({ renditions: 6, renditionsGenerated: 3 });
    } finally {
      await fresh.close();
      await rm(cacheDir, { recursive: true, force: true });
    }
  });
});

describe('rich text', () => {
  it('expands page, document, image and media links to relative URLs', async () => {
    const res = await gql(cms.url, '{ a: page(id: 5) { ... on HutPage { body { ... on RichTextBlock { value } } } } b: page(id: 12) { ... on StandardPage { body { ... on RichTextBlock { value } } } } c: page(id: 39) { ... on ArticlePage { body { ... on RichTextBlock { value } } } } }');
    const html = [res.body.data.a, res.body.data.b, res.body.data.c]
      .flatMap((p: { body: Array<{ value?: string }> }) => p.body.map((b) => b.value ?? ''))
      .join('\n');
    expect(html).toContain('<a href="/routes/hut-to-hut/kestrel-traverse/">Kestrel Traverse</a>');
    expect(html).toContain('<a href="/documents/4/booking-terms.pdf">');
    expect(html).toMatch(/<p data-block-key="[a-z0-9]{5}">/);
    const img = /<img alt="The signpost at the foot of the mule track" class="richtext-image right" height="(\d+)" src="(\/media\/images\/trail-signpost\.width-500\.jpg)" width="(\d+)">/.exec(html);
    expect(img).not.toBeNull();
    expect(await fetchImage(`${cms.origin}${img?.[2]}`)).toMatchObject({ width: Number(img?.[3]), height: Number(img?.[1]) });
    expect(html).toMatch(/<img [^>]*class="richtext-image full-width"[^>]*src="\/media\/images\/full-moon-over-the-ridge\.width-800\.jpg"/);
    expect(html).toMatch(new RegExp(`<div><iframe [^>]*src="${cms.origin}/embeds/1/"[^>]*></iframe></div>`));
    expect(html).not.toContain('linktype=');
    // Media and page links stay relative; only the embed provider's iframe is absolute.
    expect(html).not.toMatch(/"https?:\/\/[^"]*\/(media|documents)\//);
    expect(html).not.toMatch(/href="https?:\/\/127/);
  });
});

describe('documents', () => {
  it('serves a valid PDF at the document URL', async () => {
    const res = await gql(cms.url, '{ document(id: 1) { title url file fileSize } }');
    const doc = res.body.data.document;
    expect(doc.url).toBe(`${cms.origin}/documents/1/house-rules.pdf`);
    const pdf = await fetch(doc.url);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const bytes = Buffer.from(await pdf.arrayBuffer());
    expect(bytes.length).toBe(doc.fileSize);
    const text = bytes.toString('latin1');
    expect(text.startsWith('%PDF-1.4')).toBe(true);
    expect(text.trimEnd().endsWith('%%EOF')).toBe(true);
    // The xref offsets must point at the objects (readers rely on them).
    const xrefAt = Number(/startxref\n(\d+)/.exec(text)?.[1]);
    expect(text.slice(xrefAt, xrefAt + 4)).toBe('xref');
    const firstObject = Number(/xref\n0 \d+\n0000000000 65535 f \n(\d{10})/.exec(text)?.[1]);
    expect(text.slice(firstObject, firstObject + 7)).toBe('1 0 obj');
    expect(text).toContain('(House rules for all huts)');
  });
});
