/**
 * StreamField blocks as grapple serves them (README items 9 and 10).
 *
 * A stored StreamField is bound to its block definitions; each bound block answers `id` (UUID; the child
 * name for struct children; the list's own id for list items), `blockType` (Python class name), `field`
 * (child name, `""` for list items) and `rawValue`. `__typename` comes from the block definition: custom
 * registered types, else grapple's generic ones (`StructBlock`, `StreamBlock`, `ListBlock`...), else
 * `StreamFieldBlock`. `rawValue` fails for struct, list, stream, table and top-level embed blocks, which
 * nulls that block and adds an `errors` entry beside partial data, like the real server.
 */
import { GraphQLError } from 'graphql';
import type { PageRecord, StreamChild } from '../content/types.ts';
import { pythonRepr } from '../content/text.ts';
import type { BlockDef, CustomBlockDef, FieldDef, StreamDef } from '../site/model.ts';
import { blockClassName, blockGraphqlType, snakeCase } from '../site/model.ts';
import type { CmsContext } from './context.ts';
import { embedIdFromUrl, oembedHtml, posterUrl, rawEmbed } from '../media/embeds.ts';
import { renderRichText } from './images.ts';

export interface BoundBlock {
  id: string | null;
  def: BlockDef;
  name: string;
  value: unknown;
  page: PageRecord | null;
  topLevel: boolean;
}

type Resolver = (block: BoundBlock, args: Record<string, unknown>, ctx: CmsContext) => unknown;

function isStreamChild(value: unknown): value is StreamChild {
  return typeof value === 'object' && value !== null && 'type' in value && 'value' in value;
}

/** Binds a stored StreamField (or nested StreamBlock value) to its definitions; unknown children are skipped. */
export function bindStream(data: unknown, stream: StreamDef, page: PageRecord | null, topLevel: boolean): BoundBlock[] {
  if (!Array.isArray(data)) return [];
  const out: BoundBlock[] = [];
  for (const child of data) {
    if (!isStreamChild(child)) continue;
    const def = stream[child.type];
    if (!def) continue;
    out.push({ id: child.id ?? null, def, name: child.type, value: child.value, page, topLevel });
  }
  return out;
}

function structChildren(block: BoundBlock): BoundBlock[] {
  if (block.def.kind !== 'struct') return [];
  const value = (block.value ?? {}) as Record<string, unknown>;
  return Object.entries(block.def.children).map(([name, def]) => ({
    id: name,
    def,
    name,
    value: value[name] ?? null,
    page: block.page,
    topLevel: false,
  }));
}

function listItems(block: BoundBlock): BoundBlock[] {
  if (block.def.kind !== 'list' || !Array.isArray(block.value)) return [];
  const child = block.def.child;
  // Wagtail >= 2.16 stores list items as {type: "item", value, id}; grapple reports the list's own id.
  return block.value.map((item) => ({
    id: block.id,
    def: child,
    name: '',
    value: isStreamChild(item) ? item.value : item,
    page: block.page,
    topLevel: false,
  }));
}

/** What graphene's String serialisation makes of a block value (`str(value)`), or an error. */
function rawValue(block: BoundBlock, ctx: CmsContext): string {
  const { def, value } = block;
  switch (def.kind) {
    case 'struct':
    case 'list':
    case 'stream':
    case 'generic':
      throw new GraphQLError(`String cannot represent value: ${pythonRepr(value)}`);
    case 'embed':
      if (block.topLevel) {
        throw new GraphQLError("resolve_raw_value() missing 1 required positional argument: 'info'");
      }
      return String(value ?? '');
    case 'boolean':
      return value ? 'true' : 'false';
    case 'image':
      return ctx.store.images.get(Number(value))?.title ?? 'None';
    case 'document':
      return ctx.store.documents.get(Number(value))?.title ?? 'None';
    case 'page':
      return ctx.store.page(Number(value))?.title ?? 'None';
    case 'snippet':
      return String(ctx.store.snippets.get(Number(value))?.fields['name'] ?? 'None');
    default:
      // Rich text: the internal database format (grapple returns `value.source`).
      return value === null || value === undefined ? 'None' : String(value);
  }
}

