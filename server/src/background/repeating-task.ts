/**
 * A task the plugin repeats in the background on each instance, without Strapi's cron (a site may
 * turn cron off, as Strapi Cloud does). Its timer never keeps the process alive, two runs never
 * overlap, and a failed run is logged and tried again at the next interval. A task that several
 * instances run must claim each item in the database before doing it.
 */
export interface RepeatingTask {
  /** Runs the task now, or waits for the run under way; resolves when it is over. */
  runNow: () => Promise<void>;
  /** No more runs; resolves once the run under way, if any, is over. */
  stop: () => Promise<void>;
}

interface RepeatingTaskOptions {
  name: string;
  intervalMs: number;
  run: () => Promise<void>;
  onError: (name: string, error: unknown) => void;
}

export const startRepeatingTask = ({ name, intervalMs, run, onError }: RepeatingTaskOptions): RepeatingTask => {
  let current: Promise<void> | undefined;
  let stopped = false;

  const runNow = () => {
    current ??= run()
      .catch((error: unknown) => onError(name, error))
      .finally(() => {
        current = undefined;
      });
    return current;
  };

  const timer = setInterval(() => {
    if (!stopped) void runNow();
  }, intervalMs);
  timer.unref();

  return {
    runNow,
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await current;
    },
  };
};
