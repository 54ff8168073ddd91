/**
 * Every field of every page type and block type resolves without errors, on the demo site, a synthetic
 * demo-model site and the alt site: the query is built from introspection, as a client would.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CmsHandle } from '../../cms/server.ts';
import { gql, start } from './helpers.ts';

interface TypeRef {
  kind: string;
  name: string | null;
  ofType: TypeRef | null;
}
interface Field {
  name: string;
  type: TypeRef;
  args: Array<{ name: string; type: TypeRef }>;
}
interface FullType {
  name: string;
  kind: string;
  fields: Field[] | null;
  interfaces: Array<{ name: string }> | null;
  possibleTypes: Array<{ name: string }> | null;
}

const INTROSPECTION = `{ __schema { types { name kind
  fields { name args { name type { kind name ofType { kind name ofType { kind name } } } }
           type { kind name ofType { kind name ofType { kind name ofType { kind name } } } } }
  interfaces { name } possibleTypes { name } } } }`;

function named(type: TypeRef): TypeRef {
  return type.ofType ? named(type.ofType) : type;
}

/** Selects every field of a type; objects get `__typename` (and `id`/`url` when they have one), blocks recurse. */
function selection(types: Map<string, FullType>, typeName: string, depth: number): string {
  const type = types.get(typeName);
  if (!type?.fields) return '__typename';
  const parts = ['__typename'];
  for (const field of type.fields) {
    if (field.name === 'rawValue') continue;
    if (field.args.some((a) => a.type.kind === 'NON_NULL')) continue;
    const target = named(field.type);
    const alias = `${typeName}_${field.name}`;
    if (target.kind === 'SCALAR' || target.kind === 'ENUM') {
      parts.push(`${alias}: ${field.name}`);
    } else if (target.name === 'StreamFieldInterface' && depth < 3) {
      parts.push(`${alias}: ${field.name} { ${blockSelection(types, depth + 1)} }`);
    } else {
      const inner = types.get(target.name ?? '');
      const extra = inner?.fields?.filter((f) => ['id', 'url'].includes(f.name)).map((f) => f.name) ?? [];
      parts.push(`${alias}: ${field.name} { __typename ${extra.join(' ')} }`);
    }
  }
  return parts.join(' ');
}

function blockSelection(types: Map<string, FullType>, depth: number): string {
  const blockTypes = types.get('StreamFieldInterface')?.possibleTypes ?? [];
  return blockTypes.map((t) => `... on ${t.name} { ${selection(types, t.name, depth)} }`).join(' ');
}

async function everything(cms: CmsHandle): Promise<{ errors: unknown; pages: number; json: string }> {
  const intro = await gql(cms.url, INTROSPECTION);
  const types = new Map<string, FullType>((intro.body.data.__schema.types as FullType[]).map((t) => [t.name, t]));
  const pageTypes = [...types.values()].filter((t) => t.interfaces?.some((i) => i.name === 'PageInterface'));
  const fragments = pageTypes.map((t) => `... on ${t.name} { ${selection(types, t.name, 0)} }`).join('\n');
  const res = await gql(cms.url, `{ pages(limit: 100) { ${fragments} } }`);
  expect(res.status, JSON.stringify(res.body.errors?.slice(0, 3))).toBe(200);
  return { errors: res.body.errors, pages: res.body.data.pages.length, json: JSON.stringify(res.body.data) };
}

let demo: CmsHandle;
let synthetic: CmsHandle;
let alt: CmsHandle;
beforeAll(async () => {
  [demo, synthetic, alt] = await Promise.all([
    start(),
    start({ content: { synthetic: { pages: 100, seed: 21, imageShare: 1 } } }),
    start({ schema: 'alt', content: { synthetic: { pages: 100, seed: 22, imageShare: 1 } } }),
  ]);
});
afterAll(() => Promise.all([demo.close(), synthetic.close(), alt.close()]));

describe('schema coverage', () => {
  it('resolves every field on the demo site', async () => {
    const result = await everything(demo);
    expect(result).toMatchObject({ errors: undefined, pages: 47 });
    for (const field of ['HeadingBlock_headingText', 'TimelineBlock_title', 'EmbedBlock_embed', 'HutPage_openingHours', 'ChoiceBlock_choices']) {
      expect(result.json).toContain(`"${field}"`);
    }
  });

  it('resolves every field on a synthetic demo-model site', async () => {
    expect(await everything(synthetic)).toMatchObject({ errors: undefined, pages: 100 });
  });

  it('resolves every field on the alt site', async () => {
    const result = await everything(alt);
    expect(result).toMatchObject({ errors: undefined, pages: 100 });
    for (const field of ['ProductPage_price', 'FaqBlock_question', 'TeamMemberBlock_image', 'StreamFieldBlock_value']) {
      expect(result.json).toContain(`"${field}"`);
    }
  });
});
