/**
 * What a visitor is told after posting the form without JavaScript (or before the island loaded): the
 * comments function answers with a 303 back to the page, `?comment=<outcome>#comment-<outcome>`.
 */
export const RETURN_NOTICES: Record<'pending' | 'approved' | 'error', { text: string; tone: 'success' | 'error' }> = {
  pending: { text: 'Thank you. Your comment is awaiting moderation.', tone: 'success' },
  approved: { text: 'Thank you. Your comment has been published.', tone: 'success' },
  error: { text: 'Sorry, your comment could not be posted. Please try again.', tone: 'error' },
};
