/**
 * `astro dev` against a live demo CMS: a page changed in the CMS shows in the preview after the signed
 * Wagtail webhook reaches the dev server, with no restart; an unsigned one changes nothing.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCms, type CmsHandle } from '../../cms/server.ts';
import { signPayload } from '../../functions/_shared/signature.ts';
import { projectRoot } from '../helpers/build-site.ts';
import { acquireProjectLock } from '../helpers/project-lock.ts';

const SECRET = 'dev-refresh-secret-0123456789';
let cms: CmsHandle;
let dev: ChildProcess;
let root: string;
let origin: string;
let output = '';
let release: (() => Promise<void>) | undefined;

beforeAll(async () => {
  // A starting dev server clears the adapter's output in .netlify/: never while a build runs.
  release = await acquireProjectLock();
  cms = await startCms({ port: 0, content: 'demo' });
  root = await mkdtemp(join(tmpdir(), 'dev-refresh-'));
  const port = 4500 + Math.floor(Math.random() * 400);
  origin = `http://localhost:${port}`;
  dev = spawn(process.execPath, ['node_modules/astro/bin/astro.mjs', 'dev', '--port', String(port)], {
    cwd: projectRoot,
    detached: true,
    env: {
      ...process.env,
      VITEST: undefined,
      NO_COLOR: '1',
      CMS_GRAPHQL_URL: cms.url,
      WEBHOOK_SECRET: SECRET,
      ASTRO_CACHE_DIR: join(root, 'cache'),
      FUNCTIONS_DATA_DIR: join(root, 'functions-data'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  dev.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  dev.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 90_000;
  while (!(await fetch(`${origin}/`).then((r) => r.ok, () => false))) {
    if (Date.now() > deadline || dev.exitCode !== null) throw new Error(`astro dev did not start:\n${output.slice(-4000)}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}, 120_000);

afterAll(async () => {
  if (dev?.pid && dev.exitCode === null) process.kill(-dev.pid, 'SIGTERM');
  await cms?.close();
  if (root) await rm(root, { recursive: true, force: true });
  await release?.();
});

const title = async (url: string) => /<h1[^>]*>([^<]*)<\/h1>/.exec(await (await fetch(origin + url)).text())?.[1];

describe('astro dev with the Wagtail webhook', () => {
  it('shows a publish after a signed webhook, without a restart', async () => {
    const article = cms.store.livePages().find((p) => p.type === 'ArticlePage');
    if (!article) throw new Error('no demo article');
    const url = cms.store.url(article) as string;
    const before = await title(url);
    cms.content.updatePage(article.id, { title: 'Retitled while the preview runs' });
    expect(await title(url)).toBe(before);

    const body = JSON.stringify({ event: 'page_published', page: { id: article.id, url, title: 'Retitled while the preview runs', contentType: 'journal.ArticlePage' } });
    const unsigned = await fetch(`${origin}/api/wagtail-webhook`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(unsigned.status).toBe(401);
    expect(await title(url)).toBe(before);

    const t = Math.floor(Date.now() / 1000);
    const signed = await fetch(`${origin}/api/wagtail-webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-wagtail-signature': `t=${t},v1=${signPayload(SECRET, body, t)}` },
      body,
    });
    expect(signed.status, output.slice(-3000)).toBe(200);
    expect(await title(url)).toBe('Retitled while the preview runs');
  }, 60_000);
});
