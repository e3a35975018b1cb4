import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router-dom';
import { InvitationsPage } from '../../admin/src/pages/InvitationsPage';
import { makeInvitation } from './fixtures';
import { renderInAdmin } from './render';
import { allowAll, allowedActions, fetchClient, toggleNotification } from './strapi-admin';

jest.mock('@strapi/strapi/admin', () => jest.requireActual('./strapi-admin').strapiAdmin());

const LINKS = [
  makeInvitation({ id: 7, name: 'Board' }),
  makeInvitation({ id: 8, name: 'Partners', usedCount: 2, remaining: 8 }),
  makeInvitation({ id: 9, name: 'Press' }),
];

const page = (results = LINKS) => ({
  data: { results, pagination: { page: 1, pageSize: 10, pageCount: 1, total: results.length } },
});

/** Shows the page's query string, for the tests to read what the URL keeps. */
const LocationProbe = () => <output data-testid="search">{useLocation().search}</output>;
const urlParams = () => new URLSearchParams(screen.getByTestId('search').textContent ?? '');

const openList = (url = '/') =>
  renderInAdmin(
    <MemoryRouter initialEntries={[url]} future={{ v7_startTransition: true, v7_relativeSplatPath: true }}>
      <Routes>
        <Route path="/" element={<InvitationsPage />} />
      </Routes>
      <LocationProbe />
    </MemoryRouter>
  );

const listCalls = () =>
  fetchClient.get.mock.calls.filter(([url]) => url === '/invitations/invitations').map(([, options]) => options.params);
const bulkDeleteCalls = () => fetchClient.post.mock.calls.filter(([url]) => url === '/invitations/invitations/bulk-delete');

beforeEach(() => {
  jest.clearAllMocks();
  allowAll();
  fetchClient.get.mockResolvedValue(page());
});

test('the status in the URL is the filter sent; choosing another keeps it in the URL and goes back to page 1', async () => {
  openList('/?status=expired&page=2&_q=bo');
  await screen.findByText('Board');
  expect(listCalls()[0]).toEqual(expect.objectContaining({ status: 'expired', page: 2, q: 'bo' }));
  expect(screen.getByRole('combobox', { name: 'Status' }).textContent).toContain('Expired');

  await userEvent.click(screen.getByRole('combobox', { name: 'Status' }));
  await userEvent.click(await screen.findByRole('option', { name: 'Used up' }));
  await waitFor(() => expect(listCalls().at(-1)).toEqual(expect.objectContaining({ status: 'exhausted', page: 1, q: 'bo' })));
  expect(urlParams().get('status')).toBe('exhausted');

  await userEvent.click(screen.getByRole('combobox', { name: 'Status' }));
  await userEvent.click(await screen.findByRole('option', { name: 'All statuses' }));
  await waitFor(() => expect(listCalls().at(-1)).not.toHaveProperty('status'));
  expect(urlParams().has('status')).toBe(false);
});

test('an unknown status in the URL lists every link', async () => {
  openList('/?status=deleted');
  await screen.findByText('Board');
  expect(listCalls()[0]).not.toHaveProperty('status');
});

test('no link in the chosen state: the table says so, the page keeps its filter', async () => {
  fetchClient.get.mockResolvedValue(page([]));
  openList('/?status=active');
  expect(await screen.findByText('No invitation link matches this filter.')).toBeTruthy();
  expect(screen.getByRole('combobox', { name: 'Status' })).toBeTruthy();
});

test('selected rows are deleted together after one confirmation that says how many and that accounts stay', async () => {
  fetchClient.post.mockResolvedValue({ data: { data: { deleted: [7, 8] } } });
  openList();
  await userEvent.click(await screen.findByRole('checkbox', { name: 'Select Board' }));
  await userEvent.click(screen.getByRole('checkbox', { name: 'Select Partners' }));
  await userEvent.click(screen.getByRole('button', { name: 'Delete 2' }));

  const dialog = await screen.findByRole('alertdialog');
  expect(within(dialog).getByText('Delete 2 invitation links?')).toBeTruthy();
  expect(
    within(dialog).getByText(/These 2 links stop working at once.*The accounts already created from them are kept\./)
  ).toBeTruthy();
  expect(bulkDeleteCalls()).toHaveLength(0);

  await userEvent.click(within(dialog).getByRole('button', { name: 'Confirm' }));
  await waitFor(() => expect(bulkDeleteCalls()).toEqual([['/invitations/invitations/bulk-delete', { ids: [7, 8] }]]));
  await waitFor(() =>
    expect(toggleNotification).toHaveBeenCalledWith({ type: 'success', message: '2 invitation links deleted' })
  );
  // The list is read again, and nothing stays selected.
  await waitFor(() => expect(listCalls()).toHaveLength(2));
  expect(screen.queryByRole('button', { name: /^Delete \d/ })).toBeNull();
});

test('the header checkbox selects the whole page; Cancel deletes nothing', async () => {
  openList();
  await userEvent.click(await screen.findByRole('checkbox', { name: 'Select all entries' }));
  await userEvent.click(screen.getByRole('button', { name: 'Delete 3' }));
  const dialog = await screen.findByRole('alertdialog');
  await userEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
  expect(bulkDeleteCalls()).toHaveLength(0);
  expect(screen.getByRole('button', { name: 'Delete 3' })).toBeTruthy();
});

test('a refused bulk delete is reported with the server’s reason, and the selection stays', async () => {
  fetchClient.post.mockRejectedValue({ response: { data: { error: { message: 'Unknown invitations: 8' } } } });
  openList();
  await userEvent.click(await screen.findByRole('checkbox', { name: 'Select Partners' }));
  await userEvent.click(screen.getByRole('button', { name: 'Delete 1' }));
  expect(await screen.findByText('Delete 1 invitation link?')).toBeTruthy();
  await userEvent.click(screen.getByRole('button', { name: 'Confirm' }));
  await waitFor(() => expect(toggleNotification).toHaveBeenCalledWith({ type: 'danger', message: 'Unknown invitations: 8' }));
  expect(screen.getByRole('button', { name: 'Delete 1' })).toBeTruthy();
});

test('another filter clears the selection', async () => {
  openList();
  await userEvent.click(await screen.findByRole('checkbox', { name: 'Select Board' }));
  expect(screen.getByRole('button', { name: 'Delete 1' })).toBeTruthy();
  await userEvent.click(screen.getByRole('combobox', { name: 'Status' }));
  await userEvent.click(await screen.findByRole('option', { name: 'Active' }));
  await waitFor(() => expect(listCalls()).toHaveLength(2));
  expect(screen.queryByRole('button', { name: /^Delete \d/ })).toBeNull();
  expect((screen.getByRole('checkbox', { name: 'Select Board' }) as HTMLButtonElement).getAttribute('aria-checked')).toBe(
    'false'
  );
});

test('without the delete permission there is nothing to select', async () => {
  allowedActions.canDelete = false;
  openList();
  await screen.findByText('Board');
  expect(screen.queryAllByRole('checkbox')).toHaveLength(0);
  expect(screen.queryByRole('button', { name: 'Delete' })).toBeNull();
});
