import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router-dom';
import { AccessRequestsPage } from '../../admin/src/pages/AccessRequestsPage';
import { renderInAdmin } from './render';
import { allowedActions, fetchClient, toggleNotification } from './strapi-admin';
import type { AccessRequest } from '../../shared';

jest.mock('@strapi/strapi/admin', () => jest.requireActual('./strapi-admin').strapiAdmin());

const makeRequest = (overrides: Partial<AccessRequest> = {}): AccessRequest => ({
  id: 5,
  email: 'ada@example.edu',
  name: 'Ada Lovelace',
  message: 'I teach the evening class.\nPlease let me in.',
  status: 'pending',
  createdAt: '2026-12-01T10:00:00.000Z',
  lastRequestedAt: '2026-12-01T10:00:00.000Z',
  decidedAt: null,
  decidedBy: null,
  autoApproved: false,
  invitation: null,
  sendError: null,
  ...overrides,
});

const ADA = makeRequest();
const GRACE = makeRequest({ id: 6, email: 'grace@example.org', name: null, message: null });
const COUNTS = { pending: 2, approved: 4, declined: 1 };
const LINKS = [
  { id: 7, name: 'Board', remaining: 1, expiresAt: '2026-12-20T12:00:00.000Z' },
  { id: 8, name: 'Students', remaining: 40, expiresAt: '2027-01-31T12:00:00.000Z' },
];

const page = (results: AccessRequest[] = [ADA, GRACE], pagination = { page: 1, pageSize: 10, pageCount: 1 }) => ({
  data: { results, pagination: { ...pagination, total: results.length }, counts: COUNTS },
});

const LIST = '/invitations/requests';
const LINKS_URL = '/invitations/requests/links';

/** The list answers `list()`, the links route `LINKS` (in `data`, as the server answers). */
const serve = (list: () => unknown) =>
  fetchClient.get.mockImplementation(async (url: string) => {
    if (url === LINKS_URL) return { data: { data: LINKS } };
    if (url === LIST) return list();
    throw new Error(`unexpected GET ${url}`);
  });

const LocationProbe = () => <output data-testid="search">{useLocation().search}</output>;
const urlParams = () => new URLSearchParams(screen.getByTestId('search').textContent ?? '');

const openPage = (url = '/') =>
  renderInAdmin(
    <MemoryRouter initialEntries={[url]} future={{ v7_startTransition: true, v7_relativeSplatPath: true }}>
      <Routes>
        <Route path="/" element={<AccessRequestsPage />} />
      </Routes>
      <LocationProbe />
    </MemoryRouter>
  );

/** Waits for the notification the page shows. */
const expectNotified = (type: string, message: string) =>
  waitFor(() => expect(toggleNotification).toHaveBeenCalledWith({ type, message }));

const listCalls = () => fetchClient.get.mock.calls.filter(([url]) => url === LIST).map(([, options]) => options.params);
const postsTo = (url: string) => fetchClient.post.mock.calls.filter(([called]) => called === url).map(([, body]) => body);

beforeEach(() => {
  jest.clearAllMocks();
  Object.assign(allowedActions, { canRead: true });
  serve(() => page());
});

