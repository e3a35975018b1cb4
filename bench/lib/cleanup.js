'use strict';

/**
 * Everything the bench starts (Strapi processes, the PostgreSQL cluster, temp directories) registers
 * how to undo it here. `runAll` undoes it in reverse order at the end of a run; a signal or an exit
 * by error undoes it too, so no process or cluster outlives the bench.
 */
const tasks = [];

/** `stop` may be async; `stopNow` (optional) is the synchronous last resort used when the process exits. */
const register = (name, stop, stopNow = stop) => {
  const task = { name, stop, stopNow, done: false };
  tasks.push(task);
  return async () => {
    if (task.done) return;
    task.done = true;
    await stop();
  };
};

const runAll = async () => {
  for (const task of tasks.slice().reverse()) {
    if (task.done) continue;
    task.done = true;
    try {
      await task.stop();
    } catch (error) {
      console.error(`cleanup of ${task.name} failed: ${error.message}`);
    }
  }
};

const runAllNow = () => {
  for (const task of tasks.slice().reverse()) {
    if (task.done) continue;
    task.done = true;
    try {
      task.stopNow();
    } catch (error) {
      console.error(`cleanup of ${task.name} failed: ${error.message}`);
    }
  }
};

const installHandlers = () => {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.once(signal, () => {
      console.error(`\n${signal}: stopping what the bench started...`);
      runAll().finally(() => process.exit(130));
    });
  }
  process.once('exit', runAllNow);
};

module.exports = { register, runAll, installHandlers };
