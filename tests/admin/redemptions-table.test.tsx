import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { RedemptionsTable } from '../../admin/src/components/RedemptionsTable';
import { makeInvitation } from './fixtures';
import { renderInAdmin } from './render';
import { appInfo, fetchClient, toggleNotification } from './strapi-admin';
import type { InvitationDetail, Redemption } from '../../shared';

jest.mock('@strapi/strapi/admin', () => jest.requireActual('./strapi-admin').strapiAdmin());

const redemption = (n: number): Redemption => ({
  user: { id: n, username: `user${n}`, email: `user${n}@example.com` },
  redeemedAt: new Date(Date.UTC(2026, 0, 1) + n * 60_000).toISOString(),
  kind: 'registered',
  previousRole: null,
});

const detail = (count: number): InvitationDetail => ({
  ...makeInvitation({ id: 7, usedCount: count, maxUses: 100, remaining: 100 - count }),
  redemptionCount: count,
  redemptions: Array.from({ length: Math.min(count, 10) }, (_, i) => redemption(count - i)),
  deliveries: { total: 0, sent: 0, failed: 0, latest: [] },
});

/** The server's pages of 25 redemptions, newest first, filtered by `q` as it would. */
const serveRedemptions = () =>
  fetchClient.get.mockImplementation(
    async (_url: string, { params }: { params: { page: number; pageSize: number; q?: string } }) => {
      const all = Array.from({ length: 25 }, (_, i) => redemption(25 - i)).filter(
        (r) => !params.q || r.user!.username.includes(params.q) || r.user!.email.includes(params.q)
      );
      const results = all.slice((params.page - 1) * params.pageSize, params.page * params.pageSize);
      return {
        data: {
          results,
          pagination: {
            page: params.page,
            pageSize: params.pageSize,
            pageCount: Math.ceil(all.length / params.pageSize),
            total: all.length,
          },
        },
      };
    }
  );

const redemptionCalls = () =>
  fetchClient.get.mock.calls
    .filter(([url]) => url === '/invitations/invitations/7/redemptions')
    .map(([, options]) => options.params);

beforeEach(() => jest.clearAllMocks());

test('the count, the first page at once, and the next pages from the server', async () => {
  serveRedemptions();
  renderInAdmin(<RedemptionsTable invitation={detail(25)} />);
  expect(screen.getByText('25 accounts created from this link.')).toBeTruthy();
  expect(screen.getByText('user25@example.com')).toBeTruthy();
  await waitFor(() => expect(redemptionCalls()).toEqual([{ page: 1, pageSize: 10 }]));
  expect(await screen.findByText('Page 1 of 3 (25 rows)')).toBeTruthy();

  await userEvent.click(screen.getByRole('button', { name: 'Next page' }));
  expect(await screen.findByText('user15@example.com')).toBeTruthy();
  expect(screen.queryByText('user25@example.com')).toBeNull();
  expect(screen.getByText('Page 2 of 3 (25 rows)')).toBeTruthy();
  expect(redemptionCalls().at(-1)).toEqual({ page: 2, pageSize: 10 });

  await userEvent.click(screen.getByRole('button', { name: 'Next page' }));
  expect(await screen.findByText('user1@example.com')).toBeTruthy();
  expect(screen.getByRole('button', { name: 'Next page' }).getAttribute('aria-disabled')).toBe('true');
  await userEvent.click(screen.getByRole('button', { name: 'Next page' }));
  expect(redemptionCalls().at(-1)).toEqual({ page: 3, pageSize: 10 });
});

