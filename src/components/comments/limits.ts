/**
 * Limits of a comment, shared by the form (HTML constraints and messages) and the comments function, so
 * the browser refuses exactly what the server would. Lengths count UTF-16 code units, as the HTML
 * `maxlength` attribute and `String.prototype.length` both do; name and body are measured trimmed.
 */

export const COMMENT_NAME_MAX = 80;
export const COMMENT_EMAIL_MAX = 254;
export const COMMENT_BODY_MAX = 5000;

/**
 * The HTML standard's "valid e-mail address" (what `<input type="email">` accepts), so an address the
 * form lets through is never refused by the server, and the other way round.
 */
export const COMMENT_EMAIL_PATTERN =
  /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;
