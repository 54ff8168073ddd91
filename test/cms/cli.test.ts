/** The CLI: one ready line, documented flags, clean exit on SIGTERM. */
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
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
    for (const flag of ['--port', '--host', '--synthetic', '--images', '--seed', '--schema', '--rtt', '--page-time', '--workers', '--fault-rate', '--faults', '--broken-pages']) {
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
  });
});
