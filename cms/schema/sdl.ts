/**
 * Builds the SDL a real Wagtail + grapple site introspects to: grapple's generic part (Query root fields,
 * PageInterface, StreamFieldInterface and its standard block types, images, documents, redirects, sites,
 * settings, snippets) around the page types, snippets and custom blocks of one `SiteModel`.
 *
 * Field lists, argument lists, nullability and type names follow the reference schema of Wagtail 7 +
 * grapple 0.31 so a client's introspection-driven query builder meets the same shapes as in production.
 */
import type { FieldDef, SiteModel } from '../site/model.ts';
import { paginatedFieldNames } from '../site/model.ts';

/** grapple's QuerySetList arguments on page lists (`children`, `descendants`...). */
const PAGE_LIST_ARGS =
  '(inMenu: Boolean, limit: PositiveInt, offset: PositiveInt, order: String, searchQuery: String, searchOperator: SearchOperatorEnum = AND, id: ID)';
/** QuerySetList arguments on model lists (snippets, inline objects). */
const MODEL_LIST_ARGS =
  '(limit: PositiveInt, offset: PositiveInt, order: String, searchQuery: String, searchOperator: SearchOperatorEnum = AND, id: ID)';

/** The tree fields every page type ends with, on the interface as on each type. */
const TREE_FIELDS = `  parent: PageInterface
  children${PAGE_LIST_ARGS}: [PageInterface!]!
  siblings${PAGE_LIST_ARGS}: [PageInterface!]!
  nextSiblings${PAGE_LIST_ARGS}: [PageInterface!]!
  previousSiblings${PAGE_LIST_ARGS}: [PageInterface!]!
  descendants${PAGE_LIST_ARGS}: [PageInterface!]!
  ancestors${PAGE_LIST_ARGS}: [PageInterface!]!
  searchScore: Float`;

const INTERFACE_PAGE_FIELDS = `  id: ID
  title: String!
  slug: String!
  contentType: String!
  pageType: String
  live: Boolean!
  url: String
  urlPath: String!
  depth: Int
  seoTitle: String!
  searchDescription: String
  showInMenus: Boolean!
  locked: Boolean
  firstPublishedAt: DateTime
  lastPublishedAt: DateTime
${TREE_FIELDS}`;

/** The Django `Page` model fields graphene-django exposes on every page type, before the specific fields. */
const MODEL_PAGE_FIELDS = `  id: ID
  path: String!
  depth: Int
  numchild: Int!
  translationKey: UUID!
  live: Boolean!
  hasUnpublishedChanges: Boolean!
  firstPublishedAt: DateTime
  lastPublishedAt: DateTime
  goLiveAt: DateTime
  expireAt: DateTime
  expired: Boolean!
  locked: Boolean
  lockedAt: DateTime
  title: String!
  draftTitle: String!
  slug: String!
  contentType: String!
  urlPath: String!
  seoTitle: String!
  showInMenus: Boolean!
  searchDescription: String
  latestRevisionCreatedAt: DateTime
  aliasOf: Page
  sitesRootedHere: [SiteObjectType!]!
  aliases: [Page!]!`;

const TRAILING_PAGE_FIELDS = `  pageType: String
  url: String
${TREE_FIELDS}`;

const BLOCK_BASE = `  id: String
  blockType: String!
  field: String!
  rawValue: String!`;

function valueBlock(name: string, valueType: string, extra = ''): string {
  return `type ${name} implements StreamFieldInterface {\n${BLOCK_BASE}\n  value${valueType}\n${extra}}`;
}

