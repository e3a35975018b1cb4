import { act, cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Button, Dialog } from '@strapi/design-system';
import { RecipientsTable } from '../../admin/src/components/RecipientsTable';
import type { Recipient } from '../../shared';
import { makeInvitation } from './fixtures';
import { renderInAdmin } from './render';

const fetchClient = { get: jest.fn(), post: jest.fn(), put: jest.fn(), del: jest.fn() };
const toggleNotification = jest.fn();
let allowedActions: Record<string, boolean> = {};

interface ConfirmProps {
  title: string;
  children: React.ReactNode;
  onConfirm: () => void;
  onCancel?: () => void;
}

jest.mock('@strapi/strapi/admin', () => ({
  useFetchClient: () => fetchClient,
  useAppInfo: () => '5.54.0',
  useNotification: () => ({ toggleNotification }),
  useRBAC: (permissions: unknown) => jest.requireActual('./strapi-admin').rbacOf(allowedActions)(permissions),
  // Strapi's own dialog needs the whole admin app; this one has its parts: a title, the text, two
  // buttons, and Cancel closes the dialog as Strapi's does.
  ConfirmDialog: ({ title, children, onConfirm, onCancel }: ConfirmProps) => (
    <Dialog.Content>
      <Dialog.Header>{title}</Dialog.Header>
      <Dialog.Body>{children}</Dialog.Body>
      <Dialog.Footer>
        <Dialog.Cancel>
          <Button onClick={onCancel}>Cancel</Button>
        </Dialog.Cancel>
        <Button onClick={onConfirm}>Confirm</Button>
      </Dialog.Footer>
    </Dialog.Content>
  ),
}));

const invitation = makeInvitation();

const recipient = (overrides: Partial<Recipient>): Recipient => ({
  id: 1,
  email: 'ada@example.com',
  status: 'pending',
  sentAt: '2026-11-02T09:00:00.000Z',
  lastSentAt: '2026-11-03T09:00:00.000Z',
  sendCount: 2,
  acceptedAt: null,
  language: 'de',
  remindedAt: null,
  user: null,
  ...overrides,
});

const ADA = recipient({});
const GRACE = recipient({
  id: 2,
  email: 'grace@example.org',
  status: 'accepted',
  sendCount: 1,
  acceptedAt: '2026-11-04T09:00:00.000Z',
  user: { id: 40, username: 'grace', email: 'grace@example.org' },
});
const ALAN = recipient({ id: 3, email: 'alan@example.net', status: 'revoked', sendCount: 1, language: null });

const page = (results: Recipient[], pagination: Partial<{ page: number; pageCount: number; total: number }> = {}) => ({
  data: { results, pagination: { page: 1, pageSize: 10, pageCount: 1, total: results.length, ...pagination } },
});

const listCalls = () =>
  fetchClient.get.mock.calls.filter(([url]) => String(url).endsWith('/recipients')).map(([, options]) => options.params);

const showTable = async (onChange = jest.fn()) => {
  renderInAdmin(<RecipientsTable invitation={invitation} onChange={onChange} />);
  await screen.findByText('ada@example.com');
  return { onChange };
};

const rowOf = (email: string) => document.querySelector(`tr[data-recipient="${email}"]`) as HTMLElement;

beforeEach(() => {
  jest.clearAllMocks();
  allowedActions = { canSend: true, canDelete: true };
  fetchClient.get.mockResolvedValue(page([ADA, GRACE, ALAN]));
});

test('each recipient with its state, dates, sendings, language and the account made; actions on pending ones only', async () => {
  await showTable();
  expect(listCalls()).toEqual([{ page: 1, pageSize: 10 }]);
  expect(fetchClient.get).toHaveBeenCalledWith('/invitations/invitations/7/recipients', expect.anything());

  const ada = rowOf('ada@example.com');
  expect(within(ada).getByText('Pending').closest('[data-status]')?.getAttribute('data-status')).toBe('pending');
  expect(within(ada).getByText('2')).toBeTruthy();
  expect(within(ada).getByText('Nov 2, 2026, 9:00 AM')).toBeTruthy();
  expect(within(ada).getByText('Nov 3, 2026, 9:00 AM')).toBeTruthy();
  expect(within(ada).getByText('Deutsch')).toBeTruthy();
  expect(within(ada).getByRole('button', { name: 'Send again to ada@example.com' })).toBeTruthy();
  expect(within(ada).getByRole('button', { name: 'Revoke the link of ada@example.com' })).toBeTruthy();

  const grace = rowOf('grace@example.org');
  expect(within(grace).getByText('Accepted')).toBeTruthy();
  expect(within(grace).getByText('grace')).toBeTruthy();
  expect(within(grace).queryAllByRole('button')).toHaveLength(0);
  expect(within(rowOf('alan@example.net')).getByText('Revoked')).toBeTruthy();
  expect(within(rowOf('alan@example.net')).queryAllByRole('button')).toHaveLength(0);
  // A link sent before languages were kept has none.
  expect(within(rowOf('alan@example.net')).getByText('-')).toBeTruthy();
  // A single page needs no pager.
  expect(screen.queryByRole('navigation', { name: 'Pages of recipients' })).toBeNull();
});

