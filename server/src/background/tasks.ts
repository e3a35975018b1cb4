import type { Core } from '@strapi/strapi';
import { getService } from '../utils/get-service';
import { accessRequestRetention } from './access-request-retention';

/** One kind of background work: `run` does one bounded pass, claiming each item before doing it. */
export interface BackgroundTask {
  name: string;
  run: (strapi: Core.Strapi) => Promise<void>;
}

/** What the plugin does in the background, in this order at each run. */
export const BACKGROUND_TASKS: BackgroundTask[] = [
  // Each pending personal recipient reminded once before its link expires (services/reminders.ts).
  {
    name: 'reminders',
    run: async (strapi) => {
      await getService(strapi, 'reminders').run();
    },
  },
  // The notice a wave of requests left for after the ten minutes between two (services/access-request-notices.ts).
  {
    name: 'access-request-notices',
    run: async (strapi) => {
      await getService(strapi, 'access-request-notices').notifyIfDue();
    },
  },
  accessRequestRetention,
];
