import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const MIN_KEY_CHARS = 32;

export interface SecretKey {
  /** The key's text as UTF-8 bytes: the same key whether it comes from the variable or the file. */
  secret: Buffer;
  /** Where it came from, for messages: the variable's name or the file's path. */
  source: string;
  /** Whether this call wrote the file (a new installation, or a lost key). */
  created: boolean;
}

export interface SecretKeySpec {
  /** What users call it in messages: 审计密钥, 备份密钥. */
  label: string;
  /** The variable that gives the key directly (kept out of the data folder altogether). */
  envName: string;
  /** The key file used when the variable is not set. */
  file: string;
  /** Write the file with 32 random bytes when it is missing; otherwise a missing key is an error. */
  create: boolean;
}

/**
 * A key kept outside the database: from its variable, or from its file under the data folder
 * (written 0600 in a 0700 folder on first use when `create`). A key file others may read is
 * refused: whoever reads the key can forge what it protects.
 */
export function loadSecretKey(spec: SecretKeySpec, env: NodeJS.ProcessEnv = process.env): SecretKey {
  const { label, envName, file } = spec;
  const fromEnv = env[envName];
  if (fromEnv !== undefined) {
    if (fromEnv.trim().length < MIN_KEY_CHARS) {
      throw new Error(
        `${envName} 过短：${label}至少${MIN_KEY_CHARS}个字符（可用 openssl rand -hex 32 生成）`,
      );
    }
    return { secret: Buffer.from(fromEnv.trim(), 'utf8'), source: envName, created: false };
  }
  let created = false;
  if (spec.create) {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    try {
      fs.writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
      created = true;
    } catch (error) {
      // Another process wrote it first, or it was there already: read it below.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  } else if (!fs.existsSync(file)) {
    throw new Error(
      `找不到${label}：请设置 ${envName}，或把原数据目录中的 ${path.basename(file)} 复制到 ${file}`,
    );
  }
  if ((fs.statSync(file).mode & 0o077) !== 0) {
    throw new Error(`${label}文件 ${file} 的权限过宽，其他用户可读取；请执行 chmod 600 ${file} 后重试`);
  }
  const text = fs.readFileSync(file, 'utf8').trim();
  if (text.length < MIN_KEY_CHARS)
    throw new Error(`${label}文件 ${file} 内容无效（至少${MIN_KEY_CHARS}个字符）`);
  return { secret: Buffer.from(text, 'utf8'), source: file, created };
}
