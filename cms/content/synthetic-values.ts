/**
 * Values for synthetic content: every field kind and block kind of a site model gets a plausible value
 * from the generator's vocabulary, links only to pages that already exist, and heavy values (StreamFields,
 * rich text) can be produced lazily from their own seed.
 */
import type { BlockDef, FieldDef, StreamDef } from '../site/model.ts';
import type { ContentWriter } from './blocks.ts';
import type { Random } from './random.ts';
import { isoTimestamp } from './text.ts';

export interface Vocabulary {
  adjectives: string[];
  nouns: string[];
  sections: string[];
  sentences: string[];
}

export const MOUNTAIN: Vocabulary = {
  adjectives: ['Upper', 'Lower', 'Windy', 'Quiet', 'Northern', 'Southern', 'Hidden', 'Old', 'High', 'Sunny', 'Misty', 'Stony', 'Green', 'Frozen', 'Long'],
  nouns: ['Ridge', 'Tarn', 'Col', 'Valley', 'Forest', 'Hut', 'Meadow', 'Gully', 'Lake', 'Pass', 'Spur', 'Moor', 'Cairn', 'Falls', 'Saddle'],
  sections: ['Huts', 'Routes', 'Journal', 'Events', 'Guides', 'Regions', 'Conservation', 'Community', 'Safety', 'History', 'Projects', 'Seasons'],
  sentences: [
    'The path climbs steadily through larch forest before opening onto the ridge.',
    'Volunteers repainted the waymarks this spring and cleared two fallen trees.',
    'In early summer old snow can linger on the north-facing slopes.',
    'The hut serves dinner at half past six; tell the warden if you will be late.',
    'Carry enough water: there are no reliable streams above the tree line.',
    'The view from the col takes in all three lakes on a clear day.',
    'Bring a sleeping bag liner and hut shoes for the dormitories.',
    'The last bus from the valley leaves shortly after six in the evening.',
  ],
};

export const SHOP: Vocabulary = {
  adjectives: ['Alpine', 'Trail', 'Summit', 'Storm', 'Light', 'Classic', 'Pro', 'Compact', 'Merino', 'Insulated', 'Waterproof', 'Everyday', 'Expedition', 'Urban', 'Junior'],
  nouns: ['Jacket', 'Backpack', 'Tent', 'Boot', 'Stove', 'Lantern', 'Fleece', 'Glove', 'Sleeping Bag', 'Pole', 'Bottle', 'Map Case', 'Gaiter', 'Headlamp', 'Shell'],
  sections: ['Clothing', 'Footwear', 'Camping', 'Climbing', 'News', 'Guides', 'Brands', 'Sale', 'Kids', 'Accessories', 'Stories', 'Service'],
  sentences: [
    'Tested by our staff on three winters of weekend trips.',
    'The fabric is recycled and free of fluorinated coatings.',
    'Free repairs for the first two years, then at cost.',
    'Our stores in the valley stock every size of this model.',
    'Pairs well with a merino base layer on cold mornings.',
    'We ship within two working days from our warehouse.',
    'Customers rate the fit as true to size.',
    'Pack weight matters: every gram counts on a long route.',
  ],
};

export interface ValueContext {
  rng: Random;
  writer: ContentWriter;
  vocab: Vocabulary;
  imageCount: number;
  documents: number;
  tags: number;
  /** Live pages generated so far: links only point at these. */
  liveIds: number[];
  /** Only the first `liveLimit` pages of `liveIds` may be linked. */
  liveLimit: number;
  snippetIds: (type: string) => number[];
}

export function earlierPage(ctx: ValueContext): number {
  return ctx.liveIds[ctx.rng.int(0, Math.min(ctx.liveLimit, ctx.liveIds.length) - 1)] as number;
}

/** A property computed on first read (and replaced by its value); writes replace it too. */
export function defineLazy(target: Record<string, unknown>, key: string, make: () => unknown): void {
  const settle = (value: unknown) =>
    Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
  Object.defineProperty(target, key, {
    configurable: true,
    enumerable: true,
    get() {
      const value = make();
      settle(value);
      return value;
    },
    set(value: unknown) {
      settle(value);
    },
  });
}

/**
 * Rich text in Wagtail's internal format, written directly (the vocabulary needs no escaping): this runs
 * for every synthetic page, so it avoids the markup parser the demo content uses.
 */
function richText(ctx: ValueContext, withImage: boolean): string {
  const { rng, writer, vocab } = ctx;
  const p = (html: string) => `<p data-block-key="${rng.blockKey()}">${html}</p>`;
  const linkText = `${rng.pick(vocab.adjectives).toLowerCase()} ${rng.pick(vocab.nouns).toLowerCase()}`;
  let html = p(`${rng.pick(vocab.sentences)} Read more about the <a linktype="page" id="${earlierPage(ctx)}">${linkText}</a>.`);
  if (withImage) html += writer.image(rng.int(1, ctx.imageCount), rng.pick(['left', 'right', 'fullwidth'] as const), 'Illustration');
  html += p(rng.pick(vocab.sentences));
  if (rng.chance(0.2)) {
    html += p(`Details are in the <a linktype="document" id="${rng.int(1, ctx.documents)}">${rng.pick(vocab.nouns).toLowerCase()} document</a>.`);
  }
  return html;
}

