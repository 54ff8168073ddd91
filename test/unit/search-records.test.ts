/**
 * What the search index learns about a page: text from rich text, StreamFields (known, custom and unknown
 * blocks) and text fields, headings kept apart, identifiers and other pages' titles left out.
 */
import { describe, expect, it } from 'vitest';
import { BODY_MAX_CHARS, searchRecord } from '../../src/search/records.ts';
import type { Block, Field, Page } from '../../src/wagtail/schema.ts';

function page(fields: Record<string, Field>, overrides: Partial<Page> = {}): Page {
  return {
    id: '7',
    typename: 'BlogPage',
    contentType: 'blog.BlogPage',
    url: '/blog/wild-yeast/',
    title: 'Wild  yeast\nbaking',
    slug: 'wild-yeast',
    seoTitle: 'Wild yeast',
    searchDescription: '',
    showInMenus: false,
    depth: 3,
    treePath: null,
    parentId: '2',
    firstPublishedAt: '2024-03-01T10:00:00+00:00',
    lastPublishedAt: '2024-03-02T10:00:00+00:00',
    fields,
    ...overrides,
  };
}

const block = (typename: string, field: string, rest: Record<string, unknown> = {}): Block => ({
  __typename: typename,
  blockType: typename,
  field,
  ...rest,
});

describe('searchRecord', () => {
  it('keeps the page identity, folds whitespace in the title, and dates by the article date when given', () => {
    const record = searchRecord(page({}, { searchDescription: 'All about starters.' }), '2023-12-24');
    expect(record).toMatchObject({
      id: '7',
      title: 'Wild yeast baking',
      description: 'All about starters.',
      type: 'blog.BlogPage',
      url: '/blog/wild-yeast/',
      date: '2023-12-24',
    });
    expect(searchRecord(page({})).date).toBe('2024-03-01T10:00:00+00:00');
    expect(searchRecord(page({}, { firstPublishedAt: null })).date).toBeNull();
  });

  it('reads rich text as text, with its headings also listed as headings, and drops scripts', () => {
    const record = searchRecord(
      page({
        intro: { kind: 'richtext', html: '<h2>Feeding the <b>starter</b></h2><p>Flour &amp; water,<br>daily.</p><script>steal()</script>' },
      }),
    );
    expect(record.headings).toEqual(['Feeding the starter']);
    expect(record.body).toBe('Feeding the starter Flour & water, daily.');
    expect(record.body).not.toContain('steal');
  });

  it('reads StreamField blocks generically: heading blocks as headings, text blocks as body, no settings', () => {
    const heading = block('HeadingBlock', 'heading', {
      headingText: 'Shaping the loaf',
      size: 'h2',
      blocks: [
        block('CharBlock', 'heading_text', { value: 'Shaping the loaf' }),
        block('ChoiceBlock', 'size', { value: 'h2', choices: [{ key: 'h2', value: 'H2' }] }),
      ],
    });
    const paragraph = block('RichTextBlock', 'paragraph', { value: '<p>Fold it <i>gently</i>.</p>' });
    const image = block('ImageChooserBlock', 'image', {
      image: { id: '1', src: 'https://cms.example/a.jpg', width: 10, height: 10, alt: 'A proofing basket', title: 'basket' },
    });
    const link = block('PageChooserBlock', 'related', { page: { id: '9', url: '/other/', title: 'Another page entirely' } });
    const record = searchRecord(page({ body: { kind: 'stream', blocks: [heading, paragraph, image, link] } }));
    expect(record.headings).toEqual(['Shaping the loaf']);
    expect(record.body).toBe('Fold it gently.');
  });

  it('reads blocks it has never seen: titles as headings, list items, typed fields and table cells as body', () => {
    const timeline = block('TimelineBlock', 'timeline', {
      blocks: [
        block('CharBlock', 'title', { value: 'Our history' }),
        block('ListBlock', 'entries', {
          items: [block('StructBlock', '', { blockType: 'EntryBlock', blocks: [block('TextBlock', 'text', { value: 'Founded by bakers' })] })],
        }),
      ],
    });
    // A custom block grapple exposes with typed fields only (no `blocks`).
    const faq = block('FaqBlock', 'faq', { question: 'Can I freeze dough?', answer: '<p>Yes, for a month.</p>', id: 'abc' });
    const table = block('StreamFieldBlock', 'table', {
      blockType: 'TableBlock',
      value: "{'data': [['Flour', 'Grams'], ['Rye', '500']], 'first_row_is_table_header': True, 'table_caption': 'Ratios'}",
    });
    const record = searchRecord(page({ body: { kind: 'stream', blocks: [timeline, faq, table] } }));
    expect(record.headings).toEqual(['Our history']);
    expect(record.body).toBe('Founded by bakers Can I freeze dough? Yes, for a month. Flour Grams Rye Ratios');
  });

  it('reads text fields and nested objects, but not identifiers, numbers, dates or other pages', () => {
    const record = searchRecord(
      page({
        subtitle: { kind: 'text', value: 'A slow  bread' },
        website: { kind: 'text', value: 'https://bakery.example/about' },
        file: { kind: 'text', value: 'documents/price-list.pdf' },
        hash: { kind: 'text', value: '6aa5057a0f35a27903d85388646b81827cb39467' },
        day: { kind: 'text', value: '2024-11-02' },
        phone: { kind: 'text', value: '+41 33 123 45 67' },
        weight: { kind: 'number', value: 800 },
        published: { kind: 'datetime', value: '2024-01-01T00:00:00Z' },
        related: { kind: 'page', page: { id: '3', url: '/croissants/', title: 'Croissants' } },
        tags: {
          kind: 'list',
          items: [{ kind: 'object', typename: 'Tag', fields: { id: { kind: 'text', value: '5' }, name: { kind: 'text', value: 'sourdough' } } }],
        },
      }),
    );
    expect(record.body).toBe('A slow bread sourdough');
  });

  it(`cuts the body at ${BODY_MAX_CHARS} characters on a word boundary`, () => {
    const long = Array.from({ length: 2000 }, (_, i) => `word${i}`).join(' ');
    const record = searchRecord(page({ body: { kind: 'stream', blocks: [block('TextBlock', 'text', { value: long })] } }));
    expect(record.body.length).toBeLessThanOrEqual(BODY_MAX_CHARS);
    expect(record.body.length).toBeGreaterThan(BODY_MAX_CHARS * 0.9);
    expect(long.startsWith(record.body)).toBe(true);
    expect(long[record.body.length]).toBe(' ');
  });
});
