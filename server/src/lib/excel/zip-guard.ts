import zlib from 'node:zlib';
import { MAX_COMPRESSION_RATIO, MAX_UNPACKED_BYTES, RATIO_FROM_BYTES, type Refusal } from './limits';

// An xlsx is a zip: these are the signatures of its records (APPNOTE.TXT, section 4.3).
const LOCAL_HEADER = 0x04034b50;
const DATA_DESCRIPTOR = Buffer.from([0x50, 0x4b, 0x07, 0x08]);
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL = 0x06054b50;
const END_SIZE = 22;
/** 32-bit sizes at their maximum mean the real ones are in a zip64 record: a file past 4 GB. */
const ZIP64 = 0xffffffff;

interface DeclaredEntry {
  packed: number;
  unpacked: number;
}

/** The entries the central directory lists, or null when it is not a zip directory that holds together. */
function centralDirectory(zip: Buffer): DeclaredEntry[] | null {
  // The end record is last, after a comment of at most 65535 bytes.
  let end = -1;
  for (let at = zip.length - END_SIZE; at >= Math.max(0, zip.length - END_SIZE - 0xffff); at--) {
    if (zip.readUInt32LE(at) === END_OF_CENTRAL) {
      end = at;
      break;
    }
  }
  if (end < 0) return null;
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  if (at === ZIP64 || at + zip.readUInt32LE(end + 12) > end) return null;
  const entries: DeclaredEntry[] = [];
  for (let n = 0; n < count; n++) {
    if (at + 46 > end || zip.readUInt32LE(at) !== CENTRAL_HEADER) return null;
    const packed = zip.readUInt32LE(at + 20);
    const unpacked = zip.readUInt32LE(at + 24);
    if (packed === ZIP64 || unpacked === ZIP64) return null;
    entries.push({ packed, unpacked });
    at += 46 + zip.readUInt16LE(at + 28) + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return entries;
}

/**
 * What the zip says it unpacks to, read from its directory without inflating anything: refused
 * when it does not hold together, when it declares more than the limit, or when a part packs
 * absurdly well. A zip can lie here; `countedRefusal` checks what it really holds.
 */
export function declaredRefusal(zip: Buffer): Refusal | null {
  const entries = centralDirectory(zip);
  if (!entries) return 'unreadable';
  const unpacked = entries.reduce((sum, e) => sum + e.unpacked, 0);
  if (unpacked > MAX_UNPACKED_BYTES) return 'unpacked';
  const packsTooWell = (e: DeclaredEntry) =>
    e.unpacked > RATIO_FROM_BYTES && e.unpacked > MAX_COMPRESSION_RATIO * e.packed;
  return entries.some(packsTooWell) ? 'ratio' : null;
}

/** Bytes a deflated part inflates to, counted as they come; stops once past `cap`. */
async function inflatedLength(data: Buffer, cap: number): Promise<number> {
  const inflate = zlib.createInflateRaw();
  inflate.end(data);
  let length = 0;
  for await (const chunk of inflate) {
    length += Buffer.byteLength(chunk);
    if (length > cap) break;
  }
  return length;
}

/**
 * What the zip really unpacks to, walked the way a streaming reader meets it (local headers in
 * order, a part of unknown size ending at its data descriptor) and inflated with a running count,
 * so nothing it hides past its directory's word gets through. Inflating costs at most the limit.
 */
export async function countedRefusal(zip: Buffer): Promise<Refusal | null> {
  let at = 0;
  let total = 0;
  while (at + 4 <= zip.length) {
    const signature = zip.readUInt32LE(at);
    if (signature === CENTRAL_HEADER || signature === END_OF_CENTRAL) return null;
    if (signature !== LOCAL_HEADER || at + 30 > zip.length) return 'unreadable';
    const flags = zip.readUInt16LE(at + 6);
    const method = zip.readUInt16LE(at + 8);
    const packed = zip.readUInt32LE(at + 18);
    const start = at + 30 + zip.readUInt16LE(at + 26) + zip.readUInt16LE(at + 28);
    const sizeKnown = (flags & 0x08) === 0 || packed > 0;
    const stop = sizeKnown ? start + packed : zip.indexOf(DATA_DESCRIPTOR, start);
    if (stop < start || stop > zip.length) return 'unreadable';
    const data = zip.subarray(start, stop);
    try {
      total += method === 0 ? data.length : await inflatedLength(data, MAX_UNPACKED_BYTES - total);
    } catch {
      return 'unreadable';
    }
    if (total > MAX_UNPACKED_BYTES) return 'unpacked';
    at = sizeKnown ? stop : stop + 16;
  }
  return 'unreadable';
}
