import type { Core } from '@strapi/strapi';
import { getService } from '../utils/get-service';
import { accessRequestRetention } from './access-request-retention';

const noticesOf = (strapi: Core.Strapi) => getService(strapi, 'access-request-notices');

/** One kind of background work: `run` does one bounded pass, claiming each item before doing it. */
export interface BackgroundTask {
  name: string;
  run: (strapi: Core.Strapi) => Promise<void>;
}

/** What the plugin does in the background, in this order at each run. */
export const BACKGROUND_TASKS: BackgroundTask[] = [
  // The notice a wave of requests left for after the ten minutes between two.
  { name: 'access-request-notices', run: async (strapi) => void (await noticesOf(strapi).notifyIfDue()) },
  accessRequestRetention,
];
