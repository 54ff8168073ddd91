import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findBrokenLinks, formatBrokenLink, internalLinks, pageUrlOf } from '../../src/render/link-check.ts';

let dist: string;
const write = async (path: string, content: string) => {
  await mkdir(dirname(join(dist, path)), { recursive: true });
  await writeFile(join(dist, path), content);
};

beforeAll(async () => {
  dist = await mkdtemp(join(tmpdir(), 'link-check-'));
  await write('index.html', '<a href="/about/">About</a><a href="/gone/">Gone</a><link rel="icon" href="/favicon.svg"><img src="/missing.png">');
  await write('about/index.html', '<a href="/">Home</a><a href="/about/#team">Team</a><a href="/gone/?x=1">Gone again</a><a href="https://elsewhere.example/x">out</a>');
  await write('journal/page/2/index.html', '<a href="/journal/">Back</a><a href="/old-path">Moved</a><a href="/_img/abc-320.webp">img</a><a href="/api/search">api</a><a href="//cdn.example/x">cdn</a>');
  await write('favicon.svg', '<svg/>');
  await write('journal/index.html', '<a href="/journal/page/2/">More</a>');
  await write('_redirects', '# comment\n/old-path /about/ 301\n/old-path/ /about/ 301\n/legacy/* /about/ 301\n');
  await write('404.html', '<a href="/legacy/anything">legacy</a><a href="/caf%C3%A9/">café</a>');
  // A page bigger than one read chunk, with a link cut by the chunk boundary.
  await write('big/index.html', `${'<p>filler</p>'.repeat(65536 / 13)}<a class="x" href="/nowhere-big/">x</a>`);
});
afterAll(async () => {
  await rm(dist, { recursive: true, force: true });
});

describe('internalLinks', () => {
  it('finds site-relative hrefs in a, area and link tags, without query or fragment', () => {
    expect(internalLinks(`<a href='/a/?q=1'>x</a><area href=/b/#c><link href="/c.css"><div data-href="/no/"></div><a href="//x.example/">x</a>`)).toEqual([
      '/a/',
      '/b/',
      '/c.css',
    ]);
  });

  it('maps files back to page URLs', () => {
    expect([pageUrlOf('index.html'), pageUrlOf('a/b/index.html'), pageUrlOf('404.html')]).toEqual(['/', '/a/b/', '/404.html']);
  });
});

describe('findBrokenLinks', () => {
  it('reports each missing target once, with every page linking to it', async () => {
    const { broken, pagesScanned } = await findBrokenLinks(dist);
    expect(pagesScanned).toBe(6);
    expect(broken).toEqual([
      { target: '/café/', pages: ['/404.html'] },
      { target: '/gone/', pages: ['/', '/about/'] },
      { target: '/nowhere-big/', pages: ['/big/'] },
    ]);
    expect(formatBrokenLink(broken[1]!)).toBe('/gone/ (linked from /, /about/)');
  });
});
