import { Dialog } from '@strapi/design-system';
import { ConfirmDialog } from '@strapi/strapi/admin';
import { usePluginTranslation } from '../utils/translations';
import type { Invitation } from '../../../shared';

interface Props {
  invitation: Invitation | null;
  onCancel: () => void;
  onConfirm: (invitation: Invitation) => Promise<void> | void;
}

/** Asks before deleting: the link stops working at once, the accounts made from it stay. */
export const DeleteInvitationDialog = ({ invitation, onCancel, onConfirm }: Props) => {
  const t = usePluginTranslation();
  return (
    <Dialog.Root open={invitation !== null} onOpenChange={(open) => !open && onCancel()}>
      {invitation && (
        <ConfirmDialog
          title={t('delete.title', 'Delete this invitation link?')}
          onConfirm={() => onConfirm(invitation)}
          onCancel={onCancel}
        >
          {invitation.usedCount > 0
            ? t(
                'delete.body',
                '“{name}” stops working at once: nobody can create an account with it any more. {count, plural, one {The account already created is kept.} other {The # accounts already created are kept.}}',
                { name: invitation.name, count: invitation.usedCount }
              )
            : t('delete.body.unused', '“{name}” stops working at once: nobody can create an account with it any more.', {
                name: invitation.name,
              })}
        </ConfirmDialog>
      )}
    </Dialog.Root>
  );
};
