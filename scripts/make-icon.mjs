// Draws media/icon.png (128×128): a stack of container boxes beside a monitor-shaped VM, on a
// rounded square. Plain zlib + PNG chunks, so the icon is reproducible without image tools.
import { deflateSync } from 'node:zlib';
import { writeFileSync } from 'node:fs';

const W = 128, H = 128;
const px = new Uint8Array(W * H * 4);
const set = (x, y, [r, g, b, a = 255]) => {
  if (x < 0 || y < 0 || x >= W || y >= H) return;
  const i = (y * W + x) * 4;
  px[i] = r; px[i + 1] = g; px[i + 2] = b; px[i + 3] = a;
};
const rect = (x0, y0, x1, y1, c) => { for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) set(x, y, c); };
const inRounded = (x, y, r) => {
  const cx = Math.min(Math.max(x, r), W - 1 - r), cy = Math.min(Math.max(y, r), H - 1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
};
const bg = [29, 53, 87], container = [72, 202, 228], containerDark = [0, 150, 199], vm = [255, 183, 3], screen = [29, 53, 87];
for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) if (inRounded(x, y, 22)) set(x, y, bg);
// containers: three stacked boxes with ridges
for (const [bx, by] of [[14, 74], [40, 74], [27, 50]]) {
  rect(bx, by, bx + 24, by + 20, container);
  for (let x = bx + 3; x < bx + 24; x += 5) rect(x, by + 3, x + 2, by + 17, containerDark);
}
// VM: a monitor with a stand
rect(72, 34, 116, 72, vm);
rect(76, 38, 112, 68, screen);
rect(80, 42, 108, 46, vm); rect(80, 50, 100, 53, vm); rect(80, 57, 104, 60, vm);
rect(90, 72, 98, 84, vm);
rect(80, 84, 108, 90, vm);
// question mark under the VM
rect(84, 98, 104, 102, [255, 255, 255]); rect(100, 98, 104, 108, [255, 255, 255]); rect(92, 104, 104, 108, [255, 255, 255]);
rect(92, 108, 96, 112, [255, 255, 255]); rect(92, 116, 96, 120, [255, 255, 255]);

const crcTable = Array.from({ length: 256 }, (_, n) => { let c = n; for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1; return c >>> 0; });
const crc = (buf) => { let c = 0xffffffff; for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8); return (c ^ 0xffffffff) >>> 0; };
const chunk = (type, data) => {
  const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type), data]);
  const c = Buffer.alloc(4); c.writeUInt32BE(crc(td));
  return Buffer.concat([len, td, c]);
};
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(W, 0); ihdr.writeUInt32BE(H, 4); ihdr[8] = 8; ihdr[9] = 6;
const raw = Buffer.alloc((W * 4 + 1) * H);
for (let y = 0; y < H; y++) { raw[y * (W * 4 + 1)] = 0; Buffer.from(px.buffer, y * W * 4, W * 4).copy(raw, y * (W * 4 + 1) + 1); }
const png = Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
writeFileSync(new URL('../media/icon.png', import.meta.url), png);
