import { Dialog } from '@strapi/design-system';
import { ConfirmDialog } from '@strapi/strapi/admin';
import { usePluginTranslation } from '../utils/translations';
import type { Recipient } from '../../../shared';

interface Props {
  recipient: Recipient | null;
  onCancel: () => void;
  onConfirm: (recipient: Recipient) => Promise<void> | void;
}

/** Asks before revoking: the personal link stops working at once; its row stays, marked revoked. */
export const RevokeRecipientDialog = ({ recipient, onCancel, onConfirm }: Props) => {
  const t = usePluginTranslation();
  return (
    <Dialog.Root open={recipient !== null} onOpenChange={(open) => !open && onCancel()}>
      {recipient && (
        <ConfirmDialog
          title={t('recipients.revoke.title', 'Revoke this personal link?')}
          onConfirm={() => onConfirm(recipient)}
          onCancel={onCancel}
        >
          {t(
            'recipients.revoke.body',
            'The link sent to {email} stops working at once. The record of it stays, marked revoked.',
            { email: recipient.email }
          )}
        </ConfirmDialog>
      )}
    </Dialog.Root>
  );
};
