import type { Core } from '@strapi/strapi';

const LEVELS = ['error', 'warn', 'info', 'http', 'debug', 'verbose'] as const;

/** Records every line Strapi logs from now on (and still logs it); returns the growing list. */
export const captureLogs = (strapi: Core.Strapi): string[] => {
  const lines: string[] = [];
  for (const level of LEVELS) {
    const original = strapi.log[level].bind(strapi.log);
    Object.assign(strapi.log, {
      [level]: (...args: unknown[]) => {
        lines.push(args.map((arg) => (typeof arg === 'string' ? arg : JSON.stringify(arg))).join(' '));
        return original(...(args as [string]));
      },
    });
  }
  return lines;
};
