/**
 * Generates the small, valid PDFs the demo's documents download as (`/documents/<id>/<file>.pdf`): one
 * A4 page of text per 40 lines, Helvetica, correct cross-reference table so any PDF reader opens them.
 */
import type { DocumentRecord } from '../content/types.ts';

function pdfString(text: string): string {
  // Latin-1 only (the built-in fonts' encoding); anything else becomes '?'.
  const latin1 = [...text].map((ch) => (ch.charCodeAt(0) < 256 ? ch : '?')).join('');
  return `(${latin1.replace(/\\/g, '\\\\').replace(/\(/g, '\\(').replace(/\)/g, '\\)')})`;
}

const rendered = new WeakMap<DocumentRecord, Buffer>();

/** The document's PDF, rendered once: `fileSize`/`fileHash` must describe the bytes that are served. */
export function documentPdf(doc: DocumentRecord): Buffer {
  let pdf = rendered.get(doc);
  if (!pdf) {
    pdf = renderPdf(doc);
    rendered.set(doc, pdf);
  }
  return pdf;
}

function renderPdf(doc: DocumentRecord): Buffer {
  const lines = [doc.title, '', ...doc.lines];
  const pages: string[][] = [];
  for (let i = 0; i < lines.length; i += 40) pages.push(lines.slice(i, i + 40));

  const objects: string[] = [];
  // 1: catalog, 2: pages, 3: font, then per page: page object + content stream.
  const pageIds = pages.map((_, i) => 4 + i * 2);
  objects[1] = '<< /Type /Catalog /Pages 2 0 R >>';
  objects[2] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pages.length} >>`;
  objects[3] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>';
  pages.forEach((pageLines, i) => {
    const pageId = 4 + i * 2;
    const contentId = pageId + 1;
    const ops = ['BT', '/F1 11 Tf', '14 TL', '56 780 Td'];
    pageLines.forEach((line, n) => {
      if (n === 0 && i === 0) ops.push('/F1 16 Tf', `${pdfString(line)} Tj`, 'T*', '/F1 11 Tf');
      else ops.push(`${pdfString(line)} Tj`, 'T*');
    });
    ops.push('ET');
    const stream = ops.join('\n');
    objects[pageId] =
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents ${contentId} 0 R >>`;
    objects[contentId] = `<< /Length ${Buffer.byteLength(stream, 'latin1')} >>\nstream\n${stream}\nendstream`;
  });

  let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  for (let id = 1; id < objects.length; id++) {
    offsets[id] = Buffer.byteLength(out, 'latin1');
    out += `${id} 0 obj\n${objects[id]}\nendobj\n`;
  }
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length}\n0000000000 65535 f \n`;
  for (let id = 1; id < objects.length; id++) out += `${String(offsets[id]).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** Relative URL, as Wagtail serves documents: `/documents/<id>/<file>.pdf`. */
export function documentPath(doc: DocumentRecord): string {
  return `/documents/${doc.id}/${doc.basename}.pdf`;
}
