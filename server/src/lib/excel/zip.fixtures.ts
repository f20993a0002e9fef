import zlib from 'node:zlib';

/** One file of a zip made by hand. */
export interface ZipPart {
  name: string;
  data: Buffer;
  /** The unpacked size the headers declare, when it is to lie. */
  claim?: number;
}

/**
 * A zip written byte by byte, so a test can make what no zip library makes: a bomb, a liar. With
 * `descriptors`, sizes follow each part's data instead of leading it, as streaming writers do.
 */
export function zipOf(parts: readonly ZipPart[], { descriptors = false } = {}): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name);
    const packed = deflated(part.data);
    const crc = zlib.crc32(part.data);
    const unpacked = part.claim ?? part.data.length;
    const sizes = Buffer.alloc(12);
    sizes.writeUInt32LE(crc, 0);
    sizes.writeUInt32LE(packed.length, 4);
    sizes.writeUInt32LE(unpacked, 8);
    const common = Buffer.alloc(12);
    common.writeUInt16LE(20, 0); // version needed
    common.writeUInt16LE(descriptors ? 0x0808 : 0x0800, 2); // UTF-8 names, sizes after the data
    common.writeUInt16LE(8, 4); // deflated
    const local = Buffer.concat([
      Buffer.from([0x50, 0x4b, 0x03, 0x04]),
      common.subarray(0, 10),
      descriptors ? Buffer.alloc(12) : sizes,
      u16(name.length),
      u16(0),
      name,
      packed,
      descriptors ? Buffer.concat([Buffer.from([0x50, 0x4b, 0x07, 0x08]), sizes]) : Buffer.alloc(0),
    ]);
    // Extra and comment lengths, disk, attributes: none; then where the local header is.
    const tail = Buffer.alloc(16);
    tail.writeUInt32LE(offset, 12);
    centrals.push(
      Buffer.concat([
        Buffer.from([0x50, 0x4b, 0x01, 0x02]),
        u16(20),
        common.subarray(0, 10),
        sizes,
        u16(name.length),
        tail,
        name,
      ]),
    );
    locals.push(local);
    offset += local.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

// Tests zip the same bomb several ways: it is deflated once.
const packedOf = new WeakMap<Buffer, Buffer>();
function deflated(data: Buffer): Buffer {
  const packed = packedOf.get(data) ?? zlib.deflateRawSync(data, { level: 9 });
  packedOf.set(data, packed);
  return packed;
}

function u16(n: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16LE(n, 0);
  return b;
}

/** The parts of a one-sheet workbook around the sheet's XML, as the streaming reader needs them. */
export function handmadeXlsx(
  sheetXml: Buffer,
  { claim, descriptors = false }: { claim?: number; descriptors?: boolean } = {},
): Buffer {
  const ns = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  const text = (name: string, xml: string): ZipPart => ({ name, data: Buffer.from(xml) });
  return zipOf(
    [
      text(
        '[Content_Types].xml',
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
      ),
      text(
        'xl/workbook.xml',
        `<workbook xmlns="${ns}" xmlns:r="${rel}"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      ),
      text(
        'xl/_rels/workbook.xml.rels',
        `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
      ),
      { name: 'xl/worksheets/sheet1.xml', data: sheetXml, ...(claim === undefined ? {} : { claim }) },
    ],
    { descriptors },
  );
}

/** A sheet's XML with these rows of inline strings, each row's cells from column A. */
export function sheetXml(rows: Iterable<readonly string[]>): Buffer {
  const column = (i: number) => String.fromCharCode(65 + i);
  const lines: string[] = [];
  let n = 0;
  for (const row of rows) {
    n += 1;
    const cells = row.map((v, i) => `<c r="${column(i)}${n}" t="inlineStr"><is><t>${v}</t></is></c>`);
    lines.push(`<row r="${n}">${cells.join('')}</row>`);
  }
  return Buffer.from(
    `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${lines.join('')}</sheetData></worksheet>`,
  );
}

/** `bytes` of sheet rows, the same one over and over: it packs about a thousandfold. */
export function bombXml(bytes: number): Buffer {
  return Buffer.alloc(bytes, '<row><c t="inlineStr"><is><t>0</t></is></c></row>');
}
