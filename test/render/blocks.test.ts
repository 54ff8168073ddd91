import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import StreamField from '../../src/components/blocks/StreamField.astro';
import { hasBlockComponent } from '../../src/components/blocks/index.ts';
import { fallbackReport, formatFallback, resetFallbackReport } from '../../src/render/block-report.ts';
import type { RenderContext } from '../../src/render/context.ts';
import type { Block } from '../../src/wagtail/schema.ts';
import { block, CMS, img } from './fixtures.ts';

vi.mock('../../src/images/index.ts', () => import('./image-stub.ts'));

let container: AstroContainer;
beforeAll(async () => {
  container = await AstroContainer.create();
});
beforeEach(() => resetFallbackReport());

const ctx = (pageUrl = '/test/'): RenderContext => ({ pageUrl, cmsOrigin: CMS, lang: 'en' });
const render = (blocks: Block[], pageUrl?: string) => container.renderToString(StreamField, { props: { blocks, ctx: ctx(pageUrl) } });

describe('block registry', () => {
  it('renders grapple scalar blocks with their components', async () => {
    const html = await render([
      block('CharBlock', { value: 'Short <b>text</b>' }),
      block('IntegerBlock', { value: 1234567 }),
      block('BooleanBlock', { value: false }),
      block('DateBlock', { value: '2024-06-01' }),
      block('URLBlock', { value: 'javascript:alert(1)' }),
      block('EmailBlock', { value: 'warden@huts.example' }),
      block('ChoiceBlock', { value: 'h3', choices: [{ key: 'h3', value: 'Level three' }] }),
      block('PageChooserBlock', { page: { id: '5', url: '/journal/newer/', title: 'Newer' } }),
      block('DocumentChooserBlock', { document: { id: '1', title: 'House rules', url: '/documents/1/rules.pdf' } }),
      block('BlockQuoteBlock', { value: 'Up we go' }),
    ]);
    expect(html).toContain('<p class="block block-char">Short &lt;b&gt;text&lt;/b&gt;</p>');
    expect(html).toContain('1,234,567');
    expect(html).toContain('>No</p>');
    expect(html).toContain('<time datetime="2024-06-01">June 1, 2024</time>');
    expect(html).not.toContain('href="javascript:');
    expect(html).toContain('href="mailto:warden@huts.example"');
    expect(html).toContain('Level three');
    expect(html).toContain('<a href="/journal/newer/">Newer</a>');
    expect(html).toContain(`href="${CMS}/documents/1/rules.pdf"`);
    expect(html).toContain('<blockquote class="block block-quote"><p>Up we go</p></blockquote>');
    expect(fallbackReport()).toEqual([]);
  });

  it('renders rich text blocks through the rich-text rewriter', async () => {
    const html = await render([block('RichTextBlock', { value: '<p data-block-key="k">Go <a href="/documents/2/map.pdf">map</a></p><img src="/media/images/a.jpg" alt="A" width="500" height="300" class="richtext-image right">' })]);
    expect(html).toContain(`<p>Go <a href="${CMS}/documents/2/map.pdf">map</a></p>`);
    // parse5 re-serializes the stub's boolean attribute as `data-stub=""`.
    expect(html).toContain(`<img data-stub="" src="${CMS}/media/images/a.jpg" alt="A" loading="lazy" class="richtext-image right">`);
  });

  it('renders image blocks, honouring ImageBlock alt text and the decorative flag', async () => {
    const html = await render([
      block('ImageChooserBlock', { image: img('1') }),
      block('ImageBlock', { image: img('2'), altText: 'Custom alt', decorative: false }),
      block('ImageBlock', { image: img('3'), altText: 'Ignored', decorative: true }),
    ]);
    expect(html).toContain('alt="Photo 1"');
    expect(html).toContain('alt="Custom alt"');
    expect(html).toMatch(/photo-3[^>]*alt=""/);
  });

  it('renders struct and stream children labelled by field, and list items as a list', async () => {
    const html = await render([
      block('StructBlock', { blocks: [block('CharBlock', { value: 'Ridge' }, 'place_name'), block('IntegerBlock', { value: 3 }, 'beds')] }, 'hut'),
      block('ListBlock', { items: [block('CharBlock', { value: 'one' }, ''), block('CharBlock', { value: 'two' }, '')] }, 'things'),
      block('StreamBlock', { blocks: [block('CharBlock', { value: 'inside' }, 'text')] }, 'inner'),
    ]);
    expect(html).toMatch(/<dt>Place name<\/dt>\s*<dd><p class="block block-char">Ridge<\/p><\/dd>/);
    expect(html).toMatch(/<dt>Beds<\/dt>/);
    expect(html).toMatch(/<ul class="block block-list">\s*<li><p class="block block-char">one<\/p><\/li>\s*<li><p class="block block-char">two<\/p><\/li>/);
    expect(html).toContain('inside');
  });

  it('renders a list of images as a gallery', async () => {
    const html = await render([block('ListBlock', { items: [block('ImageChooserBlock', { image: img('7') }, ''), block('ImageChooserBlock', { image: img('8') }, '')] }, 'gallery')]);
    expect(html).toContain('class="block block-gallery"');
    expect(html.match(/data-stub/g)).toHaveLength(2);
  });

  it('uses a component registered by blockType for a plain StructBlock', async () => {
    const html = await render([
      {
        ...block('StructBlock', { blocks: [block('CharBlock', { value: 'Bring water' }, 'title'), block('RichTextBlock', { value: '<p>Two litres.</p>' }, 'text'), block('ChoiceBlock', { value: 'tip' }, 'tone')] }, 'info_panel'),
        blockType: 'InfoPanelBlock',
      },
    ]);
    expect(html).toContain('class="block callout callout-tip"');
    expect(html).toContain('<p class="callout-title">Bring water</p>');
  });

  it('tolerates blocks with missing or mistyped fields', async () => {
    const html = await render([
      block('CharBlock', {}),
      block('ImageChooserBlock', { image: null }),
      block('PageChooserBlock', { page: 'not a page' }),
      block('HeadingBlock', { headingText: 42, size: '<h1>' }),
      block('CaptionedImageBlock', { caption: 'No image' }),
      block('EmbedBlock', {}),
    ]);
    expect(html).toContain('<h2 class="block block-heading">42</h2>');
    expect(html).not.toContain('No image');
  });

  it('knows every grapple block type', () => {
    for (const type of ['CharBlock', 'TextBlock', 'URLBlock', 'EmailBlock', 'IntegerBlock', 'FloatBlock', 'DecimalBlock', 'DateBlock', 'TimeBlock', 'DateTimeBlock', 'BooleanBlock', 'ChoiceBlock', 'PageChooserBlock', 'DocumentChooserBlock', 'ImageChooserBlock', 'ImageBlock', 'EmbedBlock', 'RichTextBlock', 'RawHTMLBlock', 'BlockQuoteBlock', 'StructBlock', 'StreamBlock', 'ListBlock', 'StreamFieldBlock']) {
      expect(hasBlockComponent(type), type).toBe(true);
    }
  });
});

