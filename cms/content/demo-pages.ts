/**
 * The demo site's pages: Northridge Huts & Trails, a volunteer association running six mountain huts and
 * the trails between them in the (fictional) Kestrel Range.
 *
 * 47 live pages of 7 types, nested up to three levels below the home page, plus a never-published draft and
 * an unpublished article. Every internal link points at a live page (a test checks it).
 */
import type { ContentWriter } from './blocks.ts';
import { DOC, EMBED, IMG, PERSON, TAG } from './demo-media.ts';
import type { PageInput } from './types.ts';

/** Page ids by name. */
export const PAGE = {
  root: 1,
  home: 2,
  huts: 3,
  north: 4,
  kestrelHut: 5,
  larchHut: 6,
  greywater: 7,
  south: 8,
  tarnside: 9,
  juniper: 10,
  quarry: 11,
  booking: 12,
  openingDates: 13,
  ravenCol: 14,
  routes: 15,
  dayWalks: 16,
  tarnCircuit: 17,
  larchLoop: 18,
  quarryEdge: 19,
  hutToHut: 20,
  traverse: 21,
  threeLakes: 22,
  northernPasses: 23,
  grades: 24,
  events: 25,
  trailWeekend: 26,
  navCourse: 27,
  openDay: 28,
  fullMoonWalk: 29,
  avalancheEvening: 30,
  journal: 31,
  footbridge: 32,
  greywaterHistory: 33,
  packingList: 34,
  openingDatesArticle: 35,
  ptarmigans: 36,
  gradesGuide: 37,
  familyWeekend: 38,
  nightPhotography: 39,
  winterRooms: 40,
  trailCrew: 41,
  stormClosures: 42,
  about: 43,
  history: 44,
  people: 45,
  membership: 46,
  fees: 47,
  contact: 48,
  privacy: 49,
  accessibility: 50,
} as const;

const P = PAGE;

/** A Django `isoformat()` timestamp: microseconds only when non-zero. */
function at(date: string, time: string, micro = ''): string {
  return `${date}T${time}${micro ? `.${micro}` : ''}+00:00`;
}

function published(first: string, last: string = first): Pick<PageInput, 'firstPublishedAt' | 'lastPublishedAt'> {
  return { firstPublishedAt: first, lastPublishedAt: last };
}

