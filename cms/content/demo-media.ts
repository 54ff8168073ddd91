/**
 * The demo's images, documents, embeds, people, partners and tags.
 *
 * Image sizes are chosen to exercise a client: several originals ≥ 2400 px wide (a client must ask for a
 * bounded rendition), a 4000 × 1200 panorama, portrait and square pictures, a PNG map and one 360 × 240
 * image so `srcSet` repeats a width.
 */
import type { SceneSpec } from '../media/scenes.ts';
import type { DocumentRecord, EmbedRecord, ImageRecord, SnippetRecord, TagRecord } from './types.ts';

/** Image ids by name, for the page content. */
export const IMG = {
  kestrelDawn: 1,
  tarnside: 2,
  larchAutumn: 3,
  greywaterNight: 4,
  traversePanorama: 5,
  juniperHut: 6,
  quarryWinter: 7,
  threeLakesMap: 8,
  trailCrew: 9,
  summitPortrait: 10,
  hutSquare: 11,
  navigationMap: 12,
  meltwater: 13,
  fullMoon: 14,
  signpost: 15,
  portraitMaren: 16,
  portraitTomasz: 17,
  portraitIlse: 18,
  portraitOwen: 19,
  portraitPriya: 20,
  portraitDana: 21,
  logoTransport: 22,
  logoRescue: 23,
  logoOutfitters: 24,
  ravenCol: 25,
} as const;

export const DOC = { houseRules: 1, trailMap: 2, annualReport: 3, bookingTerms: 4 } as const;
export const EMBED = { traverseFilm: 1, footbridgeFilm: 2 } as const;
export const PERSON = { maren: 1, tomasz: 2, ilse: 3, owen: 4, priya: 5, dana: 6 } as const;
export const TAG = {
  winter: 1,
  trailWork: 2,
  wildlife: 3,
  history: 4,
  safety: 5,
  family: 6,
  volunteering: 7,
  huts: 8,
  navigation: 9,
  photography: 10,
} as const;

interface ImageSeed {
  id: number;
  basename: string;
  title: string;
  description: string;
  width: number;
  height: number;
  scene: Omit<SceneSpec, 'caption'> & { caption?: string };
  format?: 'jpeg' | 'png';
  tags?: number[];
  collection?: number;
  focal?: boolean;
}

