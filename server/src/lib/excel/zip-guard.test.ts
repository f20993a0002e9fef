import { describe, expect, it } from 'vitest';
import { filledTemplate } from './excel.fixtures';
import { MAX_UNPACKED_BYTES } from './limits';
import { bombXml, handmadeXlsx, sheetXml } from './zip.fixtures';
import { countedRefusal, declaredRefusal } from './zip-guard';

const SMALL = sheetXml([
  ['演练名称', '演练类型', '演练日期'],
  ['春季演练', '实战演练', '2024-08-05'],
]);
const BOMB = bombXml(MAX_UNPACKED_BYTES + 1024 * 1024);

describe('zip guard', () => {
  it('lets through what Excel writes, sizes before or after each part', async () => {
    const template = (await filledTemplate([['春季演练', '实战演练', '2024-08-05']])).content;
    for (const zip of [template, handmadeXlsx(SMALL), handmadeXlsx(SMALL, { descriptors: true })]) {
      expect(declaredRefusal(zip)).toBeNull();
      expect(await countedRefusal(zip)).toBeNull();
    }
  });

  it('refuses a bomb by what its directory declares, before inflating it', () => {
    expect(declaredRefusal(handmadeXlsx(BOMB))).toBe('unpacked');
  });

  it('refuses a part that packs absurdly well, even under the size limit', () => {
    expect(declaredRefusal(handmadeXlsx(bombXml(4 * 1024 * 1024)))).toBe('ratio');
  });

  it('counts what a lying zip really holds, stopping at the limit', async () => {
    for (const descriptors of [false, true]) {
      const liar = handmadeXlsx(BOMB, { claim: 1000, descriptors });
      expect(declaredRefusal(liar)).toBeNull();
      expect(await countedRefusal(liar)).toBe('unpacked');
    }
  });

  it('refuses what is not a whole zip: cut short, no directory, damaged data', async () => {
    const zip = handmadeXlsx(SMALL);
    expect(declaredRefusal(zip.subarray(0, zip.length - 30))).toBe('unreadable');
    expect(declaredRefusal(Buffer.from('PK\x03\x04 not a zip at all'))).toBe('unreadable');
    expect(await countedRefusal(zip.subarray(0, zip.length - 300))).toBe('unreadable');
    const damaged = Buffer.from(zip);
    const sheet = damaged.indexOf('xl/worksheets/sheet1.xml') + 'xl/worksheets/sheet1.xml'.length;
    damaged.fill(0xff, sheet, sheet + 20);
    expect(await countedRefusal(damaged)).toBe('unreadable');
  });
});
