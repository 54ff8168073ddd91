import { describe, expect, it } from 'vitest';
import { parseFragment } from 'parse5';
import { EMBED_SANDBOX, rewriteRichText, type InlineImage } from '../../src/render/rich-text.ts';

const CMS = 'https://cms.example';
const rewrite = (html: string, renderImage?: (image: InlineImage) => Promise<string>) =>
  rewriteRichText(html, { cmsOrigin: CMS, renderImage, context: 'page /test/ field body' });

describe('rich text links', () => {
  it('keeps internal page links site-relative', async () => {
    const out = await rewrite('<p>See <a href="/breads/baguette/">the baguette</a>.</p>');
    expect(out).toBe('<p>See <a href="/breads/baguette/">the baguette</a>.</p>');
  });

  it('makes document and media links absolute on the CMS origin', async () => {
    const out = await rewrite('<p><a href="/documents/1/rules.pdf">Rules</a> <a href="/media/original_images/map.png">Map</a></p>');
    expect(out).toContain(`href="${CMS}/documents/1/rules.pdf"`);
    expect(out).toContain(`href="${CMS}/media/original_images/map.png"`);
  });

  it('leaves external, mailto, fragment and query links alone', async () => {
    const html = '<a href="https://example.org/x">a</a><a href="mailto:a@b.c">b</a><a href="#top">c</a><a href="/search/?q=x&amp;p=2">d</a>';
    expect(await rewrite(html)).toBe(html);
  });

  it('adds noopener to links opening a new tab', async () => {
    const out = await rewrite('<a href="https://example.org" target="_blank">x</a>');
    expect(out).toContain('rel="noopener noreferrer"');
  });

  it('strips data-block-key', async () => {
    const out = await rewrite('<p data-block-key="a1b2c">Hi</p><h2 data-block-key="x">T</h2>');
    expect(out).toBe('<p>Hi</p><h2>T</h2>');
  });
});

describe('rich text images', () => {
  it('replaces inline images with the image stage output, passing an absolute src and the hints', async () => {
    const seen: InlineImage[] = [];
    const out = await rewrite(
      '<p>Before</p><img alt="A &quot;hut&quot;" class="richtext-image left" height="300" src="/media/images/hut.width-500.jpg" width="500"><p>After</p>',
      async (image) => {
        seen.push(image);
        return '<picture><source type="image/webp" srcset="/_img/a-500.webp 500w"><img src="/_img/a-500.jpg" alt="stub"></picture>';
      },
    );
    expect(seen).toEqual([
      { src: `${CMS}/media/images/hut.width-500.jpg`, alt: 'A "hut"', width: 500, height: 300, className: 'richtext-image left' },
    ]);
    expect(out).toBe('<p>Before</p><picture><source type="image/webp" srcset="/_img/a-500.webp 500w"><img src="/_img/a-500.jpg" alt="stub"></picture><p>After</p>');
  });

  it('without an image stage, still points inline images at the CMS', async () => {
    const out = await rewrite('<img src="/media/images/x.jpg" alt="x">');
    expect(out).toBe(`<img src="${CMS}/media/images/x.jpg" alt="x">`);
  });

  it('names the page and field when the image stage fails', async () => {
    await expect(
      rewrite('<img src="/media/images/broken.jpg" alt="">', async () => {
        throw new Error('decode failed');
      }),
    ).rejects.toThrow(`The rich-text image ${CMS}/media/images/broken.jpg in page /test/ field body could not be processed: decode failed`);
  });
});

