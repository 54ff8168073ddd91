/** Shared helpers of the demo CMS tests: one small GraphQL client, no retries, nothing hidden. */
import { startCms } from '../../cms/server.ts';
import type { CmsHandle, CmsOptions } from '../../cms/server.ts';

export interface GqlResult {
  status: number;
  headers: Headers;
  // Tests inspect arbitrary response shapes.
  body: any;
}

export async function gql(url: string, query: string, variables?: Record<string, unknown>): Promise<GqlResult> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: JSON.parse(text) };
}

export async function postRaw(url: string, body: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
}

/** A CMS on a free port. */
export function start(options: CmsOptions = {}): Promise<CmsHandle> {
  return startCms({ port: 0, ...options });
}
