/**
 * Runs `astro build` in a child process (Astro's Vite cannot run inside vitest's), with the given
 * environment on top of ours, and returns what it printed.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { withProjectLock } from './project-lock.ts';

export const projectRoot = fileURLToPath(new URL('../..', import.meta.url));

export interface BuildResult {
  code: number;
  output: string;
  ms: number;
}

export function buildSite(env: Record<string, string | undefined>, outDir?: string, timeoutMs = 540_000): Promise<BuildResult> {
  return withProjectLock(() => runBuild(env, outDir, timeoutMs));
}

function runBuild(env: Record<string, string | undefined>, outDir: string | undefined, timeoutMs: number): Promise<BuildResult> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['node_modules/astro/bin/astro.mjs', 'build', ...(outDir ? ['--outDir', outDir] : [])], {
      cwd: projectRoot,
      // A build into its own outDir keeps its functions data beside it, not in the project's functions/_generated.
      env: { ...process.env, VITEST: undefined, FORCE_COLOR: '0', NO_COLOR: '1', ...(outDir ? { FUNCTIONS_DATA_DIR: `${outDir}-functions-data` } : {}), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`astro build timed out after ${timeoutMs} ms:\n${output.slice(-4000)}`));
    }, timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      // Astro colours its log even when piped; tests match the plain text.
      resolve({ code: code ?? 1, output: output.replace(/\x1b\[[0-9;]*m/g, ''), ms: performance.now() - started });
    });
  });
}
