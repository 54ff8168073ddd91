/**
 * The demo site's models: "Northridge Huts & Trails", a fictional mountain-hut association.
 *
 * Page types, snippets, settings and blocks are this project's own design. Two deliberate traps for clients:
 * - `CaptionedImageBlock.image` is `ImageObjectType!` while `QuoteBlock.image` is nullable `ImageObjectType`:
 *   a query selecting both without aliases fails validation (README item 15).
 * - `TimelineBlock` is a registered custom block the site ships no component for (generic rendering path),
 *   `InfoPanelBlock`/`ColumnsBlock` are served as `StructBlock`/`StreamBlock` with their own `blockType`,
 *   and `TableBlock` has no grapple type at all (`StreamFieldBlock`).
 */
import type { BlockDef, FieldDef, SiteModel, StreamDef } from './model.ts';

const image: BlockDef = { kind: 'image' };

/** The body StreamField shared by every content page type. */
export const demoBodyStream: StreamDef = {
  heading: {
    kind: 'struct',
    className: 'HeadingBlock',
    graphqlType: 'HeadingBlock',
    children: {
      heading_text: { kind: 'char' },
      size: {
        kind: 'choice',
        choices: [
          ['h2', 'H2'],
          ['h3', 'H3'],
          ['h4', 'H4'],
        ],
      },
    },
  },
  paragraph: { kind: 'richtext' },
  image: {
    kind: 'struct',
    className: 'CaptionedImageBlock',
    graphqlType: 'CaptionedImageBlock',
    children: { image, caption: { kind: 'char' }, credit: { kind: 'char' } },
  },
  quote: {
    kind: 'struct',
    className: 'QuoteBlock',
    graphqlType: 'QuoteBlock',
    children: { text: { kind: 'text' }, attribution: { kind: 'char' }, image },
  },
  embed: { kind: 'embed' },
  gallery: { kind: 'list', child: image },
  info_panel: {
    kind: 'struct',
    className: 'InfoPanelBlock',
    children: {
      title: { kind: 'char' },
      text: { kind: 'richtext' },
      tone: {
        kind: 'choice',
        choices: [
          ['tip', 'Tip'],
          ['note', 'Note'],
          ['warning', 'Warning'],
        ],
      },
    },
  },
  columns: {
    kind: 'stream',
    className: 'ColumnsBlock',
    children: { text: { kind: 'richtext' }, image, link: { kind: 'page' } },
  },
  timeline: {
    kind: 'struct',
    className: 'TimelineBlock',
    graphqlType: 'TimelineBlock',
    children: {
      title: { kind: 'char' },
      entries: {
        kind: 'list',
        child: {
          kind: 'struct',
          className: 'TimelineEntryBlock',
          children: { year: { kind: 'char' }, text: { kind: 'text' } },
        },
      },
    },
  },
  table: { kind: 'generic', className: 'TableBlock' },
  download: { kind: 'document' },
};

const body: FieldDef = { name: 'body', kind: 'stream', stream: demoBodyStream };
const introduction: FieldDef = { name: 'introduction', kind: 'string', searchable: true };

