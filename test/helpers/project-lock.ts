/**
 * One Astro build (or dev server, or `netlify serve`) at a time in the project directory. Whatever the
 * outDir, the Netlify adapter writes its function into the project's `.netlify/` and clears it when a
 * build or dev server starts, so two at once (vitest runs test files in parallel) would delete each
 * other's output. A directory made with `mkdir` is the lock: atomic, and visible across processes.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const projectRoot = fileURLToPath(new URL('../..', import.meta.url));
const LOCK = join(projectRoot, 'node_modules', '.project-build-lock');

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function acquireProjectLock(timeoutMs = 900_000): Promise<() => Promise<void>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await mkdir(LOCK);
      await writeFile(join(LOCK, 'pid'), String(process.pid));
      return () => rm(LOCK, { recursive: true, force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    // A holder that died (a killed test run) leaves its lock: take it over.
    const holder = Number(await readFile(join(LOCK, 'pid'), 'utf8').catch(() => ''));
    if (holder && !alive(holder)) await rm(LOCK, { recursive: true, force: true });
    if (Date.now() > deadline) throw new Error(`Waited ${timeoutMs} ms for another build in ${projectRoot} to finish (lock ${LOCK}).`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export async function withProjectLock<T>(work: () => Promise<T>): Promise<T> {
  const release = await acquireProjectLock();
  try {
    return await work();
  } finally {
    await release();
  }
}
