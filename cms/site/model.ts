/**
 * The schema-level description of one Wagtail site: its page models, snippets, settings and StreamField
 * blocks, i.e. what Django models and Python block classes would declare on a real site.
 *
 * grapple turns such declarations into GraphQL types; `cms/schema/sdl.ts` does the same from these
 * descriptions, so the demo site and the "alt" site share one implementation of grapple's generic part
 * and differ only in this data.
 */

/** How a model field is stored in the content store and exposed through GraphQL. */
export type FieldKind =
  | 'id'
  | 'string'
  | 'int'
  | 'float'
  | 'boolean'
  /** A Django DateField: grapple sends a plain `YYYY-MM-DD` String. */
  | 'date'
  /** A Django DateTimeField: the DateTime scalar, ISO 8601 with offset. */
  | 'datetime'
  /** A RichTextField: stored in Wagtail's internal format, served as front-end HTML (RichText scalar). */
  | 'richtext'
  | 'image'
  | 'document'
  /** A ForeignKey to a page: `PageInterface`. */
  | 'page'
  /** A ForeignKey to a snippet: the snippet's own type. */
  | 'snippet'
  /** A StreamField: `[StreamFieldInterface]`. */
  | 'stream'
  /** A ClusterTaggableManager: `[TagObjectType]`. */
  | 'tags'
  /** A list of snippets through an orderable relation: `name(limit, offset, order, ...): [Type]`. */
  | 'snippets'
  /** Inline orderable child objects (an InlinePanel): `name(limit, offset, order, ...): [Type]`. */
  | 'objects'
  /** A list of page references (a ParentalManyToManyField to pages): `[PageInterface]`. */
  | 'pages';

export interface FieldDef {
  /** GraphQL field name (camelCase); the Django name (for `order`) is its snake_case form. */
  name: string;
  kind: FieldKind;
  /** Non-null in GraphQL. */
  required?: boolean;
  /** Target type name for `snippet`, `snippets` and `objects`. */
  of?: string;
  /** For custom block types: the struct child this field reads (defaults to the snake_case name). */
  source?: string;
  /** Included in the page's search text. */
  searchable?: boolean;
  /** For `stream`: the StreamField's child blocks. */
  stream?: StreamDef;
}

/** A Python block class as declared in a StreamField. */
export type BlockDef =
  | {
      kind:
        | 'char'
        | 'text'
        | 'email'
        | 'url'
        | 'richtext'
        | 'rawhtml'
        | 'blockquote'
        | 'integer'
        | 'float'
        | 'decimal'
        | 'boolean'
        | 'date'
        | 'time'
        | 'datetime'
        | 'static';
      className?: string;
    }
  | { kind: 'choice'; choices: Array<[string, string]>; className?: string }
  | { kind: 'image' | 'document' | 'page' | 'snippet' | 'embed'; className?: string }
  /** A StructBlock. With `graphqlType` it was registered with grapple (custom type), else it is served as `StructBlock`. */
  | { kind: 'struct'; className: string; children: StreamDef; graphqlType?: string }
  | { kind: 'stream'; className: string; children: StreamDef }
  | { kind: 'list'; className?: string; child: BlockDef }
  /** A block grapple has no type for (a TableBlock, a custom FieldBlock): served as `StreamFieldBlock { value }`. */
  | { kind: 'generic'; className: string };

/** The child blocks of a StreamField or StreamBlock, by child name (the `field` grapple reports). */
export type StreamDef = Record<string, BlockDef>;

/** A custom StreamField block type registered with grapple (`@register_streamfield_block`). */
export interface CustomBlockDef {
  name: string;
  fields: FieldDef[];
}

export interface PageTypeDef {
  /** GraphQL type name, also the Python class name. */
  name: string;
  /** `app_label.ModelName`. */
  contentType: string;
  fields: FieldDef[];
  /** Registered with `@register_paginated_query_field`: adds `xPage(...)` and `xPages(page, perPage, ...)`. */
  paginatedQuery?: boolean;
}

export interface SnippetDef {
  name: string;
  contentType: string;
  fields: FieldDef[];
  /** Registered with `@register_query_field`: adds `singular(id)` and `plural(...)` root fields. */
  queryField?: { singular: string; plural: string };
}

/** A plain object type: inline orderables (opening hours, variants). */
export interface ObjectDef {
  name: string;
  fields: FieldDef[];
}

export interface SettingDef {
  name: string;
  /** `BaseSiteSetting` settings are per site; `BaseGenericSetting` ones are global. */
  scope: 'site' | 'generic';
  fields: FieldDef[];
}

export interface SiteModel {
  key: 'demo' | 'alt';
  siteName: string;
  /** Type of the site's home page. */
  homeType: string;
  pageTypes: PageTypeDef[];
  snippets: SnippetDef[];
  objects: ObjectDef[];
  settings: SettingDef[];
  customBlocks: CustomBlockDef[];
}

export function snakeCase(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/([A-Z])([A-Z][a-z])/g, '$1_$2').toLowerCase();
}

/** The GraphQL type grapple serves a block as (`__typename`), which may differ from its `blockType`. */
export function blockGraphqlType(def: BlockDef): string {
  switch (def.kind) {
    case 'struct':
      return def.graphqlType ?? 'StructBlock';
    case 'stream':
      return 'StreamBlock';
    case 'list':
      return 'ListBlock';
    case 'generic':
      return 'StreamFieldBlock';
    case 'image':
      return 'ImageChooserBlock';
    case 'document':
      return 'DocumentChooserBlock';
    case 'page':
      return 'PageChooserBlock';
    case 'snippet':
      return 'SnippetChooserBlock';
    case 'embed':
      return 'EmbedBlock';
    case 'choice':
      return 'ChoiceBlock';
    default:
      return SIMPLE_BLOCK_TYPES[def.kind];
  }
}

/** `blockType`: the Python class name of the block. */
export function blockClassName(def: BlockDef): string {
  if (def.className) return def.className;
  return blockGraphqlType(def);
}

const SIMPLE_BLOCK_TYPES = {
  char: 'CharBlock',
  text: 'TextBlock',
  email: 'EmailBlock',
  url: 'URLBlock',
  richtext: 'RichTextBlock',
  rawhtml: 'RawHTMLBlock',
  blockquote: 'BlockQuoteBlock',
  integer: 'IntegerBlock',
  float: 'FloatBlock',
  decimal: 'DecimalBlock',
  boolean: 'BooleanBlock',
  date: 'DateBlock',
  time: 'TimeBlock',
  datetime: 'DateTimeBlock',
  static: 'StaticBlock',
} as const;

/** The root fields `@register_paginated_query_field` adds for a page type: `articlePage`, `articlePages`. */
export function paginatedFieldNames(pageType: PageTypeDef): { single: string; plural: string } {
  const single = pageType.name.charAt(0).toLowerCase() + pageType.name.slice(1);
  return { single, plural: `${single}s` };
}

/** The GraphQL type a page is served as: its own type, or `Page` for the tree Root and unknown types. */
export function pageTypeName(model: SiteModel, type: string): string {
  return findPageType(model, type) ? type : 'Page';
}

/** The page's `app_label.Model`, `wagtailcore.Page` for the tree Root. */
export function pageContentType(model: SiteModel, type: string): string {
  return findPageType(model, type)?.contentType ?? 'wagtailcore.Page';
}

export function findPageType(model: SiteModel, nameOrContentType: string): PageTypeDef | undefined {
  const lower = nameOrContentType.toLowerCase();
  return model.pageTypes.find((t) => t.name.toLowerCase() === lower || t.contentType.toLowerCase() === lower);
}
