/**
 * How to render a block no component is registered for: its children if it has any (custom struct and
 * stream blocks), its items (list-like blocks), its own typed fields, or, when it carries nothing we can
 * show, nothing at all (UnknownBlock). A fallback never fails the build (ARCHITECTURE §4).
 */
import type { Block } from '../wagtail/schema.ts';
import { children, contentEntries, items } from './block-values.ts';

export type FallbackPlan =
  | { kind: 'children'; blocks: Block[] }
  | { kind: 'items'; items: Block[] }
  | { kind: 'fields'; entries: [string, unknown][] }
  | { kind: 'nothing' };

export function planFallback(block: Block): FallbackPlan {
  // grapple sends a custom struct's children in `blocks` AND as typed fields (HeadingBlock has both
  // `blocks` and `headingText`): the children carry every field with its block type, so prefer them.
  const childBlocks = children(block);
  if (childBlocks.length > 0) return { kind: 'children', blocks: childBlocks };
  const listItems = items(block);
  if (listItems.length > 0) return { kind: 'items', items: listItems };
  const entries = contentEntries(block);
  if (entries.length > 0) return { kind: 'fields', entries };
  return { kind: 'nothing' };
}