/** grapple's standard block types (identical on every site). */
const STANDARD_BLOCKS = [
  valueBlock('StreamFieldBlock', ': String!'),
  valueBlock('CharBlock', ': String!'),
  valueBlock('TextBlock', ': String!'),
  valueBlock('EmailBlock', ': String!'),
  valueBlock('IntegerBlock', ': Int!'),
  valueBlock('FloatBlock', ': Float!'),
  valueBlock('DecimalBlock', ': Float!'),
  valueBlock('RegexBlock', ': String!'),
  valueBlock('URLBlock', ': String!'),
  valueBlock('BooleanBlock', ': Boolean!'),
  valueBlock('DateBlock', '(format: String): String!'),
  valueBlock('TimeBlock', '(format: String): String!'),
  valueBlock('DateTimeBlock', '(format: String): String!'),
  valueBlock('RichTextBlock', ': String!'),
  valueBlock('RawHTMLBlock', ': String!'),
  valueBlock('BlockQuoteBlock', ': String!'),
  valueBlock('ChoiceBlock', ': String!', '  choices: [ChoiceOption!]!\n'),
  `type ChoiceOption {\n  key: String!\n  value: String!\n}`,
  `type StreamBlock implements StreamFieldInterface {\n${BLOCK_BASE}\n  blocks: [StreamFieldInterface!]!\n}`,
  `type StructBlock implements StreamFieldInterface {\n${BLOCK_BASE}\n  blocks: [StreamFieldInterface!]!\n}`,
  valueBlock('StaticBlock', ': String!'),
  `type ListBlock implements StreamFieldInterface {\n${BLOCK_BASE}\n  items: [StreamFieldInterface!]!\n}`,
  valueBlock('EmbedBlock', ': String!', '  url: String!\n  embed: String\n  rawEmbed: JSONString\n'),
  `type PageChooserBlock implements StreamFieldInterface {\n${BLOCK_BASE}\n  page: PageInterface\n}`,
  `type DocumentChooserBlock implements StreamFieldInterface {\n${BLOCK_BASE}\n  document: DocumentObjectType\n}`,
  `type ImageChooserBlock implements StreamFieldInterface {\n${BLOCK_BASE}\n  image: ImageObjectType\n}`,
  `type ImageBlock implements StreamFieldInterface {\n${BLOCK_BASE}\n  image: ImageObjectType\n  decorative: Boolean\n  altText: String\n}`,
  `type SnippetChooserBlock implements StreamFieldInterface {\n${BLOCK_BASE}\n  snippet: SnippetInterface\n}`,
];

const GENERIC_TYPES = `scalar DateTime
scalar PositiveInt
scalar UUID
scalar JSONString
scalar RichText

enum SearchOperatorEnum {
  AND
  OR
}

interface PageInterface {
${INTERFACE_PAGE_FIELDS}
}

interface StreamFieldInterface {
${BLOCK_BASE}
}

interface SnippetInterface {
  snippetType: String!
  contentType: String!
}

type ImageObjectType {
  id: ID!
  collection: CollectionObjectType!
  title: String!
  file: String!
  description: String!
  width: Int!
  height: Int!
  createdAt: DateTime!
  focalPointX: Int
  focalPointY: Int
  focalPointWidth: Int
  focalPointHeight: Int
  fileSize: Int
  fileHash: String!
  renditions: [ImageRenditionObjectType!]!
  src: String! @deprecated(reason: "Use the \`url\` attribute")
  url: String!
  aspectRatio: Float!
  sizes: String!
  tags: [TagObjectType!]!
  rendition(max: String, min: String, width: Int, height: Int, fill: String, format: String, bgcolor: String, jpegquality: Int, webpquality: Int, preserveSvg: Boolean): ImageRenditionObjectType
  srcSet(sizes: [Int], format: String, preserveSvg: Boolean): String
  isSvg: Boolean!
}

type ImageRenditionObjectType {
  id: ID!
  filterSpec: String!
  file: String!
  width: Int!
  height: Int!
  focalPointKey: String!
  image: ImageObjectType!
  focalPoint: String
  url: String!
  alt: String!
  backgroundPositionStyle: String!
}

type CollectionObjectType {
  id: ID!
  path: String!
  depth: Int!
  numchild: Int!
  name: String!
  descendants: [CollectionObjectType]!
  ancestors: [CollectionObjectType]!
}

type TagObjectType {
  id: ID!
  name: String!
}

type DocumentObjectType {
  id: ID!
  collection: CollectionObjectType!
  title: String!
  file: String!
  createdAt: DateTime!
  fileSize: Int
  fileHash: String!
  url: String!
  tags: [TagObjectType!]!
}

type Redirect {
  oldPath: String!
  oldUrl: String!
  newUrl: String
  page: PageInterface
  site: SiteObjectType!
  isPermanent: Boolean!
}

type PaginationType {
  total: PositiveInt!
  count: PositiveInt!
  perPage: PositiveInt!
  currentPage: PositiveInt!
  prevPage: PositiveInt
  nextPage: PositiveInt
  totalPages: PositiveInt!
}

${STANDARD_BLOCKS.join('\n\n')}
`;