/** A live page referenced from content, through the accounting hook (a failed item throws here). */
export function referencedPage(ctx: CmsContext, id: unknown): PageRecord | null {
  const page = id === null || id === undefined ? undefined : ctx.store.page(Number(id));
  if (!page || !page.live) return null;
  const error = ctx.pages.item(page);
  if (error) throw error;
  return page;
}

/** What a stored foreign key (an id) of this kind points at, for model fields and blocks alike. */
export function referencedRecord(ctx: CmsContext, kind: 'image' | 'document' | 'page' | 'snippet', id: unknown): unknown {
  if (kind === 'page') return referencedPage(ctx, id);
  const records = kind === 'image' ? ctx.store.images : kind === 'document' ? ctx.store.documents : ctx.store.snippets;
  return records.get(Number(id)) ?? null;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** Python's `strftime` for the common directives, for DateBlock/TimeBlock/DateTimeBlock `value(format:)`. */
export function strftime(value: string, format: string): string {
  const date = new Date(/^\d{2}:\d{2}/.test(value) ? `1900-01-01T${value}Z` : value.length === 10 ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(date.getTime())) return value;
  const pad = (n: number) => String(n).padStart(2, '0');
  const weekday = DAYS[(date.getUTCDay() + 6) % 7] as string;
  const month = MONTHS[date.getUTCMonth()] as string;
  const map: Record<string, string> = {
    Y: String(date.getUTCFullYear()),
    y: pad(date.getUTCFullYear() % 100),
    m: pad(date.getUTCMonth() + 1),
    d: pad(date.getUTCDate()),
    H: pad(date.getUTCHours()),
    I: pad(((date.getUTCHours() + 11) % 12) + 1),
    M: pad(date.getUTCMinutes()),
    S: pad(date.getUTCSeconds()),
    p: date.getUTCHours() < 12 ? 'AM' : 'PM',
    B: month,
    b: month.slice(0, 3),
    A: weekday,
    a: weekday.slice(0, 3),
    '%': '%',
  };
  return format.replace(/%([a-zA-Z%])/g, (whole, key: string) => map[key] ?? whole);
}

function embedOf(ctx: CmsContext, url: unknown) {
  const id = typeof url === 'string' ? embedIdFromUrl(url) : null;
  return id === null ? undefined : ctx.store.embeds.get(id);
}

/** Embed URLs are stored site-relative (`/embeds/3/`) and served absolute, as an editor would have pasted them. */
function absoluteUrl(ctx: CmsContext, url: unknown): string {
  const text = String(url ?? '');
  return text.startsWith('/') ? `${ctx.origin}${text}` : text;
}

/** A custom block type's field, read from the struct child it is declared on. */
function customField(field: FieldDef): Resolver {
  const source = field.source ?? snakeCase(field.name);
  return (block, _args, ctx) => {
    const value = ((block.value ?? {}) as Record<string, unknown>)[source];
    if (value === undefined || value === null) return null;
    switch (field.kind) {
      case 'image':
      case 'document':
      case 'page':
      case 'snippet':
        return referencedRecord(ctx, field.kind, value);
      case 'richtext':
        return renderRichText(ctx, String(value));
      default:
        return value;
    }
  };
}

const base = {
  id: (block: BoundBlock) => block.id,
  blockType: (block: BoundBlock) => blockClassName(block.def),
  field: (block: BoundBlock) => block.name,
  rawValue: (block: BoundBlock, _args: unknown, ctx: CmsContext) => rawValue(block, ctx),
};

const plainValue = { ...base, value: (block: BoundBlock) => block.value ?? '' };
const dateValue = {
  ...base,
  value: (block: BoundBlock, args: { format?: string | null }) =>
    args.format ? strftime(String(block.value), args.format) : String(block.value ?? ''),
};
const withBlocks = { ...base, blocks: (block: BoundBlock) => structChildren(block) };

/** Resolvers of grapple's standard block types and the site's custom block types. */
export function streamResolvers(customBlocks: CustomBlockDef[]): Record<string, Record<string, unknown>> {
  const resolvers: Record<string, Record<string, unknown>> = {
    StreamFieldInterface: {
      __resolveType: (block: BoundBlock) => blockGraphqlType(block.def),
    },
    StreamFieldBlock: {
      ...base,
      // graphene's String coerces with str(): a table's dict comes out as its Python repr.
      value: (block: BoundBlock) => (typeof block.value === 'string' ? block.value : pythonRepr(block.value)),
    },
    CharBlock: plainValue,
    TextBlock: plainValue,
    EmailBlock: plainValue,
    RegexBlock: plainValue,
    URLBlock: plainValue,
    RawHTMLBlock: plainValue,
    BlockQuoteBlock: plainValue,
    StaticBlock: { ...base, value: () => '' },
    IntegerBlock: { ...base, value: (block: BoundBlock) => Number(block.value) },
    FloatBlock: { ...base, value: (block: BoundBlock) => Number(block.value) },
    DecimalBlock: { ...base, value: (block: BoundBlock) => Number(block.value) },
    BooleanBlock: { ...base, value: (block: BoundBlock) => Boolean(block.value) },
    DateBlock: dateValue,
    TimeBlock: dateValue,
    DateTimeBlock: dateValue,
    RichTextBlock: {
      ...base,
      value: (block: BoundBlock, _args: unknown, ctx: CmsContext) => renderRichText(ctx, String(block.value ?? '')),
    },
    ChoiceBlock: {
      ...plainValue,
      choices: (block: BoundBlock) =>
        block.def.kind === 'choice' ? block.def.choices.map(([key, value]) => ({ key, value })) : [],
    },
    StructBlock: withBlocks,
    StreamBlock: {
      ...base,
      blocks: (block: BoundBlock) =>
        block.def.kind === 'stream' ? bindStream(block.value, block.def.children, block.page, false) : [],
    },
    ListBlock: { ...base, items: (block: BoundBlock) => listItems(block) },
    EmbedBlock: {
      ...base,
      value: (block: BoundBlock, _args: unknown, ctx: CmsContext) => absoluteUrl(ctx, block.value),
      url: (block: BoundBlock, _args: unknown, ctx: CmsContext) => absoluteUrl(ctx, block.value),
      embed: (block: BoundBlock, _args: unknown, ctx: CmsContext) => {
        const embed = embedOf(ctx, block.value);
        return embed ? oembedHtml(ctx.origin, embed) : null;
      },
      rawEmbed: (block: BoundBlock, _args: unknown, ctx: CmsContext) => {
        const embed = embedOf(ctx, block.value);
        return embed ? rawEmbed(ctx.origin, embed, posterUrl(ctx.origin, embed, ctx.store.images)) : null;
      },
    },
    PageChooserBlock: {
      ...base,
      page: (block: BoundBlock, _args: unknown, ctx: CmsContext) => referencedRecord(ctx, 'page', block.value),
    },
    DocumentChooserBlock: {
      ...base,
      document: (block: BoundBlock, _args: unknown, ctx: CmsContext) => referencedRecord(ctx, 'document', block.value),
    },
    ImageChooserBlock: {
      ...base,
      image: (block: BoundBlock, _args: unknown, ctx: CmsContext) => referencedRecord(ctx, 'image', block.value),
    },
    ImageBlock: {
      ...base,
      image: (block: BoundBlock, _args: unknown, ctx: CmsContext) => referencedRecord(ctx, 'image', block.value),
      decorative: () => false,
      altText: (block: BoundBlock, _args: unknown, ctx: CmsContext) =>
        ctx.store.images.get(Number(block.value))?.description ?? null,
    },
    SnippetChooserBlock: {
      ...base,
      snippet: (block: BoundBlock, _args: unknown, ctx: CmsContext) => referencedRecord(ctx, 'snippet', block.value),
    },
  };
  for (const custom of customBlocks) {
    const fields: Record<string, unknown> = { ...withBlocks };
    for (const field of custom.fields) fields[field.name] = customField(field);
    resolvers[custom.name] = fields;
  }
  return resolvers;
}