export const demoModel: SiteModel = {
  key: 'demo',
  siteName: 'Northridge Huts & Trails',
  homeType: 'HomePage',
  pageTypes: [
    {
      name: 'HomePage',
      contentType: 'home.HomePage',
      fields: [
        { name: 'heroImage', kind: 'image' },
        { name: 'heroText', kind: 'string', searchable: true },
        { name: 'heroCtaText', kind: 'string' },
        { name: 'heroCtaLink', kind: 'page' },
        { name: 'intro', kind: 'richtext', searchable: true },
        body,
        { name: 'featuredPages', kind: 'pages' },
      ],
    },
    {
      name: 'SectionIndexPage',
      contentType: 'sections.SectionIndexPage',
      fields: [introduction, { name: 'image', kind: 'image' }, body],
    },
    {
      name: 'ArticlePage',
      contentType: 'journal.ArticlePage',
      paginatedQuery: true,
      fields: [
        { name: 'subtitle', kind: 'string', searchable: true },
        introduction,
        { name: 'heroImage', kind: 'image' },
        { name: 'datePublished', kind: 'date' },
        { name: 'readingMinutes', kind: 'int' },
        body,
        { name: 'tags', kind: 'tags' },
        { name: 'authors', kind: 'snippets', of: 'Person' },
      ],
    },
    {
      name: 'StandardPage',
      contentType: 'pages.StandardPage',
      fields: [introduction, { name: 'image', kind: 'image' }, body],
    },
    {
      name: 'HutPage',
      contentType: 'huts.HutPage',
      fields: [
        introduction,
        { name: 'image', kind: 'image' },
        { name: 'region', kind: 'string', searchable: true },
        { name: 'elevation', kind: 'int' },
        { name: 'latLong', kind: 'string' },
        { name: 'beds', kind: 'int' },
        { name: 'priceFrom', kind: 'float' },
        { name: 'wardenName', kind: 'string' },
        { name: 'phone', kind: 'string' },
        { name: 'openFrom', kind: 'date' },
        { name: 'openUntil', kind: 'date' },
        { name: 'hasWinterRoom', kind: 'boolean' },
        { name: 'houseRules', kind: 'document' },
        { name: 'openingHours', kind: 'objects', of: 'HutOpeningHours' },
        body,
      ],
    },
    {
      name: 'RoutePage',
      contentType: 'routes.RoutePage',
      fields: [
        introduction,
        { name: 'image', kind: 'image' },
        { name: 'difficulty', kind: 'string' },
        { name: 'distanceKm', kind: 'float' },
        { name: 'ascentM', kind: 'int' },
        { name: 'durationHours', kind: 'float' },
        { name: 'startPoint', kind: 'string', searchable: true },
        { name: 'endPoint', kind: 'string', searchable: true },
        { name: 'bestMonths', kind: 'string' },
        { name: 'huts', kind: 'pages' },
        body,
      ],
    },
    {
      name: 'EventPage',
      contentType: 'events.EventPage',
      fields: [
        introduction,
        { name: 'image', kind: 'image' },
        { name: 'startDate', kind: 'date' },
        { name: 'endDate', kind: 'date' },
        { name: 'startTime', kind: 'string' },
        { name: 'location', kind: 'string', searchable: true },
        { name: 'price', kind: 'float' },
        { name: 'difficulty', kind: 'string' },
        { name: 'maxParticipants', kind: 'int' },
        { name: 'bookingOpen', kind: 'boolean' },
        { name: 'organiser', kind: 'snippet', of: 'Person' },
        body,
      ],
    },
  ],
  snippets: [
    {
      name: 'Person',
      contentType: 'people.Person',
      queryField: { singular: 'person', plural: 'people' },
      fields: [
        { name: 'id', kind: 'id' },
        { name: 'name', kind: 'string', required: true, searchable: true },
        { name: 'role', kind: 'string' },
        { name: 'bio', kind: 'string', searchable: true },
        { name: 'portrait', kind: 'image' },
      ],
    },
    {
      name: 'Partner',
      contentType: 'people.Partner',
      fields: [
        { name: 'id', kind: 'id' },
        { name: 'name', kind: 'string', required: true, searchable: true },
        { name: 'website', kind: 'string' },
        { name: 'logo', kind: 'image' },
      ],
    },
  ],
  objects: [
    {
      name: 'HutOpeningHours',
      fields: [
        { name: 'id', kind: 'id' },
        { name: 'season', kind: 'string' },
        { name: 'days', kind: 'string' },
        { name: 'opens', kind: 'string' },
        { name: 'closes', kind: 'string' },
        { name: 'closed', kind: 'boolean' },
      ],
    },
  ],
  settings: [
    {
      name: 'ContactSettings',
      scope: 'generic',
      fields: [
        { name: 'id', kind: 'id' },
        { name: 'email', kind: 'string' },
        { name: 'phone', kind: 'string' },
        { name: 'emergencyNumber', kind: 'string' },
        { name: 'postalAddress', kind: 'string' },
      ],
    },
    {
      name: 'SiteBrandingSettings',
      scope: 'site',
      fields: [
        { name: 'id', kind: 'id' },
        { name: 'titleSuffix', kind: 'string' },
        { name: 'tagline', kind: 'string' },
        { name: 'footerNote', kind: 'richtext' },
      ],
    },
  ],
  customBlocks: [
    {
      name: 'HeadingBlock',
      fields: [
        { name: 'headingText', kind: 'string', required: true },
        { name: 'size', kind: 'string' },
      ],
    },
    {
      name: 'CaptionedImageBlock',
      fields: [
        { name: 'image', kind: 'image', required: true },
        { name: 'caption', kind: 'string' },
        { name: 'credit', kind: 'string' },
      ],
    },
    {
      name: 'QuoteBlock',
      fields: [
        { name: 'text', kind: 'string', required: true },
        { name: 'attribution', kind: 'string' },
        // Nullable on purpose: conflicts with CaptionedImageBlock.image (ImageObjectType!), README item 15.
        { name: 'image', kind: 'image' },
      ],
    },
    {
      name: 'TimelineBlock',
      fields: [{ name: 'title', kind: 'string', required: true }],
    },
  ],
};
