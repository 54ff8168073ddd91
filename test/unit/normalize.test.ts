import { readFileSync } from 'node:fs';
import { buildSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { normalizePage } from '../../src/wagtail/normalize.ts';
import { buildQueryPlan } from '../../src/wagtail/query-builder.ts';
import { pageSchema } from '../../src/wagtail/schema.ts';

const schema = buildSchema(readFileSync(new URL('../fixtures/mini-schema.graphql', import.meta.url), 'utf8'));
const plan = buildQueryPlan(schema, { imageSourceWidth: 1600, streamFieldDepth: 3 });
const landing = plan.pageTypes.get('LandingPage')!;
const story = plan.pageTypes.get('StoryPage')!;

const image = (id: string, source: object | null) => ({
  __typename: 'CustomImage',
  id,
  title: `Image ${id}`,
  description: '',
  url: `https://cms.example/media/original_images/${id}.jpg`,
  width: 4000,
  height: 3000,
  wagtailSource: source,
});

const common = {
  __typename: 'LandingPage',
  id: '3',
  title: 'Welcome',
  slug: 'home',
  contentType: 'home.LandingPage',
  url: '/',
  depth: 2,
  seoTitle: '',
  searchDescription: null,
  showInMenus: false,
  firstPublishedAt: '2024-01-02T10:00:00.120000+00:00',
  lastPublishedAt: '2024-03-02T10:00:00+00:00',
  parent: { id: '1', url: null },
  wagtailTreePath: '00010001',
};

describe('normalizing a grapple page', () => {
  it('tags fields by kind and applies grapple fallbacks', () => {
    const { page, warnings } = normalizePage(
      {
        ...common,
        strapline: 'Huts for everyone',
        intro: '<p data-block-key="a1">Hello <a href="/huts/">huts</a></p>',
        hero: image('5', { url: 'https://cms.example/media/images/5.width-1600.jpg', width: 1600, height: 1200 }),
        sections: [],
        featured: { __typename: 'StoryPage', id: 7, url: '/stories/first/', title: 'First', contentType: 'news.StoryPage' },
      },
      landing,
      plan.roles,
    );
    expect(warnings).toEqual([]);
    expect(pageSchema.parse(page)).toEqual(page);
    expect(page).toMatchObject({ seoTitle: 'Welcome', searchDescription: '', parentId: null, treePath: '00010001' });
    expect(page.fields['strapline']).toEqual({ kind: 'text', value: 'Huts for everyone' });
    expect(page.fields['intro']).toMatchObject({ kind: 'richtext' });
    expect(page.fields['hero']).toEqual({
      kind: 'image',
      image: { id: '5', src: 'https://cms.example/media/images/5.width-1600.jpg', width: 1600, height: 1200, alt: 'Image 5', title: 'Image 5' },
    });
    expect(page.fields['featured']).toEqual({
      kind: 'page',
      page: { id: '7', url: '/stories/first/', title: 'First', contentType: 'news.StoryPage' },
    });
  });

  it('falls back to the original image when its rendition failed (null beside an error)', () => {
    const { page } = normalizePage({ ...common, hero: image('9', null), sections: null }, landing, plan.roles);
    expect(page.fields['hero']).toMatchObject({ image: { src: 'https://cms.example/media/original_images/9.jpg', width: 4000 } });
    expect(page.fields['sections']).toEqual({ kind: 'stream', blocks: [] });
  });

  it('strips per-type aliases from blocks, keeps nesting, and drops null blocks with a warning', () => {
    const { page, warnings } = normalizePage(
      {
        ...common,
        sections: [
          {
            __typename: 'StructBlock', id: 'b1', blockType: 'CardBlock', field: 'card',
            StructBlock__blocks: [{ __typename: 'RichTextBlock', id: 'b2', blockType: 'RichTextBlock', field: 'text', RichTextBlock__value: '<p>x</p>' }],
          },
          null,
          {
            __typename: 'FigureBlock', id: 'b3', blockType: 'FigureBlock', field: 'figure',
            FigureBlock__image: image('6', { url: 'https://cms.example/media/images/6.width-1600.jpg', width: 800, height: 600 }),
            FigureBlock__caption: 'A hut',
          },
        ],
      },
      landing,
      plan.roles,
    );
    const field = page.fields['sections'];
    expect(field?.kind).toBe('stream');
    const blocks = field?.kind === 'stream' ? field.blocks : [];
    expect(blocks).toHaveLength(2);
    expect(blocks[0]).toMatchObject({ __typename: 'StructBlock', blocks: [{ __typename: 'RichTextBlock', value: '<p>x</p>' }] });
    expect(blocks[1]).toMatchObject({ caption: 'A hut', image: { id: '6', width: 800, alt: 'Image 6' } });
    expect(warnings).toEqual(['dropped an unreadable block at sections[1]']);
  });

  it('reads union fields by their __typename and its aliases', () => {
    const { page } = normalizePage(
      {
        ...common,
        __typename: 'StoryPage',
        credits: [
          { __typename: 'Author', Author__name: 'Ada', Author__photo: null },
          { __typename: 'Sponsor', Sponsor__name: 'Hut Fund' },
        ],
        readingMinutes: 4,
      },
      story,
      plan.roles,
    );
    expect(page.fields['credits']).toEqual({
      kind: 'list',
      items: [
        { kind: 'object', typename: 'Author', fields: { name: { kind: 'text', value: 'Ada' }, photo: { kind: 'image', image: null } } },
        { kind: 'object', typename: 'Sponsor', fields: { name: { kind: 'text', value: 'Hut Fund' } } },
      ],
    });
    expect(page.fields['readingMinutes']).toEqual({ kind: 'number', value: 4 });
  });
});
