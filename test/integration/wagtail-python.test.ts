/**
 * The Wagtail side of publish → rebuild (integrations/wagtail/, Python) against this side of the contract:
 * python3 sends real deliveries with the module's own code to a local server; Node checks the header,
 * recomputes the HMAC with node:crypto, and runs the webhook function's own verifier and body parser on
 * what arrived. Also runs the module's Python unit tests, so `npm test` covers them.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { verifySignature } from '../../functions/_shared/signature.ts';
import { parseWebhookEvent } from '../../functions/_shared/webhooks/event.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const MODULE_DIR = path.join(ROOT, 'integrations/wagtail');
const SECRET = 'contract-test-secret-0123456789';
const HEADER = /^t=(\d+),v1=([0-9a-f]{64})$/;

interface Received {
  headers: Record<string, string | string[] | undefined>;
  raw: string;
}

let server: Server | undefined;
afterEach(async () => {
  if (server) {
    server.close();
    await once(server, 'close');
  }
  server = undefined;
});

/** A local webhook endpoint answering the given statuses in turn (then 202); records raw bodies. */
async function endpoint(...statuses: number[]): Promise<{ url: string; received: Received[] }> {
  const received: Received[] = [];
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, raw: Buffer.concat(chunks).toString('utf8') });
      const status = statuses.shift() ?? 202;
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(status < 300 ? { status: 'triggered' } : { error: `Test answer ${status}.` }));
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/api/wagtail-webhook`, received };
}

interface Run {
  code: number | null;
  output: string;
}

/** Runs python3 without blocking the event loop (the endpoint above answers from this process). */
async function python(args: string[], options: { cwd: string; env?: Record<string, string> }): Promise<Run> {
  const child = spawn('python3', args, {
    cwd: options.cwd,
    env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1', ...options.env },
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const [code] = (await once(child, 'close')) as [number | null];
  return { code, output };
}

/** Sends one event with `python3 -m wagtail_netlify_webhook.sender` (the module's CLI, same code as Django's path). */
function send(url: string, args: string[], retries = 2): Promise<Run> {
  return python(['-m', 'wagtail_netlify_webhook.sender', ...args], {
    cwd: MODULE_DIR,
    env: {
      WAGTAIL_NETLIFY_WEBHOOK_URL: url,
      WAGTAIL_NETLIFY_WEBHOOK_SECRET: SECRET,
      WAGTAIL_NETLIFY_WEBHOOK_TIMEOUT: '5',
      WAGTAIL_NETLIFY_WEBHOOK_RETRIES: String(retries),
    },
  });
}

/** Checks a delivery's signature independently of both the Python code and the function's verifier. */
function signatureOf(delivery: Received): { t: number; v1: string } {
  const header = delivery.headers['x-wagtail-signature'];
  expect(typeof header, 'X-Wagtail-Signature header').toBe('string');
  const match = HEADER.exec(header as string);
  expect(match, `X-Wagtail-Signature "${String(header)}" is t=<unix seconds>,v1=<64 hex>`).not.toBeNull();
  const [, t = '', v1 = ''] = match ?? [];
  expect(createHmac('sha256', SECRET).update(`${t}.${delivery.raw}`).digest('hex')).toBe(v1);
  return { t: Number(t), v1 };
}

beforeAll(() => {
  const probe = spawnSync('python3', ['-c', 'import sys; print("%d.%d" % sys.version_info[:2])'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new Error(
      `python3 could not be run (${probe.error?.message ?? probe.stderr.trim()}). The Wagtail integration in ` +
        'integrations/wagtail/ is Python and these tests need Python 3.8 or newer on PATH (Debian: apt-get install python3).',
    );
  }
  const [major = 0, minor = 0] = probe.stdout.trim().split('.').map(Number);
  if (major < 3 || (major === 3 && minor < 8)) {
    throw new Error(`python3 is ${probe.stdout.trim()}; the Wagtail integration needs Python 3.8 or newer.`);
  }
});

describe('Wagtail webhook sender (Python) ↔ the site', () => {
  it('signs the raw body so that node:crypto and the webhook function both accept it', async () => {
    const { url, received } = await endpoint(202);
    const before = Math.floor(Date.now() / 1000);
    const title = 'Über den Gipfel — “Café” 🏔';
    const run = await send(url, ['--id', '42', '--url', '/journal/my-post/', '--title', title, '--content-type', 'blog.BlogPage']);
    expect(run.code, run.output).toBe(0);
    expect(received).toHaveLength(1);
    const [delivery] = received as [Received];

    expect(delivery.headers['content-type']).toBe('application/json');
    const { t } = signatureOf(delivery);
    expect(t).toBeGreaterThanOrEqual(before);
    expect(t).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000));
    const header = delivery.headers['x-wagtail-signature'] as string;
    expect(verifySignature(header, delivery.raw, SECRET).t).toBe(t);

    const body: unknown = JSON.parse(delivery.raw);
    expect(body).toEqual({
      event: 'page_published',
      page: { id: 42, url: '/journal/my-post/', title, contentType: 'blog.BlogPage' },
      sentAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
    });
    const sentAt = Date.parse((body as { sentAt: string }).sentAt);
    expect(Math.floor(sentAt / 1000)).toBe(t);
    expect(parseWebhookEvent(delivery.raw)).toMatchObject({ event: 'page_published', page: { id: '42', title } });
  });

  it('sends oldUrl with page_moved, and null for a page without a URL', async () => {
    const { url, received } = await endpoint();
    const run = await send(url, ['--event', 'page_moved', '--id', '7', '--old-url', '/archive/x/', '--title', 'X', '--content-type', 'home.StandardPage']);
    expect(run.code, run.output).toBe(0);
    const [delivery] = received as [Received];
    signatureOf(delivery);
    expect(JSON.parse(delivery.raw)).toMatchObject({
      event: 'page_moved',
      page: { id: 7, url: null, title: 'X', contentType: 'home.StandardPage' },
      oldUrl: '/archive/x/',
    });
    expect(parseWebhookEvent(delivery.raw).page.url).toBeNull();
  });

  it('retries a 5xx with a fresh signature, which the replay check does not refuse', async () => {
    const { url, received } = await endpoint(502);
    const run = await send(url, ['--event', 'page_deleted', '--id', '9', '--url', '/gone/', '--title', 'Gone']);
    expect(run.code, run.output).toBe(0);
    expect(received).toHaveLength(2);
    const [first, second] = received.map(signatureOf);
    // The function remembers signatures to refuse replays (409): a retry must not repeat one.
    expect(second?.v1).not.toBe(first?.v1);
    for (const delivery of received) verifySignature(delivery.headers['x-wagtail-signature'] as string, delivery.raw, SECRET);
    expect(run.output).toMatch(/attempt 1 of 3 failed \(502 Test answer 502\.\)/);
  });

  it('does not retry a 401, and says which setting to check', async () => {
    const { url, received } = await endpoint(401);
    const run = await send(url, ['--id', '3']);
    expect(run.code).toBe(1);
    expect(received).toHaveLength(1);
    expect(run.output).toContain('WAGTAIL_NETLIFY_WEBHOOK_SECRET');
  });

  it('passes its Python unit tests (python3 -m unittest)', async () => {
    const run = await python(['-m', 'unittest', 'discover', '-s', 'integrations/wagtail/tests'], { cwd: ROOT });
    expect(run.code, run.output).toBe(0);
    expect(run.output).toMatch(/Ran \d+ tests/);
  });
});
