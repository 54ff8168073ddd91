/**
 * Runs one of the bench's helper scripts in its own Node process (so its work and memory stay out of the
 * harness) and returns the JSON it prints on its last stdout line.
 */
import { spawn } from 'node:child_process';
import { repoRoot } from './project-copy.ts';
import { buildEnv } from './run-build.ts';

export function runJsonChild<T>(script: string, args: string[], env: Record<string, string>, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { cwd: repoRoot, env: buildEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`${what} failed (exit ${code}):\n${stderr.slice(-3000)}`));
      try {
        resolve(JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as T);
      } catch {
        reject(new Error(`${what} printed no JSON result:\n${stdout}\n${stderr}`));
      }
    });
  });
}
