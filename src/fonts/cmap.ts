// A font's character map (its `cmap` table), read and written, and one more character mapped to the
// glyph of another. Why: Literata has no U+202F (narrow no-break space), which French sets ~100
// times per book, and no subset can add a glyph the source lacks; HarfBuzz's subsetter cannot
// add a mapping either. So the subset font (an sfnt: TrueType or OpenType outlines) gets a new
// cmap in which U+202F shares the glyph of U+2009 (thin space), the width French typography
// wants for it. Only the cmap table changes; the font is then re-subset (make.ts), which packs
// it as WOFF2 and keeps the new mapping.
//
// What is written: a format 4 subtable (the BMP) under Unicode BMP (0/3) and Windows BMP (3/1),
// and, only when the font maps a character beyond the BMP, a format 12 subtable (everything)
// under Unicode full (0/4) and Windows full (3/10) — the subtables HarfBuzz's subsetter writes.

/** code point → glyph id */
export type CharMap = Map<number, number>;

interface TableRecord {
  tag: string;
  offset: number;
  length: number;
}

const view = (bytes: Uint8Array) => new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** The tables of an sfnt font (TrueType `\0\1\0\0`, `true`, or OpenType `OTTO`). */
export function sfntTables(font: Uint8Array): TableRecord[] {
  if (font.byteLength < 12) throw new Error('not an sfnt font: shorter than its header.');
  const v = view(font);
  const version = v.getUint32(0);
  if (version !== 0x00010000 && version !== 0x4f54544f && version !== 0x74727565)
    throw new Error(
      `not an sfnt font (version 0x${version.toString(16)}): give the TrueType/OpenType file, not WOFF2.`,
    );
  const count = v.getUint16(4);
  const tables: TableRecord[] = [];
  for (let i = 0; i < count; i++) {
    const at = 12 + i * 16;
    const tag = String.fromCharCode(font[at]!, font[at + 1]!, font[at + 2]!, font[at + 3]!);
    tables.push({ tag, offset: v.getUint32(at + 8), length: v.getUint32(at + 12) });
  }
  return tables;
}

function table(font: Uint8Array, tag: string): Uint8Array {
  const record = sfntTables(font).find((t) => t.tag === tag);
  if (!record) throw new Error(`the font has no ${tag} table.`);
  return font.subarray(record.offset, record.offset + record.length);
}

/** Every mapping of the cmap table's format 4 and format 12 subtables (other formats are ignored). */
export function readCmap(cmap: Uint8Array): CharMap {
  const v = view(cmap);
  const map: CharMap = new Map();
  const count = v.getUint16(2);
  const seen = new Set<number>();
  for (let i = 0; i < count; i++) {
    const offset = v.getUint32(4 + i * 8 + 4);
    if (seen.has(offset)) continue;
    seen.add(offset);
    const format = v.getUint16(offset);
    if (format === 4) {
      const segX2 = v.getUint16(offset + 6);
      const ends = offset + 14;
      const starts = ends + segX2 + 2;
      const deltas = starts + segX2;
      const ranges = deltas + segX2;
      for (let s = 0; s < segX2; s += 2) {
        const end = v.getUint16(ends + s);
        const start = v.getUint16(starts + s);
        const delta = v.getInt16(deltas + s);
        const rangeOffset = v.getUint16(ranges + s);
        for (let cp = start; cp <= end && cp !== 0xffff; cp++) {
          let gid: number;
          if (rangeOffset === 0) gid = (cp + delta) & 0xffff;
          else {
            const g = v.getUint16(ranges + s + rangeOffset + (cp - start) * 2);
            gid = g === 0 ? 0 : (g + delta) & 0xffff;
          }
          if (gid !== 0 && !map.has(cp)) map.set(cp, gid);
        }
      }
    } else if (format === 12) {
      const groups = v.getUint32(offset + 12);
      for (let g = 0; g < groups; g++) {
        const at = offset + 16 + g * 12;
        const start = v.getUint32(at);
        const end = v.getUint32(at + 4);
        const glyph = v.getUint32(at + 8);
        for (let cp = start; cp <= end; cp++) if (!map.has(cp)) map.set(cp, glyph + cp - start);
      }
    }
  }
  return map;
}

/** Runs of consecutive code points mapped to consecutive glyphs: [first code point, last, first glyph]. */
function runs(map: CharMap, max: number): Array<[number, number, number]> {
  const out: Array<[number, number, number]> = [];
  for (const cp of [...map.keys()].filter((c) => c <= max).sort((a, b) => a - b)) {
    const gid = map.get(cp)!;
    const last = out.at(-1);
    if (last && last[1] === cp - 1 && last[2] + (cp - last[0]) === gid) last[1] = cp;
    else out.push([cp, cp, gid]);
  }
  return out;
}

function format4(map: CharMap): Uint8Array {
  // Each run is a segment with idDelta (no glyph array); the last segment ends at 0xFFFF, as required.
  const segments = runs(map, 0xfffe).map(([start, end, gid]) => [start, end, (gid - start) & 0xffff] as const);
  segments.push([0xffff, 0xffff, 1]);
  const n = segments.length;
  const length = 16 + n * 8;
  if (length > 0xffff) throw new Error('too many characters for a format 4 cmap subtable.');
  const out = new Uint8Array(length);
  const v = view(out);
  const searchRange = 2 * 2 ** Math.floor(Math.log2(n));
  v.setUint16(0, 4);
  v.setUint16(2, length);
  v.setUint16(4, 0); // language
  v.setUint16(6, n * 2);
  v.setUint16(8, searchRange);
  v.setUint16(10, Math.log2(searchRange / 2));
  v.setUint16(12, n * 2 - searchRange);
  segments.forEach(([start, end, delta], i) => {
    v.setUint16(14 + i * 2, end);
    v.setUint16(16 + n * 2 + i * 2, start);
    v.setUint16(16 + n * 4 + i * 2, delta);
    v.setUint16(16 + n * 6 + i * 2, 0);
  });
  return out;
}

