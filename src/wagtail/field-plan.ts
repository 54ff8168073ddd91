/**
 * Field plans: what to select for a GraphQL field and how to read the answer back, derived from the
 * introspected schema. One plan drives both the query text (query-builder.ts) and the normalization of
 * the response (normalize.ts), so the two can never disagree.
 */
import {
  getNamedType,
  isEnumType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  isUnionType,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLOutputType,
  type GraphQLSchema,
} from 'graphql';

export type ScalarKind = 'text' | 'richtext' | 'number' | 'boolean' | 'datetime' | 'json';

export type FieldPlan =
  | { kind: ScalarKind | 'image' | 'page' | 'stream' }
  | { kind: 'object'; abstract: boolean; variants: Record<string, ObjectPlan> }
  | { kind: 'list'; of: FieldPlan; args?: string };

/** Field name → plan, for one object type. */
export type ObjectPlan = Record<string, FieldPlan>;

/** The grapple types every schema has, found by role rather than by hard-coded name where possible. */
export interface SchemaRoles {
  schema: GraphQLSchema;
  pageInterface: string;
  blockInterface: string;
  /** Custom image models rename the image type; grapple exposes it as the type of `Query.image`. */
  imageType: string;
  pageTypes: Set<string>;
}

/** Fields never worth fetching: Wagtail internals, draft state, tree navigation (derived from the store instead). */
const SKIPPED_FIELDS = new Set([
  'rawValue', 'rawEmbed', 'renditions', 'aliasOf', 'aliases', 'sitesRootedHere', 'translationKey', 'path',
  'numchild', 'draftTitle', 'hasUnpublishedChanges', 'latestRevisionCreatedAt', 'goLiveAt', 'expireAt',
  'expired', 'locked', 'lockedAt', 'live', 'searchScore', 'pageType', 'parent', 'children', 'siblings',
  'nextSiblings', 'previousSiblings', 'descendants', 'ancestors', 'lockedBy', 'owner', 'locale',
  'localeId', 'latestRevision', 'contentType',
]);

/** Types that only lead into Wagtail's admin structures. */
const SKIPPED_TYPES = new Set(['SiteObjectType', 'CollectionObjectType', 'ImageRenditionObjectType', 'UserType']);

const SCALAR_KINDS: Record<string, ScalarKind> = {
  RichText: 'richtext',
  DateTime: 'datetime',
  Int: 'number',
  Float: 'number',
  PositiveInt: 'number',
  Boolean: 'boolean',
  String: 'text',
  ID: 'text',
  UUID: 'text',
  Date: 'text',
  Time: 'text',
};

export interface PlanContext {
  roles: SchemaRoles;
  /** How many more levels of non-block objects may be entered. */
  objectDepth: number;
  /** Whether a StreamField may be selected here (false at the deepest block level). */
  streamAllowed: boolean;
}

/**
 * Decides the plan for one field, or null to leave it out. Fields needing arguments are left out;
 * list fields with a `limit` argument are asked for 100 items, as grapple returns only 10 by default.
 */
export function planField(field: GraphQLField<unknown, unknown>, ctx: PlanContext): FieldPlan | null {
  if (SKIPPED_FIELDS.has(field.name)) return null;
  if (field.args.some((arg) => isNonNullType(arg.type) && arg.defaultValue === undefined)) return null;
  // Wagtail's multi-table inheritance accessors (`blogpage: BlogPage` on every page type) only echo the page.
  const named = getNamedType(field.type);
  if (ctx.roles.pageTypes.has(named.name) && field.name === named.name.toLowerCase()) return null;
  const plan = planType(field.type, ctx);
  if (plan?.kind === 'list' && field.args.some((arg) => arg.name === 'limit')) return { ...plan, args: '(limit: 100)' };
  return plan;
}

function planType(type: GraphQLOutputType, ctx: PlanContext): FieldPlan | null {
  if (isNonNullType(type)) return planType(type.ofType, ctx);
  const named = getNamedType(type);
  if (isListType(type)) {
    if (isBlockType(named, ctx.roles)) return ctx.streamAllowed ? { kind: 'stream' } : null;
    const of = planType(type.ofType, ctx);
    return of ? { kind: 'list', of } : null;
  }
  return planNamed(named, ctx);
}

function planNamed(named: GraphQLNamedType, ctx: PlanContext): FieldPlan | null {
  const { roles } = ctx;
  if (isScalarType(named)) return { kind: SCALAR_KINDS[named.name] ?? 'json' };
  if (isEnumType(named)) return { kind: 'text' };
  if (named.name === roles.imageType) return { kind: 'image' };
  if (named.name === roles.pageInterface || roles.pageTypes.has(named.name)) return { kind: 'page' };
  if (isBlockType(named, roles)) return ctx.streamAllowed ? { kind: 'stream' } : null;
  if (SKIPPED_TYPES.has(named.name) || ctx.objectDepth <= 0) return null;
  const inner: PlanContext = { ...ctx, objectDepth: ctx.objectDepth - 1 };
  if (isObjectType(named)) {
    const plan = planObject(named.getFields(), inner);
    return plan ? { kind: 'object', abstract: false, variants: { [named.name]: plan } } : null;
  }
  if (isInterfaceType(named) || isUnionType(named)) {
    const variants: Record<string, ObjectPlan> = {};
    for (const possible of roles.schema.getPossibleTypes(named)) {
      const plan = planObject(possible.getFields(), inner);
      if (plan) variants[possible.name] = plan;
    }
    return Object.keys(variants).length > 0 ? { kind: 'object', abstract: true, variants } : null;
  }
  return null;
}

export function planObject(
  fields: Record<string, GraphQLField<unknown, unknown>>,
  ctx: PlanContext,
  skip: ReadonlySet<string> = new Set(),
): ObjectPlan | null {
  const plan: ObjectPlan = {};
  for (const field of Object.values(fields)) {
    if (skip.has(field.name)) continue;
    const fieldPlan = planField(field, ctx);
    if (fieldPlan) plan[field.name] = fieldPlan;
  }
  return Object.keys(plan).length > 0 ? plan : null;
}

function isBlockType(named: GraphQLNamedType, roles: SchemaRoles): boolean {
  if (named.name === roles.blockInterface) return true;
  return isObjectType(named) && named.getInterfaces().some((i) => i.name === roles.blockInterface);
}
