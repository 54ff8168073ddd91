/** The CLI: one ready line, documented flags, clean exit on SIGTERM, webhooks configured from the environment. */
import { spawn, spawnSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { gql } from './helpers.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const node = process.execPath.includes('node_modules') ? process.execPath : `${root}node_modules/.bin/node`;

describe('cms/main.ts', () => {
  it('prints exactly one ready line, serves the options given, and exits 0 on SIGTERM', async () => {
    const child = spawn(node, ['cms/main.ts', '--port', '0', '--synthetic', '120', '--seed', '9', '--schema', 'alt', '--broken-pages', '5'], { cwd: root });
    let out = '';
    child.stdout.setEncoding('utf8');
    const ready = new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: string) => {
        out += chunk;
        const match = /^Demo CMS ready at (http:\/\/127\.0\.0\.1:\d+\/graphql\/)\n/.exec(out);
        if (match) resolve(match[1] as string);
      });
      child.once('exit', (code) => reject(new Error(`exited early with ${code}: ${out}`)));
    });
    const url = await ready;
    const res = await gql(url, '{ pages(limit: 100) { id } broken: page(id: 5) { id } }');
    expect(res.body.data.pages).toHaveLength(100);
    expect(res.body.errors[0].message).toContain('Page 5');
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
    expect(out.trim().split('\n')).toHaveLength(1);
  });

  it('documents every flag in --help and refuses unknown ones', () => {
    const help = spawnSync(node, ['cms/main.ts', '--help'], { cwd: root, encoding: 'utf8' });
    expect(help.status).toBe(0);
    for (const flag of ['--port', '--host', '--synthetic', '--images', '--seed', '--schema', '--rtt', '--page-time', '--workers', '--contention', '--queue-limit', '--fault-rate', '--faults', '--broken-pages', '--preview-url', '--preview-ttl', '--webhook-url', '--webhook-secret']) {
      expect(help.stdout).toContain(flag);
    }
    const bad = spawnSync(node, ['cms/main.ts', '--bogus'], { cwd: root, encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/bogus/);
    const badKind = spawnSync(node, ['cms/main.ts', '--faults', '500,explode'], { cwd: root, encoding: 'utf8' });
    expect(badKind.status).toBe(2);
    expect(badKind.stderr).toMatch(/explode/);
    // Synthetic-site flags on the demo site would be ignored: refused instead.
    const ignored = spawnSync(node, ['cms/main.ts', '--images', '30'], { cwd: root, encoding: 'utf8' });
    expect(ignored.status).toBe(2);
    expect(ignored.stderr).toMatch(/--images only apply to a synthetic site/);
    const noSecret = spawnSync(node, ['cms/main.ts', '--webhook-url', 'http://127.0.0.1:9/hook'], { cwd: root, encoding: 'utf8', env: { ...process.env, CMS_WEBHOOK_SECRET: '' } });
    expect(noSecret.status).toBe(2);
    expect(noSecret.stderr).toMatch(/no secret: add --webhook-secret or set CMS_WEBHOOK_SECRET/);
    // Contention and the queue limit act beyond the workers: without a worker limit they would be ignored.
    const noWorkers = spawnSync(node, ['cms/main.ts', '--contention', '0.05', '--queue-limit', '4'], { cwd: root, encoding: 'utf8' });
    expect(noWorkers.status).toBe(2);
    expect(noWorkers.stderr).toMatch(/--contention, --queue-limit need a worker limit/);
    const badLimit = spawnSync(node, ['cms/main.ts', '--workers', '1', '--queue-limit', '1.5'], { cwd: root, encoding: 'utf8' });
    expect(badLimit.status).toBe(2);
    expect(badLimit.stderr).toMatch(/--queue-limit must be a whole number/);
    const badUrl = spawnSync(node, ['cms/main.ts', '--preview-url', 'localhost:4321/preview'], { cwd: root, encoding: 'utf8' });
    expect(badUrl.status).toBe(2);
    expect(badUrl.stderr).toMatch(/--preview-url must be an absolute http/);
  });

  it('passes --workers, --contention and --queue-limit to the latency model', async () => {
    const child = spawn(node, ['cms/main.ts', '--port', '0', '--workers', '1', '--contention', '0.05', '--queue-limit', '0', '--page-time', '300'], { cwd: root });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.setEncoding('utf8');
        child.stdout.on('data', (chunk: string) => {
          out += chunk;
          const match = /ready at (http:\/\/\S+\/graphql\/)/.exec(out);
          if (match) resolve(match[1] as string);
        });
        child.once('exit', (code) => reject(new Error(`exited early with ${code}: ${out}`)));
      });
      const latency = await (await fetch(url.replace('/graphql/', '/__cms/latency'))).json();
      expect(latency).toMatchObject({ workers: 1, contention: 0.05, queueLimit: 0, pageTime: 300 });
      // One lookup holds the only worker; with no queue the next is shed.
      const [first, second] = await Promise.all([gql(url, '{ page(id: 3) { id } }'), new Promise((r) => setTimeout(r, 100)).then(() => gql(url, '{ page(id: 4) { id } }'))]);
      expect(first.status).toBe(200);
      expect(second.status).toBe(503);
      expect(second.headers.get('retry-after')).toBe('1');
    } finally {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
  });

  it('sends signed webhooks to CMS_WEBHOOK_URL with CMS_WEBHOOK_SECRET, and preview URLs on --preview-url', async () => {
    const received: Array<{ signature: string; body: string }> = [];
    const receiver = createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (body += chunk));
      req.on('end', () => {
        received.push({ signature: String(req.headers['x-wagtail-signature']), body });
        res.writeHead(202).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const hook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/api/wagtail-webhook`;
    const secret = 'cli-secret-0123456789';
    const child = spawn(node, ['cms/main.ts', '--port', '0', '--preview-url', 'https://site.example/preview'], {
      cwd: root,
      env: { ...process.env, CMS_WEBHOOK_URL: hook, CMS_WEBHOOK_SECRET: secret },
    });
    try {
      const origin = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.setEncoding('utf8');
        child.stdout.on('data', (chunk: string) => {
          out += chunk;
          const match = /ready at (http:\/\/[^/]+)\/graphql\//.exec(out);
          if (match) resolve(match[1] as string);
        });
        child.once('exit', (code) => reject(new Error(`exited early with ${code}: ${out}`)));
      });
      const post = (path: string, body: unknown) =>
        fetch(`${origin}/__cms${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then((r) => r.json() as Promise<any>);
      const link = await post('/pages/24/preview-token', {});
      expect(link.url).toMatch(/^https:\/\/site\.example\/preview\?content_type=pages\.standardpage&token=id%3D24%3A/);
      await post('/pages/24/publish', {});
      const { deliveries } = await post('/webhook/flush', {});
      expect(deliveries).toMatchObject([{ event: 'page_published', pageId: 24, state: 'delivered' }]);
      expect(received).toHaveLength(1);
      const { signature, body } = received[0]!;
      const t = /^t=(\d+),/.exec(signature)![1];
      expect(signature).toBe(`t=${t},v1=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`);
      expect(JSON.parse(body)).toMatchObject({ event: 'page_published', page: { id: 24, url: '/routes/grades/' } });
    } finally {
      child.kill('SIGTERM');
      await once(child, 'exit');
      await new Promise((resolve) => receiver.close(resolve));
    }
  });
});
