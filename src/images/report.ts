/** The end-of-build summary: one line of counters, then one line per image that fell back. */
import { imageState } from './state.ts';

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function reportLines(): string[] {
  const { stats, failures } = imageState();
  const seconds =
    stats.startedAt && stats.finishedAt ? ((stats.finishedAt - stats.startedAt) / 1000).toFixed(1) : '0.0';
  const lines = [
    `${stats.images} images (${stats.passthrough} passed through, ${failures.size} failed), ` +
      `${stats.downloads} downloads (${megabytes(stats.bytesDownloaded)}), ${stats.fromIndex} known from the last build, ` +
      `variants: ${stats.encoded} encoded, ${stats.reused} reused from cache, in ${seconds}s`,
  ];
  for (const failure of failures.values()) {
    const pages = [...failure.contexts];
    const where = pages.length
      ? ` on ${pages.slice(0, 3).join(', ')}${pages.length > 3 ? ` and ${pages.length - 3} more` : ''}`
      : '';
    lines.push(`fell back to the original URL: ${failure.url}${where} (${failure.reason})`);
  }
  return lines;
}
