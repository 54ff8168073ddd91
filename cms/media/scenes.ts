/**
 * The demo's pictures, drawn as SVG and rasterised by sharp: layered mountain ridges, lakes with
 * reflections, pine forests, huts, night skies, topographic maps, portraits and logos, each with a caption
 * band. No downloads; the same spec always draws the same picture.
 */
import { Random } from '../content/random.ts';
import { escapeHtml } from '../content/text.ts';

export type SceneKind = 'ridge' | 'lake' | 'forest' | 'hut' | 'night' | 'map' | 'portrait' | 'abstract' | 'logo';
export type Palette = 'dawn' | 'noon' | 'dusk' | 'night' | 'winter' | 'autumn' | 'mist';

export interface SceneSpec {
  kind: SceneKind;
  palette: Palette;
  seed: number;
  /** Printed in a band at the bottom (empty = no band). */
  caption: string;
}

interface Colours {
  skyTop: string;
  skyBottom: string;
  sun: string;
  ridges: [string, string, string, string];
  water: string;
  snow: string;
  trees: string;
}

const PALETTES: Record<Palette, Colours> = {
  dawn: {
    skyTop: '#3b4a7a',
    skyBottom: '#f4b38a',
    sun: '#ffe2b0',
    ridges: ['#a98fa8', '#7d6b8c', '#4e4a6b', '#2c2c44'],
    water: '#6d7fa6',
    snow: '#f7e9ef',
    trees: '#1f2a33',
  },
  noon: {
    skyTop: '#2f7fc1',
    skyBottom: '#bfe3f5',
    sun: '#fffbe0',
    ridges: ['#9fb8c9', '#6f8fa3', '#4c6b57', '#2f4a36'],
    water: '#3f86a8',
    snow: '#ffffff',
    trees: '#1d3b27',
  },
  dusk: {
    skyTop: '#23254d',
    skyBottom: '#e0785a',
    sun: '#ffb36b',
    ridges: ['#8a5a6e', '#5e3f5c', '#3a2a45', '#1c1626'],
    water: '#5b4a6e',
    snow: '#f3d0c4',
    trees: '#140f1a',
  },
  night: {
    skyTop: '#060a1f',
    skyBottom: '#1d2b52',
    sun: '#e8eefc',
    ridges: ['#2b3760', '#1f2849', '#161d36', '#0c1022'],
    water: '#18264a',
    snow: '#b7c4e6',
    trees: '#05070f',
  },
  winter: {
    skyTop: '#8fb3d4',
    skyBottom: '#eef4f8',
    sun: '#ffffff',
    ridges: ['#d9e4ee', '#b7c8d8', '#8ea5bb', '#5d758c'],
    water: '#a9c2d6',
    snow: '#ffffff',
    trees: '#2e4154',
  },
  autumn: {
    skyTop: '#5b86b0',
    skyBottom: '#f2dcb3',
    sun: '#fff1c7',
    ridges: ['#b59a86', '#a0703f', '#7a4b24', '#4a2d17'],
    water: '#62809a',
    snow: '#f8f1e6',
    trees: '#3a2412',
  },
  mist: {
    skyTop: '#9aa5ad',
    skyBottom: '#e3e6e3',
    sun: '#f6f6ef',
    ridges: ['#c9cfcf', '#a9b2b1', '#7f8c8a', '#4f5c5a'],
    water: '#aeb9bb',
    snow: '#fbfbfb',
    trees: '#2f3a38',
  },
};

/** A jagged ridgeline from left to right, closed down to the bottom edge. */
function ridge(rng: Random, w: number, h: number, baseY: number, amplitude: number, points: number): string {
  const coords: string[] = [`0,${h}`];
  for (let i = 0; i <= points; i++) {
    const x = (i / points) * w;
    const peak = i % 2 === 0 ? rng.next() * amplitude : rng.next() * amplitude * 0.35;
    coords.push(`${x.toFixed(1)},${(baseY - peak).toFixed(1)}`);
  }
  coords.push(`${w},${h}`);
  return coords.join(' ');
}

function pine(x: number, groundY: number, size: number, colour: string): string {
  const half = size * 0.28;
  return (
    `<polygon points="${x},${groundY - size} ${x - half},${groundY - size * 0.45} ${x - half * 0.55},${groundY - size * 0.45} ` +
    `${x - half * 1.25},${groundY} ${x + half * 1.25},${groundY} ${x + half * 0.55},${groundY - size * 0.45} ${x + half},${groundY - size * 0.45}" fill="${colour}"/>`
  );
}

