import { Dialog } from '@strapi/design-system';
import { ConfirmDialog } from '@strapi/strapi/admin';

interface Props {
  open: boolean;
  /** With false when the admin cancels or closes it; with true when the trigger opens it. */
  onOpenChange: (open: boolean) => void;
  /** The button that opens the dialog, if any: it gets the focus back when the dialog closes. */
  trigger?: React.ReactNode;
  title: string;
  /** What the action does, said before it is done. */
  text: React.ReactNode;
  onConfirm: () => Promise<void> | void;
}

/** Asks before an action that cannot be undone: a title, a sentence, Cancel and Confirm (Strapi's ConfirmDialog). */
export const ConfirmActionDialog = ({ open, onOpenChange, trigger, title, text, onConfirm }: Props) => (
  <Dialog.Root open={open} onOpenChange={onOpenChange}>
    {trigger && <Dialog.Trigger>{trigger}</Dialog.Trigger>}
    {/* Its Cancel closes the dialog through onOpenChange already. */}
    <ConfirmDialog title={title} onConfirm={onConfirm}>
      {text}
    </ConfirmDialog>
  </Dialog.Root>
);
