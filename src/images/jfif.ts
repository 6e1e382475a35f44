// A JFIF header for JPEGs made by sharp. libvips writes no APP0 "JFIF" segment (it starts with
// the quantisation tables), and some readers of the EPUB's cover (older reading systems, store
// ingestion, pandoc) look for it to know the image's size and kind. The segment is 16 bytes.

/**
 * `jpeg` with a JFIF 1.01 APP0 segment right after its start-of-image marker, at `dpi` dots
 * per inch, unless it already begins with one.
 */
export function withJfifHeader(jpeg: Buffer, dpi = 72): Buffer {
  if (jpeg[0] !== 0xff || jpeg[1] !== 0xd8) throw new Error('not a JPEG (no start-of-image marker).');
  if (jpeg[2] === 0xff && jpeg[3] === 0xe0 && jpeg.subarray(6, 11).toString('latin1') === 'JFIF\0') return jpeg;
  const app0 = Buffer.alloc(18);
  app0.writeUInt16BE(0xffe0, 0);
  app0.writeUInt16BE(16, 2); // segment length, without the marker
  app0.write('JFIF\0', 4, 'latin1');
  app0.writeUInt16BE(0x0101, 9); // version 1.01
  app0[11] = 1; // densities in dots per inch
  app0.writeUInt16BE(dpi, 12);
  app0.writeUInt16BE(dpi, 14);
  // No thumbnail (bytes 16 and 17: its width and height, 0).
  return Buffer.concat([jpeg.subarray(0, 2), app0, jpeg.subarray(2)]);
}
