import { z } from 'zod';

/**
 * The page's Content-Security-Policy admits <style> elements only with the nonce the server put in
 * index.html. antd's CSS-in-JS is given it (ConfigProvider `csp`); a few library helpers insert a
 * style element without asking (the table's scrollbar measurement), so every style element this
 * app's scripts insert carries it too. Markup injected as HTML is parsed, not appended here, and
 * stays refused. Zod is told not to probe for `eval`, which the policy forbids.
 */
export function applyCspNonce(): string | undefined {
  z.config({ jitless: true });
  const nonce = document.querySelector<HTMLMetaElement>('meta[name="csp-nonce"]')?.content;
  if (!nonce) return undefined;
  const stamp = (node: Node) => {
    if (node instanceof HTMLStyleElement && !node.nonce) node.nonce = nonce;
  };
  const { appendChild, insertBefore } = Node.prototype;
  Node.prototype.appendChild = function <T extends Node>(this: Node, node: T): T {
    stamp(node);
    return appendChild.call(this, node) as T;
  };
  Node.prototype.insertBefore = function <T extends Node>(this: Node, node: T, child: Node | null): T {
    stamp(node);
    return insertBefore.call(this, node, child) as T;
  };
  return nonce;
}
