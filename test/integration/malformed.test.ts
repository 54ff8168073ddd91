/**
 * Answers that are not what grapple sends: a proxy's HTML page, a GraphQL server that is not Wagtail, and a
 * corrupted listing. Each must stop the sync with a message naming the endpoint and what was wrong.
 */
import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { startCms, type CmsHandle } from '../../cms/server.ts';
import { CmsRequestError, CmsResponseError } from '../../src/wagtail/errors.ts';
import { wagtailPagesLoader } from '../../src/wagtail/index.ts';
import { createLoaderContext } from '../helpers/loader-context.ts';

let server: Server | undefined;
let cms: CmsHandle | undefined;
afterEach(async () => {
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  await cms?.close();
  server = undefined;
  cms = undefined;
});

/** A local server answering every request with `answer(body)`; returns its GraphQL URL. */
async function serve(answer: (body: string) => Promise<{ status: number; type: string; body: string }>): Promise<string> {
  server = createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    const reply = await answer(body);
    res.writeHead(reply.status, { 'content-type': reply.type }).end(reply.body);
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/graphql/`;
}

const load = (endpoint: string) =>
  wagtailPagesLoader({ endpoint, retries: 1 })
    .load(createLoaderContext().context)
    .then(() => null, (e: unknown) => e as Error);

describe('malformed CMS answers', () => {
  it('reports an HTML page where JSON was expected, naming the endpoint', async () => {
    const endpoint = await serve(async () => ({ status: 200, type: 'text/html', body: '<html><body>Log in</body></html>' }));
    const error = await load(endpoint);
    expect(error).toBeInstanceOf(CmsRequestError);
    expect(error?.message).toContain(`IntrospectionQuery to ${endpoint}`);
    expect(error?.message).toContain('not GraphQL JSON (content-type text/html)');
  });

  it('says so when the endpoint is a GraphQL server but not wagtail-grapple', async () => {
    const endpoint = await serve(async () => ({
      status: 200,
      type: 'application/json',
      body: JSON.stringify({ data: { __schema: { queryType: { name: 'Query' }, types: [] } } }),
    }));
    const error = await load(endpoint);
    expect(error).toBeInstanceOf(CmsResponseError);
    expect(error?.message).toMatch(/schema from .* could not be read/);
  });

  it('retries a listing answer that an error nulled, and names the error when it stays', async () => {
    cms = await startCms({ port: 0, content: { synthetic: { pages: 30, seed: 1 } } });
    const upstream = cms.url;
    // A listed page that fails to load nulls the whole answer: `pages` is a non-null list of non-null pages.
    const nulled = JSON.stringify({ data: null, errors: [{ message: 'OperationalError: server closed the connection unexpectedly', path: ['offset0', 3] }] });
    let failures = 1;
    const endpoint = await serve(async (body) => {
      if (body.includes('WagtailPageList') && failures-- > 0) return { status: 200, type: 'application/json', body: nulled };
      const response = await fetch(upstream, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      return { status: response.status, type: 'application/json', body: await response.text() };
    });
    const { context, entries } = createLoaderContext();
    await wagtailPagesLoader({ endpoint, retries: 1 }).load(context);
    expect(entries.size).toBe(30);

    failures = Number.POSITIVE_INFINITY;
    const error = await load(endpoint);
    expect(error).toBeInstanceOf(CmsRequestError);
    expect(error?.message).toContain('WagtailPageList');
    expect(error?.message).toContain('OperationalError: server closed the connection unexpectedly');
  });

  it('names the listing and the field when a listed page lacks its id', async () => {
    cms = await startCms({ port: 0, content: { synthetic: { pages: 30, seed: 1 } } });
    const upstream = cms.url;
    const endpoint = await serve(async (body) => {
      const response = await fetch(upstream, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      let text = await response.text();
      if (body.includes('WagtailPageList')) {
        const json = JSON.parse(text) as { data: { offset0: Array<Record<string, unknown>> } };
        delete json.data.offset0[3]!['id'];
        text = JSON.stringify(json);
      }
      return { status: response.status, type: 'application/json', body: text };
    });
    const error = await load(endpoint);
    expect(error).toBeInstanceOf(CmsResponseError);
    expect(error?.message).toContain(`page listing at offset 0 from ${endpoint}`);
    expect(error?.message).toContain('`offset0.3.id`');
  });
});
