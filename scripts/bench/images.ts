/**
 * The image part of the bench: which sources the site uses, and the stage alone vs bare sharp on them
 * (in a child process, `image-worker.ts`). Cold and warm image builds are the workload's cold builds
 * (empty image cache) and its "warm images" builds (empty Astro cache, so every page renders and asks for
 * its images, with the cold build's image cache kept), measured by `workloads.ts`.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runJsonChild } from './json-child.ts';

const WORKER = fileURLToPath(new URL('./image-worker.ts', import.meta.url));

export interface ImageComparison {
  urls: number;
  distinctSources: number;
  variants: number;
  bareSharpSeconds: number[];
  stageSeconds: number[];
  stageEncoded: number[];
  stageFailed: number[];
}

/**
 * Every CMS image URL the dumped pages reference, distinct: absolute ones (image blocks and fields) and
 * site-relative `/media/...` ones in rich text, which the build resolves against the CMS origin.
 */
export async function collectImageUrls(pagesJson: string, cmsOrigin: string): Promise<string[]> {
  const text = await readFile(pagesJson, 'utf8');
  const pattern = /(?:https?:\/\/[^/"'\s\\]+)?\/media\/(?:images|original_images)\/[^"'\s<>\\)]+/g;
  return [...new Set((text.match(pattern) ?? []).map((url) => new URL(url, cmsOrigin).href))].sort();
}

export async function compareWithBareSharp(options: {
  snapshot: string;
  urls: string[];
  workDir: string;
  runs: number;
}): Promise<ImageComparison> {
  const urlFile = join(options.workDir, 'image-urls.txt');
  await writeFile(urlFile, `${options.urls.join('\n')}\n`);
  const args = ['--root', options.snapshot, '--urls', urlFile, '--work', join(options.workDir, 'image-compare'), '--runs', String(options.runs)];
  return runJsonChild<ImageComparison>(WORKER, args, {}, 'the image comparison');
}
