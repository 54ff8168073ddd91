import type { RenderContext } from '../../render/context.ts';
import type { Block } from '../../wagtail/schema.ts';

/** The props of every block component: the block as grapple sent it, and the page it renders into. */
export type BlockProps = { block: Block; ctx: RenderContext };

/** An Astro component rendering one block. */
export type BlockComponent = (props: BlockProps) => unknown;