function landscape(spec: SceneSpec, rng: Random, w: number, h: number, c: Colours): string {
  const parts: string[] = [];
  const horizon = h * (spec.kind === 'lake' ? 0.55 : 0.62);
  if (spec.kind === 'night') {
    for (let i = 0; i < 140; i++) {
      parts.push(
        `<circle cx="${(rng.next() * w).toFixed(1)}" cy="${(rng.next() * horizon * 0.9).toFixed(1)}" r="${(0.6 + rng.next() * 1.6) * (w / 1600)}" fill="#ffffff" opacity="${(0.4 + rng.next() * 0.6).toFixed(2)}"/>`,
      );
    }
  }
  const sunX = w * (0.15 + rng.next() * 0.7);
  const sunY = horizon * (0.25 + rng.next() * 0.4);
  const sunR = Math.min(w, h) * (spec.kind === 'night' ? 0.05 : 0.08);
  parts.push(`<circle cx="${sunX}" cy="${sunY}" r="${sunR * 3}" fill="url(#glow)"/>`);
  parts.push(`<circle cx="${sunX}" cy="${sunY}" r="${sunR}" fill="${c.sun}"/>`);

  const layers = c.ridges.map((colour, i) => {
    const base = horizon + (i - 1) * h * 0.07;
    const amplitude = h * (0.32 - i * 0.06);
    return { colour, points: ridge(rng, w, h, base, amplitude, 6 + i * 4 + rng.int(0, 4)) };
  });
  layers.forEach((layer, i) => {
    parts.push(`<polygon points="${layer.points}" fill="${layer.colour}"/>`);
    if (i === 0) {
      parts.push(`<polygon points="${layer.points}" fill="${c.snow}" opacity="0.35" clip-path="url(#snowline)"/>`);
    }
  });

  if (spec.kind === 'lake') {
    parts.push(`<rect x="0" y="${horizon + h * 0.12}" width="${w}" height="${h}" fill="url(#water)"/>`);
    for (let i = 0; i < 24; i++) {
      const y = horizon + h * 0.14 + rng.next() * h * 0.3;
      const x = rng.next() * w;
      parts.push(
        `<rect x="${x.toFixed(0)}" y="${y.toFixed(0)}" width="${(w * (0.03 + rng.next() * 0.1)).toFixed(0)}" height="${Math.max(1, h * 0.003).toFixed(1)}" fill="#ffffff" opacity="0.25"/>`,
      );
    }
  }
  if (spec.kind === 'forest' || spec.kind === 'hut' || spec.kind === 'lake') {
    const count = spec.kind === 'forest' ? 46 : 18;
    for (let i = 0; i < count; i++) {
      const x = rng.next() * w;
      const ground = h * (0.86 + rng.next() * 0.14);
      parts.push(pine(x, ground, h * (0.12 + rng.next() * (spec.kind === 'forest' ? 0.3 : 0.14)), c.trees));
    }
  }
  if (spec.kind === 'hut') {
    const hx = w * (0.35 + rng.next() * 0.3);
    const hy = h * 0.78;
    const s = Math.min(w, h) * 0.12;
    parts.push(`<rect x="${hx}" y="${hy - s * 0.6}" width="${s * 1.4}" height="${s * 0.6}" fill="#6b3e26"/>`);
    parts.push(`<polygon points="${hx - s * 0.15},${hy - s * 0.6} ${hx + s * 0.7},${hy - s * 1.15} ${hx + s * 1.55},${hy - s * 0.6}" fill="#8c2f24"/>`);
    parts.push(`<rect x="${hx + s * 0.25}" y="${hy - s * 0.45}" width="${s * 0.25}" height="${s * 0.2}" fill="#ffd27a"/>`);
    parts.push(`<rect x="${hx + s * 0.85}" y="${hy - s * 0.42}" width="${s * 0.3}" height="${s * 0.42}" fill="#3a2014"/>`);
  }
  return parts.join('');
}

function topoMap(rng: Random, w: number, h: number): string {
  const parts: string[] = [`<rect width="${w}" height="${h}" fill="#f1ead7"/>`];
  for (let hill = 0; hill < 4; hill++) {
    const cx = w * (0.15 + rng.next() * 0.7);
    const cy = h * (0.15 + rng.next() * 0.7);
    const rings = 6 + rng.int(0, 6);
    for (let r = rings; r > 0; r--) {
      const radius = (Math.min(w, h) * 0.045 * r) / 1.2;
      const pts: string[] = [];
      for (let a = 0; a < 24; a++) {
        const angle = (a / 24) * Math.PI * 2;
        const wobble = radius * (0.85 + rng.next() * 0.3);
        pts.push(`${(cx + Math.cos(angle) * wobble * 1.3).toFixed(1)},${(cy + Math.sin(angle) * wobble).toFixed(1)}`);
      }
      parts.push(`<polygon points="${pts.join(' ')}" fill="none" stroke="#a2774a" stroke-width="${r % 5 === 0 ? 3 : 1.4}" opacity="0.8"/>`);
    }
  }
  const trail: string[] = [];
  for (let i = 0; i <= 10; i++) trail.push(`${((i / 10) * w).toFixed(0)},${(h * (0.3 + rng.next() * 0.4)).toFixed(0)}`);
  parts.push(`<polyline points="${trail.join(' ')}" fill="none" stroke="#c0392b" stroke-width="${Math.max(3, w / 300)}" stroke-dasharray="18 10"/>`);
  return parts.join('');
}

