/**
 * Typed readers for page fields, for templates that know their page type.
 *
 * The sync layer tags every field with its kind (see `src/wagtail/schema.ts`), so a template asks for the
 * kind it expects and gets a typed value back. A field the page does not have reads as empty (CMS content
 * models change; a missing field must not break the build), but a field of another kind is a template bug
 * and throws an error naming the page and the field, so it is fixed instead of rendering nonsense.
 */
import type { Block, Field, Image, Page, PageLink } from '../wagtail/schema.ts';

/** Anything with tagged fields: a page, or an `object` field (a snippet, a tag, an author...). */
export interface FieldSource {
  fields: Record<string, Field> | null;
  /** Used in error messages only. */
  url?: string;
  typename?: string | null;
}

type Kind = Field['kind'];
type FieldOf<K extends Kind> = Extract<Field, { kind: K }>;

export class FieldKindError extends Error {
  constructor(source: FieldSource, name: string, expected: Kind, actual: Kind) {
    const where = source.url ? `page ${source.url}` : `object ${source.typename ?? '(untyped)'}`;
    super(
      `The template reads field "${name}" of ${where} as ${expected}, but the CMS sends it as ${actual}. ` +
        `Read it with the helper for ${actual} fields, or render it with GenericPage.`,
    );
    this.name = 'FieldKindError';
  }
}

function read<K extends Kind>(source: FieldSource, name: string, kind: K): FieldOf<K> | undefined {
  const field = source.fields?.[name];
  if (!field) return undefined;
  if (field.kind !== kind) throw new FieldKindError(source, name, kind, field.kind);
  return field as FieldOf<K>;
}

export function field(source: FieldSource, name: string): Field | undefined {
  return source.fields?.[name];
}

/** A plain text field; empty strings read as null so templates can use `??` and `&&`. */
export function text(source: FieldSource, name: string): string | null {
  const value = read(source, name, 'text')?.value;
  return value ? value : null;
}

export function richText(source: FieldSource, name: string): string | null {
  const html = read(source, name, 'richtext')?.html;
  return html ? html : null;
}

export function number(source: FieldSource, name: string): number | null {
  return read(source, name, 'number')?.value ?? null;
}

export function boolean(source: FieldSource, name: string): boolean | null {
  return read(source, name, 'boolean')?.value ?? null;
}

/**
 * A date: a `datetime` field, or a `text` field holding `YYYY-MM-DD` (grapple sends model DateFields as
 * plain strings, README §6). Returns the ISO string as sent.
 */
export function date(source: FieldSource, name: string): string | null {
  const f = source.fields?.[name];
  if (!f) return null;
  if (f.kind === 'datetime') return f.value;
  if (f.kind === 'text') return f.value && ISO_DATE.test(f.value) ? f.value : null;
  throw new FieldKindError(source, name, 'datetime', f.kind);
}

export function image(source: FieldSource, name: string): Image | null {
  return read(source, name, 'image')?.image ?? null;
}

export function pageLink(source: FieldSource, name: string): PageLink | null {
  return read(source, name, 'page')?.page ?? null;
}

/** A StreamField: its top-level blocks (empty when the page has none). */
export function stream(source: FieldSource, name: string): Block[] {
  return read(source, name, 'stream')?.blocks ?? [];
}

export function object(source: FieldSource, name: string): FieldSource | null {
  const f = read(source, name, 'object');
  return f?.fields ? { fields: f.fields, typename: f.typename, url: source.url } : null;
}

/** A list field (tags, authors, related links...): its items, each a tagged field. */
export function list(source: FieldSource, name: string): Field[] {
  return read(source, name, 'list')?.items ?? [];
}

/** The object items of a list field, ready for the other readers (`text(author, 'name')`). */
export function objects(source: FieldSource, name: string): FieldSource[] {
  const out: FieldSource[] = [];
  for (const item of list(source, name)) {
    if (item.kind === 'object' && item.fields) out.push({ fields: item.fields, typename: item.typename, url: source.url });
  }
  return out;
}

/**
 * The pages a list of page links points at (`featuredPages`, `huts`), looked up in the site's pages
 * (`data.byId`): a link carries only id, URL and title, a card needs the whole page. Links to pages this
 * build does not have (unpublished, another site) are left out.
 */
export function linkedPages(source: FieldSource, name: string, pages: ReadonlyMap<string, Page>): Page[] {
  const out: Page[] = [];
  for (const item of list(source, name)) {
    const linked = item.kind === 'page' && item.page ? pages.get(item.page.id) : undefined;
    if (linked) out.push(linked);
  }
  return out;
}

/** `YYYY-MM-DD`, optionally followed by a time: how date-like values look on the wire. */
export const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** Field names tried, in order, when a human label is needed for an object (a tag, an author, a snippet). */
const LABEL_FIELDS = ['name', 'title', 'label', 'text', 'value', 'heading', 'slug'];

/**
 * A short human label for any field value: the text of a scalar, the title of a page or image, or the
 * name/title of an object. Null when nothing readable is found.
 */
export function label(f: Field | undefined): string | null {
  if (!f) return null;
  switch (f.kind) {
    case 'text':
    case 'datetime':
      return f.value || null;
    case 'number':
      return f.value === null ? null : String(f.value);
    case 'boolean':
      return f.value === null ? null : f.value ? 'Yes' : 'No';
    case 'page':
      return f.page?.title ?? null;
    case 'image':
      return f.image ? f.image.alt || f.image.title : null;
    case 'object': {
      if (!f.fields) return null;
      for (const name of LABEL_FIELDS) {
        const l = label(f.fields[name]);
        if (l) return l;
      }
      return null;
    }
    case 'json':
      return typeof f.value === 'string' ? f.value : null;
    default:
      return null;
  }
}
