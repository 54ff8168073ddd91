/**
 * Turns one page of grapple's answer into a `Page` entry: tags each field with its kind from the plan,
 * strips the per-type aliases of blocks, and reduces images and page references to their typed shapes.
 * Returns warnings for what it had to drop, so the loader reports them with the page they belong to.
 */
import type { ObjectPlan, FieldPlan, SchemaRoles } from './field-plan.ts';
import { IMAGE_SOURCE, TREE_PATH } from './query-builder.ts';
import type { Block, Field, Image, Page, PageLink } from './schema.ts';

type Raw = Record<string, unknown>;

/** Other pages this page's own content mentions: it must be refetched when they move or are retitled. */
export interface References {
  /** Ids of pages referenced by page-chooser fields and blocks. */
  ids: string[];
  /** Site-relative URLs of internal links in rich text (grapple expands them to URLs, README item 8). */
  urls: string[];
}

export interface Normalized {
  page: Page;
  references: References;
  warnings: string[];
}

const INTERNAL_HREF = /\shref="(\/[^"#?]*)/g;

const isRecord = (value: unknown): value is Raw => typeof value === 'object' && value !== null && !Array.isArray(value);
const str = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));

export function normalizePage(raw: Raw, plan: ObjectPlan, roles: SchemaRoles): Normalized {
  const warnings: string[] = [];
  const walker = new Walker(roles, warnings);
  const parent = isRecord(raw['parent']) ? raw['parent'] : null;
  const title = str(raw['title']) ?? '';
  const fields: Record<string, Field> = {};
  for (const [name, fieldPlan] of Object.entries(plan)) {
    fields[name] = walker.tag(raw[name], fieldPlan, name);
  }
  const page: Page = {
    id: str(raw['id']) ?? '',
    typename: str(raw['__typename']) ?? '',
    contentType: str(raw['contentType']) ?? '',
    url: str(raw['url']) ?? '',
    title,
    slug: str(raw['slug']) ?? '',
    // grapple falls back to the title itself; older versions may send "".
    seoTitle: str(raw['seoTitle']) || title,
    searchDescription: str(raw['searchDescription']) ?? '',
    showInMenus: raw['showInMenus'] === true,
    depth: typeof raw['depth'] === 'number' ? raw['depth'] : 0,
    treePath: str(raw[TREE_PATH]),
    // The tree Root has no url; a page under it has no parent worth linking to.
    parentId: parent && parent['url'] !== null ? str(parent['id']) : null,
    firstPublishedAt: str(raw['firstPublishedAt']),
    lastPublishedAt: str(raw['lastPublishedAt']),
    fields,
  };
  return { page, references: { ids: [...walker.ids], urls: [...walker.urls] }, warnings };
}

class Walker {
  private readonly roles: SchemaRoles;
  private readonly warnings: string[];
  readonly ids = new Set<string>();
  readonly urls = new Set<string>();

  constructor(roles: SchemaRoles, warnings: string[]) {
    this.roles = roles;
    this.warnings = warnings;
  }

  tag(value: unknown, plan: FieldPlan, where: string): Field {
    switch (plan.kind) {
      case 'text':
      case 'datetime':
        return { kind: plan.kind, value: str(value) };
      case 'richtext':
        this.noteLinks(value);
        return { kind: 'richtext', html: str(value) };
      case 'number':
        return { kind: 'number', value: typeof value === 'number' ? value : value == null ? null : Number(value) };
      case 'boolean':
        return { kind: 'boolean', value: typeof value === 'boolean' ? value : null };
      case 'json':
        return { kind: 'json', value: value ?? null };
      case 'image':
        return { kind: 'image', image: this.image(value, where) };
      case 'page':
        return { kind: 'page', page: this.pageLink(value) };
      case 'stream':
        return { kind: 'stream', blocks: this.blocks(value, where) };
      case 'list':
        return { kind: 'list', items: Array.isArray(value) ? value.map((v, i) => this.tag(v, plan.of, `${where}[${i}]`)) : [] };
      case 'object': {
        if (!isRecord(value)) return { kind: 'object', typename: null, fields: null };
        const typename = str(value['__typename']);
        const variant = (typename && plan.variants[typename]) || Object.values(plan.variants)[0];
        const prefix = plan.abstract && typename ? `${typename}__` : '';
        const fields: Record<string, Field> = {};
        for (const [name, sub] of Object.entries(variant ?? {})) {
          fields[name] = this.tag(value[`${prefix}${name}`], sub, `${where}.${name}`);
        }
        return { kind: 'object', typename, fields };
      }
    }
  }

  /** Blocks keep their own shape; only aliases, images and page references are rewritten. */
  blocks(value: unknown, where: string): Block[] {
    if (!Array.isArray(value)) return [];
    const blocks: Block[] = [];
    value.forEach((item, i) => {
      const block = this.value(item, `${where}[${i}]`);
      // A null block is one grapple failed to resolve (it reports it in `errors`): skip it visibly.
      if (isRecord(block) && typeof block['__typename'] === 'string') blocks.push(block as Block);
      else this.warnings.push(`dropped an unreadable block at ${where}[${i}]`);
    });
    return blocks;
  }

  private noteLinks(value: unknown): void {
    if (typeof value !== 'string' || !value.includes('href="/')) return;
    for (const [, url] of value.matchAll(INTERNAL_HREF)) this.urls.add(url as string);
  }

  private value(value: unknown, where: string): unknown {
    if (Array.isArray(value)) return value.map((v, i) => this.value(v, `${where}[${i}]`));
    this.noteLinks(value);
    if (!isRecord(value)) return value;
    const typename = str(value['__typename']);
    if (typename === this.roles.imageType) return this.image(value, where);
    if (typename && (this.roles.pageTypes.has(typename) || typename === this.roles.pageInterface)) return this.pageLink(value);
    const prefix = typename ? `${typename}__` : '';
    const out: Raw = {};
    for (const [key, v] of Object.entries(value)) {
      const name = prefix && key.startsWith(prefix) ? key.slice(prefix.length) : key;
      out[name] = this.value(v, `${where}.${name}`);
    }
    return out;
  }

  private image(value: unknown, where: string): Image | null {
    if (!isRecord(value)) return null;
    const source = isRecord(value[IMAGE_SOURCE]) ? value[IMAGE_SOURCE] : null;
    const pick = source ?? value;
    const url = str(pick['url']);
    const width = Number(pick['width']);
    const height = Number(pick['height']);
    if (!url || !(width > 0) || !(height > 0)) {
      this.warnings.push(`image ${str(value['id'])} at ${where} has no usable URL or size and was left out`);
      return null;
    }
    const title = str(value['title']) ?? '';
    return { id: str(value['id']) ?? '', src: url, width, height, alt: str(value['description']) || title, title };
  }

  private pageLink(value: unknown): PageLink | null {
    if (!isRecord(value) || value['id'] == null) return null;
    this.ids.add(String(value['id']));
    const contentType = str(value['contentType']);
    return {
      id: String(value['id']),
      url: str(value['url']),
      title: str(value['title']) ?? '',
      ...(contentType ? { contentType } : {}),
    };
  }
}
