import type { Field } from '../../wagtail/schema.ts';

/** Whether a field would render nothing: generic templates skip such fields, labels included. */
export function isEmptyField(f: Field): boolean {
  switch (f.kind) {
    case 'text':
    case 'number':
    case 'boolean':
    case 'datetime':
      return f.value === null || f.value === '';
    case 'richtext':
      return !f.html?.trim();
    case 'image':
      return !f.image;
    case 'page':
      return !f.page;
    case 'stream':
      return f.blocks.length === 0;
    case 'list':
      return f.items.every(isEmptyField);
    case 'object':
      return !f.fields || Object.entries(f.fields).every(([k, v]) => k === 'id' || isEmptyField(v));
    case 'json':
      return f.value === null || f.value === undefined;
  }
}
