// A small ZIP reader and a deterministic ZIP writer, enough for EPUB containers.
//
// epub-gen-memory (JSZip) stamps every entry with the current time, so two builds never give
// the same bytes. The EPUB is therefore re-packed here: entries in a fixed order (`mimetype`
// first and stored, as the OCF specification requires), one fixed date, no extra fields, and
// DEFLATE from Node's own zlib (the same Node gives the same bytes).
import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';

export interface ZipEntry {
  name: string;
  data: Uint8Array;
  /** Stored without compression (required for `mimetype`; pointless for PNG/JPEG/WOFF2). */
  store?: boolean;
}

const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;
const END = 0x06054b50;
const UTF8_FLAG = 0x0800;

/** MS-DOS date and time (local fields, 2-second resolution) of a UTC instant, clamped to 1980–2107. */
export function dosDateTime(date: Date): { date: number; time: number } {
  const min = Date.UTC(1980, 0, 1);
  const max = Date.UTC(2107, 11, 31, 23, 59, 58);
  const d = new Date(Math.min(Math.max(date.getTime(), min), max));
  return {
    date: ((d.getUTCFullYear() - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate(),
    time: (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | Math.floor(d.getUTCSeconds() / 2),
  };
}

/**
 * Writes a ZIP archive with entries in the order given, every entry dated `date` (UTC, so the
 * bytes do not depend on the machine's time zone). Same entries and date → same bytes.
 */
export function writeZip(entries: ZipEntry[], date: Date): Buffer {
  const { date: dosDate, time: dosTime } = dosDateTime(date);
  const names = new Set<string>();
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    if (names.has(e.name)) throw new Error(`ZIP entry "${e.name}" is written twice.`);
    names.add(e.name);
    const name = Buffer.from(e.name, 'utf8');
    const raw = Buffer.from(e.data.buffer, e.data.byteOffset, e.data.byteLength);
    const method = e.store ? 0 : 8;
    const body = e.store ? raw : deflateRawSync(raw, { level: 9 });
    const crc = crc32(raw);
    const flags = /[^\x20-\x7e]/.test(e.name) ? UTF8_FLAG : 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(LOCAL, 0);
    local.writeUInt16LE(20, 4); // version needed: 2.0
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(dosTime, 10);
    local.writeUInt16LE(dosDate, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(raw.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(CENTRAL, 0);
    central.writeUInt16LE(20, 4); // made by: MS-DOS, 2.0 (no Unix permissions to vary)
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt16LE(dosTime, 12);
    central.writeUInt16LE(dosDate, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(raw.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(END, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  if (offset > 0xffffffff || entries.length > 0xffff) throw new Error('The EPUB is too large for a ZIP without ZIP64.');
  return Buffer.concat([...locals, cd, end]);
}

export interface ReadEntry {
  name: string;
  data: Buffer;
  method: number;
  /** The entry's MS-DOS date and time fields, as stored. */
  dosDate: number;
  dosTime: number;
  /** Byte offset of the entry's local header (the order the entries are stored in). */
  offset: number;
}

/** Reads every file entry of a ZIP archive (directories are skipped), in stored order. */
export function readZip(zip: Uint8Array): ReadEntry[] {
  const buf = Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength);
  let end = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === END) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new Error('not a ZIP archive (no end of central directory).');
  const count = buf.readUInt16LE(end + 10);
  let p = buf.readUInt32LE(end + 16);
  const entries: ReadEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(p) !== CENTRAL) throw new Error(`ZIP central directory is damaged at entry ${i}.`);
    const method = buf.readUInt16LE(p + 10);
    const dosTime = buf.readUInt16LE(p + 12);
    const dosDate = buf.readUInt16LE(p + 14);
    const crc = buf.readUInt32LE(p + 16);
    const size = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const offset = buf.readUInt32LE(p + 42);
    const name = buf.subarray(p + 46, p + 46 + nameLen).toString('utf8');
    p += 46 + nameLen + extraLen + commentLen;
    if (name.endsWith('/')) continue;
    if (buf.readUInt32LE(offset) !== LOCAL) throw new Error(`ZIP entry "${name}" has no local header.`);
    const start = offset + 30 + buf.readUInt16LE(offset + 26) + buf.readUInt16LE(offset + 28);
    const body = buf.subarray(start, start + size);
    const data = method === 0 ? Buffer.from(body) : method === 8 ? inflateRawSync(body) : undefined;
    if (!data)
      throw new Error(`ZIP entry "${name}" uses compression method ${method}, which this reader does not know.`);
    if (crc32(data) !== crc) throw new Error(`ZIP entry "${name}" is damaged (CRC mismatch).`);
    entries.push({ name, data, method, dosDate, dosTime, offset });
  }
  return entries.sort((a, b) => a.offset - b.offset);
}