describe('block fallbacks', () => {
  it('renders an unknown block with children generically, and reports it once per type', async () => {
    const timeline = (title: string) =>
      block('TimelineBlock', { title, blocks: [block('CharBlock', { value: title }, 'title')] }, 'timeline');
    const html = await render([timeline('1900'), timeline('1950')], '/history/');
    await render([timeline('2000')], '/later/');
    expect(html).toMatch(/<dl class="block block-struct" data-block="timeline-block">/);
    expect(html).toContain('1950');
    expect(fallbackReport()).toEqual([{ typename: 'TimelineBlock', kind: 'generic', count: 3, examplePage: '/history/' }]);
  });

  it('renders a StreamFieldBlock value as escaped text and reports its blockType', async () => {
    const html = await render([{ ...block('StreamFieldBlock', { value: "{'data': [['<b>Hut</b>', 'Beds']]}" }, 'table'), blockType: 'TableBlock' }]);
    expect(html).toContain('<p class="block block-raw-value">{&#39;data&#39;: [[&#39;&lt;b&gt;Hut&lt;/b&gt;&#39;, &#39;Beds&#39;]]}</p>');
    expect(fallbackReport().map((t) => t.typename)).toEqual(['StreamFieldBlock (blockType TableBlock)']);
  });

  it('renders an unknown block with nothing to show as a comment only, warning once per type with a count', async () => {
    const mystery = block('MysteryBlock', { settings: null }, 'mystery');
    const html = await render([mystery, mystery, block('CharBlock', { value: 'kept' })], '/first/');
    await render([mystery], '/second/');
    expect(html).toContain('<!-- block MysteryBlock (mystery) not rendered -->');
    expect(html).toContain('kept');
    const report = fallbackReport();
    expect(report).toEqual([{ typename: 'MysteryBlock', kind: 'dropped', count: 3, examplePage: '/first/' }]);
    expect(formatFallback(report[0]!)).toMatch(/^StreamField block type "MysteryBlock" has no component .* skipped 3 times \(e\.g\. on \/first\/\)/);
  });

  it('renders the own fields of an unknown block without children', async () => {
    const html = await render([block('PartnerBlock', { name: 'Alpine Club', website: 'https://alpine.example', logo: img('9') }, 'partner')]);
    expect(html).toMatch(/<dt>Name<\/dt>\s*<dd><span class="value-text">Alpine Club<\/span><\/dd>/);
    expect(html).toContain('<a href="https://alpine.example">https://alpine.example</a>');
    expect(html).toContain('alt="Photo 9"');
    expect(fallbackReport()[0]).toMatchObject({ typename: 'PartnerBlock', kind: 'generic' });
  });

  it('keeps a hostile comment-breaking type name inside the comment', async () => {
    const html = await render([block('X--><script>alert(1)</script>', {}, 'x')]);
    expect(html).not.toContain('<script>');
  });
});
