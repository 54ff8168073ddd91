/**
 * The production output as Netlify runs it, locally: `netlify serve --offline` builds the site, bundles
 * the functions and serves both, with a local Blobs store (what `npm run serve` does).
 */
import { spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { projectRoot } from './build-site.ts';
import { acquireProjectLock } from './project-lock.ts';

export interface NetlifyServe {
  url: string;
  output(): string;
  close(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export async function netlifyServe(env: Record<string, string>, timeoutMs = 540_000): Promise<NetlifyServe> {
  // Held while it runs: it builds into, and serves the preview function from, the project's .netlify/.
  const release = await acquireProjectLock();
  try {
    return await start(env, timeoutMs, release);
  } catch (error) {
    await release();
    throw error;
  }
}

async function start(env: Record<string, string>, timeoutMs: number, release: () => Promise<void>): Promise<NetlifyServe> {
  // Comments left by earlier runs would leak into this one.
  await rm(join(projectRoot, '.netlify', 'blobs-serve'), { recursive: true, force: true });
  const port = await freePort();
  const child = spawn(
    process.execPath,
    ['node_modules/netlify-cli/bin/run.js', 'serve', '--offline', '--internal-disable-edge-functions', '--port', String(port)],
    {
      cwd: projectRoot,
      // Its own process group, so closing it also stops the static and functions servers it starts.
      detached: true,
      env: { ...process.env, VITEST: undefined, BROWSER: 'none', FORCE_COLOR: '0', NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const url = `http://localhost:${port}`;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`netlify serve was not ready after ${timeoutMs} ms`)), timeoutMs);
    const fail = (error: Error) => {
      clearTimeout(timer);
      try {
        process.kill(-(child.pid as number), 'SIGKILL');
      } catch {
        // already gone
      }
      reject(new Error(`${error.message}:\n${output.slice(-6000)}`));
    };
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Local dev server ready')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', fail);
    child.on('exit', (code) => fail(new Error(`netlify serve exited with code ${code}`)));
  });
  child.removeAllListeners('exit');
  return {
    url,
    output: () => output,
    close: async () => {
      await stop();
      await release();
    },
  };

  async function stop(): Promise<void> {
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    process.kill(-(child.pid as number), 'SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
    try {
      process.kill(-(child.pid as number), 'SIGKILL');
    } catch {
      // stopped
    }
  }
}
