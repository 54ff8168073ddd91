/**
 * One comment as the moderation page shows it, built with DOM APIs: every value from the API goes in as
 * text, except `html`, which the comments function renders escaped (text, `<br>` and links only).
 */
export interface ModeratedView {
  id: string;
  page: string;
  pageUrl: string | null;
  pageTitle: string | null;
  name: string;
  email: string | null;
  createdAt: string;
  html: string;
  status: 'pending' | 'approved';
  heldBecause: string | null;
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (text !== undefined) el.textContent = text;
  if (className) el.className = className;
  return el;
}

function button(action: string, label: string): HTMLButtonElement {
  const b = element('button', label);
  b.type = 'button';
  b.dataset.action = action;
  return b;
}

export function renderModeratedComment(comment: ModeratedView): HTMLLIElement {
  const item = element('li', undefined, 'moderated-comment card');
  item.dataset.comment = '';
  item.dataset.page = comment.page;
  item.dataset.id = comment.id;

  const meta = element('p', undefined, 'moderated-meta');
  meta.append(element('strong', comment.name));
  if (comment.email) meta.append(' ', element('span', `<${comment.email}>`));
  const time = element('time', new Date(comment.createdAt).toLocaleString(document.documentElement.lang || undefined));
  time.dateTime = comment.createdAt;
  meta.append(' · ', time, ' · on ');
  if (comment.pageUrl) {
    const link = element('a', comment.pageTitle ?? comment.pageUrl);
    link.href = comment.pageUrl;
    meta.append(link);
  } else {
    meta.append(`page ${comment.page} (no longer on the site)`);
  }
  item.append(meta);
  if (comment.heldBecause) item.append(element('p', `Held because it ${comment.heldBecause}.`, 'moderated-held'));

  const body = element('div', undefined, 'moderated-body');
  body.innerHTML = comment.html;
  item.append(body);

  const actions = element('p', undefined, 'moderated-actions');
  if (comment.status === 'pending') actions.append(button('approve', 'Approve'), ' ', button('reject', 'Reject'));
  else actions.append(button('delete', 'Delete'));
  item.append(actions);
  return item;
}
