/**
 * Builds run from a copy of the project on the bench's temp root (tmpfs when available), not from the
 * working tree:
 * - Astro renames files from `<root>/.astro/` into the output dir, which fails across devices (EXDEV)
 *   when the output is on tmpfs and the project is not;
 * - the working tree's `.astro/` is shared with whatever else builds there (tests, other sessions);
 * - a snapshot taken once keeps every run of one bench on the same code while the tree is being edited.
 * `node_modules` (and `cms/`, only imported when CMS_GRAPHQL_URL is unset) are symlinked, not copied.
 */
import { cp, mkdir, symlink } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

// functions/: the build imports the functions' shared settings (the dev refresh) and writes their data.
const COPIED = ['src', 'public', 'functions', 'astro.config.mjs', 'package.json', 'tsconfig.json'];
const LINKED = ['node_modules', 'cms'];

/** Copies the project (from the working tree, or from an earlier copy) to `target`. */
export async function copyProject(target: string, source = repoRoot): Promise<string> {
  await mkdir(target, { recursive: true });
  for (const name of COPIED) {
    const from = join(source, name);
    if (existsSync(from)) await cp(from, join(target, name), { recursive: true });
  }
  for (const name of LINKED) {
    // Always the working tree's: a link to a link would do, but this is one hop.
    const from = join(repoRoot, name);
    if (existsSync(from)) await symlink(from, join(target, name));
  }
  return target;
}
