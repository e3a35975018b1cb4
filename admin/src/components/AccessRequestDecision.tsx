import { useNotification } from '@strapi/strapi/admin';
import { ACCESS_REQUEST_DECIDED } from '../../../shared';
import { idsOf, messageOf, reasonOf, statusOf } from '../utils/errors';
import { usePluginTranslation } from '../utils/translations';
import type { AccessRequest } from '../../../shared';

export type Decision = 'approve' | 'decline';

/** The requests one dialog decides: a single row, or the rows selected for a bulk action. */
export interface DecisionTarget {
  requests: AccessRequest[];
}

/**
 * What the approve and decline dialogs do with the server's answer. Returns true when the dialog
 * is done: the requests were decided, or another reviewer decided them first (409, nothing
 * changed: the list is read again). Other refusals keep the dialog open with the reason.
 */
export const useDecisionOutcome = () => {
  const t = usePluginTranslation();
  const { toggleNotification } = useNotification();
  const error = (message: string) => toggleNotification({ type: 'danger', message });

  const failed = (caught: unknown): boolean => {
    if (statusOf(caught) === 409 && reasonOf(caught) === ACCESS_REQUEST_DECIDED) {
      const count = idsOf(caught).length;
      error(
        count > 1
          ? t(
              'requests.error.decidedMany',
              '{count, plural, one {# of these requests was} other {# of these requests were}} decided meanwhile, by someone else: nothing was changed. The list shows them as they are now.',
              { count }
            )
          : t(
              'requests.error.decided',
              'This request was decided meanwhile, by someone else: nothing was changed. The list shows it as it is now.'
            )
      );
      return true;
    }
    error(messageOf(caught) ?? t('notification.error', 'Something went wrong. Please try again.'));
    return false;
  };

  const approved = (results: AccessRequest[]) => {
    const unsent = results.filter((request) => request.sendError);
    if (unsent.length > 0) {
      toggleNotification({
        type: 'warning',
        message: t(
          'requests.approved.unsent',
          '{count, plural, one {Approved, but the email to # person could not be sent} other {Approved, but the emails to # people could not be sent}}: see the list to send again.',
          { count: unsent.length }
        ),
      });
      return;
    }
    toggleNotification({
      type: 'success',
      message: t(
        'requests.approved',
        '{count, plural, one {Request approved: a personal link was sent} other {# requests approved: a personal link was sent to each}}',
        { count: results.length }
      ),
    });
  };

  const declined = (results: AccessRequest[]) => {
    const unsent = results.filter((request) => request.sendError).length;
    toggleNotification(
      unsent > 0
        ? {
            type: 'warning',
            message: t(
              'requests.declined.unsent',
              '{count, plural, one {Declined, but the email to # person could not be sent} other {Declined, but the emails to # people could not be sent}}: the list says why.',
              { count: unsent }
            ),
          }
        : {
            type: 'success',
            message: t('requests.declined', '{count, plural, one {Request declined} other {# requests declined}}', {
              count: results.length,
            }),
          }
    );
  };

  return { failed, approved, declined };
};
