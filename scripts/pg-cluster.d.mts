/** Types of pg-cluster.mjs for TypeScript callers (the bench). */
export interface PgCluster {
  /** A superuser URL: postgres://postgres@127.0.0.1:<port>/postgres */
  url: string;
  /** Stops the server and removes its folder; synchronous and idempotent. */
  destroy(): void;
}

export function startPgCluster(options?: {
  log?: (message: string) => void;
  settings?: readonly string[];
}): Promise<PgCluster>;
