/**
 * Comment POST latency under concurrent clients: the comments function (in this process, as a Netlify
 * Function instance runs it) against a local Blobs server in another process. Each client posts one
 * comment after another from its own address, with the default rate limit on, so every post does the
 * function's full work (validation, page check, rate-limit slot, marker and record writes).
 *
 *   node scripts/bench/comments.ts [--clients 100] [--posts 2000]
 */
import { setEnvironmentContext } from '@netlify/blobs';
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { serializeSitePages, SITE_PAGES_FILE } from '../../functions/_shared/site-pages.ts';

export interface CommentsBench {
  clients: number;
  posts: number;
  p50Ms: number;
  p99Ms: number;
  postsPerSecond: number;
  failures: number;
}

const quantile = (sorted: number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;

export async function benchComments(clients = 100, posts = 2000): Promise<CommentsBench> {
  const root = await mkdtemp(join(tmpdir(), 'comments-bench-'));
  const token = 'bench-token';
  const server = spawn(process.execPath, [join(import.meta.dirname, 'blobs-server.ts'), join(root, 'blobs'), token], {
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      server.stdout?.once('data', (chunk: Buffer) => resolve((JSON.parse(chunk.toString()) as { url: string }).url));
      server.once('exit', (code) => reject(new Error(`the Blobs server exited (${code})`)));
    });
    setEnvironmentContext({ siteID: 'bench', token, edgeURL: url, uncachedEdgeURL: url });
    process.env.FUNCTIONS_DATA_DIR = root;
    await writeFile(join(root, SITE_PAGES_FILE), serializeSitePages(new Map([['7', { url: '/journal/bench/', title: 'Bench', contentType: 'journal.ArticlePage', comments: true }]])));
    const { default: comments } = await import('../../functions/comments.ts');

    const latencies: number[] = [];
    let failures = 0;
    let sent = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: clients }, async (_, client) => {
        while (sent < posts) {
          const n = sent++;
          const request = new Request('http://localhost/api/comments', {
            method: 'POST',
            headers: { 'content-type': 'application/json', accept: 'application/json' },
            body: JSON.stringify({ page: '7', name: `Reader ${client}`, body: `Comment ${n}: the ridge was clear all day, see https://example.org/${n}`, website: '' }),
          });
          const t = performance.now();
          const response = await comments(request, { ip: `10.0.${n >> 8}.${n & 255}`, deploy: { context: 'production' } });
          latencies.push(performance.now() - t);
          if (response.status !== 201) failures++;
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    return { clients, posts, p50Ms: quantile(latencies, 0.5), p99Ms: quantile(latencies, 0.99), postsPerSecond: posts / seconds, failures };
  } finally {
    server.kill();
    await rm(root, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  const { values } = parseArgs({ options: { clients: { type: 'string', default: '100' }, posts: { type: 'string', default: '2000' } } });
  process.stdout.write(`${JSON.stringify(await benchComments(Number(values.clients), Number(values.posts)))}\n`);
}
