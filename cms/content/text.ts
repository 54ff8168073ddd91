/** Small text helpers shared by the content generators and the schema. */

/** grapple's DateTime format: Django's `isoformat()` of an aware datetime, with microseconds. */
export function isoTimestamp(date: Date): string {
  const iso = date.toISOString(); // 2024-03-01T09:12:44.120Z
  return `${iso.slice(0, 19)}.${iso.slice(20, 23)}000+00:00`;
}

/** Django's `slugify`: ASCII letters, digits and hyphens. */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9\s-]/g, '')
    .trim()
    .replace(/[\s-]+/g, '-');
}

/**
 * Python's `repr()` of a JSON-like value: what `str(value)` gives for a dict in grapple's
 * `StreamFieldBlock.value`, and what its errors quote.
 */
export function pythonRepr(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  if (Array.isArray(value)) return `[${value.map(pythonRepr).join(', ')}]`;
  if (typeof value === 'object') {
    return `{${Object.entries(value)
      .map(([k, v]) => `${pythonRepr(k)}: ${pythonRepr(v)}`)
      .join(', ')}}`;
  }
  return String(value);
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
