/**
 * The demo CMS in a process of its own (so its event loop and timers never share the build's), driven
 * through its admin API (`/__cms/`).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const CMS_MAIN = fileURLToPath(new URL('../../cms/main.ts', import.meta.url));
const READY = /Demo CMS ready at (\S+)/;

export interface CmsSettings {
  pages: number;
  images: number;
  rttMs: number;
  pageTimeMs: number;
  workers: number;
  imageShare?: number;
  /** The capacity model (see cms/latency.ts): fixed work per request, contention beyond W, queue limit. */
  requestTimeMs?: number;
  contention?: number;
  queueLimit?: number;
}

/** The counters of `GET /__cms/stats` the bench reads (the CMS reports more). */
export interface CmsStatsSnapshot {
  graphqlRequests: number;
  pagesResolved: number;
  pageLookups: number;
  maxInFlight: number;
  /** GraphQL requests refused with 503 because the worker queue was full. */
  shed: number;
  media: { originals: number; renditions: number; renditionsGenerated: number };
}

export interface CmsProcess {
  url: string;
  origin: string;
  stats(): Promise<CmsStatsSnapshot>;
  resetStats(): Promise<void>;
  changeTitle(id: string, title: string): Promise<void>;
  deletePage(id: string): Promise<string[]>;
  close(): Promise<void>;
}

const running = new Set<ChildProcess>();

/** Kills every CMS this process started (exit and signal handlers call this). */
export function killAllCms(): void {
  for (const child of running) if (child.exitCode === null) child.kill('SIGTERM');
}

export async function startCmsProcess(settings: CmsSettings, timeoutMs = 60_000): Promise<CmsProcess> {
  const args = [
    CMS_MAIN,
    '--synthetic', String(settings.pages),
    '--images', String(settings.images),
    '--rtt', String(settings.rttMs),
    '--page-time', String(settings.pageTimeMs),
    '--workers', String(settings.workers),
    '--port', '0',
  ];
  if (settings.imageShare !== undefined) args.push('--image-share', String(settings.imageShare));
  if (settings.requestTimeMs !== undefined) args.push('--request-time', String(settings.requestTimeMs));
  if (settings.contention !== undefined) args.push('--contention', String(settings.contention));
  if (settings.queueLimit !== undefined) args.push('--queue-limit', String(settings.queueLimit));
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  child.on('exit', () => running.delete(child));

  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => fail(new Error(`the demo CMS printed no ready line in ${timeoutMs} ms`)), timeoutMs);
    const fail = (error: Error): void => {
      clearTimeout(timer);
      child.kill('SIGTERM');
      reject(new Error(`${error.message}\n${output.slice(-2000)}`));
    };
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = READY.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', fail);
    child.on('exit', (code) => fail(new Error(`the demo CMS exited (code ${code}) before it was ready`)));
  });
  // Keep draining its output so a chatty CMS never blocks on a full pipe.
  child.stdout?.resume();
  child.stderr?.resume();

  const origin = new URL(url).origin;
  const admin = async (method: string, path: string, body?: unknown): Promise<unknown> => {
    const response = await fetch(`${origin}/__cms/${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} /__cms/${path}: ${response.status} ${text}`);
    return text ? JSON.parse(text) : null;
  };

  return {
    url,
    origin,
    stats: async () => (await admin('GET', 'stats')) as CmsStatsSnapshot,
    resetStats: async () => void (await admin('POST', 'stats/reset')),
    changeTitle: async (id, title) => void (await admin('PATCH', `pages/${id}`, { title })),
    deletePage: async (id) => ((await admin('DELETE', `pages/${id}`)) as { deleted: Array<string | number> }).deleted.map(String),
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}
