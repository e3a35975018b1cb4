import { Dialog } from '@strapi/design-system';
import { ConfirmDialog } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { getTranslation } from '../utils/translations';
import type { Invitation } from '../types';

interface Props {
  invitation: Invitation | null;
  onCancel: () => void;
  onConfirm: (invitation: Invitation) => Promise<void> | void;
}

/** Asks before deleting: the link stops working at once, the accounts made from it stay. */
export const DeleteInvitationDialog = ({ invitation, onCancel, onConfirm }: Props) => {
  const { formatMessage } = useIntl();
  return (
    <Dialog.Root open={invitation !== null} onOpenChange={(open) => !open && onCancel()}>
      {invitation && (
        <ConfirmDialog
          title={formatMessage({ id: getTranslation('delete.title'), defaultMessage: 'Delete this invitation link?' })}
          onConfirm={() => onConfirm(invitation)}
          onCancel={onCancel}
        >
          {invitation.usedCount > 0
            ? formatMessage(
                {
                  id: getTranslation('delete.body'),
                  defaultMessage: '“{name}” stops working at once. The accounts already created are kept.',
                },
                { name: invitation.name, count: invitation.usedCount }
              )
            : formatMessage(
                { id: getTranslation('delete.body.unused'), defaultMessage: '“{name}” stops working at once.' },
                { name: invitation.name }
              )}
        </ConfirmDialog>
      )}
    </Dialog.Root>
  );
};
