/**
 * Derives every query of the sync from the introspected schema (ARCHITECTURE decision 2), so any Wagtail
 * with grapple builds with no code change: each page type gets a fragment with all its fields, StreamFields
 * get one fragment per nesting level (GraphQL forbids recursive fragments), images a fixed selection.
 *
 * Type-specific block fields are aliased `<Type>__<field>`: two block types may give one field name
 * different types (`image: ImageObjectType!` vs `image: ImageObjectType`), which GraphQL's overlapping-fields
 * rule rejects as a whole request (grapple README item 15). normalize.ts strips the prefix again.
 */
import { createHash } from 'node:crypto';
import { isInterfaceType, isObjectType, type GraphQLSchema } from 'graphql';
import { CmsResponseError } from './errors.ts';
import { planObject, type FieldPlan, type ObjectPlan, type PlanContext, type SchemaRoles } from './field-plan.ts';

export interface QueryOptions {
  /** Width of the rendition asked for as image source; 0 asks for originals. */
  imageSourceWidth: number;
  /** Levels of nested StreamField blocks fetched. */
  streamFieldDepth: number;
  /** Restricts the listing to one Wagtail Site (grapple's `site` argument). */
  siteHostname?: string;
}

export interface PageRef {
  id: string;
  typename: string;
}

export interface QueryPlan {
  roles: SchemaRoles;
  /** Type-specific fields of each page type, by GraphQL type name. */
  pageTypes: ReadonlyMap<string, ObjectPlan>;
  /** One request for several pages: `p0: page(id: ..) {...}` aliases, answered under `p<i>`. */
  detailsQuery(pages: readonly PageRef[]): string;
  /** The draft a preview token stands for, with its type's fragment (the type asked first: see preview.ts). */
  previewQuery(token: string, typename: string): string;
  /** Changes whenever any query would change: entries fetched under another fingerprint are refetched. */
  fingerprint: string;
}

/** Response key of a page's tree path (sorting by it gives Wagtail's tree order). */
export const TREE_PATH = 'wagtailTreePath';
/** Response key of the bounded image source rendition. */
export const IMAGE_SOURCE = 'wagtailSource';

/** Fields of PageInterface fetched for every page, kept only if this schema has them. */
const COMMON_FIELDS = [
  '__typename', 'id', 'title', 'slug', 'contentType', 'url', 'depth', 'seoTitle', 'searchDescription',
  'showInMenus', 'firstPublishedAt', 'lastPublishedAt', 'parent { id url }',
];

export function schemaRoles(schema: GraphQLSchema): SchemaRoles {
  const pageInterface = schema.getType('PageInterface');
  if (!isInterfaceType(pageInterface)) {
    throw new CmsResponseError(
      'The GraphQL schema has no PageInterface type, so this endpoint is not wagtail-grapple. ' +
        'Point CMS_GRAPHQL_URL at the Wagtail site\'s grapple endpoint (usually https://<cms>/graphql/).',
    );
  }
  const imageField = schema.getQueryType()?.getFields()['image'];
  const imageType = imageField ? namedTypeName(imageField.type) : 'ImageObjectType';
  return {
    schema,
    pageInterface: pageInterface.name,
    blockInterface: 'StreamFieldInterface',
    imageType,
    pageTypes: new Set(schema.getPossibleTypes(pageInterface).map((t) => t.name)),
  };
}

/**
 * One request for several listing chunks of `limit` rows: `offset<N>: pages(offset: N)` aliases, within
 * one Wagtail Site if `siteHostname` is set. It uses only what every grapple schema has, so the listing
 * can start before the schema is read.
 */
export function listQuery(offsets: readonly number[], limit: number, siteHostname?: string): string {
  const siteFilter = siteHostname ? `, inSite: true, site: ${JSON.stringify(siteHostname)}` : '';
  const chunks = offsets.map(
    (offset) => `${listAlias(offset)}: pages(limit: ${limit}, offset: ${offset}, order: "id"${siteFilter}) { __typename id url title contentType lastPublishedAt }`,
  );
  return `query WagtailPageList { ${chunks.join(' ')} }`;
}

