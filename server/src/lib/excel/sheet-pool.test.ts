import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { type PoolLimits, sheetPool } from './sheet-pool';
import { handmadeXlsx, sheetXml } from './zip.fixtures';

const HEADER = ['演练名称', '演练类型', '演练日期'];
const FILE = handmadeXlsx(sheetXml([HEADER, ['春季演练', '实战演练', '2024-08-05']]));
const WANTED = { preferred: 'Sheet1', titles: HEADER };
const LIMITS: PoolLimits = { workers: 1, queue: 0, heapMb: 256, timeoutMs: 60_000, idleMs: 1000 };

describe('sheet pool', () => {
  it('reads a sheet in a worker; one more file than it takes is answered busy', async () => {
    const pool = sheetPool(LIMITS);
    const first = pool.read(FILE, WANTED);
    const second = await pool.read(FILE, WANTED).then(
      () => null,
      (e: unknown) => e,
    );
    expect(second).toBeInstanceOf(AppError);
    expect(second).toMatchObject({ code: 'UNAVAILABLE', message: '服务器繁忙，请稍后再试' });
    expect(await first).toEqual({
      sheet: {
        headerRow: 1,
        header: HEADER,
        rows: [{ number: 2, cells: ['春季演练', '实战演练', '2024-08-05'] }],
        filled: 1,
      },
    });
  });

  it('refuses a file whose worker runs out of time or of heap, and stops that worker', async () => {
    expect(await sheetPool({ ...LIMITS, timeoutMs: 1 }).read(FILE, WANTED)).toEqual({
      refused: 'tooComplex',
    });
    expect(await sheetPool({ ...LIMITS, heapMb: 1 }).read(FILE, WANTED)).toEqual({ refused: 'tooComplex' });
  });
});
