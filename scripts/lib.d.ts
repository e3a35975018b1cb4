// The types of scripts/lib.js (plain CommonJS, shared by the scripts, the bench and the TypeScript tests).
import type { ChildProcess, SpawnOptions, SpawnSyncOptions, SpawnSyncReturns } from 'node:child_process';

export const ROOT: string;
export const PLAYGROUND: string;

/** Runs a command with the repository's node_modules/.bin on the PATH; throws on failure unless `allowFailure`. */
export const run: (
  command: string,
  args: string[],
  options?: Omit<SpawnSyncOptions, 'env'> & { env?: Record<string, string>; allowFailure?: boolean }
) => SpawnSyncReturns<Buffer>;

/** `run` without blocking, each line of output prefixed with `prefix`; rejects on failure. */
export const runAsync: (
  command: string,
  args: string[],
  options: Omit<SpawnOptions, 'env' | 'stdio'> & { env?: Record<string, string | undefined>; prefix: string }
) => Promise<void>;

export const buildPlugin: () => void;
export const buildAdminPanel: (env?: Record<string, string>, args?: string[]) => SpawnSyncReturns<Buffer>;
export const compilePlayground: () => SpawnSyncReturns<Buffer>;

/** Fresh values for the secrets a Strapi app reads at start. */
export const freshAppSecrets: () => Record<string, string>;

/** A TCP port free on loopback right now. */
export const freePort: () => Promise<number>;

/** Resolves once the Strapi at `url` answers its /_health with 204; fails if `child` exits or after `timeoutMs`. */
export const waitForHealth: (
  url: string,
  child: ChildProcess,
  logs: () => string,
  timeoutMs: number,
  instanceId?: string
) => Promise<void>;
