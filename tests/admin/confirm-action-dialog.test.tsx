import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Button } from '@strapi/design-system';
import { ConfirmActionDialog } from '../../admin/src/components/ConfirmActionDialog';
import { DeleteInvitationDialog } from '../../admin/src/components/DeleteInvitationDialog';
import { makeInvitation } from './fixtures';
import { renderInAdmin } from './render';

jest.mock('@strapi/strapi/admin', () => jest.requireActual('./strapi-admin').strapiAdmin());

test("the title, the text, Cancel and Strapi's Confirm; Cancel closes it without acting", async () => {
  const onConfirm = jest.fn();
  const onOpenChange = jest.fn();
  renderInAdmin(
    <ConfirmActionDialog open onOpenChange={onOpenChange} title="Revoke it?" text="It stops working." onConfirm={onConfirm} />
  );
  const dialog = await screen.findByRole('alertdialog');
  expect(within(dialog).getByText('Revoke it?')).toBeTruthy();
  expect(within(dialog).getByText('It stops working.')).toBeTruthy();
  expect(within(dialog).getByRole('button', { name: 'Confirm' })).toBeTruthy();
  await userEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
  expect(onOpenChange).toHaveBeenCalledWith(false);
  expect(onConfirm).not.toHaveBeenCalled();
});

test('a trigger opens it', async () => {
  const onOpenChange = jest.fn();
  renderInAdmin(
    <ConfirmActionDialog
      open={false}
      onOpenChange={onOpenChange}
      trigger={<Button>Delete 2</Button>}
      title="Delete 2?"
      text="They stop working."
      onConfirm={jest.fn()}
    />
  );
  expect(screen.queryByRole('alertdialog')).toBeNull();
  await userEvent.click(screen.getByRole('button', { name: 'Delete 2' }));
  expect(onOpenChange).toHaveBeenCalledWith(true);
});

test("deleting a link: its name and the accounts kept; Confirm hands the link back, Cancel doesn't", async () => {
  const invitation = makeInvitation({ name: 'Board', usedCount: 2, remaining: 8 });
  const onConfirm = jest.fn();
  const onCancel = jest.fn();
  const { unmount } = renderInAdmin(<DeleteInvitationDialog invitation={null} onCancel={onCancel} onConfirm={onConfirm} />);
  expect(screen.queryByRole('alertdialog')).toBeNull();
  unmount();

  renderInAdmin(<DeleteInvitationDialog invitation={invitation} onCancel={onCancel} onConfirm={onConfirm} />);
  const dialog = await screen.findByRole('alertdialog');
  expect(within(dialog).getByText('Delete this invitation link?')).toBeTruthy();
  expect(within(dialog).getByText(/“Board” stops working at once.*The 2 accounts already created are kept\./)).toBeTruthy();
  await userEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
  expect(onCancel).toHaveBeenCalled();
  expect(onConfirm).not.toHaveBeenCalled();

  await userEvent.click(within(dialog).getByRole('button', { name: 'Confirm' }));
  expect(onConfirm).toHaveBeenCalledWith(invitation);
});
