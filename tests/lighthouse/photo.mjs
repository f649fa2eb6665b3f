// A photo-like PNG made in memory (no image file in the repository): a sky
// and hills in smooth gradients with a little noise, so that it compresses
// like a photograph rather than like a flat colour.
import { deflateSync } from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

export function photoPng(width, height, seed = 7) {
  let state = seed >>> 0;
  const noise = () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return (state >>> 24) % 9 - 4;
  };
  const clamp = (v) => Math.max(0, Math.min(255, Math.round(v)));
  const raw = Buffer.alloc((width * 3 + 1) * height);
  let i = 0;
  for (let y = 0; y < height; y++) {
    raw[i++] = 0;  // filter: none
    for (let x = 0; x < width; x++) {
      const hill = height * (0.55 + 0.12 * Math.sin(x / width * 6.3) + 0.05 * Math.sin(x / 37));
      const t = y / height;
      let r, g, b;
      if (y < hill) { r = 120 + 90 * t; g = 170 + 50 * t; b = 235 - 20 * t; }
      else { const d = (y - hill) / height; r = 70 + 60 * d; g = 120 - 40 * d; b = 40 + 10 * d; }
      raw[i++] = clamp(r + noise()); raw[i++] = clamp(g + noise()); raw[i++] = clamp(b + noise());
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; header[9] = 2;  // 8 bits, RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0)),
  ]);
}