function portrait(rng: Random, w: number, h: number, c: Colours): string {
  const cx = w / 2;
  const hue = rng.int(0, 360);
  return (
    `<rect width="${w}" height="${h}" fill="url(#sky)"/>` +
    `<ellipse cx="${cx}" cy="${h * 0.98}" rx="${w * 0.36}" ry="${h * 0.3}" fill="hsl(${hue},35%,35%)"/>` +
    `<rect x="${cx - w * 0.06}" y="${h * 0.55}" width="${w * 0.12}" height="${h * 0.2}" fill="hsl(${(hue + 30) % 360},30%,66%)"/>` +
    `<circle cx="${cx}" cy="${h * 0.47}" r="${Math.min(w, h) * 0.2}" fill="hsl(${(hue + 30) % 360},30%,72%)"/>` +
    `<path d="M ${cx - w * 0.21} ${h * 0.46} Q ${cx} ${h * 0.14} ${cx + w * 0.21} ${h * 0.46}" fill="${c.trees}"/>`
  );
}

function abstract(rng: Random, w: number, h: number): string {
  const parts: string[] = [];
  for (let i = 0; i < 14; i++) {
    const hue = rng.int(0, 360);
    const x = rng.next() * w;
    const y = rng.next() * h;
    const r = Math.min(w, h) * (0.08 + rng.next() * 0.3);
    parts.push(
      rng.chance(0.5)
        ? `<circle cx="${x}" cy="${y}" r="${r}" fill="hsl(${hue},60%,60%)" opacity="0.55"/>`
        : `<rect x="${x - r}" y="${y - r / 2}" width="${r * 2}" height="${r}" transform="rotate(${rng.int(0, 90)} ${x} ${y})" fill="hsl(${hue},55%,50%)" opacity="0.5"/>`,
    );
  }
  return parts.join('');
}

function logo(rng: Random, w: number, h: number, caption: string): string {
  const hue = rng.int(0, 360);
  const initials = caption
    .split(/\s+/)
    .map((word) => word[0] ?? '')
    .join('')
    .slice(0, 3)
    .toUpperCase();
  const r = Math.min(w, h) * 0.32;
  return (
    `<rect width="${w}" height="${h}" fill="#ffffff"/>` +
    `<circle cx="${w / 2}" cy="${h * 0.42}" r="${r}" fill="hsl(${hue},55%,40%)"/>` +
    `<text x="${w / 2}" y="${h * 0.42 + r * 0.3}" font-family="DejaVu Sans, sans-serif" font-weight="bold" font-size="${r * 0.8}" fill="#ffffff" text-anchor="middle">${escapeHtml(initials)}</text>`
  );
}

/** The SVG source of a scene at the given pixel size. */
export function drawScene(spec: SceneSpec, width: number, height: number): string {
  const rng = new Random(spec.seed);
  const c = PALETTES[spec.palette];
  let content: string;
  switch (spec.kind) {
    case 'map':
      content = topoMap(rng, width, height);
      break;
    case 'portrait':
      content = portrait(rng, width, height, c);
      break;
    case 'abstract':
      content = `<rect width="${width}" height="${height}" fill="url(#sky)"/>` + abstract(rng, width, height);
      break;
    case 'logo':
      content = logo(rng, width, height, spec.caption);
      break;
    default:
      content = `<rect width="${width}" height="${height}" fill="url(#sky)"/>` + landscape(spec, rng, width, height, c);
  }
  const band = Math.max(18, Math.round(height * 0.07));
  const caption =
    spec.caption && spec.kind !== 'logo'
      ? `<rect x="0" y="${height - band}" width="${width}" height="${band}" fill="#000000" opacity="0.45"/>` +
        `<text x="${band * 0.5}" y="${height - band * 0.3}" font-family="DejaVu Sans, sans-serif" font-size="${band * 0.55}" fill="#ffffff">${escapeHtml(spec.caption)}</text>`
      : spec.kind === 'logo'
        ? `<text x="${width / 2}" y="${height * 0.9}" font-family="DejaVu Sans, sans-serif" font-size="${Math.max(12, height * 0.09)}" fill="#333333" text-anchor="middle">${escapeHtml(spec.caption)}</text>`
        : '';
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">` +
    `<defs>` +
    `<linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${c.skyTop}"/><stop offset="1" stop-color="${c.skyBottom}"/></linearGradient>` +
    `<linearGradient id="water" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${c.water}"/><stop offset="1" stop-color="${c.ridges[3]}"/></linearGradient>` +
    `<radialGradient id="glow"><stop offset="0" stop-color="${c.sun}" stop-opacity="0.7"/><stop offset="1" stop-color="${c.sun}" stop-opacity="0"/></radialGradient>` +
    `<clipPath id="snowline"><rect x="0" y="0" width="${width}" height="${height * 0.5}"/></clipPath>` +
    `</defs>${content}${caption}</svg>`
  );
}