/** The GraphQL type of a model field, as graphene-django/grapple would declare it. */
export function fieldSdl(field: FieldDef): string {
  const bang = field.required ? '!' : '';
  switch (field.kind) {
    case 'id':
      return `${field.name}: ID${bang}`;
    case 'string':
    case 'date':
      return `${field.name}: String${bang}`;
    case 'int':
      return `${field.name}: Int${bang}`;
    case 'float':
      return `${field.name}: Float${bang}`;
    case 'boolean':
      return `${field.name}: Boolean${bang}`;
    case 'datetime':
      return `${field.name}: DateTime${bang}`;
    case 'richtext':
      return `${field.name}: RichText${bang}`;
    case 'image':
      return `${field.name}: ImageObjectType${bang}`;
    case 'document':
      return `${field.name}: DocumentObjectType${bang}`;
    case 'page':
      return `${field.name}: PageInterface${bang}`;
    case 'snippet':
      return `${field.name}: ${field.of}${bang}`;
    case 'stream':
      return `${field.name}: [StreamFieldInterface]`;
    case 'tags':
      return `${field.name}: [TagObjectType]`;
    case 'snippets':
    case 'objects':
      return `${field.name}${MODEL_LIST_ARGS}: [${field.of}]`;
    case 'pages':
      return `${field.name}: [PageInterface]`;
  }
}

function pageTypeSdl(model: SiteModel, name: string, fields: FieldDef[]): string {
  // graphene-django exposes Django's multi-table inheritance accessors (`homepage: HomePage`...) on every page type.
  const accessors = model.pageTypes.map((t) => `  ${t.name.toLowerCase()}: ${t.name}`).join('\n');
  const own = fields.map((f) => `  ${fieldSdl(f)}`).join('\n');
  return `type ${name} implements PageInterface {\n${MODEL_PAGE_FIELDS}\n${accessors}\n${own ? own + '\n' : ''}${TRAILING_PAGE_FIELDS}\n}`;
}

