import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../constants';
import type { BackgroundConfig } from '../config';
import { BACKGROUND_TASKS } from '../background/tasks';
import { startRepeatingTask, type RepeatingTask } from '../background/repeating-task';

/**
 * The plugin's background work (see background/tasks.ts), started at bootstrap and stopped at
 * destroy. `runNow` does one run of every task at once: what the timer does, for tests and scripts.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const settings = () => strapi.config.get(`plugin::${PLUGIN_ID}.background`) as BackgroundConfig;
  let repeating: RepeatingTask | undefined;

  const runAll = async () => {
    for (const task of BACKGROUND_TASKS) {
      try {
        await task.run(strapi);
      } catch (error) {
        strapi.log.error(`[invitations] Background task "${task.name}" failed: ${(error as Error).message}`);
      }
    }
  };

  const repeatingTask = () =>
    startRepeatingTask({
      name: 'background',
      intervalMs: settings().intervalSeconds * 1000,
      run: runAll,
      onError: (name, error) => strapi.log.error(`[invitations] ${name} run failed: ${(error as Error).message}`),
    });

  return {
    start() {
      if (settings().enabled) repeating ??= repeatingTask();
    },
    /** One run of every task now (waits for the run under way instead, when the timer started one). */
    async runNow() {
      await (repeating ? repeating.runNow() : runAll());
    },
    async stop() {
      await repeating?.stop();
      repeating = undefined;
    },
  };
};