const seeds: ImageSeed[] = [
  { id: IMG.kestrelDawn, basename: 'kestrel-saddle-dawn', title: 'Kestrel Saddle at dawn', description: 'First light on the snowy ridge above Kestrel Saddle Hut', width: 3200, height: 2000, scene: { kind: 'ridge', palette: 'dawn', seed: 101 }, tags: [TAG.huts], collection: 2, focal: true },
  { id: IMG.tarnside, basename: 'tarnside-reflections', title: 'Reflections on Tarnside Water', description: 'Mountains mirrored in a calm lake with pines on the shore', width: 2800, height: 1867, scene: { kind: 'lake', palette: 'noon', seed: 102 }, collection: 2 },
  { id: IMG.larchAutumn, basename: 'larch-bowl-autumn', title: 'Larch Bowl in autumn', description: 'Golden larches below the bowl of Larch Bowl', width: 2400, height: 1600, scene: { kind: 'forest', palette: 'autumn', seed: 103 }, collection: 2 },
  { id: IMG.greywaterNight, basename: 'greywater-bivouac-night', title: 'Greywater Bivouac under the stars', description: 'A small lit hut under a starry night sky', width: 2400, height: 1600, scene: { kind: 'hut', palette: 'night', seed: 104 }, tags: [TAG.huts], collection: 2 },
  { id: IMG.traversePanorama, basename: 'kestrel-traverse-panorama', title: 'Kestrel Traverse panorama', description: 'Layered ridges of the Kestrel Range in morning mist', width: 4000, height: 1200, scene: { kind: 'ridge', palette: 'mist', seed: 105 }, tags: [TAG.photography], collection: 3 },
  { id: IMG.juniperHut, basename: 'juniper-ridge-hut', title: 'Juniper Ridge Hut at dusk', description: 'Juniper Ridge Hut with its red roof at dusk', width: 2000, height: 1333, scene: { kind: 'hut', palette: 'dusk', seed: 106 }, tags: [TAG.huts], collection: 2 },
  { id: IMG.quarryWinter, basename: 'old-quarry-hut-winter', title: 'Old Quarry Hut in winter', description: 'Old Quarry Hut half buried in snow', width: 1800, height: 1200, scene: { kind: 'hut', palette: 'winter', seed: 107 }, tags: [TAG.winter, TAG.huts], collection: 2 },
  { id: IMG.threeLakesMap, basename: 'three-lakes-map', title: 'Three Lakes Tour map', description: 'Topographic map with the Three Lakes Tour marked in red', width: 2400, height: 1800, scene: { kind: 'map', palette: 'noon', seed: 108 }, format: 'png', tags: [TAG.navigation], collection: 3 },
  { id: IMG.trailCrew, basename: 'trail-crew-at-work', title: 'Trail crew in the forest', description: 'Volunteers rebuilding a forest path', width: 1600, height: 1067, scene: { kind: 'forest', palette: 'noon', seed: 109 }, tags: [TAG.trailWork, TAG.volunteering], collection: 4 },
  { id: IMG.summitPortrait, basename: 'summit-cairn', title: 'The summit cairn on Greywater Peak', description: 'A tall view of a wintry summit ridge', width: 1200, height: 1800, scene: { kind: 'ridge', palette: 'winter', seed: 110 }, tags: [TAG.winter], collection: 3 },
  { id: IMG.hutSquare, basename: 'hut-at-sunrise-square', title: 'Hut at sunrise', description: 'A hut on a grassy shoulder at sunrise', width: 1600, height: 1600, scene: { kind: 'hut', palette: 'dawn', seed: 111 }, tags: [TAG.huts], collection: 2 },
  { id: IMG.navigationMap, basename: 'navigation-practice-map', title: 'Navigation practice map', description: 'Contour map used on the navigation course', width: 1600, height: 1200, scene: { kind: 'map', palette: 'noon', seed: 112 }, tags: [TAG.navigation], collection: 4 },
  { id: IMG.meltwater, basename: 'spring-meltwater', title: 'Spring meltwater', description: 'A misty lake swollen by spring meltwater', width: 2048, height: 1365, scene: { kind: 'lake', palette: 'mist', seed: 113 }, collection: 3 },
  { id: IMG.fullMoon, basename: 'full-moon-over-the-ridge', title: 'Full moon over the ridge', description: 'A full moon rising over dark ridges', width: 2400, height: 1350, scene: { kind: 'night', palette: 'night', seed: 114 }, tags: [TAG.photography], collection: 3 },
  { id: IMG.signpost, basename: 'trail-signpost', title: 'Trail signpost', description: 'A small picture of the ridge where the signposts stand', width: 360, height: 240, scene: { kind: 'ridge', palette: 'noon', seed: 115 }, collection: 3 },
  { id: IMG.portraitMaren, basename: 'maren-holt', title: 'Maren Holt', description: 'Portrait of Maren Holt', width: 800, height: 1000, scene: { kind: 'portrait', palette: 'mist', seed: 116, caption: '' }, collection: 5 },
  { id: IMG.portraitTomasz, basename: 'tomasz-reyes', title: 'Tomasz Reyes', description: 'Portrait of Tomasz Reyes', width: 800, height: 1000, scene: { kind: 'portrait', palette: 'noon', seed: 117, caption: '' }, collection: 5 },
  { id: IMG.portraitIlse, basename: 'ilse-brandvold', title: 'Ilse Brandvold', description: 'Portrait of Ilse Brandvold', width: 800, height: 1000, scene: { kind: 'portrait', palette: 'dawn', seed: 118, caption: '' }, collection: 5 },
  { id: IMG.portraitOwen, basename: 'owen-achterberg', title: 'Owen Achterberg', description: 'Portrait of Owen Achterberg', width: 800, height: 1000, scene: { kind: 'portrait', palette: 'autumn', seed: 119, caption: '' }, collection: 5 },
  { id: IMG.portraitPriya, basename: 'priya-lindqvist', title: 'Priya Lindqvist', description: 'Portrait of Priya Lindqvist', width: 800, height: 1000, scene: { kind: 'portrait', palette: 'winter', seed: 120, caption: '' }, collection: 5 },
  { id: IMG.portraitDana, basename: 'dana-kowalczyk', title: 'Dana Kowalczyk', description: 'Portrait of Dana Kowalczyk', width: 800, height: 1000, scene: { kind: 'portrait', palette: 'dusk', seed: 121, caption: '' }, collection: 5 },
  { id: IMG.logoTransport, basename: 'kestrel-valley-transport-logo', title: 'Kestrel Valley Transport logo', description: '', width: 600, height: 400, scene: { kind: 'logo', palette: 'noon', seed: 122, caption: 'Kestrel Valley Transport' }, format: 'png', collection: 5 },
  { id: IMG.logoRescue, basename: 'northridge-mountain-rescue-logo', title: 'Northridge Mountain Rescue logo', description: '', width: 600, height: 400, scene: { kind: 'logo', palette: 'noon', seed: 123, caption: 'Northridge Mountain Rescue' }, format: 'png', collection: 5 },
  { id: IMG.logoOutfitters, basename: 'larch-bowl-outfitters-logo', title: 'Larch Bowl Outfitters logo', description: '', width: 600, height: 400, scene: { kind: 'logo', palette: 'noon', seed: 124, caption: 'Larch Bowl Outfitters' }, format: 'png', collection: 5 },
  { id: IMG.ravenCol, basename: 'raven-col', title: 'Raven Col', description: 'The windswept col where a new shelter is planned', width: 2400, height: 1600, scene: { kind: 'ridge', palette: 'dusk', seed: 125 }, collection: 2 },
];

