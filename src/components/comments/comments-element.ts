/**
 * `<site-comments>`: enhances the server-rendered comments section of Comments.astro. Without it the form
 * still posts (the function redirects back with `?comment=…`); with it, comments load when the section
 * nears the viewport, the form validates before sending, and the server's answer is shown in place.
 */
import { fetchComments, postComment, type CommentField, type CommentsPage, type PostOutcome, type PublicComment } from './comments-api.ts';
import { COMMENT_BODY_MAX, COMMENT_EMAIL_MAX, COMMENT_EMAIL_PATTERN, COMMENT_NAME_MAX } from './limits.ts';
import { RETURN_NOTICES } from './return-notices.ts';

type Control = HTMLInputElement | HTMLTextAreaElement;
type FormField = Exclude<CommentField, 'page'>;

const FIELDS: readonly FormField[] = ['name', 'email', 'body'];

const UNAVAILABLE =
  'Comments are not available right now, so your comment was not posted. Your text is still in the form: please try again in a few minutes.';

function must<T extends Element>(root: ParentNode, selector: string): T {
  const element = root.querySelector<T>(selector);
  if (!element) throw new Error(`<site-comments> needs an element matching ${selector}`);
  return element;
}

function countText(count: number, numbers: Intl.NumberFormat): string {
  if (count === 0) return 'No comments yet.';
  return `${numbers.format(count)} ${count === 1 ? 'comment' : 'comments'}`;
}

function waitText(seconds: number | null): string {
  if (seconds === null || seconds <= 0) return 'a little while';
  if (seconds < 90) return `${seconds} ${seconds === 1 ? 'second' : 'seconds'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minutes`;
}

/** The message for a field's current value, or '' when it is valid. Mirrors the server's rules (limits.ts). */
function problemOf(field: FormField, control: Control, lang: string): string {
  const value = control.value.trim();
  const max = (n: number) => new Intl.NumberFormat(lang).format(n);
  switch (field) {
    case 'name':
      if (value === '') return 'Enter your name.';
      if (value.length > COMMENT_NAME_MAX) return `Your name must be ${max(COMMENT_NAME_MAX)} characters or fewer.`;
      break;
    case 'email':
      if (value === '') return '';
      if (value.length > COMMENT_EMAIL_MAX) return `Your email address must be ${max(COMMENT_EMAIL_MAX)} characters or fewer.`;
      if (control.validity.typeMismatch || !COMMENT_EMAIL_PATTERN.test(value)) {
        return 'Enter an email address like name@example.com, or leave it empty.';
      }
      break;
    case 'body':
      if (value === '') return 'Write your comment.';
      if (value.length > COMMENT_BODY_MAX) return `Your comment must be ${max(COMMENT_BODY_MAX)} characters or fewer.`;
      break;
  }
  // Whatever else the browser's own constraints find (none today), in the browser's words.
  control.setCustomValidity('');
  return control.validity.valid ? '' : control.validationMessage;
}

class SiteComments extends HTMLElement {
  #lang = document.documentElement.lang || navigator.language;
  #dates = new Intl.DateTimeFormat(this.#lang, { dateStyle: 'long', timeStyle: 'short' });
  #numbers = new Intl.NumberFormat(this.#lang);
  #observer: IntersectionObserver | null = null;
  #loaded = false;
  #loading = false;
  #next: string | null = null;
  #count = 0;
  #shown = new Set<string>();
  /** The first comment this visitor posted here: older pages loaded later go before it. */
  #firstOwn: Element | null = null;
  #sending = false;
  #attempted = false;

  #list!: HTMLOListElement;
  #countLine!: HTMLElement;
  #listStatus!: HTMLElement;
  #more!: HTMLButtonElement;
  #form!: HTMLFormElement;
  #submit!: HTMLButtonElement;
  #formStatus!: HTMLElement;
  #formError!: HTMLElement;
  #notice!: HTMLElement;