test('a search asks the server from page 1 and says when nothing matches', async () => {
  serveRedemptions();
  renderInAdmin(<RedemptionsTable invitation={detail(25)} />);
  await userEvent.click(await screen.findByRole('button', { name: 'Next page' }));
  await waitFor(() => expect(redemptionCalls().at(-1)).toEqual({ page: 2, pageSize: 10 }));

  await userEvent.type(screen.getByRole('searchbox', { name: 'Search by username or email' }), 'user2');
  await waitFor(() => expect(redemptionCalls().at(-1)).toEqual({ page: 1, pageSize: 10, q: 'user2' }));
  expect(await screen.findByText('Page 1 of 1 (7 rows)')).toBeTruthy();
  expect(screen.getByText('user20@example.com')).toBeTruthy();

  await userEvent.clear(screen.getByRole('searchbox', { name: 'Search by username or email' }));
  await userEvent.type(screen.getByRole('searchbox', { name: 'Search by username or email' }), 'nobody');
  expect(await screen.findByText('No account matches this search.')).toBeTruthy();
});

/** The width set on the search box or the nearest element around it that has one, in characters. */
const searchWidthInCharacters = (box: HTMLElement) => {
  for (let element: HTMLElement | null = box; element; element = element.parentElement) {
    const match = /^(\d+(?:\.\d+)?)ch$/.exec(element.style.width);
    if (match) return Number(match[1]);
  }
  return undefined;
};

test.each([
  ['en', 'Search by username or email'],
  ['fr', "Rechercher par nom d'utilisateur ou e-mail"],
] as const)('the search box is wide enough for its whole placeholder (%s)', (locale, placeholder) => {
  serveRedemptions();
  renderInAdmin(<RedemptionsTable invitation={detail(25)} />, locale);
  const box = screen.getByRole('searchbox', { name: placeholder });
  expect(box.getAttribute('placeholder')).toBe(placeholder);
  // Not the input's own width of about 20 characters: room for every letter, the icon and the clear button.
  expect(searchWidthInCharacters(box)).toBeGreaterThanOrEqual(placeholder.length + 4);
});

test('a link nobody used says so, and asks nothing more', () => {
  serveRedemptions();
  renderInAdmin(<RedemptionsTable invitation={detail(0)} />);
  expect(screen.getByText('Nobody has used this link yet.')).toBeTruthy();
  expect(screen.queryByRole('button', { name: 'Export CSV' })).toBeNull();
  expect(fetchClient.get).not.toHaveBeenCalled();
});

test('Export CSV downloads the file through the authenticated client', async () => {
  serveRedemptions();
  const csv = new Blob(['username,email,redeemedAt\n'], { type: 'text/csv' });
  const createObjectURL = jest.fn(() => 'blob:csv');
  const revokeObjectURL = jest.fn();
  Object.assign(URL, { createObjectURL, revokeObjectURL });
  const clicks: HTMLAnchorElement[] = [];
  jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    clicks.push(this);
  });
  renderInAdmin(<RedemptionsTable invitation={detail(25)} />);
  fetchClient.get.mockResolvedValueOnce({ data: csv });

  await userEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
  await waitFor(() => expect(clicks).toHaveLength(1));
  expect(fetchClient.get).toHaveBeenCalledWith('/invitations/invitations/7/redemptions/export', { responseType: 'blob' });
  expect(createObjectURL).toHaveBeenCalledWith(csv);
  expect(clicks[0].download).toBe('invitation-7-redemptions.csv');
  expect(clicks[0].href).toBe('blob:csv');
  expect(revokeObjectURL).toHaveBeenCalledWith('blob:csv');
});

/** Catches the download the button starts: the anchors clicked, and the Blob behind each. */
const captureDownloads = () => {
  const createObjectURL = jest.fn<string, [Blob]>(() => 'blob:csv');
  Object.assign(URL, { createObjectURL, revokeObjectURL: jest.fn() });
  const clicks: HTMLAnchorElement[] = [];
  jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    clicks.push(this);
  });
  return { clicks, createObjectURL };
};