export function demoPages(w: ContentWriter): PageInput[] {
  return [
    { id: P.root, type: 'Page', parentId: null, title: 'Root', slug: 'root' },
    {
      id: P.home,
      type: 'HomePage',
      parentId: P.root,
      title: 'Northridge Huts & Trails',
      slug: 'home',
      seoTitle: 'Mountain huts and trails in the Kestrel Range',
      searchDescription: 'Six staffed and self-service huts, 140 km of marked trails and a year of courses and volunteer weekends in the Kestrel Range.',
      ...published(at('2023-03-14', '08:02:11', '482913'), at('2024-05-30', '17:45:03', '120000')),
      fields: {
        heroImage: IMG.kestrelDawn,
        heroText: 'Warm huts, marked trails and good company in the Kestrel Range since 1952.',
        heroCtaText: 'Plan a hut-to-hut tour',
        heroCtaLink: P.hutToHut,
        intro: w.richText(
          'Northridge Huts & Trails is a members’ association. Volunteers keep our six [huts](page:3) open, repaint the waymarks on 140 km of [trails](page:15) and teach the [courses](page:25) that get people into the hills safely.',
          'Everyone is welcome in our huts, members or not. Members sleep for less and help decide where the next shelter goes.',
        ),
        body: [
          w.heading('This season in the range'),
          w.columns([
            { text: ['## Huts open from mid-June', 'Staffed huts open on 15 June; the winter rooms stay open all year. See the [opening dates](page:13) before you book.'] },
            { image: IMG.hutSquare },
            { text: ['## Help on the trails', 'Our [spring work weekend](page:26) rebuilds drainage on the Tarn Circuit. Tools, food and a bunk are on us.'] },
            { link: P.traverse },
          ]),
          w.quote(
            'The hut was full, the stove was roaring and someone had carried up a guitar. That is the Kestrel Range at its best.',
            'A guest at Juniper Ridge Hut, August 2023',
          ),
          w.paragraph(
            'New to hut-to-hut walking? Start with our [packing list](page:34) and the [guide to trail grades](page:37), then pick a [day walk](page:16) to find your legs.',
          ),
        ],
        featuredPages: [P.huts, P.routes, P.events, P.packingList],
      },
    },

    // ---- Huts ----------------------------------------------------------------------------------
    {
      id: P.huts,
      type: 'SectionIndexPage',
      parentId: P.home,
      title: 'Huts',
      slug: 'huts',
      showInMenus: true,
      searchDescription: 'Six huts between 1,480 and 2,310 m, from a staffed hut with a bakery to a tin bivouac under Greywater Peak.',
      ...published(at('2023-03-14', '08:10:00'), at('2024-04-02', '09:12:44', '120000')),
      fields: {
        introduction: 'Six huts between 1,480 and 2,310 metres: three in the north valleys, three above the southern lakes.',
        image: IMG.hutSquare,
        body: [
          w.paragraph(
            'Staffed huts serve dinner and breakfast from mid-June to early October. Outside the season every hut keeps a winter room with blankets, a stove and an emergency radio.',
            'Please read the [house rules](doc:1) before your first stay and check [booking and prices](page:12) for what a night costs.',
          ),
        ],
      },
    },
    {
      id: P.north,
      type: 'SectionIndexPage',
      parentId: P.huts,
      title: 'North Valleys',
      slug: 'north-valleys',
      ...published(at('2023-03-15', '10:00:00'), at('2024-03-22', '16:31:09', '905112')),
      fields: {
        introduction: 'High huts on the glacier side of the range: long approaches, big views and early starts.',
        image: IMG.kestrelDawn,
        body: [w.paragraph('The north valleys are reached from Kestrel Bridge, where the last bus of the day leaves at 18:40.')],
      },
    },
    hut({
      id: P.kestrelHut,
      parentId: P.north,
      title: 'Kestrel Saddle Hut',
      slug: 'kestrel-saddle-hut',
      intro: 'Our largest hut sits on the saddle between Kestrel Peak and the Greywater ridge, three hours above Kestrel Bridge.',
      image: IMG.kestrelDawn,
      region: 'North Valleys',
      elevation: 2140,
      latLong: '46.5731,9.8123',
      beds: 42,
      priceFrom: 38.5,
      warden: 'Maren Holt',
      phone: '+41 79 000 11 01',
      open: ['2024-06-15', '2024-10-06'],
      winterRoom: true,
      hours: [
        ['Summer', 'Daily', '07:00', '21:00', false],
        ['Autumn', 'Friday to Sunday', '08:00', '20:00', false],
        ['Winter', 'Winter room only', '', '', true],
      ],
      published: published(at('2023-03-15', '10:20:00'), at('2024-05-18', '07:55:31', '004411')),
      body: [
        w.heading('Getting there'),
        w.paragraph(
          'From Kestrel Bridge follow the red-white markings up the larch forest and the old mule track to the saddle, about three hours and 1,050 metres of ascent. The [Kestrel Traverse](page:21) starts at the hut door.',
          w.image(IMG.signpost, 'right', 'The signpost at the foot of the mule track'),
          'In early summer the last hour can hold old snow; poles help. Ask Maren about conditions before you set off.',
        ),
        w.captionedImage(IMG.kestrelDawn, 'The hut catches the first sun on the saddle.', 'Owen Achterberg'),
        w.heading('At the hut', 'h3'),
        w.paragraph(
          'Dormitories of six to twelve bunks, two family rooms, a drying room and a small shop for chocolate and blister plasters. The bread is baked every morning.',
        ),
        w.infoPanel('Winter room', ['Twelve bunks, blankets, a wood stove and an emergency radio. Bring your own food and carry out every scrap of rubbish.'], 'tip'),
      ],
    }),
    hut({
      id: P.larchHut,
      parentId: P.north,
      title: 'Larch Bowl Hut',
      slug: 'larch-bowl-hut',
      intro: 'A friendly stone hut at the top of the larch forest, an easy first night for families.',
      image: IMG.larchAutumn,
      region: 'North Valleys',
      elevation: 1810,
      latLong: '46.5522,9.8410',
      beds: 28,
      priceFrom: 32,
      warden: 'Jonas Feld',
      phone: '+41 79 000 11 02',
      open: ['2024-06-01', '2024-10-20'],
      winterRoom: true,
      hours: [
        ['Summer', 'Daily', '07:00', '21:30', false],
        ['Winter', 'Weekends by arrangement', '09:00', '17:00', false],
      ],
      published: published(at('2023-03-15', '10:25:00'), at('2024-04-30', '12:00:00')),
      body: [
        w.paragraph(
          'Two hours from the Larch Bowl car park on a wide path. The [Larch Bowl Loop](page:18) circles the bowl in an afternoon and comes back past the hut.',
          'In October the forest turns gold and the hut is busiest at weekends; come midweek if you can.',
        ),
        w.gallery([IMG.larchAutumn, IMG.hutSquare, IMG.trailCrew]),
      ],
    }),
    hut({
      id: P.greywater,
      parentId: P.north,
      title: 'Greywater Bivouac',
      slug: 'greywater-bivouac',
      intro: 'A tin bivouac for eight under Greywater Peak: no warden, no booking, no stove, and the best sunrise in the range.',
      image: IMG.greywaterNight,
      region: 'North Valleys',
      elevation: 2310,
      latLong: '46.5870,9.7964',
      beds: 8,
      priceFrom: 0,
      warden: '',
      phone: '',
      open: ['2024-01-01', '2024-12-31'],
      winterRoom: false,
      hours: [['All year', 'Always open', '', '', false]],
      published: published(at('2023-03-15', '10:30:00'), at('2023-11-02', '18:20:05', '551020')),
      body: [
        w.paragraph(
          'The bivouac has mattresses and blankets for eight and nothing else. Bring a stove, water for the evening and a warm sleeping bag. Read about its long history in [Seventy winters at Greywater](page:33).',
        ),
        w.infoPanel('Alpine terrain', ['The last 300 metres cross a scree gully graded T4. Turn back if it is icy.'], 'warning'),
      ],
    }),
    {
      id: P.south,
      type: 'SectionIndexPage',
      parentId: P.huts,
      title: 'Southern Lakes',
      slug: 'southern-lakes',
      ...published(at('2023-03-16', '09:00:00'), at('2024-03-22', '16:35:40', '771003')),
      fields: {
        introduction: 'Gentler huts above the chain of lakes on the sunny side of the range.',
        image: IMG.tarnside,
        body: [w.paragraph('The southern huts are linked by the [Three Lakes Tour](page:22), our most popular multi-day walk.')],
      },
    },
    hut({
      id: P.tarnside,
      parentId: P.south,
      title: 'Tarnside Hut',
      slug: 'tarnside-hut',
      intro: 'A timber hut on the shore of Tarnside Water, with a sauna the volunteers built in 1987.',
      image: IMG.tarnside,
      region: 'Southern Lakes',
      elevation: 1480,
      latLong: '46.4912,9.8537',
      beds: 36,
      priceFrom: 34,
      warden: 'Aino Sarre',
      phone: '+41 79 000 11 04',
      open: ['2024-05-25', '2024-10-13'],
      winterRoom: true,
      hours: [
        ['Summer', 'Daily', '07:00', '22:00', false],
        ['Sauna', 'Wednesday and Saturday', '17:00', '20:00', false],
      ],
      published: published(at('2023-03-16', '09:20:00'), at('2024-05-02', '08:14:59', '300000')),
      body: [
        w.paragraph(
          'Tarnside is an hour and a half from the lake bus stop and the easiest hut to reach in the range. The footbridge over the outflow was [rebuilt in 2023](page:32).',
        ),
        w.captionedImage(IMG.tarnside, 'Still mornings are common in July.', 'Owen Achterberg'),
        w.embed(EMBED.footbridgeFilm),
      ],
    }),
    hut({
      id: P.juniper,
      parentId: P.south,
      title: 'Juniper Ridge Hut',
      slug: 'juniper-ridge-hut',
      intro: 'A red-roofed hut on the ridge between the second and third lake, known for its evening singing.',
      image: IMG.juniperHut,
      region: 'Southern Lakes',
      elevation: 1960,
      latLong: '46.4780,9.8801',
      beds: 30,
      priceFrom: 36,
      warden: 'Ruben Okafor',
      phone: '+41 79 000 11 05',
      open: ['2024-06-15', '2024-09-29'],
      winterRoom: true,
      hours: [['Summer', 'Daily', '07:00', '21:00', false]],
      published: published(at('2023-03-16', '09:25:00'), at('2024-04-11', '19:02:33', '812456')),
      body: [
        w.paragraph('Juniper Ridge is the second night of the [Three Lakes Tour](page:22). Dinner is at 18:30 sharp; tell the warden if you will be late.'),
        w.quote('Nobody leaves Juniper Ridge without learning the hut song.', 'Ruben Okafor, warden'),
      ],
    }),
    hut({
      id: P.quarry,
      parentId: P.south,
      title: 'Old Quarry Hut',
      slug: 'old-quarry-hut',
      intro: 'Built from the stone of the quarry it overlooks, this self-service hut is open all year.',
      image: IMG.quarryWinter,
      region: 'Southern Lakes',
      elevation: 1650,
      latLong: '46.4655,9.8214',
      beds: 16,
      priceFrom: 24,
      warden: '',
      phone: '',
      open: ['2024-01-01', '2024-12-31'],
      winterRoom: false,
      hours: [
        ['All year', 'Self-service', '', '', false],
        ['Volunteer visits', 'First Saturday of the month', '10:00', '16:00', false],
      ],
      published: published(at('2023-03-16', '09:30:00'), at('2024-01-19', '13:13:13', '131313')),
      body: [
        w.paragraph(
          'Old Quarry has a gas cooker, pans and firewood; pay by card at the honesty box or online. It is the best base for the [Quarry Edge Walk](page:19) and a good winter destination, see [Winter rooms: what to expect](page:40).',
        ),
      ],
    }),
    {
      id: P.booking,
      type: 'StandardPage',
      parentId: P.huts,
      title: 'Booking and prices',
      slug: 'booking',
      searchDescription: 'What a night in our huts costs, how to book and how to cancel.',
      ...published(at('2023-03-20', '12:00:00'), at('2024-02-14', '10:30:00', '250000')),
      fields: {
        introduction: 'Book staffed huts online or by phone; self-service huts and winter rooms need no booking.',
        image: null,
        body: [
          w.table(
            [
              ['Hut', 'Adult', 'Member', 'Under 18', 'Half board'],
              ['Kestrel Saddle Hut', '38.50', '26.00', '15.00', '+34.00'],
              ['Larch Bowl Hut', '32.00', '22.00', '12.00', '+31.00'],
              ['Tarnside Hut', '34.00', '23.00', '12.00', '+32.00'],
              ['Juniper Ridge Hut', '36.00', '24.00', '14.00', '+33.00'],
              ['Old Quarry Hut', '24.00', '16.00', '10.00', '—'],
            ],
            'Prices per person and night, 2024 season',
          ),
          w.paragraph(
            'Members pay the member rate for themselves and up to three children. [Become a member](page:46) before you book to save on your first stay.',
            'Please read our [booking terms](doc:4) before paying the deposit.',
          ),
          w.download(DOC.bookingTerms),
        ],
      },
    },
    {
      id: P.openingDates,
      type: 'StandardPage',
      parentId: P.huts,
      title: 'Opening dates',
      slug: 'opening-dates',
      ...published(at('2024-02-01', '09:00:00'), at('2024-03-01', '09:12:44', '120000')),
      fields: {
        introduction: 'When each hut is staffed in 2024.',
        image: null,
        body: [
          w.paragraph(
            '- [Kestrel Saddle Hut](page:5): 15 June to 6 October',
            '- [Larch Bowl Hut](page:6): 1 June to 20 October',
            '- [Tarnside Hut](page:9): 25 May to 13 October',
            '- [Juniper Ridge Hut](page:10): 15 June to 29 September',
            'Greywater Bivouac and Old Quarry Hut are open all year without a warden.',
          ),
        ],
      },
    },
    {
      id: P.ravenCol,
      type: 'HutPage',
      parentId: P.north,
      title: 'Raven Col Shelter',
      slug: 'raven-col-shelter',
      live: false,
      fields: {
        introduction: 'A planned emergency shelter on Raven Col. Draft: not yet published.',
        image: IMG.ravenCol,
        region: 'North Valleys',
        elevation: 2455,
        beds: 6,
        body: [w.paragraph('Planning permission is expected in 2025.')],
      },
    },

    // ---- Routes --------------------------------------------------------------------------------
    {
      id: P.routes,
      type: 'SectionIndexPage',
      parentId: P.home,
      title: 'Routes',
      slug: 'routes',
      showInMenus: true,
      searchDescription: 'Day walks and hut-to-hut tours in the Kestrel Range, with grades, distances and timings.',
      ...published(at('2023-03-14', '08:12:00'), at('2024-04-20', '11:11:11', '111111')),
      fields: {
        introduction: 'From a lakeside stroll to a three-day traverse of the range: every route we waymark, with honest timings.',
        image: IMG.traversePanorama,
        body: [
          w.paragraph('Timings are for walking only, without breaks. Grades follow the Swiss T-scale; read [how we grade our trails](page:24).'),
        ],
      },
    },
    {
      id: P.dayWalks,
      type: 'SectionIndexPage',
      parentId: P.routes,
      title: 'Day walks',
      slug: 'day-walks',
      ...published(at('2023-03-17', '08:00:00'), at('2024-04-20', '11:20:00')),
      fields: { introduction: 'Walks that start and finish at a bus stop and fit into one day.', image: IMG.meltwater, body: [] },
    },
    route({
      id: P.tarnCircuit,
      parentId: P.dayWalks,
      title: 'Tarn Circuit',
      slug: 'tarn-circuit',
      intro: 'A gentle loop around Tarnside Water with a coffee stop at the hut.',
      image: IMG.tarnside,
      grade: 'T1 – hiking',
      km: 7.4,
      ascent: 260,
      hours: 2.5,
      from: 'Tarnside bus stop',
      to: 'Tarnside bus stop',
      months: 'May to October',
      huts: [P.tarnside],
      published: published(at('2023-03-17', '08:10:00'), at('2024-05-05', '15:40:21', '505050')),
      body: [
        w.paragraph('Walk the loop anticlockwise so the hut comes at half-time. The eastern shore path is wet after rain; the [spring work weekend](page:26) is fixing its drainage.'),
        w.captionedImage(IMG.meltwater, 'The outflow in May, swollen with meltwater.'),
      ],
    }),
    route({
      id: P.larchLoop,
      parentId: P.dayWalks,
      title: 'Larch Bowl Loop',
      slug: 'larch-bowl-loop',
      intro: 'Through the larch forest to the rim of the bowl and back past Larch Bowl Hut.',
      image: IMG.larchAutumn,
      grade: 'T2 – mountain hiking',
      km: 11.2,
      ascent: 640,
      hours: 4,
      from: 'Larch Bowl car park',
      to: 'Larch Bowl car park',
      months: 'June to October',
      huts: [P.larchHut],
      published: published(at('2023-03-17', '08:20:00'), at('2024-04-21', '09:00:00')),
      body: [w.paragraph('Best in October, when the larches turn. Stop at [Larch Bowl Hut](page:6) for soup.')],
    }),
    route({
      id: P.quarryEdge,
      parentId: P.dayWalks,
      title: 'Quarry Edge Walk',
      slug: 'quarry-edge-walk',
      intro: 'Along the rim of the old slate quarry, with views over all three lakes.',
      image: IMG.quarryWinter,
      grade: 'T2 – mountain hiking',
      km: 9.8,
      ascent: 520,
      hours: 3.5,
      from: 'Quarry Lane bus stop',
      to: 'Tarnside bus stop',
      months: 'All year, with snowshoes in winter',
      huts: [P.quarry, P.tarnside],
      published: published(at('2023-03-17', '08:30:00'), at('2024-01-25', '14:22:10', '220000')),
      body: [w.paragraph('Keep dogs on a lead along the edge. In winter the route is a fine snowshoe outing from [Old Quarry Hut](page:11).')],
    }),
    {
      id: P.hutToHut,
      type: 'SectionIndexPage',
      parentId: P.routes,
      title: 'Hut-to-hut tours',
      slug: 'hut-to-hut',
      ...published(at('2023-03-18', '08:00:00'), at('2024-04-20', '11:30:00')),
      fields: {
        introduction: 'Multi-day tours that sleep in our huts. Book every night before you leave the valley.',
        image: IMG.summitPortrait,
        body: [w.paragraph('All tours can be walked in either direction. Our [packing list](page:34) fits in a 35-litre rucksack.')],
      },
    },
    route({
      id: P.traverse,
      parentId: P.hutToHut,
      title: 'The Kestrel Traverse',
      slug: 'kestrel-traverse',
      intro: 'Three days along the crest of the range from Kestrel Saddle to the southern lakes.',
      image: IMG.traversePanorama,
      grade: 'T4 – alpine hiking',
      km: 38.5,
      ascent: 2870,
      hours: 19,
      from: 'Kestrel Bridge',
      to: 'Tarnside bus stop',
      months: 'July to mid-September',
      huts: [P.kestrelHut, P.greywater, P.juniper],
      published: published(at('2023-03-18', '08:15:00'), at('2024-05-28', '06:59:59', '999999')),
      body: [
        w.heading('Stage by stage'),
        w.paragraph(
          '- Day 1: Kestrel Bridge to [Kestrel Saddle Hut](page:5), 3 h',
          '- Day 2: along the Greywater ridge to [Greywater Bivouac](page:7), 7 h',
          '- Day 3: down the south ridge to [Juniper Ridge Hut](page:10) and the lake bus, 9 h',
        ),
        w.embed(EMBED.traverseFilm),
        w.infoPanel('Not for beginners', ['The Greywater ridge has exposed scrambling with fixed chains. Carry the [trail map](doc:2) and turn back in thunderstorms.'], 'warning'),
        w.captionedImage(IMG.traversePanorama, 'The crest of the range seen from the Greywater ridge.', 'Owen Achterberg'),
      ],
    }),
    route({
      id: P.threeLakes,
      parentId: P.hutToHut,
      title: 'Three Lakes Tour',
      slug: 'three-lakes-tour',
      intro: 'Our most popular tour: three easy days from lake to lake, two nights in staffed huts.',
      image: IMG.threeLakesMap,
      grade: 'T2 – mountain hiking',
      km: 31,
      ascent: 1640,
      hours: 13.5,
      from: 'Quarry Lane bus stop',
      to: 'Tarnside bus stop',
      months: 'June to September',
      huts: [P.quarry, P.juniper, P.tarnside],
      published: published(at('2023-03-18', '08:20:00'), at('2024-05-10', '10:10:10', '101010')),
      body: [
        w.captionedImage(IMG.threeLakesMap, 'The tour in red on our summary map.'),
        w.paragraph('A good first hut tour for fit walkers and older children. See the [family weekend](page:38) report for how one family did it.'),
      ],
    }),
    route({
      id: P.northernPasses,
      parentId: P.hutToHut,
      title: 'Northern Passes in winter',
      slug: 'northern-passes-winter',
      intro: 'A two-day snowshoe tour linking the winter rooms of Larch Bowl and Kestrel Saddle.',
      image: IMG.summitPortrait,
      grade: 'WT3 – demanding snowshoe hiking',
      km: 18.2,
      ascent: 1390,
      hours: 11,
      from: 'Larch Bowl car park',
      to: 'Kestrel Bridge',
      months: 'January to March',
      huts: [P.larchHut, P.kestrelHut],
      published: published(at('2023-11-20', '08:00:00'), at('2024-01-08', '07:30:00', '450000')),
      body: [
        w.paragraph('Only go with avalanche equipment and the knowledge to use it; our [avalanche awareness evening](page:30) is a good start.'),
      ],
    }),
    {
      id: P.grades,
      type: 'StandardPage',
      parentId: P.routes,
      title: 'How we grade our trails',
      slug: 'grades',
      ...published(at('2023-04-01', '10:00:00'), at('2023-10-12', '10:00:00', '000500')),
      fields: {
        introduction: 'We use the six-step Swiss hiking scale, from T1 (hiking) to T6 (difficult alpine hiking).',
        image: IMG.signpost,
        body: [
          w.paragraph(
            '- T1: well-made paths, trainers are fine.',
            '- T2: mountain trails with some steep sections; sure-footedness needed.',
            '- T3: exposed places secured with ropes or chains; good boots needed.',
            '- T4: alpine routes, scrambling with hands; experience needed.',
            'Our longer article [A beginner’s guide to trail grades](page:37) explains how to choose.',
          ),
        ],
      },
    },

    // ---- Events --------------------------------------------------------------------------------
    {
      id: P.events,
      type: 'SectionIndexPage',
      parentId: P.home,
      title: 'Events and courses',
      slug: 'events',
      showInMenus: true,
      ...published(at('2023-03-14', '08:14:00'), at('2024-05-01', '08:00:00', '800000')),
      fields: {
        introduction: 'Volunteer weekends, courses and open days. Members book first.',
        image: IMG.trailCrew,
        body: [],
      },
    },
    event({
      id: P.trailWeekend,
      title: 'Spring trail work weekend',
      slug: 'spring-trail-work-weekend',
      intro: 'Two days of drainage work on the Tarn Circuit, with bunks and meals at Tarnside Hut.',
      image: IMG.trailCrew,
      dates: ['2024-05-18', '2024-05-19'],
      time: '08:30',
      location: 'Tarnside Hut',
      price: 0,
      grade: 'Easy, physical work',
      places: 24,
      open: true,
      organiser: PERSON.tomasz,
      published: published(at('2024-02-10', '12:00:00'), at('2024-05-01', '08:10:00')),
      body: [
        w.paragraph('No experience needed. We supply tools, gloves and helmets; bring boots and waterproofs. Read about last year in [Meet the trail crew](page:41).'),
        w.quote('You sleep well after a day of moving stones.', 'Tomasz Reyes, trails coordinator', IMG.portraitTomasz),
      ],
    }),
    event({
      id: P.navCourse,
      title: 'Navigation basics course',
      slug: 'navigation-basics',
      intro: 'Map, compass and phone: a weekend course for walkers who want to leave the waymarks.',
      image: IMG.navigationMap,
      dates: ['2024-06-08', '2024-06-09'],
      time: '09:00',
      location: 'Larch Bowl Hut',
      price: 145,
      grade: 'T2',
      places: 10,
      open: true,
      organiser: PERSON.priya,
      published: published(at('2024-02-12', '12:00:00'), at('2024-04-18', '17:17:17', '171717')),
      body: [
        w.paragraph('Priya Lindqvist leads the course. The fee includes a night at [Larch Bowl Hut](page:6) with half board and a copy of the [trail map](doc:2).'),
        w.captionedImage(IMG.navigationMap, 'The practice map we use on day two.'),
      ],
    }),
    event({
      id: P.openDay,
      title: 'Hut warden open day',
      slug: 'hut-warden-open-day',
      intro: 'Spend a day with Maren at Kestrel Saddle Hut and find out what running a hut involves.',
      image: IMG.kestrelDawn,
      dates: ['2024-07-13', '2024-07-13'],
      time: '10:00',
      location: 'Kestrel Saddle Hut',
      price: 0,
      grade: 'T2',
      places: 15,
      open: false,
      organiser: PERSON.maren,
      published: published(at('2024-03-03', '09:00:00'), at('2024-06-30', '20:00:00', '000001')),
      body: [w.paragraph('The open day is full. Join the waiting list through the [contact page](page:48).')],
    }),
    event({
      id: P.fullMoonWalk,
      title: 'Full moon walk to Tarnside',
      slug: 'full-moon-walk',
      intro: 'An evening walk by moonlight to Tarnside Hut, with soup by the lake.',
      image: IMG.fullMoon,
      dates: ['2024-08-19', '2024-08-19'],
      time: '19:30',
      location: 'Tarnside bus stop',
      price: 18,
      grade: 'T1',
      places: 30,
      open: true,
      organiser: PERSON.owen,
      published: published(at('2024-04-02', '09:00:00'), at('2024-04-02', '09:00:00')),
      body: [w.paragraph('Bring a head torch for the way back. Owen will share tips from [Night photography above the huts](page:39).')],
    }),
    event({
      id: P.avalancheEvening,
      title: 'Avalanche awareness evening',
      slug: 'avalanche-awareness-evening',
      intro: 'Two hours on reading the bulletin, planning a winter route and using a transceiver.',
      image: IMG.summitPortrait,
      dates: ['2024-11-21', '2024-11-21'],
      time: '19:00',
      location: 'Kestrel Bridge village hall',
      price: 10,
      grade: 'Indoors',
      places: 60,
      open: true,
      organiser: PERSON.priya,
      published: published(at('2024-05-15', '09:00:00'), at('2024-05-15', '09:30:00', '300000')),
      body: [w.paragraph('A good preparation for the [Northern Passes in winter](page:23). Members free, guests 10.')],
    }),

    // ---- Journal -------------------------------------------------------------------------------
    {
      id: P.journal,
      type: 'SectionIndexPage',
      parentId: P.home,
      title: 'Journal',
      slug: 'journal',
      showInMenus: true,
      searchDescription: 'News, trail reports and stories from the huts.',
      ...published(at('2023-03-14', '08:16:00'), at('2024-07-05', '18:00:00')),
      fields: { introduction: 'News, trail reports and stories from the huts.', image: IMG.fullMoon, body: [] },
    },
    article({
      id: P.footbridge,
      title: 'The footbridge is back over Tarnside Water',
      slug: 'tarnside-footbridge',
      subtitle: 'Twenty-two volunteers, eleven tonnes of larch and one very long weekend',
      intro: 'After the floods of 2022 washed it away, the footbridge at the outflow of Tarnside Water is back.',
      image: IMG.trailCrew,
      date: '2023-08-28',
      minutes: 4,
      tags: [TAG.trailWork, TAG.volunteering],
      authors: [PERSON.tomasz, PERSON.owen],
      published: published(at('2023-08-28', '16:42:10', '330512'), at('2023-09-01', '08:05:00')),
      body: [
        w.paragraph(
          'For a year walkers on the [Tarn Circuit](page:17) had to wade the outflow or walk an extra kilometre around the marsh. In August a crew of 22 volunteers carried eleven tonnes of local larch to the site and built a new bridge in three days.',
          'The bridge cost less than expected thanks to donated timber; the full accounts are in the [annual report](doc:3).',
        ),
        w.embed(EMBED.footbridgeFilm),
        w.captionedImage(IMG.trailCrew, 'Laying the deck on the second day.', 'Owen Achterberg'),
        w.quote('We measured twice, cut once and still had to plane the last board by hand.', 'Tomasz Reyes', IMG.portraitTomasz),
        w.paragraph('Thank you to everyone who came, and to [Tarnside Hut](page:9) for feeding us.'),
      ],
    }),
    article({
      id: P.greywaterHistory,
      title: 'Seventy winters at Greywater',
      slug: 'seventy-winters-at-greywater',
      subtitle: 'The story of the association’s first shelter',
      intro: 'In 1953 four members hauled a tin shelter up to Greywater Peak. It is still there.',
      image: IMG.greywaterNight,
      date: '2023-12-02',
      minutes: 6,
      tags: [TAG.history, TAG.huts],
      authors: [PERSON.ilse],
      published: published(at('2023-12-02', '10:00:00', '000900'), at('2023-12-04', '09:30:00')),
      body: [
        w.paragraph(
          'The association was a year old when its first project began: a shelter for climbers caught out on Greywater Peak. The parts came up by mule to [Kestrel Saddle](page:5) and on people’s backs from there.',
        ),
        w.quote('We thought it would last ten years.', 'Ilse Brandvold, quoting her grandfather', IMG.portraitIlse),
        w.paragraph('Today the [bivouac](page:7) is still unstaffed and unlocked. Our [history page](page:44) has the full timeline.'),
      ],
    }),
    article({
      id: P.packingList,
      title: 'What to pack for a hut-to-hut tour',
      slug: 'hut-to-hut-packing-list',
      subtitle: 'Everything you need fits in 35 litres',
      intro: 'Huts provide blankets, pillows and dinner. Here is what you still need to carry.',
      image: IMG.hutSquare,
      date: '2024-04-15',
      minutes: 5,
      tags: [TAG.huts, TAG.safety],
      authors: [PERSON.maren],
      published: published(at('2024-04-15', '07:00:00'), at('2024-04-16', '12:12:12', '121212')),
      body: [
        w.heading('The essentials'),
        w.paragraph(
          '- A sleeping bag liner (required in all huts)',
          '- Hut shoes or thick socks',
          '- Waterproof jacket and trousers, warm hat and gloves',
          '- Map, compass and a charged phone',
          '- Cash or card for the hut, and your booking confirmation',
        ),
        w.infoPanel('Sleeping bag liners', ['A liner is required in every staffed hut for hygiene. You can buy one at the hut for 15.'], 'note'),
        w.gallery([IMG.hutSquare, IMG.juniperHut, IMG.quarryWinter, IMG.signpost]),
        w.paragraph('Before you go, read the [house rules](doc:1) and check the [opening dates](page:13).'),
      ],
    }),
    article({
      id: P.openingDatesArticle,
      title: 'Opening dates for the 2024 season',
      slug: 'opening-dates',
      subtitle: 'Staffed huts open from 25 May',
      intro: 'Tarnside opens first this year, on 25 May; Juniper Ridge closes first, on 29 September.',
      image: IMG.meltwater,
      date: '2024-03-01',
      minutes: 2,
      tags: [TAG.huts],
      authors: [PERSON.dana],
      published: published(at('2024-03-01', '09:12:44', '120000')),
      // A live page with unpublished edits: content fields keep the published values (README item 5).
      draftTitle: 'Opening dates for the 2024 and 2025 seasons',
      body: [w.paragraph('The full list is on the [opening dates](page:13) page, which we keep up to date through the season.')],
    }),
    article({
      id: P.ptarmigans,
      title: 'Ptarmigans on the Kestrel Ridge',
      slug: 'ptarmigans',
      subtitle: 'White in winter, speckled in summer, rarely seen',
      intro: 'A pair of rock ptarmigans has nested near the Greywater ridge for three summers running.',
      image: IMG.summitPortrait,
      date: '2024-02-10',
      minutes: 3,
      tags: [TAG.wildlife, TAG.photography],
      authors: [PERSON.owen],
      published: published(at('2024-02-10', '14:00:00'), at('2024-02-10', '14:20:00', '000001')),
      body: [
        w.paragraph(
          w.image(IMG.summitPortrait, 'left', 'The ridge where the ptarmigans nest'),
          'Ptarmigans stay on the ridge all winter, sheltering in snow holes. In June please keep to the path between [Kestrel Saddle Hut](page:5) and the bivouac: the nest is close to it.',
        ),
      ],
    }),
    article({
      id: P.gradesGuide,
      title: 'A beginner’s guide to trail grades',
      slug: 'beginners-guide-to-trail-grades',
      subtitle: 'What T2 and T3 really mean on the ground',
      intro: 'Grades describe the hardest part of a route in good conditions. Here is how to read them.',
      image: IMG.signpost,
      date: '2024-05-02',
      minutes: 5,
      tags: [TAG.safety, TAG.navigation],
      authors: [PERSON.priya],
      published: published(at('2024-05-02', '08:00:00'), at('2024-05-03', '08:00:00', '500000')),
      body: [
        w.paragraph('Our [grading page](page:24) lists the scale. In practice, start with a T1 [day walk](page:16), move to T2 once you are comfortable on uneven ground, and only try the [Kestrel Traverse](page:21) after several T3 days.'),
        w.captionedImage(IMG.signpost, 'Signposts show the grade next to the timing.'),
      ],
    }),
    article({
      id: P.familyWeekend,
      title: 'A family weekend at Tarnside',
      slug: 'family-weekend-at-tarnside',
      subtitle: 'Two adults, two children and a very patient dog',
      intro: 'The Okonkwo family spent their first hut night at Tarnside last June. This is their report.',
      image: IMG.tarnside,
      date: '2024-06-20',
      minutes: 4,
      tags: [TAG.family, TAG.huts],
      authors: [PERSON.dana],
      published: published(at('2024-06-20', '18:30:00'), at('2024-06-21', '07:45:00', '750000')),
      body: [
        w.paragraph('We chose [Tarnside Hut](page:9) because it is close to the bus and has a family room. The children swam, the dog slept in the winter room and we all learned the card game the warden taught us.'),
        w.columns([{ image: IMG.tarnside }, { text: ['Next year we want to try the [Three Lakes Tour](page:22).'] }, { link: P.threeLakes }]),
      ],
    }),
    article({
      id: P.nightPhotography,
      title: 'Night photography above the huts',
      slug: 'night-photography',
      subtitle: 'A tripod, a head torch and patience',
      intro: 'The huts are far from street lights, which makes the range one of the darkest places in the region.',
      image: IMG.fullMoon,
      date: '2024-01-12',
      minutes: 7,
      tags: [TAG.photography],
      authors: [PERSON.owen],
      published: published(at('2024-01-12', '21:00:00'), at('2024-01-13', '09:00:00', '090909')),
      body: [
        w.paragraph(
          'My favourite spot is the knoll behind [Greywater Bivouac](page:7), where the Milky Way rises over the north valleys in August.',
          w.image(IMG.fullMoon, 'fullwidth', 'The full moon rising over the ridge'),
          'On full-moon nights you need no torch on the [Tarn Circuit](page:17); join our [full moon walk](page:29) to try it.',
          w.media(EMBED.traverseFilm),
        ),
        w.captionedImage(IMG.greywaterNight, 'A 25-second exposure from the knoll.', 'Owen Achterberg'),
      ],
    }),
    article({
      id: P.winterRooms,
      title: 'Winter rooms: what to expect',
      slug: 'winter-rooms',
      subtitle: 'Unlocked, unheated until you light the stove, and free',
      intro: 'Every hut keeps a winter room open outside the season. Here is how they work.',
      image: IMG.quarryWinter,
      date: '2023-11-18',
      minutes: 3,
      tags: [TAG.winter, TAG.huts, TAG.safety],
      authors: [PERSON.maren],
      published: published(at('2023-11-18', '10:00:00'), at('2023-11-20', '11:00:00', '654321')),
      body: [
        w.paragraph('Winter rooms have bunks, blankets, a stove and an emergency radio. [Old Quarry Hut](page:11) is the exception: the whole hut stays open, with a gas cooker.'),
        w.infoPanel('Leave it ready', ['Lay a fire for the next visitors before you leave and close the shutters.'], 'tip'),
      ],
    }),
    article({
      id: P.trailCrew,
      title: 'Meet the trail crew of 2024',
      slug: 'meet-the-trail-crew',
      subtitle: 'Sixty volunteers, four work weekends',
      intro: 'Our trail crew looks after 140 km of paths. This year they have four weekends planned.',
      image: IMG.trailCrew,
      date: '2024-07-05',
      minutes: 3,
      tags: [TAG.volunteering, TAG.trailWork],
      authors: [PERSON.tomasz],
      published: published(at('2024-07-05', '17:59:00'), at('2024-07-05', '18:00:00')),
      body: [
        w.columns([
          { text: ['## Who they are', 'Students, retired engineers, a baker and two former wardens.'] },
          { image: IMG.trailCrew },
          { text: ['## How to join', 'Sign up for the [spring work weekend](page:26) or write to us from the [contact page](page:48).'] },
        ]),
      ],
    }),
    article({
      id: P.stormClosures,
      title: 'Route closures after the March storm',
      slug: 'route-closures-march-storm',
      subtitle: 'Fallen trees on the Larch Bowl Loop',
      intro: 'Unpublished once the paths were cleared.',
      image: IMG.larchAutumn,
      date: '2024-03-19',
      minutes: 1,
      tags: [TAG.safety],
      authors: [PERSON.tomasz],
      published: published(at('2024-03-19', '07:00:00'), at('2024-03-19', '07:00:00')),
      live: false,
      body: [w.paragraph('The Larch Bowl Loop is closed between the car park and the hut until further notice.')],
    }),

    // ---- About ---------------------------------------------------------------------------------
    {
      id: P.about,
      type: 'StandardPage',
      parentId: P.home,
      title: 'About us',
      slug: 'about',
      showInMenus: true,
      ...published(at('2023-03-14', '08:20:00'), at('2024-02-01', '10:00:00', '100000')),
      fields: {
        introduction: 'A members’ association founded in 1952 to keep the Kestrel Range open to everyone.',
        image: IMG.traversePanorama,
        body: [
          w.paragraph(
            'We are a charity with 3,480 member households, four staff and several hundred volunteers. We own six [huts](page:3), maintain 140 km of [trails](page:15) and run [courses](page:25) every season.',
            'Read our [history](page:44), meet [the people](page:45) behind the huts, or [become a member](page:46).',
          ),
        ],
      },
    },
    {
      id: P.history,
      type: 'StandardPage',
      parentId: P.about,
      title: 'Our history',
      slug: 'history',
      ...published(at('2023-03-21', '08:00:00'), at('2023-12-04', '09:40:00', '400000')),
      fields: {
        introduction: 'Seventy years of huts, trails and volunteers.',
        image: IMG.greywaterNight,
        body: [
          w.timeline('Milestones', [
            ['1952', 'Twelve walkers from Kestrel Bridge found the association.'],
            ['1953', 'Greywater Bivouac is carried up in parts and bolted to the rock.'],
            ['1967', 'Kestrel Saddle Hut opens with 20 bunks.'],
            ['1987', 'Volunteers build the sauna at Tarnside Hut.'],
            ['2009', 'The Three Lakes Tour is waymarked.'],
            ['2023', 'The Tarnside footbridge is rebuilt after the 2022 floods.'],
          ]),
          w.paragraph('The story of our first shelter is told in [Seventy winters at Greywater](page:33).'),
        ],
      },
    },
    {
      id: P.people,
      type: 'StandardPage',
      parentId: P.about,
      title: 'People and volunteers',
      slug: 'people',
      ...published(at('2023-03-21', '08:30:00'), at('2024-03-10', '12:00:00')),
      fields: {
        introduction: 'The board, the wardens and the volunteers who keep the huts open.',
        image: IMG.trailCrew,
        body: [
          w.paragraph('Our board is elected at the annual meeting each November. Wardens are employed for the season; everything else is done by volunteers like the [trail crew](page:41).'),
          w.quote('Half of our members have volunteered at least once. That is what makes the huts ours.', 'Ilse Brandvold, chair', IMG.portraitIlse),
        ],
      },
    },
    {
      id: P.membership,
      type: 'StandardPage',
      parentId: P.about,
      title: 'Membership',
      slug: 'membership',
      showInMenus: true,
      ...published(at('2023-03-21', '09:00:00'), at('2024-01-02', '09:00:00', '020202')),
      fields: {
        introduction: 'Members sleep for less, book first and have a vote on what we build next.',
        image: IMG.hutSquare,
        body: [w.paragraph('Household membership covers two adults and their children under 18. See [fees and benefits](page:47).')],
      },
    },
    {
      id: P.fees,
      type: 'StandardPage',
      parentId: P.membership,
      title: 'Membership fees and benefits',
      slug: 'fees',
      ...published(at('2023-03-21', '09:10:00'), at('2024-01-02', '09:10:00')),
      fields: {
        introduction: 'What membership costs and what you get for it.',
        image: null,
        body: [
          w.paragraph(
            '- Individual: 48 a year',
            '- Household: 72 a year',
            '- Under 26: 24 a year',
            'Benefits: member rates in every hut (see [booking and prices](page:12)), priority booking for [courses](page:25) and the printed annual report.',
          ),
        ],
      },
    },
    {
      id: P.contact,
      type: 'StandardPage',
      parentId: P.about,
      title: 'Contact',
      slug: 'contact',
      ...published(at('2023-03-21', '09:20:00'), at('2024-04-04', '14:00:00', '440000')),
      fields: {
        introduction: 'Write to us, call the office or find a warden.',
        image: null,
        body: [
          w.paragraph(
            'The office in Kestrel Bridge is open Monday to Friday, 9:00 to 16:00. For hut bookings call the hut directly; the numbers are on each hut page, for example [Kestrel Saddle Hut](page:5).',
            'In an emergency in the mountains call 112.',
          ),
        ],
      },
    },
    {
      id: P.privacy,
      type: 'StandardPage',
      parentId: P.about,
      title: 'Privacy notice',
      slug: 'privacy',
      ...published(at('2023-05-25', '00:00:00'), at('2023-05-25', '00:00:00')),
      fields: {
        introduction: 'How we handle the personal data of members and guests.',
        image: null,
        body: [w.paragraph('We keep booking data for two years and membership data for as long as you are a member. Ask the [office](page:48) for a copy of your data.')],
      },
    },
    {
      id: P.accessibility,
      type: 'StandardPage',
      parentId: P.about,
      title: 'Accessibility',
      slug: 'accessibility',
      ...published(at('2023-06-01', '12:00:00'), at('2023-06-01', '12:00:00', '000100')),
      fields: {
        introduction: 'Which huts and trails suit limited mobility, and how this website aims to be usable by everyone.',
        image: null,
        body: [w.paragraph('The first two kilometres of the [Tarn Circuit](page:17) are level and wide enough for all-terrain wheelchairs, and [Tarnside Hut](page:9) has a step-free ground floor.')],
      },
    },
  ];
}

