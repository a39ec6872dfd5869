import { mkdirSync, writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

/**
 * Draws the app icon (a disc split into a positive and a negative half on the theme colour)
 * and writes it as PNGs, so the repository needs no image tooling. Maskable icons keep the
 * disc inside the 80 % safe zone and fill the whole square.
 */
const theme = [0x3b, 0x34, 0x86];
const positive = [0x4a, 0xde, 0x80];
const negative = [0xf8, 0x71, 0x71];

function crc32(bytes: Uint8Array): number {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const out = Buffer.alloc(body.length + 8);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), body.length + 4);
  return out;
}

function icon(size: number, maskable: boolean): Buffer {
  const corner = maskable ? 0 : size * 0.2;
  const radius = size * (maskable ? 0.3 : 0.36);
  const centre = size / 2;
  const rows: Buffer[] = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 4);
    for (let x = 0; x < size; x++) {
      const cx = Math.max(corner - x, x - (size - 1 - corner), 0);
      const cy = Math.max(corner - y, y - (size - 1 - corner), 0);
      const inside = corner === 0 || Math.hypot(cx, cy) <= corner;
      const inDisc = Math.hypot(x - centre, y - centre) <= radius;
      const colour = inDisc ? (x < centre ? positive : negative) : theme;
      row.set([...colour, inside ? 255 : 0], 1 + x * 4);
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', new Uint8Array()),
  ]);
}

const dir = new URL('../public/icons/', import.meta.url);
mkdirSync(dir, { recursive: true });
for (const size of [192, 512]) {
  writeFileSync(new URL(`icon-${size}.png`, dir), icon(size, false));
  writeFileSync(new URL(`maskable-${size}.png`, dir), icon(size, true));
}
writeFileSync(new URL('apple-touch-icon.png', dir), icon(180, true));

/** favicon.ico: one 32 px PNG in an ICO container (every browser reads PNG inside ICO). */
function favicon(): Buffer {
  const png = icon(32, false);
  const header = Buffer.alloc(22);
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(1, 4); // one image
  header.set([32, 32, 0, 0], 6); // width, height, no palette, reserved
  header.writeUInt16LE(1, 10); // colour planes
  header.writeUInt16LE(32, 12); // bits per pixel
  header.writeUInt32LE(png.length, 14);
  header.writeUInt32LE(22, 18); // the image follows the one directory entry
  return Buffer.concat([header, png]);
}
writeFileSync(new URL('../favicon.ico', dir), favicon());
