import { getHashes } from 'node:crypto';
import path from 'node:path';
import { loadSecretKey, type SecretKey } from '../lib/secret-key';

/** The variable that gives the audit key directly (kept out of the data folder altogether). */
export const AUDIT_KEY_ENV = 'TIEGUI_AUDIT_KEY';

/** The key file under the data folder, when the variable is not set. */
export const auditKeyFile = (dataDir: string) => path.join(dataDir, 'keys', 'audit.key');

export type AuditKey = SecretKey;

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
  return loadSecretKey(
    { label: '审计密钥', envName: AUDIT_KEY_ENV, file: auditKeyFile(dataDir), create: true },
    env,
  );
}
