/**
 * Synthetic sites for tests and benchmarks: N pages and K images from a seed, same seed same site.
 *
 * The tree looks like a real site (home → sections → sub-sections → content pages); page types mix the
 * site model's types and every model field gets a plausible value of its kind, so the same generator serves
 * the demo model and the alt model. Bodies have a few blocks (heading, rich text with links to other live
 * pages, and on `imageShare` of pages image blocks). Generation is linear and cheap: 10,000 pages in well
 * under a second.
 */
import type { SceneSpec } from '../media/scenes.ts';
import type { FieldDef, PageTypeDef, SiteModel } from '../site/model.ts';
import type { SyntheticOptions } from '../options.ts';
import { ContentWriter } from './blocks.ts';
import { Random } from './random.ts';
import { isoTimestamp, slugify } from './text.ts';
import type { ValueContext } from './synthetic-values.ts';
import { MOUNTAIN, SHOP, defineLazy, fieldValue } from './synthetic-values.ts';
import type {
  DocumentRecord,
  EmbedRecord,
  ImageRecord,
  PageInput,
  SettingRecord,
  SiteContent,
  SnippetRecord,
  TagRecord,
} from './types.ts';

/** A handful of drawn sources shared by all synthetic images (fast first start, small cache). */
const SOURCES: Array<{ scene: Omit<SceneSpec, 'caption'>; width: number; height: number }> = [
  { scene: { kind: 'ridge', palette: 'dawn', seed: 9001 }, width: 2400, height: 1600 },
  { scene: { kind: 'lake', palette: 'noon', seed: 9002 }, width: 1600, height: 1067 },
  { scene: { kind: 'forest', palette: 'autumn', seed: 9003 }, width: 1200, height: 1600 },
  { scene: { kind: 'hut', palette: 'dusk', seed: 9004 }, width: 1000, height: 1000 },
  { scene: { kind: 'ridge', palette: 'mist', seed: 9005 }, width: 3000, height: 1000 },
  { scene: { kind: 'abstract', palette: 'noon', seed: 9006 }, width: 360, height: 240 },
];

function treeShape(total: number): { sections: number; subsections: number } {
  let sections = Math.max(1, Math.min(12, Math.round(Math.cbrt(total))));
  let subsections = Math.max(0, Math.min(25, Math.floor(Math.sqrt(total) / sections)));
  while (1 + sections + sections * subsections > total && subsections > 0) subsections--;
  while (1 + sections > total && sections > 1) sections--;
  return { sections, subsections };
}