describe('the list', () => {
  test('pending first, with the counts in the filter; another status is kept in the URL, and All lists every request', async () => {
    openPage();
    await screen.findByText('ada@example.edu');
    expect(listCalls()[0]).toEqual({ page: 1, pageSize: 10, status: 'pending' });
    const filter = screen.getByRole('combobox', { name: 'Status' });
    expect(filter.textContent).toContain('Pending (2)');

    await userEvent.click(filter);
    expect((await screen.findAllByRole('option')).map((option) => option.textContent)).toEqual([
      'All requests',
      'Pending (2)',
      'Approved (4)',
      'Declined (1)',
    ]);
    await userEvent.click(screen.getByRole('option', { name: 'Declined (1)' }));
    await waitFor(() => expect(listCalls().at(-1)).toEqual({ page: 1, pageSize: 10, status: 'declined' }));
    expect(urlParams().get('status')).toBe('declined');

    await userEvent.click(screen.getByRole('combobox', { name: 'Status' }));
    await userEvent.click(await screen.findByRole('option', { name: 'All requests' }));
    await waitFor(() => expect(listCalls().at(-1)).toEqual({ page: 1, pageSize: 10 }));
    expect(urlParams().get('status')).toBe('all');
  });

  test('the search is sent once the admin stops typing, from the first page, and kept in the URL', async () => {
    openPage('/?page=3');
    await screen.findByText('ada@example.edu');
    expect(listCalls()[0]).toEqual(expect.objectContaining({ page: 3 }));
    await userEvent.type(screen.getByRole('searchbox', { name: 'Search by email' }), 'ada+x@');
    await waitFor(() => expect(listCalls().at(-1)).toEqual({ page: 1, pageSize: 10, status: 'pending', q: 'ada+x@' }));
    // Typing is not a request per key: only the settled text was searched.
    expect(listCalls().filter((params) => params.q)).toHaveLength(1);
    expect(urlParams().get('_q')).toBe('ada+x@');
  });

  test('pages: the next page is read from the server', async () => {
    serve(() => page([ADA, GRACE], { page: 1, pageSize: 10, pageCount: 3 }));
    openPage();
    await screen.findByText('ada@example.edu');
    await userEvent.click(screen.getByRole('link', { name: 'Go to next page' }));
    await waitFor(() => expect(listCalls().at(-1)).toEqual(expect.objectContaining({ page: 2, status: 'pending' })));
  });

  test('each request shows who asked, their name and message; a decided one who decided, when, and into which link', async () => {
    const decided = makeRequest({
      id: 9,
      email: 'alan@example.edu',
      status: 'approved',
      lastRequestedAt: '2026-12-03T10:00:00.000Z',
      decidedAt: '2026-12-04T10:00:00.000Z',
      decidedBy: { id: 1, firstname: 'Kim', lastname: 'Reviewer', email: 'kim@example.com' },
      invitation: { id: 8, name: 'Students' },
    });
    const auto = makeRequest({
      id: 10,
      email: 'bo@cs.example.edu',
      status: 'approved',
      autoApproved: true,
      decidedAt: '2026-12-02T10:00:00.000Z',
      invitation: { id: 8, name: 'Students' },
    });
    serve(() => page([ADA, decided, auto]));
    openPage('/?status=all');
    const adaRow = (await screen.findByText('ada@example.edu')).closest('tr')!;
    expect(within(adaRow).getByText('Ada Lovelace')).toBeTruthy();
    expect(within(adaRow).getByText(/I teach the evening class\.\s+Please let me in\./)).toBeTruthy();
    expect(within(adaRow).getByRole('button', { name: 'Approve ada@example.edu' })).toBeTruthy();

    const decidedRow = screen.getByText('alan@example.edu').closest('tr')!;
    expect(within(decidedRow).getByText(/^Kim Reviewer, /)).toBeTruthy();
    expect(within(decidedRow).getByText(/^First asked /)).toBeTruthy();
    expect(within(decidedRow).getByRole('link', { name: 'Students' }).getAttribute('href')).toBe('/plugins/invitations/8');
    expect(within(decidedRow).queryByRole('button', { name: /^Approve/ })).toBeNull();
    expect(screen.getByText('bo@cs.example.edu').closest('tr')!.textContent).toMatch(/Auto-approved, /);
    // Only the pending list offers to select rows.
    expect(screen.queryAllByRole('checkbox')).toHaveLength(0);
  });

  test('without read, the link approved into is named but not linked', async () => {
    allowedActions.canRead = false;
    serve(() =>
      page([makeRequest({ status: 'approved', decidedAt: '2026-12-04T10:00:00.000Z', invitation: { id: 8, name: 'Students' } })])
    );
    openPage('/?status=approved');
    await screen.findByText('ada@example.edu');
    expect(screen.getByText(/Students/)).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Students' })).toBeNull();
    expect(screen.queryByRole('link', { name: 'Invitations' })).toBeNull();
  });

  test('request access off (the list answers 404): the page says so and points to the setting', async () => {
    serve(() =>
      Promise.reject({
        response: { status: 404, data: { data: null, error: { status: 404, name: 'NotFoundError', message: 'Not Found' } } },
      })
    );
    openPage();
    expect(await screen.findByText('Request access is off; see the `requestAccess` setting.')).toBeTruthy();
    expect(screen.getByRole('link', { name: /How to turn it on/ }).getAttribute('href')).toMatch(/docs\/request-access\.md$/);
    expect(screen.queryByRole('table')).toBeNull();
  });

  test('another failure is said with the server’s reason and can be retried', async () => {
    let fail = true;
    serve(() =>
      fail ? Promise.reject({ response: { status: 500, data: { error: { message: 'Database unavailable' } } } }) : page()
    );
    openPage();
    expect(await screen.findByText('Database unavailable')).toBeTruthy();
    fail = false;
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText('ada@example.edu')).toBeTruthy();
  });
});