export function buildSdl(model: SiteModel): string {
  const parts: string[] = [GENERIC_TYPES];
  for (const pageType of model.pageTypes) parts.push(pageTypeSdl(model, pageType.name, pageType.fields));
  parts.push(pageTypeSdl(model, 'Page', []));

  for (const snippet of model.snippets) {
    const fields = snippet.fields.map((f) => `  ${fieldSdl(f)}`).join('\n');
    parts.push(`type ${snippet.name} implements SnippetInterface {\n${fields}\n  snippetType: String!\n  contentType: String!\n}`);
  }
  for (const object of model.objects) {
    parts.push(`type ${object.name} {\n${object.fields.map((f) => `  ${fieldSdl(f)}`).join('\n')}\n}`);
  }
  for (const setting of model.settings) {
    parts.push(`type ${setting.name} {\n${setting.fields.map((f) => `  ${fieldSdl(f)}`).join('\n')}\n}`);
  }
  for (const block of model.customBlocks) {
    const fields = block.fields.map((f) => `  ${fieldSdl(f)}`).join('\n');
    parts.push(`type ${block.name} implements StreamFieldInterface {\n${BLOCK_BASE}\n  blocks: [StreamFieldInterface!]!\n${fields}\n}`);
  }

  const siteSettings = model.settings.filter((s) => s.scope === 'site');
  parts.push(`type SiteObjectType {
  id: ID!
  hostname: String!
  port: Int!
  siteName: String!
  rootPage: Page!
  isDefaultSite: Boolean!
${siteSettings.map((s) => `  ${s.name.toLowerCase()}: ${s.name}`).join('\n')}
  pages(contentType: String, ${PAGE_LIST_ARGS.slice(1)}: [PageInterface!]!
  page(id: ID, slug: String, urlPath: String, token: String, contentType: String): PageInterface
}`);

  const query: string[] = [];
  for (const pageType of model.pageTypes.filter((t) => t.paginatedQuery)) {
    const { single, plural } = paginatedFieldNames(pageType);
    parts.push(`type ${pageType.name}PaginatedType {\n  items: [${pageType.name}]\n  pagination: PaginationType\n}`);
    query.push(`  ${single}(id: ID, slug: String, urlPath: String, token: String): ${pageType.name}`);
    query.push(
      `  ${plural}(page: PositiveInt, perPage: PositiveInt, order: String, searchQuery: String, searchOperator: SearchOperatorEnum = AND, id: ID): ${pageType.name}PaginatedType`,
    );
  }
  for (const snippet of model.snippets) {
    if (!snippet.queryField) continue;
    query.push(`  ${snippet.queryField.singular}(id: ID): ${snippet.name}`);
    query.push(`  ${snippet.queryField.plural}${MODEL_LIST_ARGS}: [${snippet.name}]`);
  }
  query.push(
    '  redirects: [Redirect!]!',
    '  collections(limit: PositiveInt, offset: PositiveInt, order: String, id: ID): [CollectionObjectType]!',
    '  tag(id: ID): TagObjectType',
    '  tags(limit: PositiveInt, offset: PositiveInt, order: String, id: ID): [TagObjectType!]!',
    '  search(query: String): [Search!]!',
  );
  if (model.settings.length > 0) {
    parts.push(`union SettingsObjectType = ${model.settings.map((s) => s.name).join(' | ')}`);
    query.push('  setting(name: String, site: String): SettingsObjectType');
    query.push('  settings(name: String, site: String): [SettingsObjectType!]!');
  }
  query.push(
    '  snippets: [SnippetInterface!]!',
    '  document(id: ID): DocumentObjectType',
    `  documents(collection: ID, ${MODEL_LIST_ARGS.slice(1)}: [DocumentObjectType!]!`,
    '  documentType: String!',
    '  image(id: ID): ImageObjectType',
    `  images(collection: ID, ${MODEL_LIST_ARGS.slice(1)}: [ImageObjectType!]!`,
    '  imageType: String!',
    '  site(hostname: String, id: ID): SiteObjectType',
    `  sites(isDefaultSite: Boolean, ${MODEL_LIST_ARGS.slice(1)}: [SiteObjectType!]!`,
    `  pages(contentType: String, inSite: Boolean = false, site: String, ancestor: ID, parent: ID, ${PAGE_LIST_ARGS.slice(1)}: [PageInterface!]!`,
    '  page(id: ID, slug: String, urlPath: String, token: String, contentType: String, inSite: Boolean = false, site: String): PageInterface',
  );
  const searchable = [...model.pageTypes.map((t) => t.name), 'Page', ...model.snippets.map((s) => s.name)];
  parts.push(`union Search = ${searchable.join(' | ')}`);
  parts.push(`type Query {\n${query.join('\n')}\n}`);
  return parts.join('\n\n') + '\n';
}
