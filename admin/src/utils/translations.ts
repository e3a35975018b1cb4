import { PLUGIN_ID } from '../../../permissions';

export const prefixTranslations = (messages: Record<string, string>) =>
  Object.fromEntries(Object.entries(messages).map(([key, value]) => [`${PLUGIN_ID}.${key}`, value]));

export const getTranslation = (id: string) => `${PLUGIN_ID}.${id}`;
