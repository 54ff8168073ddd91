/** Escaping for text we write into XML/HTML by hand (feeds, sitemaps, HTML comments). */

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/**
 * Escapes text for XML element content and attribute values, and drops the control characters XML 1.0
 * forbids outright (a stray U+0008 pasted into a CMS title would otherwise make the whole feed invalid).
 */
export function escapeXml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/[&<>"']/g, (c) => XML_ESCAPES[c] ?? c);
}

/** Text safe inside `<!-- ... -->`: no `--`, no `>` that could end the comment early. */
export function commentText(text: string): string {
  return text.replace(/-{2,}/g, '-').replace(/[<>]/g, '');
}
