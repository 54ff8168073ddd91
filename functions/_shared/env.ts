/**
 * The functions' settings, read from the environment once per instance and validated, with errors that
 * name the variable. (The build has its own: `src/wagtail/config.ts`, `src/site/config.ts`.)
 */
import { resolve } from 'node:path';

export class FunctionConfigError extends Error {
  constructor(variable: string, value: string, expected: string) {
    super(`${variable}=${JSON.stringify(value)} is not valid: expected ${expected}. Fix it in the site's environment variables.`);
    this.name = 'FunctionConfigError';
  }
}

export interface CommentsSettings {
  /** `COMMENTS_MODERATION`: `pre` (default) holds new comments until approved; `post` shows them at once. */
  moderation: 'pre' | 'post';
  /** `COMMENTS_RATE_LIMIT`: comments one client may post per minute (default 5); 0 turns the limit off. */
  rateLimit: number;
  /** `COMMENTS_ADMIN_TOKEN`: bearer token of the moderation API; null leaves moderation disabled. */
  adminToken: string | null;
  /** `COMMENTS_PAGE_SIZE`: comments per `GET /api/comments` page (default 50). */
  pageSize: number;
  /** `COMMENTS_MAX_LINKS`: a comment with more links than this waits for moderation even in `post` mode (default 2). */
  maxLinks: number;
}

const integer = (variable: string, fallback: number, min: number, max: number) =>
  (value: string | undefined): number => {
    const text = value?.trim();
    if (!text) return fallback;
    const n = Number(text);
    if (!Number.isInteger(n) || n < min || n > max) {
      throw new FunctionConfigError(variable, text, `an integer from ${min} to ${max}`);
    }
    return n;
  };

export function readCommentsSettings(env: Record<string, string | undefined> = process.env): CommentsSettings {
  const moderation = (env.COMMENTS_MODERATION?.trim() || 'pre').toLowerCase();
  if (moderation !== 'pre' && moderation !== 'post') {
    throw new FunctionConfigError('COMMENTS_MODERATION', moderation, 'pre or post');
  }
  const token = env.COMMENTS_ADMIN_TOKEN?.trim() || null;
  // A short token is guessable: refuse it rather than protect moderation with it.
  if (token !== null && token.length < 16) {
    throw new FunctionConfigError('COMMENTS_ADMIN_TOKEN', '…', 'at least 16 characters (openssl rand -hex 32 makes one)');
  }
  return {
    moderation,
    rateLimit: integer('COMMENTS_RATE_LIMIT', 5, 0, 10_000)(env.COMMENTS_RATE_LIMIT),
    adminToken: token,
    pageSize: integer('COMMENTS_PAGE_SIZE', 50, 1, 500)(env.COMMENTS_PAGE_SIZE),
    maxLinks: integer('COMMENTS_MAX_LINKS', 2, 0, 100)(env.COMMENTS_MAX_LINKS),
  };
}

export interface WebhookSettings {
  /** `WEBHOOK_SECRET`: the secret Wagtail signs deliveries with; null turns the webhook off (503). */
  secret: string | null;
  /** `NETLIFY_BUILD_HOOK_URL`: the build hook a delivery triggers; null turns the webhook off (503). */
  buildHookUrl: string | null;
  /**
   * `WEBHOOK_COALESCE_MS`: how long after the first event of a burst the build is triggered; later events
   * join it (default 4000, at most 5000). The first delivery waits that long, then up to three hook
   * attempts of 1.5 s each: under the 10 s Netlify gives a synchronous function.
   */
  coalesceMs: number;
  /** `WEBHOOK_HOOK_RETRIES`: retries of a failing build-hook call before answering 502 (default 2). */
  hookRetries: number;
}

export function readWebhookSettings(env: Record<string, string | undefined> = process.env): WebhookSettings {
  const secret = env.WEBHOOK_SECRET?.trim() || null;
  if (secret !== null && secret.length < 16) {
    throw new FunctionConfigError('WEBHOOK_SECRET', '…', 'at least 16 characters (openssl rand -hex 32 makes one)');
  }
  const hook = env.NETLIFY_BUILD_HOOK_URL?.trim() || null;
  if (hook !== null && !URL.canParse(hook)) throw new FunctionConfigError('NETLIFY_BUILD_HOOK_URL', hook, 'an absolute URL (https://api.netlify.com/build_hooks/…)');
  return {
    secret,
    buildHookUrl: hook,
    coalesceMs: integer('WEBHOOK_COALESCE_MS', 4000, 0, 5000)(env.WEBHOOK_COALESCE_MS),
    hookRetries: integer('WEBHOOK_HOOK_RETRIES', 2, 0, 2)(env.WEBHOOK_HOOK_RETRIES),
  };
}

/**
 * Where the build leaves the data functions read (the page list, the search index). Relative to the
 * working directory, which is the project root under `netlify dev`/`serve` and the bundle root on Netlify,
 * where `included_files` puts the files at the same relative path.
 */
export function buildDataDir(env: Record<string, string | undefined> = process.env): string {
  return resolve(env.FUNCTIONS_DATA_DIR?.trim() || 'functions/_generated');
}

/**
 * The deploy context (`production`, `deploy-preview`, `branch-deploy`, `dev`) that scopes stored data, so a
 * deploy preview never reads or writes production comments.
 */
export function deployContext(fromNetlify: string | undefined, env: Record<string, string | undefined> = process.env): string {
  const value = fromNetlify || env.CONTEXT || 'dev';
  return value.toLowerCase().replace(/[^a-z0-9-]/g, '-');
}
