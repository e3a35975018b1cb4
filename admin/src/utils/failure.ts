import { useNotification } from '@strapi/strapi/admin';
import { messageOf } from './errors';
import { usePluginTranslation } from './translations';

/** What to tell the admin about a failed call: the server's reason, or a generic sentence when it gave none. */
export const useFailureText = () => {
  const t = usePluginTranslation();
  return (error: unknown) => messageOf(error) ?? t('notification.error', 'Something went wrong. Please try again.');
};

/** Says that a call failed, in a danger notification, with the server's reason when it gave one. */
export const useNotifyFailure = () => {
  const { toggleNotification } = useNotification();
  const failureText = useFailureText();
  return (error: unknown) => toggleNotification({ type: 'danger', message: failureText(error) });
};
