import { useState } from 'react';
import { Button, Dialog } from '@strapi/design-system';
import { ConfirmDialog } from '@strapi/strapi/admin';
import type { ButtonProps } from '@strapi/design-system';

type Variant = ButtonProps['variant'];

interface Props {
  open: boolean;
  /** With false when the admin cancels or closes it; with true when the trigger opens it. */
  onOpenChange: (open: boolean) => void;
  /** The button that opens the dialog, if any: it gets the focus back when the dialog closes. */
  trigger?: React.ReactNode;
  title: string;
  /** What the action does, said before it is done. */
  text: React.ReactNode;
  /** The words of the confirming button; Strapi's own "Confirm" (in the admin's language) when left out. */
  actionLabel?: string;
  /** The confirming button's look: Strapi's `danger-light` when left out. */
  variant?: Variant;
  /** While the promise it returns runs, the confirming button shows that it is busy. */
  onConfirm: () => Promise<void> | void;
}

const ActionButton = ({ label, variant, onConfirm }: { label: string; variant: Variant; onConfirm: Props['onConfirm'] }) => {
  const [busy, setBusy] = useState(false);
  const confirm = async () => {
    setBusy(true);
    try {
      await onConfirm();
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog.Action>
      <Button fullWidth variant={variant} loading={busy} onClick={confirm}>
        {label}
      </Button>
    </Dialog.Action>
  );
};

/** Asks before an action that cannot be undone: a title, a sentence, Cancel and the action (Strapi's ConfirmDialog). */
export const ConfirmActionDialog = ({
  open,
  onOpenChange,
  trigger,
  title,
  text,
  actionLabel,
  variant = 'danger-light',
  onConfirm,
}: Props) => (
  <Dialog.Root open={open} onOpenChange={onOpenChange}>
    {trigger && <Dialog.Trigger>{trigger}</Dialog.Trigger>}
    <ConfirmDialog
      title={title}
      variant={variant}
      onConfirm={onConfirm}
      onCancel={() => onOpenChange(false)}
      endAction={actionLabel && <ActionButton label={actionLabel} variant={variant} onConfirm={onConfirm} />}
    >
      {text}
    </ConfirmDialog>
  </Dialog.Root>
);
