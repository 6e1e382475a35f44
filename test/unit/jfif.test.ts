// The JFIF header added to the EPUB cover's JPEG (src/images/jfif.ts), and the cover's encoding.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import { withJfifHeader } from '../../src/images/jfif.ts';
import { ENCODING } from '../../src/images/render.ts';

const jpeg = () =>
  sharp({ create: { width: 40, height: 30, channels: 3, background: '#c33' } })
    .jpeg(ENCODING.jpeg)
    .toBuffer();

test('libvips writes no JFIF segment; withJfifHeader adds one, 72 dpi, and the image still decodes', async () => {
  const raw = await jpeg();
  assert.notDeepEqual(
    [...raw.subarray(0, 4)],
    [0xff, 0xd8, 0xff, 0xe0],
    'sharp alone writes no APP0 (else drop jfif.ts)',
  );
  const out = withJfifHeader(raw);
  assert.deepEqual([...out.subarray(0, 6)], [0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]);
  assert.equal(out.subarray(6, 11).toString('latin1'), 'JFIF\0');
  assert.deepEqual([...out.subarray(11, 20)], [1, 1, 1, 0, 72, 0, 72, 0, 0]);
  assert.equal(out.length, raw.length + 18);
  const meta = await sharp(out).metadata();
  assert.deepEqual([meta.format, meta.width, meta.height, meta.isProgressive], ['jpeg', 40, 30, false]);
  assert.equal(withJfifHeader(out), out, 'added once');
  assert.throws(() => withJfifHeader(Buffer.from('PNG')), /not a JPEG/);
});
