import { useState } from 'react';
import { Flex } from '@strapi/design-system';
import { useDecisionOutcome, type Decision, type DecisionTarget } from './AccessRequestDecision';
import { DialogForm } from './DialogForm';
import type { AccessRequest } from '../../../shared';

/** What the approve and decline dialogs are given. */
export interface DecisionDialogProps extends DecisionTarget {
  onClose: () => void;
  /** After the decision (or a 409): the list is read again. */
  onDecided: () => void;
}

/** One request goes to its own route, several to the bulk route; either way, the requests as decided. */
export const sendForEach = async <Body,>(
  requests: AccessRequest[],
  body: Body,
  one: (id: number, body: Body) => Promise<AccessRequest>,
  many: (ids: number[], body: Body) => Promise<AccessRequest[]>
): Promise<AccessRequest[]> =>
  requests.length === 1
    ? [await one(requests[0].id, body)]
    : many(
        requests.map((request) => request.id),
        body
      );

interface Props extends Omit<DecisionDialogProps, 'requests'> {
  decision: Decision;
  title: string;
  confirmLabel: string;
  /**
   * Called on submit: sends the decision, resolving to the requests as decided; or returns
   * undefined and sends nothing while the form is not ready (the form says why).
   */
  send: () => Promise<AccessRequest[]> | undefined;
  /** False while the form cannot be sent as it is: the confirm button is off. */
  canConfirm?: boolean;
  children: React.ReactNode;
}

/**
 * The dialog of a decision: its fields, then the confirm button. Closed, and the list read again,
 * once the requests are decided (or were decided by someone else first); other refusals keep it
 * open with the reason.
 */
export const DecisionDialog = ({
  decision,
  title,
  confirmLabel,
  send,
  canConfirm = true,
  onClose,
  onDecided,
  children,
}: Props) => {
  const outcome = useDecisionOutcome();
  const [isSubmitting, setIsSubmitting] = useState(false);
  const finish = () => {
    onDecided();
    onClose();
  };

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    const sending = send();
    if (!sending) return;
    setIsSubmitting(true);
    try {
      const results = await sending;
      if (decision === 'approve') outcome.approved(results);
      else outcome.declined(results);
      finish();
    } catch (error) {
      if (outcome.failed(error)) finish();
    } finally {
      setIsSubmitting(false);
    }
  };

  return (
    <DialogForm
      title={title}
      onClose={onClose}
      onSubmit={submit}
      submit={{
        submitLabel: confirmLabel,
        variant: decision === 'approve' ? 'success' : 'danger',
        loading: isSubmitting,
        disabled: !canConfirm,
      }}
    >
      <Flex direction="column" alignItems="stretch" gap={5}>
        {children}
      </Flex>
    </DialogForm>
  );
};