export function fieldValue(field: FieldDef, ctx: ValueContext, withImages: boolean): unknown {
  const { rng, vocab } = ctx;
  switch (field.kind) {
    case 'id':
      return null;
    case 'string':
      return field.name === 'sku' ? `SKU-${rng.int(10000, 99999)}` : rng.pick(vocab.sentences);
    case 'int':
      return rng.int(1, 3000);
    case 'float':
      return Math.round(rng.next() * 20000) / 100;
    case 'boolean':
      return rng.chance(0.7);
    case 'date':
      return `20${rng.int(22, 25)}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`;
    case 'datetime':
      return isoTimestamp(new Date(Date.UTC(2023, rng.int(0, 11), rng.int(1, 28), rng.int(0, 23))));
    case 'richtext':
      return richText(ctx, false);
    case 'image':
      return rng.chance(0.9) ? rng.int(1, ctx.imageCount) : null;
    case 'document':
      return rng.int(1, ctx.documents);
    case 'page':
      return earlierPage(ctx);
    case 'pages':
      return Array.from({ length: rng.int(1, 3) }, () => earlierPage(ctx));
    case 'snippet': {
      const ids = ctx.snippetIds(field.of ?? '');
      return ids.length > 0 ? rng.pick(ids) : null;
    }
    case 'snippets':
      return rng.sample(ctx.snippetIds(field.of ?? ''), rng.int(1, 2));
    case 'tags':
      return rng.sample(Array.from({ length: ctx.tags }, (_, i) => i + 1), rng.int(0, 3));
    case 'objects':
      return Array.from({ length: rng.int(1, 3) }, (_, i) => ({
        id: i + 1,
        label: rng.pick(vocab.adjectives),
        season: rng.pick(['Summer', 'Winter', 'Autumn']),
        days: rng.pick(['Daily', 'Weekends', 'Friday to Sunday']),
        opens: '08:00',
        closes: '20:00',
        closed: false,
        sku: `SKU-${rng.int(10000, 99999)}`,
        price: Math.round(rng.next() * 30000) / 100,
        inStock: rng.chance(0.8),
      }));
    case 'stream':
      return streamValue(field.stream ?? {}, ctx, withImages);
  }
}

/** Does this block (or a child) hold an image? */
function hasImage(def: BlockDef): boolean {
  if (def.kind === 'image') return true;
  if (def.kind === 'struct' || def.kind === 'stream') return Object.values(def.children).some(hasImage);
  if (def.kind === 'list') return hasImage(def.child);
  return false;
}

interface StreamPlan {
  first: [string, BlockDef] | undefined;
  text: Array<[string, BlockDef]>;
  imageBlocks: Array<[string, BlockDef]>;
  others: Array<[string, BlockDef]>;
}

const streamPlans = new WeakMap<StreamDef, StreamPlan>();

function planStream(stream: StreamDef): StreamPlan {
  let plan = streamPlans.get(stream);
  if (!plan) {
    const entries = Object.entries(stream);
    const first = entries[0];
    plan = {
      first,
      text: entries.filter(([, def]) => def.kind === 'richtext'),
      imageBlocks: entries.filter(([, def]) => hasImage(def)),
      others: entries.filter(([, def]) => def.kind !== 'richtext' && !hasImage(def) && def !== first?.[1]),
    };
    streamPlans.set(stream, plan);
  }
  return plan;
}

function streamValue(stream: StreamDef, ctx: ValueContext, withImages: boolean) {
  const { rng, writer } = ctx;
  const { first, text, imageBlocks, others } = planStream(stream);
  const chosen: Array<[string, BlockDef]> = [];
  if (first) chosen.push(first);
  if (text.length > 0) chosen.push(rng.pick(text));
  if (withImages && imageBlocks.length > 0) chosen.push(rng.pick(imageBlocks));
  if (others.length > 0 && rng.chance(0.5)) chosen.push(rng.pick(others));
  if (text.length > 0) chosen.push(rng.pick(text));
  return chosen.map(([name, def]) => writer.child(name, blockValue(def, ctx, withImages)));
}

function blockValue(def: BlockDef, ctx: ValueContext, withImages: boolean): unknown {
  const { rng, writer, vocab } = ctx;
  switch (def.kind) {
    case 'char':
    case 'text':
      return rng.pick(vocab.sentences);
    case 'richtext':
      return richText(ctx, withImages && rng.chance(0.5));
    case 'email':
      return 'info@example.org';
    case 'url':
      return 'https://example.org/';
    case 'integer':
      return rng.int(1, 500);
    case 'float':
    case 'decimal':
      return Math.round(rng.next() * 1000) / 10;
    case 'boolean':
      return rng.chance(0.5);
    case 'date':
      return '2024-05-01';
    case 'time':
      return '09:30:00';
    case 'datetime':
      return '2024-05-01T09:30:00+00:00';
    case 'choice':
      return rng.pick(def.choices)[0];
    case 'image':
      return rng.int(1, ctx.imageCount);
    case 'document':
      return rng.int(1, ctx.documents);
    case 'page':
      return earlierPage(ctx);
    case 'snippet':
      return null;
    case 'embed':
      return '/embeds/1/';
    case 'struct':
      return Object.fromEntries(Object.entries(def.children).map(([name, child]) => [name, blockValue(child, ctx, true)]));
    case 'stream':
      return Object.entries(def.children)
        .slice(0, 2)
        .map(([name, child]) => writer.child(name, blockValue(child, ctx, withImages)));
    case 'list':
      return Array.from({ length: rng.int(2, 3) }, () => ({ type: 'item', value: blockValue(def.child, ctx, true), id: rng.uuid() }));
    case 'generic':
      return { data: [['Item', 'Value'], [rng.pick(vocab.nouns), String(rng.int(1, 99))]], first_row_is_table_header: true, first_col_is_header: false, table_caption: '' };
    default:
      return '';
  }
}
