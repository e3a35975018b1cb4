import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { makeInvitation } from './fixtures';

/** What editing the link of `makeInvitation()` puts to. */
const EDIT_URL = `/invitations/invitations/${makeInvitation().id}`;

/**
 * Clicks Save in the dialog editing the link of `makeInvitation()`, waits until it is saved, and
 * checks that the edit sent `changes`, nothing else.
 */
export const saveEdit = async (put: jest.Mock, onSaved: jest.Mock, changes: Record<string, unknown>) => {
  await userEvent.click(screen.getByRole('button', { name: 'Save' }));
  await waitFor(() => expect(onSaved).toHaveBeenCalled());
  expect(put).toHaveBeenCalledWith(EDIT_URL, changes);
};

/** The box of the field whose input is `input`: its label, the input, its hint and its errors. */
export const fieldBox = (input: HTMLElement) => {
  let box = input.parentElement!;
  while (!box.querySelector('label')) box = box.parentElement!;
  return box;
};
