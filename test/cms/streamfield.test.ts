/** StreamField blocks as grapple serves them (README items 9, 10). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CmsHandle } from '../../cms/server.ts';
import { gql, start } from './helpers.ts';

let cms: CmsHandle;
beforeAll(async () => {
  cms = await start();
});
afterAll(() => cms.close());

interface Block {
  __typename: string;
  id: string;
  blockType: string;
  field: string;
  [key: string]: unknown;
}

async function body(pageId: number, selection: string): Promise<Block[]> {
  const res = await gql(cms.url, `{ page(id: ${pageId}) { ... on PageInterface { __typename } ... on ArticlePage { body { ${selection} } } ... on HutPage { body { ${selection} } } ... on StandardPage { body { ${selection} } } ... on RoutePage { body { ${selection} } } } }`);
  expect(res.status, JSON.stringify(res.body.errors)).toBe(200);
  return res.body.data.page.body;
}

const BASE = '__typename id blockType field';

describe('block identity', () => {
  it('gives every top-level block a UUID, its Python class name and its stream child name', async () => {
    const blocks = await body(21, BASE);
    for (const block of blocks) expect(block.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(blocks.map((b) => [b.__typename, b.blockType, b.field])).toEqual([
      ['HeadingBlock', 'HeadingBlock', 'heading'],
      ['RichTextBlock', 'RichTextBlock', 'paragraph'],
      ['EmbedBlock', 'EmbedBlock', 'embed'],
      // A struct block without a grapple type: __typename StructBlock, blockType its class.
      ['StructBlock', 'InfoPanelBlock', 'info_panel'],
      ['CaptionedImageBlock', 'CaptionedImageBlock', 'image'],
    ]);
  });

  it('serves struct children named by field, list items with field "" and the list\'s id', async () => {
    const blocks = await body(34, `${BASE} ... on StructBlock { blocks { id field __typename ... on ChoiceBlock { value choices { key } } } } ... on ListBlock { items { id field __typename ... on ImageChooserBlock { image { id } } } }`);
    const panel = blocks.find((b) => b.blockType === 'InfoPanelBlock') as Block & { blocks: Block[] };
    expect(panel.blocks.map((b) => [b.id, b.field, b.__typename])).toEqual([
      ['title', 'title', 'CharBlock'],
      ['text', 'text', 'RichTextBlock'],
      ['tone', 'tone', 'ChoiceBlock'],
    ]);
    expect(panel.blocks[2]).toMatchObject({ value: 'note', choices: [{ key: 'tip' }, { key: 'note' }, { key: 'warning' }] });
    const gallery = blocks.find((b) => b.__typename === 'ListBlock') as Block & { items: Block[] };
    expect(gallery.items).toHaveLength(4);
    for (const item of gallery.items) {
      expect(item).toMatchObject({ id: gallery.id, field: '', __typename: 'ImageChooserBlock' });
    }
  });

  it('serves a StreamBlock with its own child blocks', async () => {
    const res = await gql(cms.url, '{ page(id: 2) { ... on HomePage { body { __typename blockType ... on StreamBlock { blocks { __typename field ... on PageChooserBlock { page { url } } } } } } } }');
    const columns = res.body.data.page.body.find((b: Block) => b.__typename === 'StreamBlock');
    expect(columns.blockType).toBe('ColumnsBlock');
    expect(columns.blocks.map((b: Block) => b.__typename)).toEqual(['RichTextBlock', 'ImageChooserBlock', 'RichTextBlock', 'PageChooserBlock']);
    expect(columns.blocks[3].page.url).toBe('/routes/hut-to-hut/kestrel-traverse/');
  });

  it('serves the custom TimelineBlock (no component on the site) and the table as StreamFieldBlock', async () => {
    const history = await body(44, `${BASE} ... on TimelineBlock { title blocks { field ... on ListBlock { items { __typename field ... on StructBlock { blockType blocks { field ... on CharBlock { value } } } } } } }`);
    const timeline = history[0] as Block & { title: string; blocks: Array<{ field: string; items?: Block[] }> };
    expect(timeline).toMatchObject({ __typename: 'TimelineBlock', title: 'Milestones' });
    const entries = timeline.blocks.find((b) => b.field === 'entries')?.items ?? [];
    expect(entries[0]).toMatchObject({ __typename: 'StructBlock', field: '', blockType: 'TimelineEntryBlock' });
    const booking = await body(12, `${BASE} ... on StreamFieldBlock { value }`);
    const table = booking.find((b) => b.__typename === 'StreamFieldBlock') as Block & { value: string };
    expect(table.blockType).toBe('TableBlock');
    expect(table.value).toContain("'Kestrel Saddle Hut'");
  });
});

describe('rawValue', () => {
  it('returns the internal rich text format of a RichTextBlock', async () => {
    const blocks = await body(32, '__typename ... on RichTextBlock { rawValue value }');
    const text = blocks.find((b) => b.__typename === 'RichTextBlock') as Block & { rawValue: string; value: string };
    expect(text.rawValue).toContain('<a linktype="page" id="17">');
    expect(text.value).toContain('<a href="/routes/day-walks/tarn-circuit/">');
  });

  it('nulls struct, list and top-level embed blocks asking for it, with errors beside partial data', async () => {
    const res = await gql(cms.url, '{ page(id: 21) { title ... on RoutePage { body { __typename rawValue } } } }');
    expect(res.status).toBe(200);
    const blocks = res.body.data.page.body as Array<Block | null>;
    expect(res.body.data.page.title).toBe('The Kestrel Traverse');
    expect(blocks.map((b) => b?.__typename ?? null)).toEqual([null, 'RichTextBlock', null, null, null]);
    const paths = res.body.errors.map((e: { path: unknown[] }) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        ['page', 'body', 0, 'rawValue'],
        ['page', 'body', 2, 'rawValue'],
        ['page', 'body', 3, 'rawValue'],
        ['page', 'body', 4, 'rawValue'],
      ]),
    );
  });
});

describe('embeds', () => {
  it('serves EmbedBlock url, value, embed HTML framing the CMS player, and rawEmbed', async () => {
    const blocks = await body(21, '__typename ... on EmbedBlock { url value embed rawEmbed }');
    const embed = blocks.find((b) => b.__typename === 'EmbedBlock') as Block & { url: string; value: string; embed: string; rawEmbed: string };
    expect(embed.url).toBe(`${cms.origin}/embeds/1/`);
    expect(embed.value).toBe(embed.url);
    expect(embed.embed).toMatch(new RegExp(`^<iframe [^>]*src="${cms.origin}/embeds/1/"`));
    expect(JSON.parse(embed.rawEmbed)).toMatchObject({ type: 'video', width: 640, height: 360 });
    const player = await fetch(embed.url);
    expect(player.status).toBe(200);
    expect(await player.text()).toContain('The Kestrel Traverse in four minutes');
  });
});