test('when each was reminded; a pending recipient of an expired link shows as expired, the others keep their state', async () => {
  fetchClient.get.mockResolvedValue(page([{ ...ADA, remindedAt: '2026-11-05T09:00:00.000Z' }, GRACE, ALAN]));
  await showTable();
  expect(within(rowOf('ada@example.com')).getByText('Nov 5, 2026, 9:00 AM')).toBeTruthy();
  expect(within(rowOf('grace@example.org')).getAllByText('—').length).toBeGreaterThan(0);
  cleanup();

  const expired = makeInvitation({ expiresAt: '2026-01-01T00:00:00.000Z', status: 'expired' });
  renderInAdmin(<RecipientsTable invitation={expired} onChange={jest.fn()} />);
  await screen.findByText('ada@example.com');
  const badge = within(rowOf('ada@example.com')).getByText('Expired').closest('[data-status]');
  expect(badge?.getAttribute('data-status')).toBe('expired');
  expect(within(rowOf('grace@example.org')).getByText('Accepted')).toBeTruthy();
  expect(within(rowOf('alan@example.net')).getByText('Revoked')).toBeTruthy();
});

test('without the send or delete permission, no Resend or Revoke button', async () => {
  allowedActions = { canSend: false, canDelete: true };
  await showTable();
  expect(screen.queryByRole('button', { name: /Send again/ })).toBeNull();
  expect(screen.getByRole('button', { name: /Revoke the link/ })).toBeTruthy();
});

test('without the delete permission, Resend only', async () => {
  allowedActions = { canSend: true, canDelete: false };
  await showTable();
  expect(screen.getByRole('button', { name: /Send again/ })).toBeTruthy();
  expect(screen.queryByRole('button', { name: /Revoke the link/ })).toBeNull();
});

test('filtering by status asks the server for that status, from the first page; All statuses for every one', async () => {
  await showTable();
  await userEvent.click(screen.getByRole('combobox', { name: 'Status' }));
  await userEvent.click(await screen.findByRole('option', { name: 'Accepted' }));
  await waitFor(() => expect(listCalls()).toContainEqual({ page: 1, pageSize: 10, status: 'accepted' }));
  await userEvent.click(screen.getByRole('combobox', { name: 'Status' }));
  await userEvent.click(await screen.findByRole('option', { name: 'All statuses' }));
  await waitFor(() => expect(listCalls()).toHaveLength(3));
  expect(listCalls().at(-1)).toEqual({ page: 1, pageSize: 10 });
});

test('the search is sent once typing stops, trimmed', async () => {
  await showTable();
  await userEvent.type(screen.getByRole('searchbox', { name: 'Search by email' }), ' grace ');
  await waitFor(() => expect(listCalls()).toContainEqual({ page: 1, pageSize: 10, q: 'grace' }));
  // One request for the settled text, none for each key typed.
  expect(listCalls().filter((params) => 'q' in params)).toHaveLength(1);
});

test('the pages: next and previous ask for those pages', async () => {
  fetchClient.get.mockImplementation((_url: string, { params }: { params: { page: number } }) =>
    Promise.resolve(page(params.page === 1 ? [ADA] : [GRACE], { page: params.page, pageCount: 2, total: 2 }))
  );
  await showTable();
  const pages = screen.getByRole('navigation', { name: 'Pages of recipients' });
  expect(within(pages).getByText('Page 1 of 2')).toBeTruthy();
  await userEvent.click(within(pages).getByRole('button', { name: 'Next page' }));
  await waitFor(() => expect(rowOf('grace@example.org')).toBeTruthy());
  expect(listCalls()).toContainEqual({ page: 2, pageSize: 10 });
  await userEvent.click(screen.getByRole('button', { name: 'Previous page' }));
  await waitFor(() => expect(rowOf('ada@example.com')).toBeTruthy());
  expect(listCalls()).toEqual([
    { page: 1, pageSize: 10 },
    { page: 2, pageSize: 10 },
    { page: 1, pageSize: 10 },
  ]);
});