  connectedCallback(): void {
    if (this.#form) return;
    this.#list = must(this, '[data-list]');
    this.#countLine = must(this, '[data-count]');
    this.#listStatus = must(this, '[data-list-status]');
    this.#more = must(this, '[data-more]');
    this.#form = must(this, 'form');
    this.#submit = must(this.#form, 'button[type="submit"]');
    this.#formStatus = must(this, '[data-form-status]');
    this.#formError = must(this, '[data-form-error]');
    this.#notice = must(this, '[data-notice]');

    // Our messages replace the browser's bubbles; without this script the browser's own checks still run.
    this.#form.noValidate = true;
    this.#form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.#send();
    });
    this.#form.addEventListener('input', (event) => this.#revalidate(event.target, false));
    this.#form.addEventListener('focusout', (event) => this.#revalidate(event.target, true));
    this.#more.addEventListener('click', () => void this.#loadMore());
    this.addEventListener('click', (event) => {
      if (event.target instanceof Element && event.target.closest('[data-retry]')) void (this.#loaded ? this.#loadMore() : this.#loadFirst());
    });

    this.#showReturnNotice();
    if ('IntersectionObserver' in window) {
      // Start a screen early, so the comments are usually there by the time the reader is.
      this.#observer = new IntersectionObserver((entries) => {
        if (entries.some((e) => e.isIntersecting)) {
          this.#observer?.disconnect();
          void this.#loadFirst();
        }
      }, { rootMargin: '0px 0px 100% 0px' });
      this.#observer.observe(this);
    } else {
      void this.#loadFirst();
    }
  }

  disconnectedCallback(): void {
    this.#observer?.disconnect();
  }

  get #endpoint(): string {
    return this.dataset.endpoint ?? '/api/comments';
  }

  get #pageId(): string {
    return this.dataset.page ?? '';
  }

  // ---- Reading ----

  async #loadFirst(): Promise<void> {
    if (this.#loaded || this.#loading) return;
    const url = new URL(this.#endpoint, location.href);
    url.searchParams.set('page', this.#pageId);
    this.#listStatus.textContent = 'Loading comments…';
    const page = await this.#fetch(url.href);
    if (!page) return;
    this.#loaded = true;
    this.#listStatus.textContent = '';
    this.#append(page);
    // A link to one comment (#comment-…) could not scroll to it before it existed.
    const target = location.hash.startsWith('#comment-') ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
    target?.focus();
  }

  async #loadMore(): Promise<void> {
    if (!this.#next || this.#loading) return;
    const before = this.#shown.size;
    this.#more.setAttribute('aria-disabled', 'true');
    const page = await this.#fetch(this.#next);
    this.#more.removeAttribute('aria-disabled');
    if (!page) return;
    const added = this.#append(page);
    this.#listStatus.textContent = `${this.#numbers.format(this.#shown.size - before)} more loaded.`;
    // The button goes away on the last page: keep the reader's place on the first new comment instead.
    if (!this.#next) added[0]?.focus();
  }

  async #fetch(url: string): Promise<CommentsPage | null> {
    this.#loading = true;
    try {
      return await fetchComments(url);
    } catch {
      this.#listStatus.replaceChildren(
        'The comments could not be loaded. ',
        Object.assign(document.createElement('button'), { type: 'button', className: 'link-button', textContent: 'Try again' }),
      );
      this.#listStatus.lastElementChild?.setAttribute('data-retry', '');
      return null;
    } finally {
      this.#loading = false;
    }
  }

  /** Adds a page of comments in order and returns their items (to move focus to). */
  #append(page: CommentsPage): HTMLElement[] {
    const added: HTMLElement[] = [];
    for (const comment of page.comments) {
      if (this.#shown.has(comment.id)) continue;
      const item = this.#item(comment);
      this.#list.insertBefore(item, this.#firstOwn);
      added.push(item);
    }
    this.#next = page.next;
    this.#more.hidden = page.next === null;
    this.#setCount(page.count);
    return added;
  }

  #item(comment: PublicComment): HTMLLIElement {
    this.#shown.add(comment.id);
    const item = document.createElement('li');
    item.className = 'comment';
    item.id = `comment-${comment.id.replace(/\s+/g, '-')}`;
    item.tabIndex = -1;
    const meta = document.createElement('p');
    meta.className = 'comment-meta';
    const author = document.createElement('span');
    author.className = 'comment-author';
    author.textContent = comment.name;
    meta.append(author);
    const created = new Date(comment.createdAt);
    if (!Number.isNaN(created.getTime())) {
      const time = document.createElement('time');
      time.dateTime = comment.createdAt;
      time.textContent = this.#dates.format(created);
      // The date is the comment's permalink, as on most comment threads.
      const link = document.createElement('a');
      link.className = 'comment-permalink';
      link.href = `${this.dataset.pageUrl ?? location.pathname}#${encodeURIComponent(item.id)}`;
      link.append(time);
      meta.append(' ', link);
    }
    const body = document.createElement('div');
    body.className = 'comment-body';
    // The server escapes the text and only adds <br> and links (see the comments function).
    body.innerHTML = comment.html;
    item.append(meta, body);
    return item;
  }

  #setCount(count: number): void {
    this.#count = Math.max(count, this.#shown.size);
    this.#countLine.textContent = countText(this.#count, this.#numbers);
  }

  // ---- Writing ----

  #control(field: FormField): Control {
    return must<Control>(this.#form, `[name="${field}"]`);
  }

  #setError(field: FormField, message: string): void {
    const control = this.#control(field);
    const error = must<HTMLElement>(this.#form, `[data-error-for="${field}"]`);
    error.textContent = message;
    control.setCustomValidity(message);
    const described = new Set((control.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean));
    if (message) {
      control.setAttribute('aria-invalid', 'true');
      described.add(error.id);
    } else {
      control.removeAttribute('aria-invalid');
      described.delete(error.id);
    }
    if (described.size > 0) control.setAttribute('aria-describedby', [...described].join(' '));
    else control.removeAttribute('aria-describedby');
  }

  /** Checks every field, shows each problem under its field and returns the fields in error. */
  #validate(): FormField[] {
    const invalid: FormField[] = [];
    for (const field of FIELDS) {
      const message = problemOf(field, this.#control(field), this.#lang);
      this.#setError(field, message);
      if (message) invalid.push(field);
    }
    return invalid;
  }

  /** While typing, only clears or updates a message already shown; on leaving a field, checks it once a submit was tried. */
  #revalidate(target: EventTarget | null, leaving: boolean): void {
    if (!(target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement)) return;
    const field = FIELDS.find((f) => f === target.name);
    if (!field) return;
    const shown = target.getAttribute('aria-invalid') === 'true';
    if (shown || (leaving && this.#attempted)) this.#setError(field, problemOf(field, target, this.#lang));
  }

  #focusFirst(fields: readonly CommentField[]): void {
    const first = FIELDS.find((f) => fields.includes(f));
    if (first) this.#control(first).focus();
  }

  async #send(): Promise<void> {
    if (this.#sending) return;
    this.#attempted = true;
    this.#formError.textContent = '';
    this.#formStatus.textContent = '';
    const invalid = this.#validate();
    if (invalid.length > 0) {
      this.#focusFirst(invalid);
      return;
    }
    const email = this.#control('email').value.trim();
    const website = this.#form.querySelector<HTMLInputElement>('[name="website"]')?.value ?? '';
    this.#setSending(true);
    const outcome = await postComment(this.#endpoint, {
      page: this.#pageId,
      name: this.#control('name').value.trim(),
      ...(email ? { email } : {}),
      body: this.#control('body').value.trim(),
      website,
    });
    this.#setSending(false);
    this.#show(outcome);
  }

  #setSending(sending: boolean): void {
    this.#sending = sending;
    // aria-disabled rather than disabled: a disabled button drops focus to <body> mid-post.
    if (sending) this.#submit.setAttribute('aria-disabled', 'true');
    else this.#submit.removeAttribute('aria-disabled');
    this.#form.setAttribute('aria-busy', String(sending));
    const label = this.#submit.dataset.label ?? this.#submit.textContent ?? '';
    this.#submit.dataset.label = label;
    this.#submit.textContent = sending ? (this.#submit.dataset.sendingLabel ?? 'Posting…') : label;
  }

  #show(outcome: PostOutcome): void {
    switch (outcome.kind) {
      case 'created': {
        this.#control('body').value = '';
        this.#attempted = false;
        if (outcome.status === 'approved') {
          const item = this.#item(outcome.comment);
          this.#list.append(item);
          this.#firstOwn ??= item;
          this.#setCount(this.#count + 1);
          this.#formStatus.textContent = 'Thank you. Your comment has been published.';
        } else {
          this.#formStatus.textContent = 'Thank you. Your comment is awaiting moderation.';
        }
        return;
      }
      case 'invalid': {
        const fields = FIELDS.filter((f) => outcome.fields[f]);
        for (const field of FIELDS) this.#setError(field, outcome.fields[field] ?? '');
        if (outcome.status === 413 && fields.length === 0) {
          this.#setError('body', outcome.error ?? `Your comment must be ${this.#numbers.format(COMMENT_BODY_MAX)} characters or fewer.`);
          fields.push('body');
        }
        const general = outcome.fields.page ?? (fields.length === 0 ? (outcome.error ?? 'Your comment could not be posted. Check it and try again.') : '');
        this.#formError.textContent = general;
        this.#focusFirst(fields);
        return;
      }
      case 'rate-limited':
        this.#formError.textContent = `You have posted several comments in a short time. Please wait ${waitText(outcome.retryAfterSeconds)} and try again; your text is still in the form.`;
        return;
      case 'refused':
        this.#formError.textContent = outcome.error ?? 'Your comment could not be posted.';
        return;
      case 'unavailable':
        this.#formError.textContent = UNAVAILABLE;
        return;
    }
  }

  /** A form post that beat the script comes back as `?comment=pending#comment-pending`: say so, then drop the parameter. */
  #showReturnNotice(): void {
    const params = new URLSearchParams(location.search);
    const outcome = params.get('comment');
    const notice = outcome === 'pending' || outcome === 'approved' || outcome === 'error' ? RETURN_NOTICES[outcome] : undefined;
    if (!notice) return;
    this.#notice.textContent = notice.text;
    this.#notice.dataset.tone = notice.tone;
    this.#notice.hidden = false;
    params.delete('comment');
    const query = params.toString();
    // Reloading or sharing the page must not show the notice again.
    history.replaceState(history.state, '', `${location.pathname}${query ? `?${query}` : ''}${location.hash}`);
  }
}

if (!customElements.get('site-comments')) customElements.define('site-comments', SiteComments);
