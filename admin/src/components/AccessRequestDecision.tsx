import { Button } from '@strapi/design-system';
import { Check, Cross } from '@strapi/icons';
import { useNotification } from '@strapi/strapi/admin';
import { ACCESS_REQUEST_DECIDED } from '../../../shared';
import { idsOf, reasonOf, statusOf } from '../utils/errors';
import { useFailureText } from '../utils/failure';
import { usePluginTranslation } from '../utils/translations';
import type { AccessRequest } from '../../../shared';

export type Decision = 'approve' | 'decline';

const DECISIONS: Decision[] = ['approve', 'decline'];
const BUTTON_VARIANTS = { approve: 'success-light', decline: 'danger-light' } as const;
const BUTTON_ICONS = { approve: <Check />, decline: <Cross /> };

interface DecisionButtonsProps {
  /** Each button's words, and its accessible name where the words alone would not say whose request it decides. */
  words: Record<Decision, { text: string; label?: string }>;
  onDecide: (decision: Decision) => void;
  disabled?: boolean;
  withIcons?: boolean;
}

/** Approve and Decline, side by side: a row's, or the selected rows'. */
export const DecisionButtons = ({ words, onDecide, disabled, withIcons = false }: DecisionButtonsProps) =>
  DECISIONS.map((decision) => (
    <Button
      key={decision}
      size="S"
      variant={BUTTON_VARIANTS[decision]}
      startIcon={withIcons ? BUTTON_ICONS[decision] : undefined}
      disabled={disabled}
      onClick={() => onDecide(decision)}
      aria-label={words[decision].label}
    >
      {words[decision].text}
    </Button>
  ));

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
  const failureText = useFailureText();
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
    error(failureText(caught));
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