test("Resend mails the link again in the recipient's language (the server's to choose), says so and reloads", async () => {
  fetchClient.post.mockResolvedValue({ data: { data: { ...ADA, sendCount: 3 } } });
  const { onChange } = await showTable();
  await userEvent.click(screen.getByRole('button', { name: 'Send again to ada@example.com' }));
  await waitFor(() => expect(onChange).toHaveBeenCalledTimes(1));
  expect(fetchClient.post).toHaveBeenCalledWith('/invitations/invitations/7/recipients/1/resend', {
    timeZone: expect.any(String),
  });
  expect(toggleNotification).toHaveBeenCalledWith({ type: 'success', message: 'Personal link sent again to ada@example.com' });
  await waitFor(() => expect(listCalls()).toHaveLength(2));
});

test("a refused resend shows the server's reason", async () => {
  fetchClient.post.mockRejectedValue({ response: { data: { error: { status: 409, message: 'This personal link was used' } } } });
  await showTable();
  await userEvent.click(screen.getByRole('button', { name: 'Send again to ada@example.com' }));
  await waitFor(() =>
    expect(toggleNotification).toHaveBeenCalledWith({ type: 'danger', message: 'This personal link was used' })
  );
});

test('Revoke asks first; Cancel changes nothing, Confirm revokes', async () => {
  fetchClient.del.mockResolvedValue({ data: { data: { ...ADA, status: 'revoked' } } });
  const { onChange } = await showTable();
  await userEvent.click(screen.getByRole('button', { name: 'Revoke the link of ada@example.com' }));
  const dialog = await screen.findByRole('alertdialog');
  expect(within(dialog).getByText('Revoke this personal link?')).toBeTruthy();
  expect(within(dialog).getByText(/The link sent to ada@example.com stops working at once/)).toBeTruthy();
  await userEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
  expect(fetchClient.del).not.toHaveBeenCalled();

  await userEvent.click(screen.getByRole('button', { name: 'Revoke the link of ada@example.com' }));
  await userEvent.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Confirm' }));
  await waitFor(() => expect(onChange).toHaveBeenCalledTimes(1));
  expect(fetchClient.del).toHaveBeenCalledWith('/invitations/invitations/7/recipients/1');
  expect(toggleNotification).toHaveBeenCalledWith({ type: 'success', message: 'Personal link of ada@example.com revoked' });
});

test('no personal link sent yet: a sentence instead of a table', async () => {
  fetchClient.get.mockResolvedValue(page([]));
  renderInAdmin(<RecipientsTable invitation={invitation} onChange={jest.fn()} />);
  expect(await screen.findByText('No personal link has been sent with this link yet.')).toBeTruthy();
  // The design system's tables are grids.
  expect(screen.queryByRole('grid')).toBeNull();
  expect(screen.queryByRole('searchbox')).toBeNull();
});

test('a search that matches nobody keeps the search box', async () => {
  await showTable();
  fetchClient.get.mockResolvedValue(page([]));
  await userEvent.type(screen.getByRole('searchbox', { name: 'Search by email' }), 'nobody');
  expect(await screen.findByText('No recipient matches.')).toBeTruthy();
  expect(screen.getByRole('searchbox', { name: 'Search by email' })).toBeTruthy();
});

test('in French', async () => {
  renderInAdmin(<RecipientsTable invitation={invitation} onChange={jest.fn()} />, 'fr');
  await screen.findByText('ada@example.com');
  expect(screen.getByText('En attente')).toBeTruthy();
  expect(screen.getByRole('button', { name: 'Envoyer de nouveau à ada@example.com' })).toBeTruthy();
  await act(async () => undefined);
});

test('Export CSV asks the server for the recipients of this link as a file', async () => {
  Object.assign(URL, { createObjectURL: jest.fn(() => 'blob:csv'), revokeObjectURL: jest.fn() });
  const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
  await showTable();
  fetchClient.get.mockResolvedValueOnce({ data: new Blob(['email\n'], { type: 'text/csv' }) });
  await userEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
  await waitFor(() => expect(click).toHaveBeenCalledTimes(1));
  expect(fetchClient.get).toHaveBeenCalledWith('/invitations/invitations/7/recipients/export', { responseType: 'blob' });
});