export function syntheticContent(model: SiteModel, options: SyntheticOptions): SiteContent {
  const total = Math.max(2, Math.floor(options.pages));
  const seed = options.seed ?? 1;
  const rng = new Random(`synthetic:${model.key}:${seed}`);
  const writer = new ContentWriter(rng);
  const vocab = model.key === 'alt' ? SHOP : MOUNTAIN;
  const imageCount = Math.max(1, Math.floor(options.images ?? Math.min(500, Math.max(10, Math.round(total / 20)))));
  const imageShare = options.imageShare ?? 0.3;
  const broken = new Set(options.brokenImages ?? []);

  const images: ImageRecord[] = Array.from({ length: imageCount }, (_, i) => {
    const source = SOURCES[i % SOURCES.length] as (typeof SOURCES)[number];
    const title = `${rng.pick(vocab.adjectives)} ${rng.pick(vocab.nouns)} ${i + 1}`;
    return {
      id: i + 1,
      title,
      description: `${title}, photographed for the ${model.siteName} library`,
      basename: `synthetic-${i + 1}`,
      format: 'jpeg',
      width: source.width,
      height: source.height,
      createdAt: isoTimestamp(new Date(Date.UTC(2022, 0, 1) + i * 3_600_000)),
      collectionId: 1,
      tagIds: [],
      focalPoint: null,
      // Every image draws its own scene (seed and caption), so K images are K distinct sources, as on a real
      // site: a benchmark of the image stage must not be flattered by a content-addressed cache.
      scene: { ...source.scene, seed: source.scene.seed + i, caption: `${model.siteName} · ${i + 1}` },
      ...(broken.has(i + 1) ? { broken: true } : {}),
    };
  });

  const tags: TagRecord[] = vocab.nouns.slice(0, 12).map((noun, i) => ({ id: i + 1, name: noun.toLowerCase(), slug: slugify(noun) }));
  const snippets: SnippetRecord[] = [];
  let snippetId = 1;
  for (const def of model.snippets) {
    for (let i = 0; i < 8; i++) {
      const fields: Record<string, unknown> = {};
      for (const field of def.fields) {
        if (field.kind === 'id') continue;
        fields[field.name] =
          field.kind === 'image'
            ? rng.int(1, imageCount)
            : field.kind === 'string'
              ? field.name.toLowerCase().includes('name')
                ? `${rng.pick(['Alex', 'Sam', 'Robin', 'Kim', 'Jo', 'Noor', 'Eli', 'Mika'])} ${rng.pick(['Berg', 'Lind', 'Moss', 'Hale', 'Stone', 'Fell'])}`
                : field.name.toLowerCase().includes('website')
                  ? `https://${slugify(rng.pick(vocab.nouns))}.example`
                  : rng.pick(vocab.sentences)
              : null;
      }
      snippets.push({ id: snippetId++, type: def.name, fields });
    }
  }
  const snippetIds = (type: string) => snippets.filter((s) => s.type === type).map((s) => s.id);

  const documents: DocumentRecord[] = ['Annual report', 'Price list', 'Terms and conditions'].map((title, i) => ({
    id: i + 1,
    title,
    basename: slugify(title),
    createdAt: isoTimestamp(new Date(Date.UTC(2023, i, 10))),
    collectionId: 1,
    tagIds: [],
    lines: rng.sample(vocab.sentences, 4),
  }));
  const embeds: EmbedRecord[] = [
    { id: 1, title: `${model.siteName}: a short film`, author: model.siteName, posterImageId: 1, width: 640, height: 360 },
    { id: 2, title: 'Behind the scenes', author: model.siteName, posterImageId: Math.min(2, imageCount), width: 640, height: 360 },
  ];

  const pages: PageInput[] = [];
  const liveIds: number[] = [];
  let nextId = 2;
  let clock = Date.UTC(2022, 0, 3, 8, 0, 0);
  const timestamps = (): Pick<PageInput, 'firstPublishedAt' | 'lastPublishedAt'> => {
    clock += rng.int(1, 600) * 60_000;
    const first = new Date(clock);
    const last = new Date(clock + rng.int(0, 400) * 86_400_000 + rng.int(0, 999_999));
    return { firstPublishedAt: isoTimestamp(first), lastPublishedAt: isoTimestamp(last) };
  };
  const title = () => `${rng.pick(vocab.adjectives)} ${rng.pick(vocab.nouns)}`;
  const valueContext: ValueContext = {
    rng,
    writer,
    vocab,
    imageCount,
    documents: documents.length,
    liveIds,
    liveLimit: Number.MAX_SAFE_INTEGER,
    snippetIds,
    tags: tags.length,
  };

  // StreamFields and rich text are most of a site's bytes: they are generated on first access, each
  // from its own seed (page id, field), so startup stays fast and the result does not depend on the order
  // pages are read in. They link only to pages created before their page.
  const lazyContent = (fields: Record<string, unknown>, field: FieldDef, id: number, withImages: boolean) => {
    const liveLimit = liveIds.length;
    defineLazy(fields, field.name, () => {
      const own = new Random(`synthetic:${model.key}:${seed}:${id}:${field.name}`);
      return fieldValue(field, { ...valueContext, rng: own, writer: new ContentWriter(own), liveLimit }, withImages);
    });
  };

  const addPage = (type: PageTypeDef, parentId: number, pageTitle: string, inMenu: boolean, withImages: boolean): number => {
    const id = nextId++;
    const fields: Record<string, unknown> = {};
    for (const field of type.fields) {
      if (field.kind === 'stream' || field.kind === 'richtext') lazyContent(fields, field, id, withImages);
      else fields[field.name] = fieldValue(field, valueContext, withImages);
    }
    pages.push({
      id,
      type: type.name,
      parentId,
      title: pageTitle,
      slug: `${slugify(pageTitle)}-${id}`,
      showInMenus: inMenu,
      searchDescription: rng.chance(0.3) ? '' : rng.pick(vocab.sentences),
      ...timestamps(),
      fields,
    });
    liveIds.push(id);
    return id;
  };

  const types = pageTypeRoles(model);
  pages.push({ id: 1, type: 'Page', parentId: null, title: 'Root', slug: 'root' });
  const homeId = nextId++;
  pages.push({ id: homeId, type: types.home.name, parentId: 1, title: model.siteName, slug: 'home', ...timestamps(), fields: {} });
  liveIds.push(homeId);

  const { sections, subsections } = treeShape(total);
  const containers: Array<{ id: number; leafTypes: PageTypeDef[] }> = [];
  for (let s = 0; s < sections; s++) {
    const role = types.sections[s % types.sections.length] as SectionRole;
    const sectionTitle = `${vocab.sections[s % vocab.sections.length]}${s >= vocab.sections.length ? ` ${Math.floor(s / vocab.sections.length) + 1}` : ''}`;
    const sectionId = addPage(role.index, homeId, sectionTitle, true, false);
    if (subsections === 0) containers.push({ id: sectionId, leafTypes: role.leaves });
    for (let sub = 0; sub < subsections; sub++) {
      containers.push({ id: addPage(role.index, sectionId, title(), false, false), leafTypes: role.leaves });
    }
  }
  const leaves = total - pages.length + 1;
  for (let i = 0; i < leaves; i++) {
    const container = containers[i % containers.length] as (typeof containers)[number];
    addPage(rng.pick(container.leafTypes), container.id, title(), false, rng.chance(imageShare));
  }
  // The home page links to the sections and a few content pages, like a real home page.
  const home = pages[1] as PageInput;
  home.fields = Object.fromEntries(types.home.fields.map((f) => [f.name, fieldValue(f, valueContext, true)]));

  return {
    model,
    version: `synthetic-${model.key}-${String(seed)}-${total}-${imageCount}`,
    pages,
    images,
    documents,
    snippets,
    tags,
    embeds,
    collections: [{ id: 1, name: 'Root', path: '0001', depth: 1 }],
    sites: [{ id: 1, hostname: 'localhost', port: 80, siteName: model.siteName, rootPageId: homeId, isDefaultSite: true }],
    settings: model.settings.map((def, i): SettingRecord => ({
      type: def.name,
      siteId: def.scope === 'site' ? 1 : null,
      fields: Object.fromEntries(
        def.fields.map((f) => [f.name, f.kind === 'id' ? i + 1 : f.kind === 'richtext' ? writer.richText(rng.pick(vocab.sentences)) : rng.pick(vocab.sentences)]),
      ),
    })),
    redirects: [
      { id: 1, oldPath: '/old-home', isPermanent: true, redirectPageId: homeId, redirectLink: null, siteId: 1 },
      { id: 2, oldPath: '/archive', isPermanent: true, redirectPageId: liveIds[Math.min(2, liveIds.length - 1)] ?? homeId, redirectLink: null, siteId: null },
      { id: 3, oldPath: '/partner', isPermanent: false, redirectPageId: null, redirectLink: 'https://partner.example/', siteId: 1 },
    ],
  };
}

interface SectionRole {
  index: PageTypeDef;
  leaves: PageTypeDef[];
}

/** Which model types play home, section index and content roles. */
function pageTypeRoles(model: SiteModel): { home: PageTypeDef; sections: SectionRole[] } {
  const byName = (name: string) => {
    const type = model.pageTypes.find((t) => t.name === name);
    if (!type) throw new Error(`The ${model.key} model has no page type ${name}.`);
    return type;
  };
  const home = byName(model.homeType);
  if (model.key === 'alt') {
    return {
      home,
      sections: [
        { index: byName('CategoryPage'), leaves: [byName('ProductPage'), byName('ProductPage'), byName('ProductPage'), byName('InfoPage')] },
        { index: byName('NewsIndexPage'), leaves: [byName('NewsStory'), byName('NewsStory'), byName('InfoPage')] },
      ],
    };
  }
  const article = byName('ArticlePage');
  const standard = byName('StandardPage');
  return {
    home,
    sections: [
      { index: byName('SectionIndexPage'), leaves: [article, article, article, standard, byName('HutPage')] },
      { index: byName('SectionIndexPage'), leaves: [article, byName('RoutePage'), byName('EventPage'), standard] },
    ],
  };
}
