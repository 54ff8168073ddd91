/** The demo site's content, assembled: deterministic, the same rows on every start. */
import { demoModel } from '../site/demo-model.ts';
import { ContentWriter } from './blocks.ts';
import { demoDocuments, demoEmbeds, demoImages, demoSnippets, demoTags } from './demo-media.ts';
import { PAGE, demoPages } from './demo-pages.ts';
import { Random } from './random.ts';
import type { SiteContent } from './types.ts';

export function demoContent(): SiteContent {
  const writer = new ContentWriter(new Random('northridge-huts-and-trails'));
  return {
    model: demoModel,
    version: 'demo-1',
    pages: demoPages(writer),
    images: demoImages.map((image) => ({ ...image, tagIds: [...image.tagIds] })),
    documents: demoDocuments,
    snippets: demoSnippets.map((s) => ({ ...s, fields: { ...s.fields } })),
    tags: demoTags,
    embeds: demoEmbeds,
    collections: [
      { id: 1, name: 'Root', path: '0001', depth: 1 },
      { id: 2, name: 'Huts', path: '00010001', depth: 2 },
      { id: 3, name: 'Landscapes', path: '00010002', depth: 2 },
      { id: 4, name: 'Association', path: '00010003', depth: 2 },
      { id: 5, name: 'People and partners', path: '00010004', depth: 2 },
    ],
    sites: [{ id: 1, hostname: 'localhost', port: 80, siteName: demoModel.siteName, rootPageId: PAGE.home, isDefaultSite: true }],
    settings: [
      {
        type: 'ContactSettings',
        siteId: null,
        fields: {
          id: 1,
          email: 'office@northridge-huts.example',
          phone: '+41 81 000 20 20',
          emergencyNumber: '112',
          postalAddress: 'Northridge Huts & Trails, Station Road 4, Kestrel Bridge',
        },
      },
      {
        type: 'SiteBrandingSettings',
        siteId: 1,
        fields: {
          id: 1,
          titleSuffix: ' | Northridge Huts & Trails',
          tagline: 'Huts, trails and good company in the Kestrel Range',
          footerNote: writer.richText(
            'Northridge Huts & Trails is a registered charity. Read our [privacy notice](page:49) and [accessibility statement](page:50).',
          ),
        },
      },
    ],
    redirects: [
      // The hut was renamed in 2022; the old address still circulates in guidebooks.
      { id: 1, oldPath: '/huts/kestrel-hut', isPermanent: true, redirectPageId: PAGE.kestrelHut, redirectLink: null, siteId: 1 },
      { id: 2, oldPath: '/tours', isPermanent: true, redirectPageId: PAGE.hutToHut, redirectLink: null, siteId: null },
      { id: 3, oldPath: '/open-day', isPermanent: false, redirectPageId: PAGE.openDay, redirectLink: null, siteId: 1 },
      { id: 4, oldPath: '/shop', isPermanent: false, redirectPageId: null, redirectLink: 'https://larchbowl-outfitters.example/northridge', siteId: 1 },
    ],
  };
}