function format12(map: CharMap): Uint8Array {
  const groups = runs(map, 0x10ffff);
  const out = new Uint8Array(16 + groups.length * 12);
  const v = view(out);
  v.setUint16(0, 12);
  v.setUint32(4, out.byteLength);
  v.setUint32(8, 0); // language
  v.setUint32(12, groups.length);
  groups.forEach(([start, end, gid], i) => {
    v.setUint32(16 + i * 12, start);
    v.setUint32(20 + i * 12, end);
    v.setUint32(24 + i * 12, gid);
  });
  return out;
}

/** A cmap table for `map`. */
export function writeCmap(map: CharMap): Uint8Array {
  const bmp = format4(map);
  const full = [...map.keys()].some((cp) => cp > 0xffff) ? format12(map) : undefined;
  const records: Array<[number, number, 'bmp' | 'full']> = full
    ? [
        [0, 3, 'bmp'],
        [0, 4, 'full'],
        [3, 1, 'bmp'],
        [3, 10, 'full'],
      ]
    : [
        [0, 3, 'bmp'],
        [3, 1, 'bmp'],
      ];
  const header = 4 + records.length * 8;
  const out = new Uint8Array(header + bmp.byteLength + (full?.byteLength ?? 0));
  const v = view(out);
  v.setUint16(0, 0);
  v.setUint16(2, records.length);
  records.forEach(([platform, encoding, which], i) => {
    v.setUint16(4 + i * 8, platform);
    v.setUint16(6 + i * 8, encoding);
    v.setUint32(8 + i * 8, which === 'bmp' ? header : header + bmp.byteLength);
  });
  out.set(bmp, header);
  if (full) out.set(full, header + bmp.byteLength);
  return out;
}

function checksum(bytes: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < bytes.byteLength; i += 4) {
    const word =
      ((bytes[i] ?? 0) << 24) | ((bytes[i + 1] ?? 0) << 16) | ((bytes[i + 2] ?? 0) << 8) | (bytes[i + 3] ?? 0);
    sum = (sum + (word >>> 0)) >>> 0;
  }
  return sum;
}

/** The font with table `tag` replaced by `data`: tables in tag order, 4-byte aligned, checksums recomputed. */
export function replaceTable(font: Uint8Array, tag: string, data: Uint8Array): Uint8Array {
  const tables = sfntTables(font).map((t) => ({
    tag: t.tag,
    data: t.tag === tag ? data : font.slice(t.offset, t.offset + t.length),
  }));
  if (!tables.some((t) => t.tag === tag)) throw new Error(`the font has no ${tag} table to replace.`);
  tables.sort((a, b) => (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0));
  const n = tables.length;
  const dirLength = 12 + n * 16;
  const total = dirLength + tables.reduce((s, t) => s + Math.ceil(t.data.byteLength / 4) * 4, 0);
  const out = new Uint8Array(total);
  const v = view(out);
  out.set(font.subarray(0, 4), 0);
  const searchRange = 16 * 2 ** Math.floor(Math.log2(n));
  v.setUint16(4, n);
  v.setUint16(6, searchRange);
  v.setUint16(8, Math.log2(searchRange / 16));
  v.setUint16(10, n * 16 - searchRange);
  let offset = dirLength;
  let headAt = -1;
  tables.forEach((t, i) => {
    const body = t.data.slice();
    if (t.tag === 'head') {
      view(body).setUint32(8, 0); // checkSumAdjustment, computed over the whole font below
      headAt = offset;
    }
    out.set(body, offset);
    const at = 12 + i * 16;
    for (let k = 0; k < 4; k++) out[at + k] = t.tag.charCodeAt(k);
    v.setUint32(at + 4, checksum(body));
    v.setUint32(at + 8, offset);
    v.setUint32(at + 12, body.byteLength);
    offset += Math.ceil(body.byteLength / 4) * 4;
  });
  if (headAt >= 0) v.setUint32(headAt + 8, (0xb1b0afba - checksum(out)) >>> 0);
  return out;
}

/**
 * The font with `codePoint` mapped to the glyph of the first of `from` it has, unless it maps
 * `codePoint` already or has none of them (then it is returned as it was).
 */
export function aliasCodePoint(font: Uint8Array, codePoint: number, from: number[]): Uint8Array {
  const map = readCmap(table(font, 'cmap'));
  if (map.has(codePoint)) return font;
  const source = from.find((cp) => map.has(cp));
  if (source === undefined) return font;
  map.set(codePoint, map.get(source)!);
  return replaceTable(font, 'cmap', writeCmap(map));
}

/**
 * Where a narrow no-break space takes its glyph when the face has none: thin space (1/5 em in
 * Literata, the width French typography gives it), the narrower fixed spaces, and last the
 * no-break space (wider, but it does not break either: Atkinson Hyperlegible has no thin space).
 */
export const NARROW_NO_BREAK_SPACE_SOURCES = [0x2009, 0x2006, 0x2005, 0x00a0];
