#!/usr/bin/env node
// Draws the tab bar icons (首页 学习 志愿 我的) as PNGs into src/assets/tab-bar/, grey and
// party red, so no icon is downloaded and they can be redrawn after a colour change:
//   node tools/make-tab-icons.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const SIZE = 81; // WeChat recommends 81 x 81 px tab bar icons.
const SAMPLES = 4; // supersampling per axis, for smooth edges
const colors = { normal: [0x4a, 0x4a, 0x4a], active: [0xc8, 0x16, 0x1d] };
const outDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'assets', 'tab-bar');

/** Point-in-convex/concave polygon by ray casting; points in [0,1]². */
function inPolygon(x, y, points) {
  let inside = false;
  for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
    const [xi, yi] = points[i];
    const [xj, yj] = points[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

const inRect = (x, y, x0, y0, x1, y1) => x >= x0 && x <= x1 && y >= y0 && y <= y1;
const inEllipse = (x, y, cx, cy, rx, ry) => ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 <= 1;

/** Each shape answers "is this point inked?" for coordinates in [0,1]². */
const shapes = {
  home: (x, y) => {
    const roof = inPolygon(x, y, [
      [0.5, 0.1],
      [0.06, 0.5],
      [0.94, 0.5],
    ]);
    const body = inRect(x, y, 0.2, 0.44, 0.8, 0.88);
    const door = inRect(x, y, 0.42, 0.62, 0.58, 0.88);
    return (roof || body) && !door;
  },
  study: (x, y) =>
    inPolygon(x, y, [
      [0.06, 0.2],
      [0.47, 0.28],
      [0.47, 0.86],
      [0.06, 0.78],
    ]) ||
    inPolygon(x, y, [
      [0.53, 0.28],
      [0.94, 0.2],
      [0.94, 0.78],
      [0.53, 0.86],
    ]),
  volunteer: (x, y) => {
    // The classic heart curve (x² + y² − 1)³ − x²y³ ≤ 0, scaled into the square.
    const u = (x - 0.5) * 2.7;
    const v = (0.55 - y) * 2.7;
    return (u * u + v * v - 1) ** 3 - u * u * v ** 3 <= 0;
  },
  mine: (x, y) => inEllipse(x, y, 0.5, 0.3, 0.19, 0.19) || (inEllipse(x, y, 0.5, 0.98, 0.4, 0.44) && y <= 0.9),
};

function render(shape, [r, g, b]) {
  const rows = [];
  for (let py = 0; py < SIZE; py++) {
    const row = Buffer.alloc(1 + SIZE * 4); // filter byte 0, then RGBA
    for (let px = 0; px < SIZE; px++) {
      let hits = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          if (shape((px + (sx + 0.5) / SAMPLES) / SIZE, (py + (sy + 0.5) / SAMPLES) / SIZE)) hits++;
        }
      }
      row.set([r, g, b, Math.round((255 * hits) / (SAMPLES * SAMPLES))], 1 + px * 4);
    }
    rows.push(row);
  }
  return png(Buffer.concat(rows));
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function png(raw) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(SIZE, 0);
  header.writeUInt32BE(SIZE, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

mkdirSync(outDir, { recursive: true });
for (const [name, shape] of Object.entries(shapes)) {
  writeFileSync(join(outDir, `${name}.png`), render(shape, colors.normal));
  writeFileSync(join(outDir, `${name}-active.png`), render(shape, colors.active));
}
console.log(`tab bar icons written to ${outDir}`);
