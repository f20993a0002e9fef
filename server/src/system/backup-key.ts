import { createHmac, hkdfSync } from 'node:crypto';
import path from 'node:path';
import { loadSecretKey } from '../lib/secret-key';

/** The variable that gives the backup key directly (kept out of the data folder altogether). */
export const BACKUP_KEY_ENV = 'TIEGUI_BACKUP_KEY';

/** The key file under the data folder, when the variable is not set. */
export const backupKeyFile = (dataDir: string) => path.join(dataDir, 'keys', 'backup.key');

/** The key backups are sealed with, and its public fingerprint (written in every backup's header). */
export interface BackupKey {
  secret: Buffer;
  /** Says which key sealed a backup without revealing it: a wrong key is named as such, not as damage. */
  id: string;
}

export function backupKeyOf(secret: Buffer): BackupKey {
  return {
    secret,
    id: createHmac('sha256', secret).update('tiegui-backup key id').digest('hex').slice(0, 16),
  };
}

/**
 * The backup key: `TIEGUI_BACKUP_KEY`, or `<data folder>/keys/backup.key`. A backup writes the file
 * (0600, folder 0700) on first use; a restore never does, since a new key opens no old backup.
 */
export function loadBackupKey(
  dataDir: string,
  options: { create: boolean },
  env: NodeJS.ProcessEnv = process.env,
): BackupKey {
  const key = loadSecretKey(
    { label: '备份密钥', envName: BACKUP_KEY_ENV, file: backupKeyFile(dataDir), create: options.create },
    env,
  );
  return backupKeyOf(key.secret);
}

/** Each file its own AES-256 key, from the backup key and the file's random salt (HKDF-SHA256). */
export function fileKey(key: BackupKey, salt: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', key.secret, salt, 'tiegui-backup v2 aes-256-gcm', 32));
}
