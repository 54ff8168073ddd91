/** The site's Content-Security-Policy, from what the built pages actually load. */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { collectSources, emptySources, formatCsp } from '../../src/render/csp.ts';

describe('collectSources and formatCsp', () => {
  it('allows the origins pages load from, and inline scripts by hash, and nothing else', () => {
    const sources = emptySources();
    collectSources(
      `<img src="/_img/a.webp" srcset="https://cdn.example/a-320.jpg 320w, /_img/a-640.jpg 640w">
       <iframe src="https://www.youtube-nocookie.com/embed/x"></iframe>
       <script type="module" src="/_astro/a.js"></script>
       <script type="module">console.log(1)</script>
       <script type="application/ld+json">{"@type":"Article"}</script>
       <form action="/api/comments" method="post"></form>`,
      sources,
    );
    collectSources('<iframe src="http://127.0.0.1:4390/embeds/1/"></iframe>', sources);
    const policy = formatCsp(sources);
    const hash = createHash('sha256').update('console.log(1)').digest('base64');
    expect(policy).toContain(`script-src 'self' 'sha256-${hash}'`);
    expect(policy).toContain("img-src 'self' data: https://cdn.example");
    expect(policy).toContain('frame-src http://127.0.0.1:4390 https://www.youtube-nocookie.com');
    expect(policy).toContain("form-action 'self'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).not.toMatch(/ld\+json|Article/);
  });

  it('forbids frames when no page embeds anything', () => {
    expect(formatCsp(emptySources())).toContain("frame-src 'none'");
  });
});
