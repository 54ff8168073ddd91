import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { FALLBACK_TEMPLATE, templateFor } from '../../src/components/templates/index.ts';
import { paginate } from '../../src/site/listing.ts';
import type { SiteData } from '../../src/site/data.ts';
import type { Page } from '../../src/wagtail/schema.ts';
import { block, img, page, siteData, text } from './fixtures.ts';

vi.mock('../../src/images/index.ts', () => import('./image-stub.ts'));

const home = page('2', '/', { contentType: 'home.HomePage', title: 'Home', treePath: '0001' });
const journal = page('3', '/journal/', { contentType: 'sections.SectionIndexPage', title: 'Journal', parentId: '2', treePath: '00010001', showInMenus: true, fields: { introduction: text('News.') } });
const article = (i: number): Page =>
  page(String(100 + i), `/journal/story-${i}/`, {
    contentType: 'journal.ArticlePage',
    title: `Story ${i}`,
    parentId: '3',
    treePath: `00010001${String(1000 + i)}`,
    fields: {
      subtitle: text('Above the clouds'),
      introduction: text('It was cold.'),
      heroImage: { kind: 'image', image: img('hero', { alt: 'Summit' }) },
      datePublished: text(new Date(Date.UTC(2024, 2, 10 + i)).toISOString().slice(0, 10)),
      readingMinutes: { kind: 'number', value: 4 },
      body: { kind: 'stream', blocks: [block('RichTextBlock', { value: '<p>Body text.</p>' }, 'paragraph')] },
      tags: { kind: 'list', items: [{ kind: 'object', typename: 'TagObjectType', fields: { id: text('1'), name: text('winter') } }] },
      authors: { kind: 'list', items: [{ kind: 'object', typename: 'Person', fields: { name: text('Ana Guide'), role: text('Warden'), bio: text('Knows the paths.'), portrait: { kind: 'image', image: null } } }] },
    },
  });

let data: SiteData;
let container: AstroContainer;
const render = (p: Page, pageNumber = 1) => {
  const entry = templateFor(p.contentType);
  const listing = entry.childrenPerPage ? paginate(p.url, data.listedChildren(p.id), entry.childrenPerPage, pageNumber) : null;
  return container.renderToString(entry.component as Parameters<typeof container.renderToString>[0], { props: { page: p, data, listing }, partial: false });
};

beforeAll(async () => {
  container = await AstroContainer.create({ astroConfig: { site: 'https://huts.example' } });
  data = siteData([home, journal, ...Array.from({ length: 30 }, (_, i) => article(i))]);
});

describe('template registry', () => {
  it('picks templates by content type and falls back to GenericPage', () => {
    expect(templateFor('journal.ArticlePage')).not.toBe(FALLBACK_TEMPLATE);
    expect(templateFor('shop.ProductPage')).toBe(FALLBACK_TEMPLATE);
  });
});

describe('ArticlePage', () => {
  let html = '';
  beforeAll(async () => {
    html = await render(data.byId.get('105')!);
  });

  it('shows the date, reading time and authors in the byline', () => {
    expect(html).toMatch(/<p class="byline">\s*<span>By Ana Guide<\/span>\s*<time datetime="2024-03-15">March 15, 2024<\/time>\s*<span>4 min read<\/span>/);
  });

  it('loads the hero image eagerly with high priority', () => {
    expect(html).toMatch(/<figure class="hero-image">\s*<img data-stub src="[^"]*photo-hero[^"]*" alt="Summit" loading="eager" fetchpriority="high"/);
  });

  it('renders the body, tags and the author box', () => {
    expect(html).toContain('<p>Body text.</p>');
    expect(html).toMatch(/<ul class="tags" aria-label="Tags" role="list">\s*<li>winter<\/li>/);
    expect(html).toContain('<p class="author-bio">Knows the paths.</p>');
  });

  it('describes itself as an article to link previews', () => {
    expect(html).toContain('<meta property="og:type" content="article">');
    expect(html).toContain('<meta property="article:published_time" content="2024-03-15">');
    expect(html).toContain('<meta name="description" content="It was cold.">');
  });

  it('marks its section as current in the navigation', () => {
    expect(html).toContain('<a href="/journal/" aria-current="true">Journal</a>');
  });
});

describe('SectionIndexPage', () => {
  it('lists its children from the site data, newest first, paginated', async () => {
    const first = await render(journal);
    const titles = [...first.matchAll(/<h2 class="card-title"><a href="[^"]+">([^<]+)<\/a>/g)].map((m) => m[1]);
    expect(titles).toHaveLength(24);
    expect(titles.slice(0, 2)).toEqual(['Story 29', 'Story 28']);
    expect(first).toContain('<a href="/journal/page/2/" rel="next">Next</a>');
    expect(first).toContain('<a href="/journal/" aria-current="page">Journal</a>');

    const second = await render(journal, 2);
    expect([...second.matchAll(/class="card-title"/g)]).toHaveLength(6);
    expect(second).toContain('<h1>Journal: page 2</h1>');
    expect(second).toContain('<link rel="canonical" href="https://huts.example/journal/page/2/">');
    expect(second).toContain('<a href="/journal/" rel="prev">Previous</a>');
  });
});
