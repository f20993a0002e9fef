import { describe, expect, it } from 'vitest';
import { READ_TRIES, readTried, type SheetRead, type SheetWanted } from './sheet-stream';

const WANTED: SheetWanted = { preferred: '演练', titles: ['演练名称'] };
const SHEET: SheetRead = { sheet: { headerRow: 1, header: ['演练名称'], rows: [], filled: 0 } };

/** A reader that throws its first `failures` times, then answers the sheet; it counts its calls. */
function flaky(failures: number) {
  const calls = { count: 0 };
  const read = async () => {
    calls.count += 1;
    if (calls.count <= failures)
      throw new TypeError("Cannot read properties of undefined (reading 'sheets')");
    return SHEET;
  };
  return { calls, read };
}

describe('readTried: the stream reader’s occasional throw on a sound file', () => {
  it('reads a file again after a throw, and answers its sheet', async () => {
    const reader = flaky(READ_TRIES - 1);
    expect(await readTried(Buffer.alloc(0), WANTED, reader.read)).toEqual(SHEET);
    expect(reader.calls.count).toBe(READ_TRIES);
  });

  it('calls a file that throws every time unreadable, after READ_TRIES tries', async () => {
    const reader = flaky(Number.POSITIVE_INFINITY);
    expect(await readTried(Buffer.alloc(0), WANTED, reader.read)).toEqual({ refused: 'unreadable' });
    expect(reader.calls.count).toBe(READ_TRIES);
  });

  it('reads a sound file once', async () => {
    const reader = flaky(0);
    expect(await readTried(Buffer.alloc(0), WANTED, reader.read)).toEqual(SHEET);
    expect(reader.calls.count).toBe(1);
  });
});
