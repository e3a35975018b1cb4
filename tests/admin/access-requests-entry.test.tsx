/**
 * The ways to the access requests: the menu link (for `read` or the review action), the plugin's
 * first page (a reviewer without `read` lands on the requests), the Invitations page's link with
 * the pending count, and the homepage widget's count.
 */
import { screen, within } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import plugin from '../../admin/src/index';
import { InvitationsWidget } from '../../admin/src/components/InvitationsWidget';
import { InvitationsHome } from '../../admin/src/pages/App';
import { renderInAdmin } from './render';
import { allowAll, allowedActions, fetchClient } from './strapi-admin';
import type { StrapiApp } from '@strapi/strapi/admin';
import type { InvitationsSummary } from '../../shared';

jest.mock('@strapi/strapi/admin', () => jest.requireActual('./strapi-admin').strapiAdmin());

const ROUTER_FUTURE = { v7_startTransition: true, v7_relativeSplatPath: true };
const LIST = { results: [], pagination: { page: 1, pageSize: 10, pageCount: 0, total: 0 } };

beforeEach(() => {
  jest.clearAllMocks();
  for (const key of Object.keys(allowedActions)) delete allowedActions[key];
});

test('the menu link shows for admins with read or with Review access requests', () => {
  const app = { addMenuLink: jest.fn(), addSettingsLink: jest.fn(), createSettingSection: jest.fn(), registerPlugin: jest.fn() };
  plugin.register(app as unknown as StrapiApp);
  expect(app.addMenuLink.mock.calls[0][0].permissions).toEqual([
    { action: 'plugin::invitations.read', subject: null },
    { action: 'plugin::invitations.review-access-requests', subject: null },
  ]);
});

describe("the plugin's first page", () => {
  const openHome = () =>
    renderInAdmin(
      <MemoryRouter initialEntries={['/']} future={ROUTER_FUTURE}>
        <Routes>
          <Route index element={<InvitationsHome />} />
          <Route path="requests" element={<p>the requests page</p>} />
        </Routes>
      </MemoryRouter>
    );

  test('a reviewer without read lands on the access requests', async () => {
    allowedActions.canReviewAccessRequests = true;
    openHome();
    expect(await screen.findByText('the requests page')).toBeTruthy();
    expect(fetchClient.get).not.toHaveBeenCalledWith('/invitations/invitations', expect.anything());
  });

  test('an admin with read gets the invitations list, with a link to the requests saying how many wait', async () => {
    allowAll();
    allowedActions.canReviewAccessRequests = true;
    fetchClient.get.mockImplementation(async (url: string) =>
      url === '/invitations/requests' ? { data: { ...LIST, counts: { pending: 3, approved: 0, declined: 0 } } } : { data: LIST }
    );
    openHome();
    const link = await screen.findByRole('link', { name: 'Access requests, 3 pending' });
    expect(link.getAttribute('href')).toBe('/plugins/invitations/requests');
    expect(link.textContent).toContain('3');
    expect(fetchClient.get).toHaveBeenCalledWith('/invitations/requests', {
      params: { status: 'pending', page: 1, pageSize: 1 },
    });
  });

  test('no link to the requests without the review action, nor when request access is off', async () => {
    allowAll();
    fetchClient.get.mockResolvedValue({ data: LIST });
    const { unmount } = openHome();
    expect(await screen.findByText('Invitations', { selector: 'h1' })).toBeTruthy();
    expect(screen.queryByRole('link', { name: /^Access requests/ })).toBeNull();
    expect(fetchClient.get).not.toHaveBeenCalledWith('/invitations/requests', expect.anything());
    unmount();

    allowedActions.canReviewAccessRequests = true;
    fetchClient.get.mockImplementation(async (url: string) => {
      if (url === '/invitations/requests') throw { response: { status: 404, data: { error: { status: 404 } } } };
      return { data: LIST };
    });
    openHome();
    expect(await screen.findByText('Invitations', { selector: 'h1' })).toBeTruthy();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(screen.queryByRole('link', { name: /^Access requests/ })).toBeNull();
  });

  test('neither action: no permission', async () => {
    openHome();
    expect(await screen.findByText(/You don't have the permissions to access that content/)).toBeTruthy();
  });
});

describe('the homepage widget', () => {
  const SUMMARY: InvitationsSummary = {
    activeLinks: 2,
    signUpsLast7Days: 1,
    signUpsLast30Days: 5,
    acceptsLast7Days: 0,
    acceptsLast30Days: 0,
    expiringSoon: { count: 0, links: [] },
    pendingAccessRequests: 4,
  };
  const showWidget = (summary: InvitationsSummary) => {
    fetchClient.get.mockResolvedValue({ data: { data: summary } });
    return renderInAdmin(
      <MemoryRouter future={ROUTER_FUTURE}>
        <InvitationsWidget />
      </MemoryRouter>
    );
  };

  test('says how many access requests wait, linking to them', async () => {
    showWidget(SUMMARY);
    const link = await screen.findByRole('link', { name: '4 access requests waiting' });
    expect(link.getAttribute('href')).toBe('/plugins/invitations/requests');
  });

  test('none waiting is said too; null (off, or not a reviewer) says nothing', async () => {
    const { unmount } = showWidget({ ...SUMMARY, pendingAccessRequests: 0 });
    expect(await screen.findByRole('link', { name: 'No access request waiting' })).toBeTruthy();
    unmount();
    showWidget({ ...SUMMARY, pendingAccessRequests: null });
    expect(await screen.findByText('Active links')).toBeTruthy();
    expect(screen.queryByText(/access requests? waiting/)).toBeNull();
  });

  test('requests waiting show even when no link is active and nobody signed up lately', async () => {
    showWidget({ ...SUMMARY, activeLinks: 0, signUpsLast7Days: 0, signUpsLast30Days: 0, pendingAccessRequests: 1 });
    const widget = await screen.findByRole('link', { name: '1 access request waiting' });
    expect(within(widget.parentElement!).queryByText(/No active invitation link/)).toBeNull();
  });
});
