import fs from 'node:fs';
import path from 'node:path';
import type { FastifyReply } from 'fastify';

/**
 * The web app's index.html with this response's style nonce in a meta tag, where the app reads it
 * for antd's CSS-in-JS. Read again when the file changes, so a rebuilt web app is served without a
 * restart. Undefined when the web app has not been built.
 */
export function spaIndex(webDist: string): (reply: FastifyReply) => string | undefined {
  const file = path.join(webDist, 'index.html');
  let cached: { mtimeMs: number; html: string } | null = null;
  return (reply) => {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(file);
    } catch {
      return undefined;
    }
    if (!cached || cached.mtimeMs !== stat.mtimeMs)
      cached = { mtimeMs: stat.mtimeMs, html: fs.readFileSync(file, 'utf8') };
    const nonce = reply.cspNonce?.style;
    if (!nonce) return undefined;
    return cached.html.replace('</head>', `<meta name="csp-nonce" content="${nonce}" />\n</head>`);
  };
}
