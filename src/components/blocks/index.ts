/**
 * The block registry: which component renders which block.
 *
 * Keyed by `__typename`, never by `blockType` (README §9: they can differ). Generic `StructBlock` and
 * `StreamBlock` blocks all share one GraphQL type, so for those only, a component may be registered by
 * the block's Python class (`blockType`) to give a custom struct a custom look.
 *
 * A type with no entry is rendered by a generic fallback (Block.astro), reported once per type at the
 * end of the build. To render a new block type your way: add a component here, no other change needed.
 */
import type { Block } from '../../wagtail/schema.ts';
import type { BlockComponent } from './types.ts';
import BlockQuoteBlock from './BlockQuoteBlock.astro';
import BooleanBlock from './BooleanBlock.astro';
import CaptionedImageBlock from './CaptionedImageBlock.astro';
import CharBlock from './CharBlock.astro';
import ChoiceBlock from './ChoiceBlock.astro';
import ColumnsBlock from './ColumnsBlock.astro';
import DateBlock from './DateBlock.astro';
import DateTimeBlock from './DateTimeBlock.astro';
import DocumentChooserBlock from './DocumentChooserBlock.astro';
import EmailBlock from './EmailBlock.astro';
import EmbedBlock from './EmbedBlock.astro';
import HeadingBlock from './HeadingBlock.astro';
import ImageChooserBlock from './ImageChooserBlock.astro';
import InfoPanelBlock from './InfoPanelBlock.astro';
import ListBlock from './ListBlock.astro';
import NumberBlock from './NumberBlock.astro';
import PageChooserBlock from './PageChooserBlock.astro';
import QuoteBlock from './QuoteBlock.astro';
import RawHTMLBlock from './RawHTMLBlock.astro';
import RichTextBlock from './RichTextBlock.astro';
import SnippetChooserBlock from './SnippetChooserBlock.astro';
import StaticBlock from './StaticBlock.astro';
import StreamBlock from './StreamBlock.astro';
import StreamFieldBlock from './StreamFieldBlock.astro';
import StructBlock from './StructBlock.astro';
import TextBlock from './TextBlock.astro';
import TimeBlock from './TimeBlock.astro';
import URLBlock from './URLBlock.astro';

interface Registry {
  byTypename: ReadonlyMap<string, BlockComponent>;
  byBlockType: ReadonlyMap<string, BlockComponent>;
}

// Built on first use, not at import: block components import Block.astro, which imports this module,
// and reading a component binding while that cycle is still being evaluated would throw.
let registry: Registry | undefined;

function build(): Registry {
  return {
    byTypename: new Map<string, BlockComponent>([
      // grapple's generic block types
      ['CharBlock', CharBlock],
      ['TextBlock', TextBlock],
      ['RegexBlock', CharBlock],
      ['URLBlock', URLBlock],
      ['EmailBlock', EmailBlock],
      ['IntegerBlock', NumberBlock],
      ['FloatBlock', NumberBlock],
      ['DecimalBlock', NumberBlock],
      ['DateBlock', DateBlock],
      ['TimeBlock', TimeBlock],
      ['DateTimeBlock', DateTimeBlock],
      ['BooleanBlock', BooleanBlock],
      ['ChoiceBlock', ChoiceBlock],
      ['PageChooserBlock', PageChooserBlock],
      ['DocumentChooserBlock', DocumentChooserBlock],
      ['ImageChooserBlock', ImageChooserBlock],
      ['ImageBlock', ImageChooserBlock],
      ['SnippetChooserBlock', SnippetChooserBlock],
      ['EmbedBlock', EmbedBlock],
      ['RichTextBlock', RichTextBlock],
      ['RawHTMLBlock', RawHTMLBlock],
      ['BlockQuoteBlock', BlockQuoteBlock],
      ['StaticBlock', StaticBlock],
      ['StructBlock', StructBlock],
      ['StreamBlock', StreamBlock],
      ['ListBlock', ListBlock],
      ['StreamFieldBlock', StreamFieldBlock],
      // this site's custom block types (registered with grapple under their own GraphQL type)
      ['HeadingBlock', HeadingBlock],
      ['CaptionedImageBlock', CaptionedImageBlock],
      ['QuoteBlock', QuoteBlock],
    ]),
    byBlockType: new Map<string, BlockComponent>([
      // this site's custom structs served as plain StructBlock/StreamBlock
      ['InfoPanelBlock', InfoPanelBlock],
      ['ColumnsBlock', ColumnsBlock],
    ]),
  };
}

/** Types whose `blockType` names the real block class, worth a second lookup. */
const GENERIC_CONTAINERS = new Set(['StructBlock', 'StreamBlock']);

/** The component registered for a block, or undefined to use a generic fallback. */
export function blockComponent(block: Pick<Block, '__typename' | 'blockType'>): BlockComponent | undefined {
  registry ??= build();
  if (GENERIC_CONTAINERS.has(block.__typename)) {
    const custom = registry.byBlockType.get(block.blockType);
    if (custom) return custom;
  }
  return registry.byTypename.get(block.__typename);
}

/** Whether a `__typename` has a component (for tests and tooling). */
export function hasBlockComponent(typename: string): boolean {
  registry ??= build();
  return registry.byTypename.has(typename);
}