interface HutSpec {
  id: number;
  parentId: number;
  title: string;
  slug: string;
  intro: string;
  image: number;
  region: string;
  elevation: number;
  latLong: string;
  beds: number;
  priceFrom: number;
  warden: string;
  phone: string;
  open: [string, string];
  winterRoom: boolean;
  hours: Array<[string, string, string, string, boolean]>;
  published: Pick<PageInput, 'firstPublishedAt' | 'lastPublishedAt'>;
  body: unknown[];
}

function hut(spec: HutSpec): PageInput {
  return {
    id: spec.id,
    type: 'HutPage',
    parentId: spec.parentId,
    title: spec.title,
    slug: spec.slug,
    searchDescription: spec.intro,
    ...spec.published,
    fields: {
      introduction: spec.intro,
      image: spec.image,
      region: spec.region,
      elevation: spec.elevation,
      latLong: spec.latLong,
      beds: spec.beds,
      priceFrom: spec.priceFrom,
      wardenName: spec.warden || null,
      phone: spec.phone || null,
      openFrom: spec.open[0],
      openUntil: spec.open[1],
      hasWinterRoom: spec.winterRoom,
      houseRules: DOC.houseRules,
      openingHours: spec.hours.map(([season, days, opens, closes, closed], i) => ({
        id: spec.id * 10 + i + 1,
        season,
        days,
        opens: opens || null,
        closes: closes || null,
        closed,
      })),
      body: spec.body,
    },
  };
}