export const demoImages: ImageRecord[] = seeds.map((seed, i) => ({
  id: seed.id,
  title: seed.title,
  description: seed.description,
  basename: seed.basename,
  format: seed.format ?? 'jpeg',
  width: seed.width,
  height: seed.height,
  createdAt: `2023-${String(1 + (i % 9)).padStart(2, '0')}-${String(3 + i).padStart(2, '0')}T10:${String(10 + i).padStart(2, '0')}:00.${String(123456 + i * 1111).slice(0, 6)}+00:00`,
  collectionId: seed.collection ?? 1,
  tagIds: seed.tags ?? [],
  // A focal point on the first picture, so `fill` crops around the hut rather than the centre.
  focalPoint: seed.focal ? { x: Math.round(seed.width * 0.62), y: Math.round(seed.height * 0.55), width: 400, height: 300 } : null,
  scene: { ...seed.scene, caption: seed.scene.caption ?? seed.title },
}));

export const demoDocuments: DocumentRecord[] = [
  {
    id: DOC.houseRules,
    title: 'House rules for all huts',
    basename: 'house-rules',
    createdAt: '2023-04-02T08:30:00+00:00',
    collectionId: 2,
    tagIds: [TAG.huts],
    lines: [
      'Welcome. Our huts are run by volunteers; please leave them as you would like to find them.',
      '1. Quiet hours are from 22:00 to 06:00.',
      '2. Hut shoes only beyond the boot room. Wet gear goes in the drying room.',
      '3. Carry out all rubbish. There is no collection above the valley.',
      '4. Cook only in the kitchen; open flames are not allowed in the dormitories.',
      '5. Dogs are welcome in the winter rooms only.',
      '6. Sign the hut book with your route and your planned descent.',
      '7. In an emergency call 112 and ask for mountain rescue.',
    ],
  },
  {
    id: DOC.trailMap,
    title: 'Kestrel Range trail map',
    basename: 'trail-map-kestrel-range',
    createdAt: '2023-05-11T14:05:00+00:00',
    collectionId: 3,
    tagIds: [TAG.navigation],
    lines: [
      'Trail map of the Kestrel Range, 1:25,000 summary sheet.',
      'Blue-white markings: alpine routes (grade T4 and above).',
      'Red-white markings: mountain trails (T2-T3).',
      'Yellow markings: valley and forest paths (T1).',
      'Huts: Kestrel Saddle, Larch Bowl, Greywater Bivouac, Tarnside, Juniper Ridge, Old Quarry.',
    ],
  },
  {
    id: DOC.annualReport,
    title: 'Annual report 2023',
    basename: 'annual-report-2023',
    createdAt: '2024-02-20T09:00:00+00:00',
    collectionId: 4,
    tagIds: [TAG.volunteering],
    lines: [
      '2023 in numbers: 14,212 overnight stays, 1,960 volunteer hours, 38 km of trail maintained.',
      'The Tarnside footbridge was rebuilt in August by a crew of 22 volunteers.',
      'Membership grew to 3,480 households.',
      'Income: overnight fees 61%, membership 27%, donations 12%.',
    ],
  },
  {
    id: DOC.bookingTerms,
    title: 'Booking terms and cancellation policy',
    basename: 'booking-terms',
    createdAt: '2024-01-08T11:45:00+00:00',
    collectionId: 2,
    tagIds: [TAG.huts],
    lines: [
      'Bookings are confirmed once the deposit of 10 per person and night is paid.',
      'Cancellations more than 7 days before arrival are refunded in full.',
      'Within 7 days the deposit is kept; the hut keeper may waive it in bad weather.',
      'Winter rooms cannot be booked and are open to everyone.',
    ],
  },
];

