/**
 * Words as the index and the queries see them: lowercased, accents folded (so "hutte" finds "Hütte"),
 * split on anything that is neither a letter nor a digit. The build, the query and the snippet marker must
 * cut text the same way, so all three use this file.
 */

const WORD = /[\p{L}\p{N}]+/gu;
const MARKS = /\p{M}/gu;

/** The index form of one word. */
export function normalizeWord(word: string): string {
  return word.normalize('NFKD').replace(MARKS, '').toLowerCase();
}

/** The words of a text, in index form. */
export function words(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(WORD)) out.push(normalizeWord(m[0]));
  return out;
}

/** Every word of a text with where it stands, for marking matches in the original text. */
export function wordSpans(text: string): { word: string; start: number; end: number }[] {
  const out: { word: string; start: number; end: number }[] = [];
  for (const m of text.matchAll(WORD)) out.push({ word: normalizeWord(m[0]), start: m.index, end: m.index + m[0].length });
  return out;
}
