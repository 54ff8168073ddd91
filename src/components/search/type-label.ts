/**
 * A page type's name for people: `journal.ArticlePage` → "Article page", `faq.FAQPage` → "FAQ page".
 * Generic on purpose: the search index holds whatever `app.Model` names the CMS has.
 */
export function typeLabel(contentType: string): string {
  const model = contentType.slice(contentType.lastIndexOf('.') + 1);
  // Acronyms stay whole (FAQPage → FAQ, Page); other words split at each capital or digit run.
  const words = model.match(/[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+/g);
  if (!words) return contentType;
  return words
    .map((word, i) => (word === word.toUpperCase() ? word : i === 0 ? word[0]!.toUpperCase() + word.slice(1) : word.toLowerCase()))
    .join(' ');
}
