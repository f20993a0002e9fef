import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../../lib/errors';

/**
 * Where file contents live, addressed by their sha256. On disk by default; an S3-compatible store
 * can take its place behind the same two calls when several servers share the files.
 */
export interface FileStore {
  /** Stores the bytes under their hash; storing the same bytes twice keeps one copy. */
  put(sha256: string, content: Buffer): Promise<void>;
  get(sha256: string): Promise<Buffer>;
  /** The bytes as a stream, for what must not hold a whole file in memory (a backup). */
  read(sha256: string): Readable;
  /** Stores streamed bytes under their hash; refuses (and keeps nothing) when they do not hash to it. */
  write(sha256: string, parts: AsyncIterable<Buffer>): Promise<void>;
}

const SHA256 = /^[0-9a-f]{64}$/;

/** `<root>/<first two hex digits>/<sha256>`, written through a temporary file and a rename. */
export function diskFileStore(root: string): FileStore {
  const where = (sha256: string) => {
    if (!SHA256.test(sha256)) throw new Error(`not a sha256: ${sha256}`);
    return path.join(root, sha256.slice(0, 2), sha256);
  };
  return {
    async put(sha256, content) {
      const target = where(sha256);
      try {
        await fs.access(target);
        return;
      } catch {
        // not stored yet
      }
      await fs.mkdir(path.dirname(target), { recursive: true });
      const temp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
      await fs.writeFile(temp, content, { flag: 'wx' });
      await fs.rename(temp, target);
    },
    get: (sha256) => fs.readFile(where(sha256)),
    read: (sha256) => createReadStream(where(sha256)),
    async write(sha256, parts) {
      const target = where(sha256);
      await fs.mkdir(path.dirname(target), { recursive: true });
      const temp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
      const hash = createHash('sha256');
      try {
        await pipeline(
          async function* () {
            for await (const part of parts) {
              hash.update(part);
              yield part;
            }
          },
          createWriteStream(temp, { flags: 'wx' }),
        );
        if (hash.digest('hex') !== sha256)
          throw new AppError('VALIDATION', `附件内容与其哈希 ${sha256} 不符，未保存`);
        await fs.rename(temp, target);
      } finally {
        await fs.rm(temp, { force: true });
      }
    },
  };
}
