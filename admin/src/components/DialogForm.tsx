import { Button, Modal, type ButtonProps } from '@strapi/design-system';
import { usePluginTranslation } from '../utils/translations';

export interface DialogFooterProps extends Omit<ButtonProps, 'type' | 'children'> {
  /** The words of the submit button. */
  submitLabel: React.ReactNode;
}

/** A dialog form's footer: Cancel, which closes the dialog, and the form's submit button. */
export const DialogFooter = ({ submitLabel, ...submitButton }: DialogFooterProps) => {
  const t = usePluginTranslation();
  return (
    <Modal.Footer>
      <Modal.Close>
        <Button variant="tertiary">{t('form.cancel', 'Cancel')}</Button>
      </Modal.Close>
      <Button type="submit" {...submitButton}>
        {submitLabel}
      </Button>
    </Modal.Footer>
  );
};

interface DialogFormProps {
  title: React.ReactNode;
  onClose: () => void;
  onSubmit: (event: React.FormEvent) => void;
  /** The submit button of the footer. */
  submit: DialogFooterProps;
  children: React.ReactNode;
}

/** A dialog that is one form: its title, its fields, Cancel and the submit button. Closing it calls onClose. */
export const DialogForm = ({ title, onClose, onSubmit, submit, children }: DialogFormProps) => (
  <Modal.Root open onOpenChange={(open: boolean) => !open && onClose()}>
    <Modal.Content>
      <form onSubmit={onSubmit} noValidate>
        <Modal.Header>
          <Modal.Title>{title}</Modal.Title>
        </Modal.Header>
        <Modal.Body>{children}</Modal.Body>
        <DialogFooter {...submit} />
      </form>
    </Modal.Content>
  </Modal.Root>
);
