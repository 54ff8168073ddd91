import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import GenericPage from '../../src/components/templates/GenericPage.astro';
import { paginate } from '../../src/site/listing.ts';
import type { Page } from '../../src/wagtail/schema.ts';
import { block, CMS, img, page, siteData, text } from './fixtures.ts';

vi.mock('../../src/images/index.ts', () => import('./image-stub.ts'));

/** A page type no template knows, with one field of every kind the sync layer produces. */
const lighthouse: Page = page('40', '/lighthouses/north-cape/', {
  typename: 'LighthousePage',
  contentType: 'coast.LighthousePage',
  title: 'North Cape',
  seoTitle: 'North Cape lighthouse',
  parentId: '2',
  treePath: '00010001',
  fields: {
    heroPhoto: { kind: 'image', image: img('1', { alt: 'The tower at dusk' }) },
    keeper: text('Ingrid <Berg>'),
    established: text('1854-03-01'),
    story: { kind: 'richtext', html: '<p data-block-key="q">Built after <a href="/documents/3/wrecks.pdf">the wrecks</a>.</p>' },
    heightM: { kind: 'number', value: 31.5 },
    automated: { kind: 'boolean', value: true },
    lastInspection: { kind: 'datetime', value: '2024-05-02T14:30:00+00:00' },
    detailPhoto: { kind: 'image', image: img('2', { alt: 'The lens' }) },
    nearby: { kind: 'page', page: { id: '41', url: '/lighthouses/south-cape/', title: 'South Cape' } },
    body: { kind: 'stream', blocks: [block('CharBlock', { value: 'Stream text' }, 'line'), block('UnknownThing', {}, 'odd')] },
    logbook: {
      kind: 'object',
      typename: 'DocumentObjectType',
      fields: { id: text('3'), title: text('Logbook 1900'), url: text('/documents/3/logbook.pdf') },
    },
    owner: {
      kind: 'object',
      typename: 'Person',
      fields: { name: text('Coast Authority'), role: text('Owner'), since: { kind: 'number', value: 1990 } },
    },
    tags: { kind: 'list', items: [{ kind: 'object', typename: 'TagObjectType', fields: { id: text('1'), name: text('coast') } }] },
    links: { kind: 'list', items: [{ kind: 'page', page: { id: '42', url: '/about/', title: 'About us' } }] },
    raw: { kind: 'json', value: { beam: 'white', every: 10 } },
    nothing: text(null),
    emptyList: { kind: 'list', items: [] },
  },
});

const home = page('2', '/', { title: 'Home', treePath: '0001', contentType: 'home.HomePage' });
const children = Array.from({ length: 3 }, (_, i) =>
  page(String(50 + i), `/lighthouses/north-cape/room-${i}/`, { title: `Room ${i}`, parentId: '40', treePath: `0001000100${i}` }),
);

let html = '';
beforeAll(async () => {
  const container = await AstroContainer.create({ astroConfig: { site: 'https://huts.example' } });
  const data = siteData([home, lighthouse, ...children]);
  html = await container.renderToString(GenericPage, {
    props: { page: lighthouse, data, listing: paginate(lighthouse.url, data.listedChildren('40'), 2, 1) },
    partial: false,
  });
  if (process.env.DUMP_HTML) console.log(html);
});

describe('GenericPage renders a page type it has never seen', () => {
  it('renders the title as the one h1 and the SEO head', () => {
    expect(html.match(/<h1/g)).toHaveLength(1);
    expect(html).toContain('<h1>North Cape</h1>');
    expect(html).toContain('<title>North Cape lighthouse | Test Huts</title>');
    expect(html).toContain('<link rel="canonical" href="https://huts.example/lighthouses/north-cape/">');
    expect(html).toContain('<meta name="description" content="Built after the wrecks.">');
    expect(html).toContain(`<meta property="og:image" content="${CMS}/media/images/photo-1.width-1600.jpg">`);
    expect(html).toContain('<link rel="alternate" type="application/rss+xml"');
  });

  it('leads with the first image, eager and high priority', () => {
    expect(html).toMatch(/<figure class="hero-image">\s*<img data-stub src="[^"]*photo-1[^"]*" alt="The tower at dusk" loading="eager" fetchpriority="high"/);
  });

  it('renders text, dates, numbers, booleans and datetimes with labels, escaped', () => {
    expect(html).toMatch(/<dt>Keeper<\/dt>\s*<dd><span class="value-text">Ingrid &lt;Berg&gt;<\/span><\/dd>/);
    expect(html).toContain('<time datetime="1854-03-01">March 1, 1854</time>');
    expect(html).toMatch(/<dt>Height m<\/dt>\s*<dd>31\.5<\/dd>/);
    expect(html).toMatch(/<dt>Automated<\/dt>\s*<dd>Yes<\/dd>/);
    expect(html).toContain('<time datetime="2024-05-02T14:30:00+00:00">May 2, 2024 at 2:30 PM</time>');
  });

  it('renders rich text through the rewriter', () => {
    expect(html).toContain(`<p>Built after <a href="${CMS}/documents/3/wrecks.pdf">the wrecks</a>.</p>`);
    expect(html).not.toContain('data-block-key');
  });

  it('renders later images in place, lazily', () => {
    expect(html).toMatch(/<figure class="field-image" data-field="detailPhoto">\s*<img data-stub src="[^"]*photo-2[^"]*" alt="The lens" loading="lazy"/);
  });

  it('renders page links, document-like objects, objects and lists', () => {
    expect(html).toContain('<a href="/lighthouses/south-cape/">South Cape</a>');
    expect(html).toContain(`<a href="${CMS}/documents/3/logbook.pdf">Logbook 1900</a>`);
    expect(html).toMatch(/<dt>Role<\/dt>\s*<dd><span class="value-text">Owner<\/span><\/dd>/);
    expect(html).toMatch(/<dt>Tags<\/dt>\s*<dd><ul class="value-list">\s*<li><span class="value-text">coast<\/span><\/li>/);
    expect(html).toContain('<a href="/about/">About us</a>');
    expect(html).toContain('&quot;beam&quot;: &quot;white&quot;');
  });

  it('renders StreamFields through the block renderer, unknown blocks included', () => {
    expect(html).toContain('<p class="block block-char">Stream text</p>');
    expect(html).toContain('<!-- block UnknownThing (odd) not rendered -->');
  });

  it('leaves out empty fields entirely', () => {
    expect(html).not.toContain('data-field="nothing"');
    expect(html).not.toContain('data-field="emptyList"');
  });

  it('lists the children, paginated', () => {
    expect(html).toContain('<a href="/lighthouses/north-cape/room-0/">Room 0</a>');
    expect(html).not.toContain('Room 2</a>');
    expect(html).toContain('<a href="/lighthouses/north-cape/page/2/" rel="next">Next</a>');
  });

  it('has the page landmarks, skip link and breadcrumbs', () => {
    expect(html).toContain('<a class="skip-link" href="#main">Skip to content</a>');
    expect(html).toContain('<main id="main" tabindex="-1">');
    expect(html).toMatch(/<nav class="breadcrumbs container" aria-label="Breadcrumb">[\s\S]*<a href="\/">Home<\/a>[\s\S]*<span aria-current="page">North Cape<\/span>/);
    expect(html).toContain('<html lang="en">');
    // The one script a page may load is the comments island (this dated type counts as an article).
    expect(html.match(/<script/g)?.length ?? 0).toBe(html.includes('<site-comments') ? 1 : 0);
  });
});
