/**
 * The plugin's menu icon carries the number of access requests waiting, for a reviewer: Strapi's
 * own menu count is fixed before anyone signs in.
 */
import { act, screen } from '@testing-library/react';
import { PluginIcon } from '../../admin/src/components/PluginIcon';
import { renderInAdmin } from './render';
import { allowedActions, fetchClient } from './strapi-admin';

jest.mock('@strapi/strapi/admin', () => jest.requireActual('./strapi-admin').strapiAdmin());

const pendingAnswer = (pending: number) => ({
  data: {
    results: [],
    pagination: { page: 1, pageSize: 1, pageCount: 0, total: pending },
    counts: { pending, approved: 4, declined: 1 },
  },
});

const WAITING = /access requests? waiting/;

beforeEach(() => {
  jest.clearAllMocks();
  jest.useRealTimers();
  for (const key of Object.keys(allowedActions)) delete allowedActions[key];
});

test('a reviewer sees how many requests wait, read again every minute', async () => {
  jest.useFakeTimers();
  allowedActions.canReviewAccessRequests = true;
  fetchClient.get.mockResolvedValueOnce(pendingAnswer(3)).mockResolvedValueOnce(pendingAnswer(120));
  renderInAdmin(<PluginIcon />);
  expect((await screen.findByRole('status', { name: '3 access requests waiting' })).textContent).toBe('3');
  expect(fetchClient.get).toHaveBeenCalledWith('/invitations/requests', { params: { status: 'pending', page: 1, pageSize: 1 } });

  await act(async () => {
    jest.advanceTimersByTime(60_000);
  });
  expect((await screen.findByRole('status', { name: '120 access requests waiting' })).textContent).toBe('99+');
});

test('no count without the review action (nothing asked), with none waiting, or with request access off', async () => {
  const { unmount } = renderInAdmin(<PluginIcon />);
  expect(screen.queryByRole('status', { name: WAITING })).toBeNull();
  expect(fetchClient.get).not.toHaveBeenCalled();
  unmount();

  allowedActions.canReviewAccessRequests = true;
  fetchClient.get.mockResolvedValueOnce(pendingAnswer(0));
  const none = renderInAdmin(<PluginIcon />);
  await act(async () => {});
  expect(fetchClient.get).toHaveBeenCalledTimes(1);
  expect(screen.queryByRole('status', { name: WAITING })).toBeNull();
  none.unmount();

  fetchClient.get.mockRejectedValueOnce(Object.assign(new Error('Not Found'), { status: 404 }));
  renderInAdmin(<PluginIcon />);
  await act(async () => {});
  expect(screen.queryByRole('status', { name: WAITING })).toBeNull();
  expect(document.querySelector('svg')).not.toBeNull();
});