interface RouteSpec {
  id: number;
  parentId: number;
  title: string;
  slug: string;
  intro: string;
  image: number;
  grade: string;
  km: number;
  ascent: number;
  hours: number;
  from: string;
  to: string;
  months: string;
  huts: number[];
  published: Pick<PageInput, 'firstPublishedAt' | 'lastPublishedAt'>;
  body: unknown[];
}

function route(spec: RouteSpec): PageInput {
  return {
    id: spec.id,
    type: 'RoutePage',
    parentId: spec.parentId,
    title: spec.title,
    slug: spec.slug,
    ...spec.published,
    fields: {
      introduction: spec.intro,
      image: spec.image,
      difficulty: spec.grade,
      distanceKm: spec.km,
      ascentM: spec.ascent,
      durationHours: spec.hours,
      startPoint: spec.from,
      endPoint: spec.to,
      bestMonths: spec.months,
      huts: spec.huts,
      body: spec.body,
    },
  };
}

interface EventSpec {
  id: number;
  title: string;
  slug: string;
  intro: string;
  image: number;
  dates: [string, string];
  time: string;
  location: string;
  price: number;
  grade: string;
  places: number;
  open: boolean;
  organiser: number;
  published: Pick<PageInput, 'firstPublishedAt' | 'lastPublishedAt'>;
  body: unknown[];
}

