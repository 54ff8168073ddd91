/**
 * The "alt" site's models: "Fernhill Outfitters", a small outdoor-gear shop with a news section.
 *
 * It shares nothing with the demo site but grapple's generic part: other page types, other field names
 * (its StreamFields are `sections` and `content`, not only `body`), other custom blocks and its own field
 * conflicts (`title: String!` vs `title: String`, `image: ImageObjectType!` vs `image: ImageObjectType`).
 * It exists to prove a client derives its queries from introspection instead of hard-coding the demo.
 */
import type { BlockDef, SiteModel, StreamDef } from './model.ts';

const image: BlockDef = { kind: 'image' };

export const altStream: StreamDef = {
  title: { kind: 'char' },
  text: { kind: 'richtext' },
  faq: {
    kind: 'struct',
    className: 'FaqBlock',
    graphqlType: 'FaqBlock',
    children: { question: { kind: 'char' }, answer: { kind: 'richtext' } },
  },
  stats: {
    kind: 'struct',
    className: 'StatsBlock',
    graphqlType: 'StatsBlock',
    children: {
      title: { kind: 'char' },
      items: {
        kind: 'list',
        child: {
          kind: 'struct',
          className: 'StatItemBlock',
          children: { label: { kind: 'char' }, figure: { kind: 'integer' } },
        },
      },
    },
  },
  team_member: {
    kind: 'struct',
    className: 'TeamMemberBlock',
    graphqlType: 'TeamMemberBlock',
    children: { name: { kind: 'char' }, role: { kind: 'char' }, image },
  },
  showcase: {
    kind: 'struct',
    className: 'ProductShowcaseBlock',
    graphqlType: 'ProductShowcaseBlock',
    children: { title: { kind: 'char' }, image, product: { kind: 'page' } },
  },
  cta: {
    kind: 'struct',
    className: 'CallToActionBlock',
    children: { label: { kind: 'char' }, page: { kind: 'page' }, url: { kind: 'url' } },
  },
  video: { kind: 'embed' },
  pictures: { kind: 'list', child: image },
  specs: { kind: 'generic', className: 'TypedTableBlock' },
};

export const altModel: SiteModel = {
  key: 'alt',
  siteName: 'Fernhill Outfitters',
  homeType: 'LandingPage',
  pageTypes: [
    {
      name: 'LandingPage',
      contentType: 'storefront.LandingPage',
      fields: [
        { name: 'tagline', kind: 'string', searchable: true },
        { name: 'banner', kind: 'image' },
        { name: 'sections', kind: 'stream', stream: altStream },
        { name: 'promoted', kind: 'pages' },
      ],
    },
    {
      name: 'CategoryPage',
      contentType: 'catalogue.CategoryPage',
      fields: [
        { name: 'description', kind: 'richtext', searchable: true },
        { name: 'thumbnail', kind: 'image' },
      ],
    },
    {
      name: 'ProductPage',
      contentType: 'catalogue.ProductPage',
      fields: [
        { name: 'sku', kind: 'string', required: true },
        { name: 'price', kind: 'float' },
        { name: 'inStock', kind: 'boolean', required: true },
        { name: 'rating', kind: 'float' },
        { name: 'releaseDate', kind: 'date' },
        { name: 'leadImage', kind: 'image' },
        { name: 'summary', kind: 'richtext', searchable: true },
        { name: 'brand', kind: 'snippet', of: 'Brand' },
        { name: 'variants', kind: 'objects', of: 'ProductVariant' },
        { name: 'body', kind: 'stream', stream: altStream },
      ],
    },
    {
      name: 'NewsIndexPage',
      contentType: 'newsroom.NewsIndexPage',
      fields: [{ name: 'blurb', kind: 'string', searchable: true }],
    },
    {
      name: 'NewsStory',
      contentType: 'newsroom.NewsStory',
      paginatedQuery: true,
      fields: [
        { name: 'standfirst', kind: 'string', searchable: true },
        { name: 'publishedOn', kind: 'date' },
        { name: 'leadImage', kind: 'image' },
        { name: 'content', kind: 'stream', stream: altStream },
        { name: 'topics', kind: 'tags' },
        { name: 'contributors', kind: 'snippets', of: 'Author' },
      ],
    },
    {
      name: 'InfoPage',
      contentType: 'storefront.InfoPage',
      fields: [{ name: 'content', kind: 'stream', stream: altStream }],
    },
  ],
  snippets: [
    {
      name: 'Brand',
      contentType: 'catalogue.Brand',
      fields: [
        { name: 'id', kind: 'id' },
        { name: 'name', kind: 'string', required: true, searchable: true },
        { name: 'website', kind: 'string' },
        { name: 'logo', kind: 'image' },
      ],
    },
    {
      name: 'Author',
      contentType: 'newsroom.Author',
      queryField: { singular: 'author', plural: 'authors' },
      fields: [
        { name: 'id', kind: 'id' },
        { name: 'displayName', kind: 'string', required: true, searchable: true },
        { name: 'avatar', kind: 'image' },
      ],
    },
  ],
  objects: [
    {
      name: 'ProductVariant',
      fields: [
        { name: 'id', kind: 'id' },
        { name: 'label', kind: 'string' },
        { name: 'sku', kind: 'string' },
        { name: 'price', kind: 'float' },
        { name: 'inStock', kind: 'boolean' },
      ],
    },
  ],
  settings: [
    {
      name: 'ShopSettings',
      scope: 'site',
      fields: [
        { name: 'id', kind: 'id' },
        { name: 'currency', kind: 'string' },
        { name: 'supportEmail', kind: 'string' },
      ],
    },
  ],
  customBlocks: [
    {
      name: 'FaqBlock',
      fields: [
        { name: 'question', kind: 'string', required: true },
        { name: 'answer', kind: 'richtext' },
      ],
    },
    {
      name: 'StatsBlock',
      // `title: String` here vs `ProductShowcaseBlock.title: String!`: a real overlapping-field conflict.
      fields: [{ name: 'title', kind: 'string' }],
    },
    {
      name: 'TeamMemberBlock',
      fields: [
        { name: 'name', kind: 'string', required: true },
        { name: 'role', kind: 'string' },
        { name: 'image', kind: 'image', required: true },
      ],
    },
    {
      name: 'ProductShowcaseBlock',
      fields: [
        { name: 'title', kind: 'string', required: true },
        { name: 'image', kind: 'image' },
        { name: 'product', kind: 'page' },
      ],
    },
  ],
};
