import { usePluginTranslation } from '../utils/translations';
import type { Invitation } from '../../../shared';
import { ConfirmActionDialog } from './ConfirmActionDialog';

interface Props {
  invitation: Invitation | null;
  onCancel: () => void;
  onConfirm: (invitation: Invitation) => Promise<void> | void;
}

/** Asks before deleting: the link stops working at once, the accounts made from it stay. */
export const DeleteInvitationDialog = ({ invitation, onCancel, onConfirm }: Props) => {
  const t = usePluginTranslation();
  if (!invitation) return null;
  return (
    <ConfirmActionDialog
      open
      onOpenChange={(open) => !open && onCancel()}
      title={t('delete.title', 'Delete this invitation link?')}
      text={
        invitation.usedCount > 0
          ? t(
              'delete.body',
              '“{name}” stops working at once: nobody can create an account with it any more. {count, plural, one {The account already created is kept.} other {The # accounts already created are kept.}}',
              { name: invitation.name, count: invitation.usedCount }
            )
          : t('delete.body.unused', '“{name}” stops working at once: nobody can create an account with it any more.', {
              name: invitation.name,
            })
      }
      onConfirm={() => onConfirm(invitation)}
    />
  );
};
