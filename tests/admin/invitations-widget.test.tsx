import { screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import plugin from '../../admin/src/index';
import { InvitationsWidget } from '../../admin/src/components/InvitationsWidget';
import { renderInAdmin } from './render';
import { fetchClient } from './strapi-admin';
import type { StrapiApp } from '@strapi/strapi/admin';
import type { InvitationsSummary } from '../../shared';

jest.mock('@strapi/strapi/admin', () => jest.requireActual('./strapi-admin').strapiAdmin());

const SUMMARY: InvitationsSummary = {
  activeLinks: 4,
  signUpsLast7Days: 12,
  signUpsLast30Days: 31,
  acceptsLast7Days: 0,
  acceptsLast30Days: 5,
  expiringSoon: {
    count: 2,
    links: [
      { id: 7, name: 'Board', expiresAt: '2026-03-02T12:00:00.000Z', remaining: 3 },
      { id: 9, name: 'Press', expiresAt: '2026-03-05T12:00:00.000Z', remaining: 1 },
    ],
  },
  pendingAccessRequests: null,
};

const showWidget = () =>
  renderInAdmin(
    <MemoryRouter future={{ v7_startTransition: true, v7_relativeSplatPath: true }}>
      <InvitationsWidget />
    </MemoryRouter>
  );

beforeEach(() => jest.clearAllMocks());

test('the figures from the summary, and each link about to expire linking to its page', async () => {
  fetchClient.get.mockResolvedValue({ data: { data: SUMMARY } });
  showWidget();
  expect(await screen.findByText('Active links')).toBeTruthy();
  expect(fetchClient.get).toHaveBeenCalledWith('/invitations/summary');
  const figure = (label: string) => screen.getByText(label).previousElementSibling?.textContent;
  expect(figure('Active links')).toBe('4');
  expect(figure('Sign-ups, last 7 days')).toBe('12');
  expect(figure('Sign-ups, last 30 days')).toBe('31');
  // Accepts by existing accounts are said under the count that holds them, and only where there are some.
  expect(screen.getByText('Sign-ups, last 30 days').nextElementSibling?.textContent).toBe('incl. 5 existing accounts');
  expect(screen.getByText('Sign-ups, last 7 days').nextElementSibling).toBeNull();
  expect(screen.getByText('2 links expire within 7 days')).toBeTruthy();
  const links = within(screen.getByRole('list')).getAllByRole('link');
  expect(links.map((link) => [link.textContent, link.getAttribute('href')])).toEqual([
    ['Board', '/plugins/invitations/7'],
    ['Press', '/plugins/invitations/9'],
  ]);
  expect(screen.getByText(/3 seats left/)).toBeTruthy();
});

test('nothing active and nobody signed up lately: the empty state', async () => {
  fetchClient.get.mockResolvedValue({
    data: {
      data: {
        activeLinks: 0,
        signUpsLast7Days: 0,
        signUpsLast30Days: 0,
        acceptsLast7Days: 0,
        acceptsLast30Days: 0,
        expiringSoon: { count: 0, links: [] },
      },
    },
  });
  showWidget();
  expect(await screen.findByText('No active invitation link and no sign-up in the last 30 days.')).toBeTruthy();
});

test('active links, none expiring soon: said so', async () => {
  fetchClient.get.mockResolvedValue({ data: { data: { ...SUMMARY, expiringSoon: { count: 0, links: [] } } } });
  showWidget();
  expect(await screen.findByText('No active link expires within 7 days.')).toBeTruthy();
});

test('a summary that cannot be loaded: the error state', async () => {
  fetchClient.get.mockRejectedValue(new Error('offline'));
  showWidget();
  expect(await screen.findByText('The invitations could not be loaded.')).toBeTruthy();
});

/** The parts of the admin app that `register` uses; `widgets` only where the admin has them. */
const fakeApp = (withWidgets: boolean) => ({
  addMenuLink: jest.fn(),
  addSettingsLink: jest.fn(),
  createSettingSection: jest.fn(),
  registerPlugin: jest.fn(),
  ...(withWidgets && { widgets: { register: jest.fn() } }),
});

test('the widget is registered where the admin has the widgets API, with the read permission, its code loaded on demand', async () => {
  const app = fakeApp(true);
  plugin.register(app as unknown as StrapiApp);
  expect(app.widgets!.register).toHaveBeenCalledTimes(1);
  const widget = app.widgets!.register.mock.calls[0][0];
  expect(widget).toEqual(
    expect.objectContaining({
      id: 'summary',
      pluginId: 'invitations',
      title: { id: 'invitations.widget.title', defaultMessage: 'Invitations' },
      permissions: [{ action: 'plugin::invitations.read', subject: null }],
      link: expect.objectContaining({ href: '/plugins/invitations' }),
    })
  );
  expect(widget.icon).toBeTruthy();
  await expect(widget.component()).resolves.toBe(InvitationsWidget);
});

test('an admin without the widgets API (before Strapi 5.13) gets the menu link and no error', () => {
  const app = fakeApp(false);
  expect(() => plugin.register(app as unknown as StrapiApp)).not.toThrow();
  expect(app.addMenuLink).toHaveBeenCalledTimes(1);
  expect(app.registerPlugin).toHaveBeenCalledTimes(1);
});

describe('Settings > Invitations > Email templates', () => {
  const SECTION = { id: 'invitations', intlLabel: { id: 'invitations.plugin.name', defaultMessage: 'Invitations' } };
  const LINK = expect.objectContaining({
    id: 'email-templates',
    to: 'invitations/email-templates',
    intlLabel: { id: 'invitations.templates.title', defaultMessage: 'Email templates' },
    permissions: [{ action: 'plugin::invitations.edit-email-templates', subject: null }],
  });

  test('a section of its own with the email templates link, for admins with Edit email templates, its page loaded on demand', async () => {
    const app = fakeApp(true);
    plugin.register(app as unknown as StrapiApp);
    expect(app.addSettingsLink).toHaveBeenCalledWith(SECTION, LINK);
    expect(app.createSettingSection).not.toHaveBeenCalled();
    const page = await app.addSettingsLink.mock.calls[0][1].Component();
    expect(typeof page.default).toBe('function');
  });

  test('where addSettingsLink takes only an existing section (older releases), the section is made with createSettingSection', () => {
    const app = fakeApp(false);
    app.addSettingsLink.mockImplementation(() => {
      throw new Error('The section does not exist');
    });
    expect(() => plugin.register(app as unknown as StrapiApp)).not.toThrow();
    expect(app.createSettingSection).toHaveBeenCalledWith(SECTION, [LINK]);
  });
});