describe('approve', () => {
  const APPROVE = `${LIST}/5/approve`;

  const pickLink = async (name: RegExp) => {
    await userEvent.click(screen.getByRole('combobox', { name: /^Link/ }));
    await userEvent.click(await screen.findByRole('option', { name }));
  };

  /** Opens the page, then Approve on Ada's row into the link named `link`. */
  const approveAdaInto = async (link: RegExp) => {
    openPage();
    await userEvent.click(await screen.findByRole('button', { name: 'Approve ada@example.edu' }));
    await pickLink(link);
    await userEvent.click(screen.getByRole('button', { name: 'Approve and send' }));
  };

  /** Ada's request approved into Students, its email failed. */
  const UNSENT = makeRequest({
    status: 'approved',
    decidedAt: '2026-12-04T10:00:00.000Z',
    invitation: { id: 8, name: 'Students' },
    sendError: 'Connection refused',
  });

  test('the dialog lists the active links with their seats and expiry; the chosen link and language are sent', async () => {
    fetchClient.post.mockResolvedValue({ data: { data: { ...ADA, status: 'approved' } } });
    openPage();
    await userEvent.click(await screen.findByRole('button', { name: 'Approve ada@example.edu' }));
    const dialog = await screen.findByRole('dialog', { name: 'Approve the request of ada@example.edu' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Approve and send' }));
    expect(await within(dialog).findByText('Choose the link to send')).toBeTruthy();
    expect(postsTo(APPROVE)).toHaveLength(0);

    await userEvent.click(within(dialog).getByRole('combobox', { name: /^Link/ }));
    const options = await screen.findAllByRole('option');
    expect(options.map((option) => option.textContent)).toEqual([
      expect.stringMatching(/^Board \(1 seat left, expires Dec 20, 2026/),
      expect.stringMatching(/^Students \(40 seats left, expires Jan 31, 2027/),
    ]);
    await userEvent.click(options[1]);
    await userEvent.click(within(dialog).getByRole('combobox', { name: /^Language of the email/ }));
    await userEvent.click(await screen.findByRole('option', { name: 'Deutsch' }));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Approve and send' }));

    await waitFor(() => expect(postsTo(APPROVE)).toEqual([{ invitationId: 8, language: 'de' }]));
    expect(toggleNotification).toHaveBeenCalledWith({ type: 'success', message: 'Request approved: a personal link was sent' });
    await waitFor(() => expect(listCalls()).toHaveLength(2));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  test('typing in the link box searches the links on the server', async () => {
    openPage();
    await userEvent.click(await screen.findByRole('button', { name: 'Approve ada@example.edu' }));
    await userEvent.type(await screen.findByRole('combobox', { name: /^Link/ }), 'stud');
    await waitFor(() => expect(fetchClient.get).toHaveBeenCalledWith(LINKS_URL, { params: { q: 'stud' } }));
    expect(fetchClient.get).toHaveBeenCalledWith(LINKS_URL, { params: {} });
  });

  test('an approval whose email failed is said as a warning, not a success', async () => {
    fetchClient.post.mockResolvedValue({ data: { data: { ...ADA, status: 'approved', sendError: 'Connection refused' } } });
    await approveAdaInto(/^Students/);
    await expectNotified('warning', 'Approved, but the email to 1 person could not be sent: see the list to send again.');
  });

  test('Retry on a failed email posts the resend and reads the list again', async () => {
    serve(() => page([UNSENT]));
    fetchClient.post.mockResolvedValue({ data: { data: { ...UNSENT, sendError: null } } });
    openPage('/?status=approved');
    expect(await screen.findByText('Email not sent: Connection refused')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Retry sending the link to ada@example.edu' }));
    await waitFor(() => expect(fetchClient.post).toHaveBeenCalledWith(`${LIST}/5/resend`));
    expect(toggleNotification).toHaveBeenCalledWith({ type: 'success', message: 'Personal link sent to ada@example.edu' });
    await waitFor(() => expect(listCalls()).toHaveLength(2));
  });

  test('a Retry the mail server refuses again (502) says why, and the list is read again', async () => {
    serve(() => page([UNSENT]));
    fetchClient.post.mockRejectedValue({
      response: {
        status: 502,
        data: {
          error: { status: 502, message: 'The email could not be sent: Connection refused', details: { reason: 'email-failed' } },
        },
      },
    });
    openPage('/?status=approved');
    await userEvent.click(await screen.findByRole('button', { name: 'Retry sending the link to ada@example.edu' }));
    await expectNotified('danger', 'The email could not be sent: Connection refused');
    await waitFor(() => expect(listCalls()).toHaveLength(2));
  });

  test('a request someone else decided meanwhile (409): said, nothing more sent, the list read again', async () => {
    fetchClient.post.mockRejectedValue({
      response: {
        status: 409,
        data: {
          data: null,
          error: { status: 409, name: 'ConflictError', message: 'Already decided', details: { reason: 'already-decided' } },
        },
      },
    });
    await approveAdaInto(/^Board/);
    await expectNotified(
      'danger',
      'This request was decided meanwhile, by someone else: nothing was changed. The list shows it as it is now.'
    );
    await waitFor(() => expect(listCalls()).toHaveLength(2));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  test('another refusal keeps the dialog open with the server’s reason', async () => {
    fetchClient.post.mockRejectedValue({ response: { status: 400, data: { error: { message: 'The link has no seat left' } } } });
    await approveAdaInto(/^Board/);
    await expectNotified('danger', 'The link has no seat left');
    expect(screen.getByRole('dialog')).toBeTruthy();
    expect(listCalls()).toHaveLength(1);
  });
});

describe('decline', () => {
  const DECLINE = `${LIST}/6/decline`;

  test('without an email: only sendEmail false is sent', async () => {
    fetchClient.post.mockResolvedValue({ data: { data: { ...GRACE, status: 'declined' } } });
    openPage();
    await userEvent.click(await screen.findByRole('button', { name: 'Decline grace@example.org' }));
    const dialog = await screen.findByRole('dialog', { name: 'Decline the request of grace@example.org' });
    expect(within(dialog).queryByRole('textbox')).toBeNull();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Decline' }));
    await waitFor(() => expect(postsTo(DECLINE)).toEqual([{ sendEmail: false }]));
    expect(toggleNotification).toHaveBeenCalledWith({ type: 'success', message: 'Request declined' });
  });

  test('with an email: its language and the admin’s message, trimmed', async () => {
    fetchClient.post.mockResolvedValue({ data: { data: { ...GRACE, status: 'declined' } } });
    openPage();
    await userEvent.click(await screen.findByRole('button', { name: 'Decline grace@example.org' }));
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(within(dialog).getByRole('checkbox', { name: 'Send an email to say so' }));
    await userEvent.type(within(dialog).getByRole('textbox', { name: 'Your message (optional)' }), '  The class is full.  ');
    await userEvent.click(within(dialog).getByRole('combobox', { name: /^Language of the email/ }));
    await userEvent.click(await screen.findByRole('option', { name: 'Français' }));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Decline' }));
    await waitFor(() => expect(postsTo(DECLINE)).toEqual([{ sendEmail: true, language: 'fr', message: 'The class is full.' }]));
  });

  test('an answer that could not be mailed is said as a warning; a declined row shows why, with no Retry', async () => {
    fetchClient.post.mockResolvedValue({ data: { data: { ...GRACE, status: 'declined', sendError: 'Mailbox full' } } });
    openPage();
    await userEvent.click(await screen.findByRole('button', { name: 'Decline grace@example.org' }));
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(within(dialog).getByRole('checkbox', { name: 'Send an email to say so' }));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Decline' }));
    await expectNotified('warning', 'Declined, but the email to 1 person could not be sent: the list says why.');

    serve(() => page([{ ...GRACE, status: 'declined', decidedAt: '2026-12-04T10:00:00.000Z', sendError: 'Mailbox full' }]));
    await userEvent.click(screen.getByRole('combobox', { name: 'Status' }));
    await userEvent.click(await screen.findByRole('option', { name: 'Declined (1)' }));
    expect(await screen.findByText('Email not sent: Mailbox full')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /^Retry/ })).toBeNull();
  });

  test('a message longer than the limit is refused before sending', async () => {
    openPage();
    await userEvent.click(await screen.findByRole('button', { name: 'Decline grace@example.org' }));
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(within(dialog).getByRole('checkbox', { name: 'Send an email to say so' }));
    const message = within(dialog).getByRole('textbox', { name: 'Your message (optional)' });
    await userEvent.click(message);
    await userEvent.paste('x'.repeat(2001));
    expect(await within(dialog).findByText('Shorten the message to 2000 characters')).toBeTruthy();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Decline' }));
    expect(postsTo(DECLINE)).toHaveLength(0);
  });
});

describe('bulk', () => {
  test('selected requests are approved together into one link', async () => {
    fetchClient.post.mockResolvedValue({ data: { data: [ADA, GRACE].map((request) => ({ ...request, status: 'approved' })) } });
    openPage();
    await userEvent.click(await screen.findByRole('checkbox', { name: 'Select the request of ada@example.edu' }));
    await userEvent.click(screen.getByRole('checkbox', { name: 'Select the request of grace@example.org' }));
    await userEvent.click(screen.getByRole('button', { name: 'Approve 2' }));
    const dialog = await screen.findByRole('dialog', { name: 'Approve 2 requests' });
    await userEvent.click(within(dialog).getByRole('combobox', { name: /^Link/ }));
    await userEvent.click(await screen.findByRole('option', { name: /^Board/ }));
    // One seat left for two people: said before approving.
    expect(
      within(dialog).getByText('This link has 1 seat left for 2 people: the first to sign up get the accounts.')
    ).toBeTruthy();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Approve 2 and send' }));
    await waitFor(() => expect(postsTo(`${LIST}/bulk-approve`)).toEqual([{ ids: [5, 6], invitationId: 7, language: 'en' }]));
    expect(toggleNotification).toHaveBeenCalledWith({
      type: 'success',
      message: '2 requests approved: a personal link was sent to each',
    });
    await waitFor(() => expect(listCalls()).toHaveLength(2));
    expect(screen.queryByRole('button', { name: /^Approve \d/ })).toBeNull();
  });

  test('selected requests are declined together, with an email', async () => {
    fetchClient.post.mockResolvedValue({ data: { data: [ADA, GRACE].map((request) => ({ ...request, status: 'declined' })) } });
    openPage();
    await userEvent.click(await screen.findByRole('checkbox', { name: 'Select all entries' }));
    await userEvent.click(screen.getByRole('button', { name: 'Decline 2' }));
    const dialog = await screen.findByRole('dialog', { name: 'Decline 2 requests' });
    await userEvent.click(within(dialog).getByRole('checkbox', { name: 'Send an email to say so' }));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Decline 2' }));
    await waitFor(() => expect(postsTo(`${LIST}/bulk-decline`)).toEqual([{ ids: [5, 6], sendEmail: true, language: 'en' }]));
    expect(toggleNotification).toHaveBeenCalledWith({ type: 'success', message: '2 requests declined' });
  });

  test('a bulk refused because some were decided meanwhile (409) says how many, and the list is read again', async () => {
    fetchClient.post.mockRejectedValue({
      response: {
        status: 409,
        data: { error: { status: 409, message: 'Already decided', details: { reason: 'already-decided', ids: [5, 6] } } },
      },
    });
    openPage();
    await userEvent.click(await screen.findByRole('checkbox', { name: 'Select all entries' }));
    await userEvent.click(screen.getByRole('button', { name: 'Decline 2' }));
    await userEvent.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Decline 2' }));
    await expectNotified(
      'danger',
      '2 of these requests were decided meanwhile, by someone else: nothing was changed. The list shows them as they are now.'
    );
    await waitFor(() => expect(listCalls()).toHaveLength(2));
  });
});