export const demoEmbeds: EmbedRecord[] = [
  { id: EMBED.traverseFilm, title: 'The Kestrel Traverse in four minutes', author: 'Owen Achterberg', posterImageId: IMG.traversePanorama, width: 640, height: 360 },
  { id: EMBED.footbridgeFilm, title: 'How we rebuilt the Tarnside footbridge', author: 'Northridge Huts & Trails', posterImageId: IMG.trailCrew, width: 640, height: 360 },
];

export const demoTags: TagRecord[] = [
  [TAG.winter, 'winter'],
  [TAG.trailWork, 'trail work'],
  [TAG.wildlife, 'wildlife'],
  [TAG.history, 'history'],
  [TAG.safety, 'safety'],
  [TAG.family, 'family'],
  [TAG.volunteering, 'volunteering'],
  [TAG.huts, 'huts'],
  [TAG.navigation, 'navigation'],
  [TAG.photography, 'photography'],
].map(([id, name]) => ({ id: id as number, name: name as string, slug: String(name).replace(/\s+/g, '-') }));

export const demoSnippets: SnippetRecord[] = [
  { id: PERSON.maren, type: 'Person', fields: { name: 'Maren Holt', role: 'Hut warden, Kestrel Saddle Hut', bio: 'Maren has kept Kestrel Saddle Hut since 2011 and bakes the bread the hut is known for.', portrait: IMG.portraitMaren } },
  { id: PERSON.tomasz, type: 'Person', fields: { name: 'Tomasz Reyes', role: 'Trails coordinator', bio: 'Tomasz plans the trail work season and leads most of the volunteer crews.', portrait: IMG.portraitTomasz } },
  { id: PERSON.ilse, type: 'Person', fields: { name: 'Ilse Brandvold', role: 'Chair of the association', bio: 'Ilse joined as a teenager carrying supplies to Greywater and has chaired the board since 2019.', portrait: IMG.portraitIlse } },
  { id: PERSON.owen, type: 'Person', fields: { name: 'Owen Achterberg', role: 'Volunteer photographer', bio: 'Owen photographs the range in every season, mostly before breakfast.', portrait: IMG.portraitOwen } },
  { id: PERSON.priya, type: 'Person', fields: { name: 'Priya Lindqvist', role: 'Mountain guide and course leader', bio: 'Priya teaches our navigation and avalanche courses.', portrait: IMG.portraitPriya } },
  { id: PERSON.dana, type: 'Person', fields: { name: 'Dana Kowalczyk', role: 'Membership secretary', bio: 'Dana answers membership questions and runs the hut volunteer rota.', portrait: null } },
  { id: 7, type: 'Partner', fields: { name: 'Kestrel Valley Transport', website: 'https://transport.kestrel-valley.example', logo: IMG.logoTransport } },
  { id: 8, type: 'Partner', fields: { name: 'Northridge Mountain Rescue', website: 'https://rescue.northridge.example', logo: IMG.logoRescue } },
  { id: 9, type: 'Partner', fields: { name: 'Larch Bowl Outfitters', website: 'https://larchbowl-outfitters.example', logo: IMG.logoOutfitters } },
];