function event(spec: EventSpec): PageInput {
  return {
    id: spec.id,
    type: 'EventPage',
    parentId: PAGE.events,
    title: spec.title,
    slug: spec.slug,
    ...spec.published,
    fields: {
      introduction: spec.intro,
      image: spec.image,
      startDate: spec.dates[0],
      endDate: spec.dates[1],
      startTime: spec.time,
      location: spec.location,
      price: spec.price,
      difficulty: spec.grade,
      maxParticipants: spec.places,
      bookingOpen: spec.open,
      organiser: spec.organiser,
      body: spec.body,
    },
  };
}

interface ArticleSpec {
  id: number;
  title: string;
  slug: string;
  subtitle: string;
  intro: string;
  image: number;
  date: string;
  minutes: number;
  tags: number[];
  authors: number[];
  published: Pick<PageInput, 'firstPublishedAt' | 'lastPublishedAt'>;
  draftTitle?: string;
  live?: boolean;
  body: unknown[];
}

function article(spec: ArticleSpec): PageInput {
  return {
    id: spec.id,
    type: 'ArticlePage',
    parentId: PAGE.journal,
    title: spec.title,
    slug: spec.slug,
    searchDescription: spec.id % 3 === 0 ? '' : spec.intro,
    ...spec.published,
    ...(spec.draftTitle ? { draftTitle: spec.draftTitle, hasUnpublishedChanges: true } : {}),
    ...(spec.live === false ? { live: false, hasUnpublishedChanges: true } : {}),
    fields: {
      subtitle: spec.subtitle,
      introduction: spec.intro,
      heroImage: spec.image,
      datePublished: spec.date,
      readingMinutes: spec.minutes,
      body: spec.body,
      tags: spec.tags,
      authors: spec.authors,
    },
  };
}
