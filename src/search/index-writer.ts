/** Writes the search index file the build ships to the search function (layout: index-file.ts). */
import { F, FIELDS, INDEX_VERSION, type Header } from './index-file.ts';
import type { SearchRecord } from './records.ts';
import { words } from './tokens.ts';

export function serializeIndex(records: readonly SearchRecord[]): string {
  const lists = new Map<string, number[][]>();
  const fieldLength = new Uint32Array(records.length * F);
  const totals = new Array<number>(F).fill(0);
  const withField = new Array<number>(F).fill(0);
  records.forEach((record, doc) => {
    const texts = [record.title, record.headings.join('\n'), record.description, record.body];
    texts.forEach((text, field) => {
      const tokens = words(text);
      fieldLength[doc * F + field] = tokens.length;
      totals[field] = (totals[field] ?? 0) + tokens.length;
      if (tokens.length > 0) withField[field] = (withField[field] ?? 0) + 1;
      const tf = new Map<string, number>();
      for (const token of tokens) tf.set(token, (tf.get(token) ?? 0) + 1);
      for (const [term, count] of tf) {
        let perField = lists.get(term);
        if (!perField) lists.set(term, (perField = Array.from({ length: F }, () => [])));
        perField[field]?.push(doc, count);
      }
    });
  });

  const terms = [...lists.keys()].sort();
  const offsets = new Uint32Array(terms.length * F + 1);
  const bytes: number[] = [];
  terms.forEach((term, id) => {
    const perField = lists.get(term) ?? [];
    for (let field = 0; field < F; field++) {
      offsets[id * F + field] = bytes.length;
      const list = perField[field] ?? [];
      let previous = 0;
      for (let i = 0; i < list.length; i += 2) {
        const doc = list[i] as number;
        writeVarint(bytes, doc - previous);
        writeVarint(bytes, list[i + 1] as number);
        previous = doc;
      }
    }
  });
  offsets[terms.length * F] = bytes.length;

  const textParts: string[] = [];
  const textOffsets = new Uint32Array(records.length * 2 + 1);
  let position = 0;
  records.forEach((record, doc) => {
    for (const [slot, text] of [record.description, record.body].entries()) {
      textOffsets[doc * 2 + slot] = position;
      textParts.push(text);
      position += text.length;
    }
  });
  textOffsets[records.length * 2] = position;

  const header: Header = {
    version: INDEX_VERSION,
    fields: FIELDS,
    titles: records.map((r) => r.title),
    urls: records.map((r) => r.url),
    types: records.map((r) => r.type),
    dates: records.map((r) => r.date),
    fieldLength: base64(fieldLength),
    // Over the pages that have the field, as Lucene does: most pages have no headings, and averaging over
    // all of them would make every page that has some look long.
    avgFieldLength: totals.map((total, field) => (withField[field] ? total / (withField[field] as number) : 0)),
    terms,
    postingOffsets: base64(offsets),
    postings: Buffer.from(bytes).toString('base64'),
    textOffsets: base64(textOffsets),
  };
  // JSON.stringify escapes line breaks inside strings, so the first newline ends the header.
  return `${JSON.stringify(header)}\n${textParts.join('')}`;
}

function writeVarint(out: number[], value: number): void {
  let v = value;
  while (v >= 0x80) {
    out.push((v & 0x7f) | 0x80);
    v = Math.floor(v / 128);
  }
  out.push(v);
}

function base64(array: Uint32Array): string {
  return Buffer.from(array.buffer, array.byteOffset, array.byteLength).toString('base64');
}
