import { getHashes, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** The variable that gives the audit key directly (kept out of the data folder altogether). */
export const AUDIT_KEY_ENV = 'TIEGUI_AUDIT_KEY';
const MIN_KEY_CHARS = 32;

/** The key file under the data folder, when the variable is not set. */
export const auditKeyFile = (dataDir: string) => path.join(dataDir, 'keys', 'audit.key');

export interface AuditKey {
  /** The key's text as UTF-8 bytes: the same key whether it comes from the variable or the file. */
  secret: Buffer;
  /** Where it came from, for messages: the variable's name or the file's path. */
  source: string;
  /** Whether this call wrote the file (a new installation, or a lost key). */
  created: boolean;
}

/**
 * HMAC-SM3 (GB/T 32905) where this Node's OpenSSL offers SM3, HMAC-SHA256 otherwise. Each row
 * records the one it was made with, so a chain written on one machine verifies on another.
 */
export function keyedAlgorithm(): 'hmac-sm3' | 'hmac-sha256' {
  return getHashes().includes('sm3') ? 'hmac-sm3' : 'hmac-sha256';
}

/**
 * The audit key: `TIEGUI_AUDIT_KEY`, or `<data folder>/keys/audit.key`, written (0600, folder 0700)
 * with 32 random bytes on first use. A key file others may read is refused: whoever reads the key
 * can rewrite the chain.
 */
export function loadAuditKey(dataDir: string, env: NodeJS.ProcessEnv = process.env): AuditKey {
  const fromEnv = env[AUDIT_KEY_ENV];
  if (fromEnv !== undefined) {
    if (fromEnv.trim().length < MIN_KEY_CHARS) {
      throw new Error(
        `${AUDIT_KEY_ENV} 过短：审计密钥至少${MIN_KEY_CHARS}个字符（可用 openssl rand -hex 32 生成）`,
      );
    }
    return { secret: Buffer.from(fromEnv.trim(), 'utf8'), source: AUDIT_KEY_ENV, created: false };
  }
  const file = auditKeyFile(dataDir);
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  let created = false;
  try {
    fs.writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
    created = true;
  } catch (error) {
    // Another process wrote it first, or it was there already: read it below.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  if ((fs.statSync(file).mode & 0o077) !== 0) {
    throw new Error(`审计密钥文件 ${file} 的权限过宽，其他用户可读取；请执行 chmod 600 ${file} 后重试`);
  }
  const text = fs.readFileSync(file, 'utf8').trim();
  if (text.length < MIN_KEY_CHARS)
    throw new Error(`审计密钥文件 ${file} 内容无效（至少${MIN_KEY_CHARS}个字符）`);
  return { secret: Buffer.from(text, 'utf8'), source: file, created };
}
