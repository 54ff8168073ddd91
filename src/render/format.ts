/**
 * Human formats for dates, times and numbers. Deterministic on purpose: a build must not depend on the
 * machine's locale or time zone, so values are shown as the CMS wrote them (wall-clock time included).
 */

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?/;
const TIME = /^(\d{2}):(\d{2})(?::(\d{2}))?/;

/** `2024-05-01` → `1 May 2024` (en-GB style depends on `lang`); null when the value is not a date. */
export function formatDate(value: string | null | undefined, lang: string): string | null {
  const parts = value ? DATE_TIME.exec(value) : null;
  if (!parts) return null;
  const [, y, m, d] = parts;
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  if (Number.isNaN(date.getTime())) return null;
  return new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}

/** A date-time as its wall-clock value in the CMS's own offset: `1 May 2024, 18:30`. */
export function formatDateTime(value: string | null | undefined, lang: string): string | null {
  const parts = value ? DATE_TIME.exec(value) : null;
  if (!parts) return null;
  const [, y, m, d, hh, mm] = parts;
  if (hh === undefined) return formatDate(value, lang);
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d), Number(hh), Number(mm)));
  if (Number.isNaN(date.getTime())) return null;
  return new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(date);
}

export function formatTime(value: string | null | undefined, lang: string): string | null {
  const parts = value ? TIME.exec(value) : null;
  if (!parts) return null;
  const date = new Date(Date.UTC(1970, 0, 1, Number(parts[1]), Number(parts[2])));
  if (Number.isNaN(date.getTime())) return null;
  return new Intl.DateTimeFormat(lang, { timeStyle: 'short', timeZone: 'UTC' }).format(date);
}

export function formatNumber(value: number, lang: string): string {
  // 'min2': no separator in 4-digit numbers, which are mostly years and elevations (1990, 2341 m).
  return new Intl.NumberFormat(lang, { maximumFractionDigits: 6, useGrouping: 'min2' }).format(value);
}

/** A measurement with its unit, localized: `2,341 m`, `12.5 km`, `5.5 hr`. */
export function formatUnit(value: number, unit: 'meter' | 'kilometer' | 'hour' | 'minute', lang: string): string {
  return new Intl.NumberFormat(lang, { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: 1, useGrouping: 'min2' }).format(value);
}

/** `1 – 14 June 2025`-style range; either end may be missing. */
export function formatDateRange(from: string | null, until: string | null, lang: string): string | null {
  const a = formatDate(from, lang);
  const b = formatDate(until, lang);
  if (a && b) return a === b ? a : `${a} – ${b}`;
  return a ?? b;
}
