import { describe, expect, it } from 'vitest';
import { robotsTxt } from '../../src/render/robots.ts';
import { rssXml } from '../../src/render/rss.ts';
import { sitemapXml } from '../../src/render/sitemap.ts';

describe('sitemapXml', () => {
  it('lists absolute, escaped URLs with lastmod from lastPublishedAt', () => {
    const xml = sitemapXml(
      [
        { url: '/', lastPublishedAt: '2024-02-01T10:00:00.123456+00:00' },
        { url: '/a&b/<x>/', lastPublishedAt: null },
      ],
      'https://huts.example',
    );
    expect(xml).toContain('<url><loc>https://huts.example/</loc><lastmod>2024-02-01T10:00:00Z</lastmod></url>');
    // URL-encoding turns < > into %3C %3E; & has to be escaped by us.
    expect(xml).toContain('<url><loc>https://huts.example/a&amp;b/%3Cx%3E/</loc></url>');
    expect(xml).not.toMatch(/&(?!amp;|lt;|gt;|quot;|apos;)/);
  });

  it('refuses more URLs than one sitemap may hold', () => {
    const many = Array.from({ length: 50_001 }, (_, i) => ({ url: `/p${i}/`, lastPublishedAt: null }));
    expect(() => sitemapXml(many, 'https://huts.example')).toThrow('more than 50000 pages');
  });
});

describe('rssXml', () => {
  const feed = rssXml({
    title: 'Huts & <Trails>',
    description: 'News',
    link: 'https://huts.example/',
    self: 'https://huts.example/rss.xml',
    items: [
      {
        title: '<script>alert("x")</script> & more',
        link: 'https://huts.example/journal/a?x=1&y=2',
        description: 'Snow\u0008 "today"',
        date: '2024-06-01',
      },
    ],
  });

  it('escapes every text and URL', () => {
    expect(feed).toContain('<title>Huts &amp; &lt;Trails&gt;</title>');
    expect(feed).toContain('<title>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more</title>');
    expect(feed).toContain('<link>https://huts.example/journal/a?x=1&amp;y=2</link>');
    expect(feed).not.toContain('<script>');
  });

  it('drops control characters XML forbids', () => {
    expect(feed).toContain('<description>Snow &quot;today&quot;</description>');
  });

  it('dates items in RFC 822 and links to itself', () => {
    expect(feed).toContain('<pubDate>Sat, 01 Jun 2024 00:00:00 GMT</pubDate>');
    expect(feed).toContain('<atom:link href="https://huts.example/rss.xml" rel="self" type="application/rss+xml"/>');
  });
});

describe('robotsTxt', () => {
  it('points at the sitemap', () => {
    expect(robotsTxt('https://huts.example/sitemap.xml')).toBe('User-agent: *\nAllow: /\n\nSitemap: https://huts.example/sitemap.xml\n');
  });
});
