/**
 * Rendering options read from the environment, validated once, with errors naming the variable.
 * (The sync layer has its own configuration in `src/wagtail/config.ts`.)
 */
export interface RenderConfig {
  /** `RSS_CONTENT_TYPES`: `app.Model` list that replaces the guessed article types; null to guess. */
  rssContentTypes: string[] | null;
  /** `RSS_MAX_ITEMS`: entries in `rss.xml` (feed readers only look at the newest ones). Default 50. */
  rssMaxItems: number;
  /** `LINK_CHECK`: `warn` (default) reports broken internal links, `error` fails the build, `off` skips. */
  linkCheck: 'off' | 'warn' | 'error';
  /** `SITE_LANG`: BCP 47 language of the content, for `<html lang>` and date/number formats. Default `en`. */
  lang: string;
  /**
   * `COMMENTS_CONTENT_TYPES`: `app.Model` list of page types that take comments; null for the article types
   * (as for the feed), `[]` (`none`) to turn comments off.
   */
  commentsContentTypes: string[] | null;
}

export class RenderConfigError extends Error {
  constructor(variable: string, value: string, expected: string) {
    super(`${variable}=${JSON.stringify(value)} is not valid: expected ${expected}. Fix or unset it.`);
    this.name = 'RenderConfigError';
  }
}

const CONTENT_TYPE = /^[A-Za-z_][\w]*\.[A-Za-z_]\w*$/;

export function readRenderConfig(env: Record<string, string | undefined> = process.env): RenderConfig {
  const rssContentTypes = contentTypes(env, 'RSS_CONTENT_TYPES');
  const commentsValue = env.COMMENTS_CONTENT_TYPES?.trim().toLowerCase();
  const commentsContentTypes = commentsValue === 'none' ? [] : contentTypes(env, 'COMMENTS_CONTENT_TYPES');

  let rssMaxItems = 50;
  const max = env.RSS_MAX_ITEMS?.trim();
  if (max) {
    rssMaxItems = Number(max);
    if (!Number.isInteger(rssMaxItems) || rssMaxItems < 1) {
      throw new RenderConfigError('RSS_MAX_ITEMS', max, 'a positive integer');
    }
  }

  const check = (env.LINK_CHECK?.trim() || 'warn').toLowerCase();
  if (check !== 'off' && check !== 'warn' && check !== 'error') {
    throw new RenderConfigError('LINK_CHECK', check, 'one of off, warn, error');
  }

  // grapple exposes no locale for the site (README §14), so the language is configuration.
  const langValue = env.SITE_LANG?.trim() || 'en';
  let lang: string;
  try {
    lang = Intl.getCanonicalLocales(langValue)[0] ?? 'en';
  } catch {
    throw new RenderConfigError('SITE_LANG', langValue, 'a BCP 47 language tag such as en, fr or pt-BR');
  }

  return { rssContentTypes, rssMaxItems, linkCheck: check, lang, commentsContentTypes };
}

/** A comma-separated list of `app.Model` names, or null when the variable is unset. */
function contentTypes(env: Record<string, string | undefined>, variable: string): string[] | null {
  const value = env[variable]?.trim();
  if (!value) return null;
  const types = value.split(',').map((t) => t.trim()).filter(Boolean);
  if (types.some((t) => !CONTENT_TYPE.test(t))) {
    throw new RenderConfigError(variable, value, 'a comma-separated list of app.Model names (blog.BlogPage)');
  }
  return types;
}