describe('rich text embeds', () => {
  it('makes embed iframes lazy, sandboxed and titled, and marks the wrapper', async () => {
    const out = await rewrite('<div><iframe width="480" height="270" src="https://www.youtube.com/embed/abc" allowfullscreen></iframe></div>');
    const fragment = parseFragment(out);
    const div = fragment.childNodes[0];
    if (!div || !('tagName' in div)) throw new Error('no wrapper');
    const iframe = div.childNodes[0];
    if (!iframe || !('tagName' in iframe)) throw new Error('no iframe');
    const attrs = Object.fromEntries(iframe.attrs.map((a) => [a.name, a.value]));
    expect(div.attrs).toEqual([{ name: 'class', value: 'embed' }]);
    expect(attrs).toMatchObject({
      loading: 'lazy',
      sandbox: EMBED_SANDBOX,
      title: 'Embedded content from youtube.com',
      src: 'https://www.youtube.com/embed/abc',
      style: 'aspect-ratio: 480 / 270',
    });
  });

  it('drops an iframe whose http(s) source is no URL instead of failing the build', async () => {
    expect(await rewrite('<p>a</p><iframe src="https://"></iframe>')).toBe('<p>a</p>');
  });

  it('keeps an existing iframe title', async () => {
    const out = await rewrite('<iframe src="https://player.vimeo.com/video/1" title="Hut tour"></iframe>');
    expect(out).toContain('title="Hut tour"');
  });
});

describe('hostile rich text stays inert', () => {
  const cases: [string, string][] = [
    ['script element', '<p>x</p><script>alert(1)</script>'],
    ['script in svg', '<svg><script>alert(1)</script></svg>'],
    ['event handler', '<img src="/media/x.jpg" onerror="alert(1)">'],
    ['javascript link', '<a href="javascript:alert(1)">x</a>'],
    ['obfuscated javascript link', '<a href=" java&#x09;script:alert(1)">x</a>'],
    ['uppercase scheme', '<a href="JAVASCRIPT:alert(1)">x</a>'],
    ['data url iframe', '<iframe src="data:text/html,<script>alert(1)</script>"></iframe>'],
    ['srcdoc iframe', '<iframe srcdoc="<script>alert(1)</script>"></iframe>'],
    ['style element', '<style>body{display:none}</style><p>x</p>'],
    ['meta refresh', '<meta http-equiv="refresh" content="0;url=https://evil.example">'],
    ['attribute breakout', '<a href="/x/" title="&quot;><script>alert(1)</script>">x</a>'],
    ['unclosed markup', '<p><a href="/x/">open <b>bold <img src=x onload=alert(1)'],
    ['svg animation setting a link', '<svg><a><animate attributeName="href" values="javascript:alert(1)"/><text>x</text></a></svg>'],
  ];

  it.each(cases)('%s', async (_name, html) => {
    const out = await rewrite(html);
    const fragment = parseFragment(out);
    const problems: string[] = [];
    const visit = (nodes: typeof fragment.childNodes) => {
      for (const node of nodes) {
        if (!('tagName' in node)) continue;
        if (['script', 'style', 'meta'].includes(node.tagName)) problems.push(`<${node.tagName}>`);
        for (const attr of node.attrs) {
          if (attr.name.startsWith('on') || attr.name === 'srcdoc') problems.push(attr.name);
          if (/^\s*(javascript|data|vbscript):/i.test(attr.value.replace(/[\u0000-\u0020]/g, ''))) problems.push(`${attr.name}=${attr.value}`);
        }
        if (node.tagName === 'iframe' && !node.attrs.some((a) => a.name === 'sandbox')) problems.push('unsandboxed iframe');
        visit(node.childNodes);
      }
    };
    visit(fragment.childNodes);
    expect(problems).toEqual([]);
    expect(out).not.toMatch(/<script/i);
  });

  it('keeps the text of an attribute breakout attempt as an escaped attribute', async () => {
    const out = await rewrite('<a href="/x/" title="&quot;><script>alert(1)</script>">x</a>');
    expect(out).toBe('<a href="/x/" title="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;">x</a>');
    const a = parseFragment(out).childNodes[0];
    expect(a && 'attrs' in a ? a.attrs.find((x) => x.name === 'title')?.value : null).toBe('"><script>alert(1)</script>');
  });
});

describe('trusted raw HTML', () => {
  it('keeps scripts as written but still resolves CMS media', async () => {
    const out = await rewriteRichText('<script src="/media/widget.js"></script><a href="/documents/2/a.pdf">a</a>', {
      cmsOrigin: CMS,
      trusted: true,
    });
    expect(out).toBe(`<script src="${CMS}/media/widget.js"></script><a href="${CMS}/documents/2/a.pdf">a</a>`);
  });
});
