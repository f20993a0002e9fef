import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * Where file contents live, addressed by their sha256. On disk by default; an S3-compatible store
 * can take its place behind the same two calls when several servers share the files.
 */
export interface FileStore {
  /** Stores the bytes under their hash; storing the same bytes twice keeps one copy. */
  put(sha256: string, content: Buffer): Promise<void>;
  get(sha256: string): Promise<Buffer>;
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
  };
}
