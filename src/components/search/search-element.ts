/**
 * `<site-search>`: the results of the /search/ page. A static page cannot answer a query, so this reads
 * `?q=&type=&page=` from the address, asks /api/search and renders the results, a type filter and page
 * links, keeping the address in step (new query or page: a history entry; filter: replaced in place).
 * Keys: ↓ from the search box or a result moves to the next result, ↑ to the previous one (or back to
 * the box), Escape back to the box; Enter follows the focused link as usual.
 */
import { SEARCH_PAGE_SIZE } from './limits.ts';
import { queryFromParams, queryParams, search, type SearchAnswer, type SearchOutcome, type SearchQuery } from './search-api.ts';
import { typeLabel } from './type-label.ts';

/** Below this a search shows no "Searching…", which would only flicker. */
const SLOW_MS = 400;

function must<T extends Element>(root: ParentNode, selector: string): T {
  const element = root.querySelector<T>(selector);
  if (!element) throw new Error(`<site-search> needs an element matching ${selector}`);
  return element;
}

/** A result's link: same-origin paths stay relative; anything but http(s) is dropped. */
function safeHref(url: string): string | null {
  try {
    const parsed = new URL(url, location.href);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
    return parsed.origin === location.origin ? `${parsed.pathname}${parsed.search}${parsed.hash}` : parsed.href;
  } catch {
    return null;
  }
}

class SiteSearch extends HTMLElement {
  #numbers = new Intl.NumberFormat(document.documentElement.lang || navigator.language);
  #controller: AbortController | null = null;
  #query: SearchQuery = { q: '', type: '', page: 1 };

  #form!: HTMLFormElement;
  #input!: HTMLInputElement;
  #filter!: HTMLFieldSetElement;
  #options!: HTMLElement;
  #status!: HTMLElement;
  #hint!: HTMLElement;
  #results!: HTMLOListElement;
  #pages!: HTMLElement;