describe('on Strapi before 5.44, whose fetch client reads only JSON', () => {
  const fetchMock = jest.fn();
  const csv = new Blob(['username,email,redeemedAt\n'], { type: 'text/csv' });
  const answer = (status: number, body: unknown = {}) => ({
    ok: status < 400,
    status,
    blob: async () => csv,
    json: async () => body,
  });
  const exportUrl = 'http://localhost:1337/invitations/invitations/7/redemptions/export';
  beforeEach(() => {
    appInfo.strapiVersion = '5.13.0';
    localStorage.setItem('jwtToken', JSON.stringify('admin-jwt'));
    Object.assign(globalThis, { fetch: fetchMock });
  });
  afterEach(() => {
    appInfo.strapiVersion = '5.54.0';
    localStorage.clear();
    fetchMock.mockReset();
  });

  test('Export CSV fetches the file itself, with the admin token', async () => {
    serveRedemptions();
    const { clicks, createObjectURL } = captureDownloads();
    fetchMock.mockResolvedValueOnce(answer(200));
    renderInAdmin(<RedemptionsTable invitation={detail(25)} />);

    await userEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    await waitFor(() => expect(clicks).toHaveLength(1));
    expect(fetchMock).toHaveBeenCalledWith(exportUrl, { headers: { Authorization: 'Bearer admin-jwt' } });
    expect(fetchClient.get).not.toHaveBeenCalledWith(expect.stringContaining('/export'), expect.anything());
    expect(createObjectURL).toHaveBeenCalledWith(csv);
    expect(clicks[0].download).toBe('invitation-7-redemptions.csv');
  });

  test('an access token that expired meanwhile is renewed through the fetch client, then the file is fetched again', async () => {
    const { clicks } = captureDownloads();
    fetchMock.mockResolvedValueOnce(answer(401)).mockResolvedValueOnce(answer(200));
    fetchClient.get.mockImplementation(async (url: string) => {
      if (url !== '/admin/users/me') throw new Error(`unexpected ${url}`);
      localStorage.setItem('jwtToken', JSON.stringify('renewed-jwt'));
      return { data: {} };
    });
    renderInAdmin(<RedemptionsTable invitation={detail(3)} />);

    await userEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    await waitFor(() => expect(clicks).toHaveLength(1));
    expect(fetchMock.mock.calls).toEqual([
      [exportUrl, { headers: { Authorization: 'Bearer admin-jwt' } }],
      [exportUrl, { headers: { Authorization: 'Bearer renewed-jwt' } }],
    ]);
  });

  test("a refused export shows the server's message and downloads nothing", async () => {
    serveRedemptions();
    const { clicks } = captureDownloads();
    const refusal = { data: null, error: { status: 403, name: 'ForbiddenError', message: 'Policy Failed', details: {} } };
    fetchMock.mockResolvedValueOnce(answer(403, refusal));
    renderInAdmin(<RedemptionsTable invitation={detail(25)} />);

    await userEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    await waitFor(() => expect(toggleNotification).toHaveBeenCalledWith({ type: 'danger', message: 'Policy Failed' }));
    expect(clicks).toHaveLength(0);
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });
});

test('each account says whether it signed up with the link or accepted it, with the role it had', async () => {
  const accepted: Redemption = { ...redemption(2), kind: 'accepted', previousRole: { id: 1, name: 'Authenticated' } };
  const roleGone: Redemption = { ...redemption(3), kind: 'accepted', previousRole: null };
  fetchClient.get.mockResolvedValue({
    data: { results: [roleGone, accepted, redemption(1)], pagination: { page: 1, pageSize: 10, pageCount: 1, total: 3 } },
  });
  renderInAdmin(<RedemptionsTable invitation={{ ...detail(3), redemptions: [roleGone, accepted, redemption(1)] }} />);
  expect(screen.getByText('How')).toBeTruthy();
  expect(screen.getByText('Accepted (was Authenticated)')).toBeTruthy();
  expect(screen.getByText('Accepted')).toBeTruthy();
  expect(screen.getByText('Signed up')).toBeTruthy();
});
