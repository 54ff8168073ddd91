import { describe, expect, it } from 'vitest';
import { DEFAULT_SIZES, pictureHtml, type ProcessedImage } from '../../src/images/index.ts';

const resized: ProcessedImage = {
  status: 'responsive',
  width: 1600,
  height: 900,
  sources: [{ type: 'image/webp', srcset: '/_img/abc-320.webp 320w, /_img/abc-1600.webp 1600w' }],
  fallback: {
    type: 'image/jpeg',
    src: '/_img/abc-1600.jpg',
    srcset: '/_img/abc-320.jpg 320w, /_img/abc-1600.jpg 1600w',
  },
};
const hostile = '"><script>alert(1)</script>';

describe('pictureHtml', () => {
  it('renders a picture with a WebP source and a sized, lazy img', () => {
    const html = pictureHtml(resized, { alt: 'A loaf' });
    expect(html).toBe(
      '<picture>' +
        `<source type="image/webp" srcset="/_img/abc-320.webp 320w, /_img/abc-1600.webp 1600w" sizes="${DEFAULT_SIZES}">` +
        `<img src="/_img/abc-1600.jpg" srcset="/_img/abc-320.jpg 320w, /_img/abc-1600.jpg 1600w" sizes="${DEFAULT_SIZES}"` +
        ' width="1600" height="900" alt="A loaf" loading="lazy" decoding="async">' +
        '</picture>',
    );
  });

  it('escapes hostile alt text, class and sizes', () => {
    const html = pictureHtml(resized, { alt: hostile, class: hostile, sizes: hostile });
    expect(html).not.toContain('<script>');
    expect(html).toContain('alt="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
    // Exactly the attribute quotes we wrote, none smuggled in.
    expect(html.match(/<img [^>]*>/)?.[0].split('"').length).toBe(1 + 2 * 9);
  });

  it('marks a hero image eager with high fetch priority', () => {
    const html = pictureHtml(resized, { alt: '', loading: 'eager', fetchpriority: 'high', class: 'hero' });
    expect(html).toContain('alt="" class="hero" loading="eager" decoding="async" fetchpriority="high">');
  });

  it('renders pass-through and failed images as a plain img that keeps its size', () => {
    const svg = pictureHtml(
      {
        status: 'passthrough',
        width: 120,
        height: 60,
        sources: [],
        fallback: { type: 'image/svg+xml', src: '/_img/abc-120.svg' },
      },
      { alt: 'Logo' },
    );
    expect(svg).toBe(
      '<img src="/_img/abc-120.svg" width="120" height="60" alt="Logo" loading="lazy" decoding="async">',
    );
    const failed = pictureHtml(
      {
        status: 'failed',
        width: 640,
        height: 480,
        sources: [],
        fallback: { src: 'http://cms/media/x.jpg?a=1&b="2"' },
        reason: 'HTTP 404',
      },
      { alt: hostile },
    );
    expect(failed).toBe(
      '<img src="http://cms/media/x.jpg?a=1&amp;b=&quot;2&quot;" width="640" height="480"' +
        ' alt="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;" loading="lazy" decoding="async">',
    );
  });
});
