/**
 * Strapi loaded by Node's own `require`, once per Jest worker, instead of once per test file.
 *
 * Jest gives every test file a registry of modules of its own: each file that boots Strapi loaded
 * its whole module graph again (about 2.5 s of a core, more than the boot itself), for every file
 * of the server and security suites on every engine. Loaded by Node's loader, the modules stay in
 * the worker's cache and the next file's boot only runs Strapi's own start.
 *
 * What this changes, and how it is kept safe:
 * - Modules loaded this way read the worker's real `process.env`, not the copy Jest gives each
 *   file: `syncEnvironment` writes the file's variables there; tests/strapi-environment.js puts
 *   the worker's own back before the next file, and gives the files the worker's `Date`.
 * - Module-level state of Strapi, its plugins and this plugin lives as long as the worker: the
 *   plugin keeps its state in services made per Strapi instance (the suites boot and stop several
 *   instances per file, and would catch a leak).
 * - jest.mock cannot reach these modules; the suites spy on the instance's own objects instead.
 */
import type { EventEmitter } from 'node:events';
import type { Core } from '@strapi/strapi';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- Node's loader itself, which Jest's `module` does not wrap
const NodeModule = require('node:module') as { _load: (request: string, parent: null, isMain: boolean) => unknown };

const nativeRequire = <T>(id: string): T => NodeModule._load(require.resolve(id), null, false) as T;

interface Worker {
  /** The global object Strapi's modules see: where a test puts what Strapi must call, such as a fake `fetch`. */
  workerGlobal: typeof globalThis;
  workerProcess: NodeJS.Process;
}

const { workerGlobal, workerProcess } = nativeRequire<Worker>('./worker-global.js');

export { workerGlobal };

/**
 * Makes the worker's real environment this file's `process.env` (which started as the worker's
 * own: tests/strapi-environment.js puts it back before each file).
 */
export const syncEnvironment = () => {
  for (const name of Object.keys(workerProcess.env)) {
    if (!(name in process.env)) delete workerProcess.env[name];
  }
  Object.assign(workerProcess.env, process.env);
};

type Listener = (...args: unknown[]) => void;

/** The worker's `process` as the emitter of events it is (its typings list each event apart). */
const workerEvents = workerProcess as unknown as EventEmitter;

/** The listeners on the worker's `process` now, by event: Jest's own, before Strapi adds any. */
const workerListeners = () =>
  new Map(workerEvents.eventNames().map((event) => [event, workerEvents.listeners(event) as Listener[]]));

/**
 * Strapi's `createStrapi`, from the worker's shared module cache; `destroy` stops the instance.
 * Strapi's destroy() removes every listener of `process`, the worker's own among them (its
 * messages from Jest): they are put back, and Strapi's (its signal handlers) are left out.
 */
export const createStrapi = (options: { appDir: string; distDir: string }) => {
  syncEnvironment();
  const before = workerListeners();
  const strapi = nativeRequire<{ createStrapi: (opts: typeof options) => Core.Strapi }>('@strapi/strapi').createStrapi(options);
  const destroy = async () => {
    await strapi.destroy();
    for (const [event, listeners] of before) {
      const present = workerEvents.listeners(event);
      for (const listener of listeners) if (!present.includes(listener)) workerEvents.on(event, listener);
    }
  };
  return { strapi, destroy };
};