  connectedCallback(): void {
    if (this.#form) return;
    this.#form = must(this, 'form');
    this.#input = must(this.#form, 'input[name="q"]');
    this.#filter = must(this, '[data-filter]');
    this.#options = must(this, '[data-filter-options]');
    this.#status = must(this, '[data-status]');
    this.#hint = must(this, '[data-hint]');
    this.#results = must(this, '[data-results]');
    this.#pages = must(this, '[data-pages]');

    this.#form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.#go({ q: this.#input.value.trim(), type: this.#query.type, page: 1 }, 'push');
    });
    this.#filter.addEventListener('change', (event) => {
      if (event.target instanceof HTMLInputElement && event.target.name === 'type') {
        this.#go({ ...this.#query, type: event.target.value, page: 1 }, 'replace');
      }
    });
    this.#pages.addEventListener('click', (event) => {
      const link = event.target instanceof Element ? event.target.closest<HTMLAnchorElement>('a[data-page]') : null;
      if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      this.#go({ ...this.#query, page: Number(link.dataset.page) }, 'push', true);
    });
    this.addEventListener('keydown', (event) => this.#onKey(event));
    window.addEventListener('popstate', () => this.#fromLocation());
    this.#fromLocation();
  }

  #fromLocation(): void {
    const query = queryFromParams(new URLSearchParams(location.search));
    // Following an in-page link (the skip link) also fires popstate: nothing to search again then.
    if (this.#controller && queryParams(query).toString() === queryParams(this.#query).toString()) return;
    this.#input.value = query.q;
    void this.#run(query, false);
  }

  #go(query: SearchQuery, mode: 'push' | 'replace', focusResults = false): void {
    const url = `${location.pathname}?${queryParams(query)}`;
    if (mode === 'push') history.pushState(null, '', url);
    else history.replaceState(history.state, '', url);
    void this.#run(query, focusResults);
  }

  async #run(query: SearchQuery, focusResults: boolean): Promise<void> {
    this.#query = query;
    this.#controller?.abort();
    if (!query.q) {
      this.#clear();
      return;
    }
    const controller = new AbortController();
    this.#controller = controller;
    this.#results.setAttribute('aria-busy', 'true');
    const slow = setTimeout(() => (this.#status.textContent = 'Searching…'), SLOW_MS);
    let outcome: SearchOutcome;
    try {
      outcome = await search(this.dataset.endpoint ?? '/api/search', query, controller.signal);
    } catch {
      return; // Aborted: a newer query owns the page now.
    } finally {
      clearTimeout(slow);
    }
    if (controller.signal.aborted) return;
    this.#results.removeAttribute('aria-busy');
    if (outcome.kind === 'ok') {
      this.#render(query, outcome.answer);
      if (focusResults) this.#links()[0]?.focus();
    } else {
      this.#clear();
      this.#status.textContent =
        outcome.kind === 'refused'
          ? (outcome.error ?? 'Enter fewer words and try again.')
          : 'Search is not available right now. Please try again in a few minutes.';
    }
  }

  #clear(): void {
    this.#results.replaceChildren();
    this.#pages.hidden = true;
    this.#filter.hidden = true;
    this.#hint.hidden = true;
    this.#status.textContent = '';
  }

  #render(query: SearchQuery, answer: SearchAnswer): void {
    const items = answer.results.map((result) => {
      const item = document.createElement('li');
      item.className = 'search-result';
      const title = document.createElement('h2');
      title.className = 'search-result-title';
      const href = safeHref(result.url);
      const link = document.createElement(href ? 'a' : 'span');
      if (link instanceof HTMLAnchorElement && href) {
        link.href = href;
        link.dataset.result = '';
      }
      link.textContent = result.title;
      title.append(link);
      const type = document.createElement('p');
      type.className = 'search-result-type';
      type.textContent = typeLabel(result.type);
      item.append(title, type);
      if (result.snippet) {
        const snippet = document.createElement('p');
        snippet.className = 'search-result-snippet';
        // Escaped by the search function, which adds only <mark>.
        snippet.innerHTML = result.snippet;
        item.append(snippet);
      }
      return item;
    });
    this.#results.replaceChildren(...items);
    this.#renderFilter(query, answer);
    this.#renderPages(query, answer);
    this.#hint.hidden = items.length < 2;
    this.#status.textContent = this.#summary(query, answer);
  }

  #summary(query: SearchQuery, answer: SearchAnswer): string {
    const quoted = `“${query.q}”`;
    const within = query.type ? ` in ${typeLabel(query.type)}` : '';
    if (answer.total === 0) return `No results for ${quoted}${within}.`;
    const count = `${this.#numbers.format(answer.total)} ${answer.total === 1 ? 'result' : 'results'} for ${quoted}${within}`;
    const pageCount = this.#pageCount(answer);
    if (pageCount <= 1) return `${count}.`;
    return `${count}, page ${this.#numbers.format(query.page)} of ${this.#numbers.format(pageCount)}.`;
  }

  #pageCount(answer: SearchAnswer): number {
    // Trust a longer page than expected over the constant, should the function page by more.
    const size = Math.max(SEARCH_PAGE_SIZE, this.#query.page === 1 ? answer.results.length : 0);
    return Math.ceil(answer.total / size);
  }

  #renderFilter(query: SearchQuery, answer: SearchAnswer): void {
    const types = Object.entries(answer.types)
      .filter(([, count]) => count > 0)
      .sort(([a, x], [b, y]) => y - x || typeLabel(a).localeCompare(typeLabel(b)));
    // The chosen type stays on the list even when this query found none of it, so it can be unchosen.
    if (query.type && !types.some(([type]) => type === query.type)) types.push([query.type, 0]);
    const all = types.reduce((sum, [, count]) => sum + count, 0);
    const options: [string, string, number][] = [['', 'All types', all], ...types.map(([type, count]): [string, string, number] => [type, typeLabel(type), count])];
    this.#options.replaceChildren(
      ...options.map(([value, label, count]) => {
        const option = document.createElement('label');
        option.className = 'search-filter-option';
        const radio = document.createElement('input');
        radio.type = 'radio';
        radio.name = 'type';
        radio.value = value;
        radio.checked = value === query.type;
        const text = document.createElement('span');
        text.textContent = `${label} `;
        const number = document.createElement('span');
        number.className = 'search-filter-count';
        number.textContent = `(${this.#numbers.format(count)})`;
        text.append(number);
        option.append(radio, text);
        return option;
      }),
    );
    this.#filter.hidden = types.length < 2 && !query.type;
  }

  #renderPages(query: SearchQuery, answer: SearchAnswer): void {
    const pageCount = this.#pageCount(answer);
    const list = must<HTMLUListElement>(this.#pages, 'ul');
    this.#pages.hidden = pageCount <= 1;
    if (pageCount <= 1) {
      list.replaceChildren();
      return;
    }
    const current = query.page;
    const link = (page: number, text: string, rel?: string) => {
      const item = document.createElement('li');
      const a = document.createElement('a');
      a.href = `${location.pathname}?${queryParams({ ...query, page })}`;
      a.dataset.page = String(page);
      a.textContent = text;
      if (rel) a.rel = rel;
      if (text !== 'Previous' && text !== 'Next') a.setAttribute('aria-label', `Page ${page}`);
      item.append(a);
      return item;
    };
    // As src/components/Pagination.astro: first, last, two either side of the current page.
    const shown = [...new Set([1, current - 2, current - 1, current, current + 1, current + 2, pageCount])]
      .filter((n) => n >= 1 && n <= pageCount)
      .sort((a, b) => a - b);
    const items: HTMLLIElement[] = [];
    if (current > 1) items.push(link(current - 1, 'Previous', 'prev'));
    shown.forEach((n, i) => {
      const previous = shown[i - 1];
      if (previous !== undefined && n - previous > 1) {
        const gap = document.createElement('li');
        gap.setAttribute('aria-hidden', 'true');
        gap.textContent = '…';
        items.push(gap);
      }
      if (n === current) {
        const item = document.createElement('li');
        const here = document.createElement('span');
        here.setAttribute('aria-current', 'page');
        here.textContent = `Page ${n}`;
        item.append(here);
        items.push(item);
      } else {
        items.push(link(n, String(n)));
      }
    });
    if (current < pageCount) items.push(link(current + 1, 'Next', 'next'));
    list.replaceChildren(...items);
  }

  #links(): HTMLAnchorElement[] {
    return [...this.#results.querySelectorAll<HTMLAnchorElement>('a[data-result]')];
  }

  #onKey(event: KeyboardEvent): void {
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    const links = this.#links();
    if (links.length === 0) return;
    const target = event.target;
    if (target === this.#input) {
      if (event.key === 'ArrowDown') {
        event.preventDefault();
        links[0]?.focus();
      }
      return;
    }
    const index = links.indexOf(target as HTMLAnchorElement);
    if (index === -1) return;
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      links[Math.min(index + 1, links.length - 1)]?.focus();
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      (index === 0 ? this.#input : links[index - 1])?.focus();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      this.#input.focus();
      this.#input.select();
    }
  }
}

if (!customElements.get('site-search')) customElements.define('site-search', SiteSearch);
