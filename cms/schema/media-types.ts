/** Resolvers of images, renditions, documents, collections and tags, and how they list and order. */
import { GraphQLError } from 'graphql';
import type { CollectionRecord, DocumentRecord, ImageRecord, TagRecord } from '../content/types.ts';
import { sha1 } from '../content/random.ts';
import { documentPath, documentPdf } from '../media/documents.ts';
import { originalFilename, originalPath, specFromArguments } from '../media/renditions.ts';
import type { CmsContext } from './context.ts';
import type { Args } from './fields.ts';
import { sortedById } from './fields.ts';
import type { RenditionObject } from './images.ts';
import { getRendition, renditionPath, renditionsOf } from './images.ts';
import type { ModelSpec } from './queryset.ts';

export const imageSpec: ModelSpec<ImageRecord> = {
  model: 'Image',
  fields: {
    id: (i) => i.id,
    title: (i) => i.title,
    created_at: (i) => i.createdAt,
    width: (i) => i.width,
    height: (i) => i.height,
    file: (i) => i.basename,
    description: (i) => i.description,
    focal_point_x: (i) => i.focalPoint?.x ?? null,
    focal_point_y: (i) => i.focalPoint?.y ?? null,
    collection: (i) => i.collectionId,
    collection_id: (i) => i.collectionId,
  },
  relations: ['renditions', 'tagged_items', 'tags', 'uploaded_by_user'],
  id: (i) => i.id,
  search: (i) => ({ title: i.title.toLowerCase(), text: `${i.title} ${i.description}`.toLowerCase() }),
  collection: (i) => i.collectionId,
};

export const documentSpec: ModelSpec<DocumentRecord> = {
  model: 'Document',
  fields: {
    id: (d) => d.id,
    title: (d) => d.title,
    created_at: (d) => d.createdAt,
    file: (d) => d.basename,
    collection: (d) => d.collectionId,
    collection_id: (d) => d.collectionId,
  },
  relations: ['tagged_items', 'tags', 'uploaded_by_user'],
  id: (d) => d.id,
  search: (d) => ({ title: d.title.toLowerCase(), text: d.lines.join(' ').toLowerCase() }),
  collection: (d) => d.collectionId,
};

export const tagSpec: ModelSpec<TagRecord> = {
  model: 'Tag',
  fields: { id: (t) => t.id, name: (t) => t.name, slug: (t) => t.slug },
  id: (t) => t.id,
};

export const collectionSpec: ModelSpec<CollectionRecord> = {
  model: 'Collection',
  fields: { id: (c) => c.id, name: (c) => c.name, path: (c) => c.path, depth: (c) => c.depth },
  id: (c) => c.id,
};

export function mediaResolvers(): Record<string, Record<string, unknown>> {
  return {
    ImageObjectType: {
      collection: (i: ImageRecord, _a: Args, ctx: CmsContext) => ctx.store.collections.get(i.collectionId),
      file: (i: ImageRecord) => `original_images/${originalFilename(i)}`,
      focalPointX: (i: ImageRecord) => i.focalPoint?.x ?? null,
      focalPointY: (i: ImageRecord) => i.focalPoint?.y ?? null,
      focalPointWidth: (i: ImageRecord) => i.focalPoint?.width ?? null,
      focalPointHeight: (i: ImageRecord) => i.focalPoint?.height ?? null,
      fileSize: async (i: ImageRecord, _a: Args, ctx: CmsContext) => (await ctx.media.original(i)).length,
      fileHash: (i: ImageRecord, _a: Args, ctx: CmsContext) => sha1(ctx.media.originalKey(i)),
      renditions: (i: ImageRecord) => renditionsOf(i),
      src: (i: ImageRecord, _a: Args, ctx: CmsContext) => `${ctx.origin}${originalPath(i)}`,
      url: (i: ImageRecord, _a: Args, ctx: CmsContext) => `${ctx.origin}${originalPath(i)}`,
      aspectRatio: (i: ImageRecord) => i.width / i.height,
      sizes: (i: ImageRecord) => `(max-width: ${i.width}px) 100vw, ${i.width}px`,
      tags: (i: ImageRecord, _a: Args, ctx: CmsContext) => i.tagIds.map((id) => ctx.store.tags.get(id)).filter(Boolean),
      rendition: (i: ImageRecord, args: Args) => {
        const spec = specFromArguments(args);
        if (spec === '') throw new GraphQLError('An empty filter spec is not valid.');
        return getRendition(i, spec);
      },
      // grapple renders `width-N` per size: never upscaled, so a small image repeats its width.
      srcSet: (i: ImageRecord, args: { sizes?: Array<number | null> | null; format?: string | null }, ctx: CmsContext) => {
        if (!args.sizes) throw new GraphQLError("resolve_src_set() missing 1 required positional argument: 'sizes'");
        const suffix = args.format ? `|format-${args.format}` : '';
        return args.sizes
          .filter((w): w is number => typeof w === 'number')
          .map((w) => getRendition(i, `width-${w}${suffix}`))
          .map((r) => `${ctx.origin}${renditionPath(r)} ${r.width}w`)
          .join(', ');
      },
      isSvg: () => false,
    },
    ImageRenditionObjectType: {
      url: (r: RenditionObject, _a: Args, ctx: CmsContext) => `${ctx.origin}${renditionPath(r)}`,
      focalPointKey: () => '',
      focalPoint: () => null,
      alt: (r: RenditionObject) => r.image.description || r.image.title,
      backgroundPositionStyle: (r: RenditionObject) => {
        const fp = r.image.focalPoint;
        if (!fp) return 'background-position: 50% 50%;';
        return `background-position: ${Math.round((fp.x / r.image.width) * 100)}% ${Math.round((fp.y / r.image.height) * 100)}%;`;
      },
    },
    CollectionObjectType: {
      numchild: (c: CollectionRecord, _a: Args, ctx: CmsContext) =>
        [...ctx.store.collections.values()].filter((o) => o.depth === c.depth + 1 && o.path.startsWith(c.path)).length,
      descendants: (c: CollectionRecord, _a: Args, ctx: CmsContext) =>
        sortedById(ctx.store.collections.values()).filter((o) => o.path.startsWith(c.path) && o.id !== c.id),
      ancestors: (c: CollectionRecord, _a: Args, ctx: CmsContext) =>
        sortedById(ctx.store.collections.values()).filter((o) => c.path.startsWith(o.path) && o.id !== c.id),
    },
    DocumentObjectType: {
      collection: (d: DocumentRecord, _a: Args, ctx: CmsContext) => ctx.store.collections.get(d.collectionId),
      file: (d: DocumentRecord) => `documents/${d.basename}.pdf`,
      fileSize: (d: DocumentRecord) => documentPdf(d).length,
      fileHash: (d: DocumentRecord) => sha1(documentPdf(d)),
      url: (d: DocumentRecord, _a: Args, ctx: CmsContext) => `${ctx.origin}${documentPath(d)}`,
      tags: (d: DocumentRecord, _a: Args, ctx: CmsContext) => d.tagIds.map((id) => ctx.store.tags.get(id)).filter(Boolean),
    },
  };
}
