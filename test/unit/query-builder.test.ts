import { readFileSync } from 'node:fs';
import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { buildQueryPlan, listQuery } from '../../src/wagtail/query-builder.ts';

const schema = buildSchema(readFileSync(new URL('../fixtures/mini-schema.graphql', import.meta.url), 'utf8'));
const plan = buildQueryPlan(schema, { imageSourceWidth: 1600, streamFieldDepth: 3 });

describe('query derivation from an introspected schema', () => {
  it('finds every page type and the custom image type by role', () => {
    expect([...plan.pageTypes.keys()].sort()).toEqual(['LandingPage', 'StoryPage']);
    expect(plan.roles.imageType).toBe('CustomImage');
  });

  it('plans each type-specific field by kind, skipping Wagtail internals and argument-bound fields', () => {
    expect(plan.pageTypes.get('LandingPage')).toEqual({
      strapline: { kind: 'text' },
      intro: { kind: 'richtext' },
      hero: { kind: 'image' },
      sections: { kind: 'stream' },
      featured: { kind: 'page' },
    });
    const story = plan.pageTypes.get('StoryPage');
    expect(story?.['readingMinutes']).toEqual({ kind: 'number' });
    expect(story?.['published']).toEqual({ kind: 'datetime' });
    expect(story?.['sponsored']).toEqual({ kind: 'boolean' });
    expect(story?.['credits']).toMatchObject({ kind: 'list', args: '(limit: 100)', of: { kind: 'object', abstract: true } });
    // `relatedSearch(query: String!)` needs an argument we cannot invent; `storypage` only echoes the page.
    expect(story).not.toHaveProperty('relatedSearch');
    expect(story).not.toHaveProperty('storypage');
    expect(story).not.toHaveProperty('children');
  });

  it('builds a details query for mixed page types that the schema accepts', () => {
    const query = plan.detailsQuery([
      { id: '3', typename: 'LandingPage' },
      { id: '7', typename: 'StoryPage' },
    ]);
    expect(validate(schema, parse(query))).toEqual([]);
    expect(query).toContain('p0: page(id: "3") { ...WagtailPage_LandingPage }');
    expect(query).toContain('p1: page(id: "7") { ...WagtailPage_StoryPage }');
  });

  it('aliases block fields per type, since `image` is CustomImage! on one block and CustomImage on another', () => {
    const query = plan.detailsQuery([{ id: '3', typename: 'LandingPage' }]);
    expect(query).toContain('FigureBlock__image: image { ...WagtailImage }');
    expect(query).toContain('TeaserBlock__image: image { ...WagtailImage }');
    const unaliased = query.replace(/\w+__image: image/g, 'image');
    expect(validate(schema, parse(unaliased)).map((e) => e.message).join()).toMatch(/conflict/);
  });

  it('nests StreamField fragments to the configured depth and never asks for rawValue', () => {
    const query = plan.detailsQuery([{ id: '3', typename: 'LandingPage' }]);
    expect(query).toContain('fragment WagtailBlocks0');
    expect(query).toContain('fragment WagtailBlocks2');
    expect(query).not.toContain('WagtailBlocks3');
    expect(query).not.toContain('rawValue');
  });

  it('includes only the fragments a batch uses (GraphQL rejects unused fragments)', () => {
    const query = plan.detailsQuery([{ id: '7', typename: 'StoryPage' }]);
    expect(query).not.toContain('WagtailPage_LandingPage');
    expect(validate(schema, parse(query))).toEqual([]);
  });

  it('asks for a bounded rendition as image source, or the original when disabled', () => {
    expect(plan.detailsQuery([{ id: '3', typename: 'LandingPage' }])).toContain('wagtailSource: rendition(width: 1600) { url width height }');
    const originals = buildQueryPlan(schema, { imageSourceWidth: 0, streamFieldDepth: 2 });
    expect(originals.detailsQuery([{ id: '3', typename: 'LandingPage' }])).not.toContain('rendition');
  });

  it('lists chunks of 100 in id order, several to a request under their offsets, optionally within one site', () => {
    const query = listQuery([200, 300], 100);
    expect(query).toContain('offset200: pages(limit: 100, offset: 200, order: "id")');
    expect(query).toContain('offset300: pages(limit: 100, offset: 300, order: "id")');
    expect(validate(schema, parse(query))).toEqual([]);
    const site = listQuery([0], 100, 'www.example.org');
    expect(site).toContain('inSite: true, site: "www.example.org"');
    expect(validate(schema, parse(site))).toEqual([]);
  });
});
