/**
 * Comment text against hostile input: whatever a visitor types, the HTML we render holds only text,
 * `<br>` and `http(s)` links marked `nofollow ugc`, and the cleaning removes characters that deceive.
 */
import { parseFragment } from 'parse5';
import { describe, expect, it } from 'vitest';
import { cleanLine, cleanText, countLinks, renderCommentHtml } from '../../functions/_shared/comments/text.ts';
import { validateSubmission } from '../../functions/_shared/comments/validate.ts';
import { HttpError } from '../../functions/_shared/http.ts';

const HOSTILE = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg onload=alert(1)>',
  "'><a href=javascript:alert(1)>x</a>",
  'javascript:alert(document.cookie)',
  'JaVaScRiPt:alert(1) and data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
  'https://example.org/"onmouseover="alert(1)',
  "https://example.org/'><script>alert(1)</script>",
  'https://example.org/<b>bold</b>',
  '<a href="https://example.org" onclick="alert(1)">click</a>',
  '&lt;script&gt;alert(1)&lt;/script&gt;',
  '<!-- comment --><style>body{display:none}</style>',
  '<iframe src="https://evil.example"></iframe>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '\u202Egnp.exe',
  'zero\u200Bwidth\uFEFF and\u0000null\u0007bell',
  'https://ex\u200Bample.org/path',
  '``onerror=alert(1)`` https://example.org/`onload`',
  'line one\r\nline two\rline three',
  'http://',
  'ftp://example.org vbscript:msgbox(1)',
];

interface Node {
  nodeName: string;
  attrs?: { name: string; value: string }[];
  childNodes?: Node[];
}

function elements(node: Node, out: Node[] = []): Node[] {
  for (const child of node.childNodes ?? []) {
    if (!child.nodeName.startsWith('#')) out.push(child);
    elements(child, out);
  }
  return out;
}

describe('renderCommentHtml', () => {
  it.each(HOSTILE)('renders %j inert', (input) => {
    const html = renderCommentHtml(cleanText(input));
    for (const el of elements(parseFragment(html) as Node)) {
      expect(['br', 'a']).toContain(el.nodeName);
      if (el.nodeName === 'a') {
        const attrs = Object.fromEntries((el.attrs ?? []).map((a) => [a.name, a.value]));
        expect(Object.keys(attrs).sort()).toEqual(['href', 'rel']);
        expect(attrs.href).toMatch(/^https?:\/\/[^\s"'<>`]+$/);
        expect(attrs.rel).toBe('nofollow ugc');
      }
    }
  });

  it('keeps what was typed readable: the escaped text shows exactly the input', () => {
    const input = '<b>5 > 3 & "quotes"</b>';
    expect(renderCommentHtml(input)).toBe('&lt;b&gt;5 &gt; 3 &amp; &quot;quotes&quot;&lt;/b&gt;');
  });

  it('links http(s) URLs, leaving sentence punctuation and unbalanced parens outside', () => {
    expect(renderCommentHtml('See https://example.org/a?b=1&c=2.')).toBe(
      'See <a href="https://example.org/a?b=1&amp;c=2" rel="nofollow ugc">https://example.org/a?b=1&amp;c=2</a>.',
    );
    expect(renderCommentHtml('(https://example.org/wiki/A_(b))')).toBe(
      '(<a href="https://example.org/wiki/A_(b)" rel="nofollow ugc">https://example.org/wiki/A_(b)</a>)',
    );
    expect(renderCommentHtml('javascript:alert(1)')).toBe('javascript:alert(1)');
  });

  it('turns line breaks into <br>', () => {
    expect(renderCommentHtml(cleanText('a\r\nb\n\n\n\nc'))).toBe('a<br>\nb<br>\n<br>\nc');
  });

  it('counts links', () => {
    expect(countLinks('https://a.example and http://b.example/x but not javascript:x')).toBe(2);
  });
});

describe('cleaning', () => {
  it('removes bidi overrides, zero-width and control characters, keeping joiners that scripts need', () => {
    expect(cleanLine('\u202Egnp.exe')).toBe('gnp.exe');
    expect(cleanText('zero\u200Bwidth\uFEFF and\u0000null\u0007bell')).toBe('zerowidth andnullbell');
    expect(cleanLine('Ali\u200Cce')).toBe('Ali\u200Cce');
    expect(cleanLine('👨\u200D👩\u200D👧')).toBe('👨\u200D👩\u200D👧');
  });

  it('normalizes to NFC, so the same name is stored the same way however it was typed', () => {
    expect(cleanLine('Jose\u0301')).toBe('José');
  });

  it('makes a name one line', () => {
    expect(cleanLine('  Ada\n\tLovelace  ')).toBe('Ada Lovelace');
  });
});

describe('validateSubmission', () => {
  function fieldsOf(input: Record<string, string>): Record<string, string> {
    try {
      validateSubmission(input);
      return {};
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      expect(error.status).toBe(400);
      return error.fields ?? {};
    }
  }

  it('accepts a good comment, without an email', () => {
    expect(validateSubmission({ page: '12', name: ' Ada ', body: ' Hello \n', website: '' })).toEqual({
      page: '12',
      name: 'Ada',
      email: null,
      body: 'Hello',
    });
  });

  it('names each field at fault', () => {
    expect(Object.keys(fieldsOf({ page: '../etc', name: 'x'.repeat(81), email: 'a@b', body: 'x'.repeat(5001) })).sort()).toEqual([
      'body',
      'name',
      'page',
    ]);
    expect(Object.keys(fieldsOf({ page: '1', name: 'A', email: 'not an email', body: 'b' }))).toEqual(['email']);
    expect(Object.keys(fieldsOf({ page: '1', name: 'A', body: 'b', website: 'https://spam.example' }))).toEqual(['website']);
  });

  it('counts a name or body made only of invisible characters as empty', () => {
    expect(Object.keys(fieldsOf({ page: '1', name: '\u200B\u202E', body: '\uFEFF\u0000' })).sort()).toEqual(['body', 'name']);
  });
});