export function buildQueryPlan(schema: GraphQLSchema, options: QueryOptions): QueryPlan {
  const roles = schemaRoles(schema);
  const pageInterface = schema.getType(roles.pageInterface);
  const commonNames = new Set(isInterfaceType(pageInterface) ? Object.keys(pageInterface.getFields()) : []);
  const pageCtx: PlanContext = { roles, objectDepth: 2, streamAllowed: true };

  const pageTypes = new Map<string, ObjectPlan>();
  const fragments = new Map<string, string>();
  const treePathTypes = new Set<string>();
  for (const name of roles.pageTypes) {
    const type = schema.getType(name);
    if (!isObjectType(type)) continue;
    const plan = planObject(type.getFields(), pageCtx, commonNames) ?? {};
    pageTypes.set(name, plan);
    if (type.getFields()['path']) treePathTypes.add(name);
    const treePath = treePathTypes.has(name) ? ` ${TREE_PATH}: path` : '';
    fragments.set(pageFragmentName(name), `fragment ${pageFragmentName(name)} on ${name} { ...WagtailPageCommon${treePath} ${selections(plan, 0)} }`);
  }
  const common = COMMON_FIELDS.filter((f) => f === '__typename' || commonNames.has(f.split(' ')[0] ?? ''));
  fragments.set('WagtailPageCommon', `fragment WagtailPageCommon on ${roles.pageInterface} { ${common.join(' ')} }`);
  fragments.set('WagtailImage', imageFragment(schema, roles.imageType, options.imageSourceWidth));
  for (let level = 0; level < options.streamFieldDepth; level++) {
    fragments.set(`WagtailBlocks${level}`, blockFragment(roles, level, level < options.streamFieldDepth - 1));
  }

  const fingerprint = createHash('sha256')
    .update([...fragments.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, text]) => text).join('\n'))
    .update(options.siteHostname ?? '')
    .digest('hex')
    .slice(0, 16);
  return {
    roles,
    pageTypes,
    fingerprint,
    detailsQuery(pages) {
      const fields = pages.map((p, i) => `p${i}: page(id: ${JSON.stringify(p.id)}) { ...${pageFragmentName(p.typename)} }`);
      const roots = [...new Set(pages.map((p) => pageFragmentName(p.typename)))];
      return `query WagtailPages { ${fields.join(' ')} }\n${withDependencies(roots, fragments).join('\n')}`;
    },
    previewQuery(token, typename) {
      const root = pageFragmentName(typename);
      return `query WagtailPreview { page(token: ${JSON.stringify(token)}) { ...${root} } }\n${withDependencies([root], fragments).join('\n')}`;
    },
  };
}

/** The response key of the listing chunk at `offset`. */
export const listAlias = (offset: number): string => `offset${offset}`;

function pageFragmentName(typename: string): string {
  return `WagtailPage_${typename}`;
}

function blockFragment(roles: SchemaRoles, level: number, streamAllowed: boolean): string {
  const blockInterface = roles.schema.getType(roles.blockInterface);
  if (!isInterfaceType(blockInterface)) return `fragment WagtailBlocks${level} on ${roles.pageInterface} { __typename }`;
  const ctx: PlanContext = { roles, objectDepth: 2, streamAllowed };
  const base = new Set(Object.keys(blockInterface.getFields()));
  const parts = roles.schema.getPossibleTypes(blockInterface).map((type) => {
    const plan = planObject(type.getFields(), ctx, base);
    return plan ? `... on ${type.name} { ${selections(plan, level + 1, `${type.name}__`)} }` : '';
  });
  return `fragment WagtailBlocks${level} on ${blockInterface.name} { __typename id blockType field ${parts.join(' ')} }`;
}

function imageFragment(schema: GraphQLSchema, imageType: string, sourceWidth: number): string {
  const type = schema.getType(imageType);
  const fields = isObjectType(type) ? type.getFields() : {};
  const wanted = ['__typename', 'id', 'title', 'description', 'url', 'width', 'height'].filter((f) => f === '__typename' || f in fields);
  const rendition = fields['rendition'];
  if (sourceWidth > 0 && rendition?.args.some((a) => a.name === 'width')) {
    wanted.push(`${IMAGE_SOURCE}: rendition(width: ${sourceWidth}) { url width height }`);
  }
  return `fragment WagtailImage on ${imageType} { ${wanted.join(' ')} }`;
}

/** The selection set of an object plan; `blockLevel` is the fragment level nested StreamFields use. */
function selections(plan: ObjectPlan, blockLevel: number, aliasPrefix = ''): string {
  return Object.entries(plan)
    .map(([name, field]) => {
      const alias = aliasPrefix ? `${aliasPrefix}${name}: ` : '';
      const args = field.kind === 'list' ? (field.args ?? '') : '';
      return `${alias}${name}${args}${body(field, blockLevel)}`;
    })
    .join(' ');
}

function body(field: FieldPlan, blockLevel: number): string {
  switch (field.kind) {
    case 'image':
      return ' { ...WagtailImage }';
    case 'page':
      return ' { __typename id url title contentType }';
    case 'stream':
      return ` { ...WagtailBlocks${blockLevel} }`;
    case 'list':
      return body(field.of, blockLevel);
    case 'object': {
      if (!field.abstract) {
        const [plan] = Object.values(field.variants);
        return ` { __typename ${plan ? selections(plan, blockLevel) : ''} }`;
      }
      const parts = Object.entries(field.variants).map(
        ([typename, plan]) => `... on ${typename} { ${selections(plan, blockLevel, `${typename}__`)} }`,
      );
      return ` { __typename ${parts.join(' ')} }`;
    }
    default:
      return '';
  }
}

/** The named fragments `roots` need, transitively: GraphQL rejects a document with unused fragments. */
function withDependencies(roots: readonly string[], fragments: ReadonlyMap<string, string>): string[] {
  const seen = new Set<string>();
  const visit = (name: string): void => {
    if (seen.has(name)) return;
    const text = fragments.get(name);
    if (text === undefined) throw new Error(`Internal error: the query plan has no fragment ${name}.`);
    seen.add(name);
    for (const match of text.matchAll(/\.\.\.([A-Za-z_]\w*)/g)) visit(match[1] as string);
  };
  roots.forEach(visit);
  return [...seen].map((name) => fragments.get(name) as string);
}

function namedTypeName(type: { ofType?: unknown; name?: string }): string {
  let current: { ofType?: unknown; name?: string } = type;
  while (current.ofType) current = current.ofType as { ofType?: unknown; name?: string };
  return current.name ?? 'ImageObjectType';
}
