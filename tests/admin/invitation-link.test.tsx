import { screen } from '@testing-library/react';
import { InvitationLink } from '../../admin/src/components/InvitationLink';
import { renderInAdmin } from './render';
import { allowAll, allowedActions } from './strapi-admin';

jest.mock('@strapi/strapi/admin', () => jest.requireActual('./strapi-admin').strapiAdmin());

const URL = `http://localhost/invitations/join/${'x'.repeat(43)}`;
const HIDDEN = /Your role does not let you see or copy invitation links \(permission "Show and copy links"\)/;

beforeEach(() => allowAll());

test('the link and its copy button only with "Show and copy links"; without it a line that names the permission (in French too)', () => {
  const { unmount } = renderInAdmin(<InvitationLink url={URL} />);
  expect((screen.getByRole('textbox', { name: 'Invitation link' }) as HTMLInputElement).value).toBe(URL);
  expect(screen.getByRole('button', { name: 'Copy link' })).toBeTruthy();
  unmount();

  allowedActions.canShowLinks = false;
  renderInAdmin(<InvitationLink url={URL} />);
  expect(screen.queryByRole('textbox')).toBeNull();
  expect(screen.queryByRole('button', { name: 'Copy link' })).toBeNull();
  expect(screen.getByText(HIDDEN)).toBeTruthy();

  renderInAdmin(<InvitationLink url={URL} />, 'fr');
  expect(screen.getByText(/permission « Show and copy links »/)).toBeTruthy();
});

test('an answer without the link (the role changed since the page loaded) says the same, not that the key changed', () => {
  renderInAdmin(<InvitationLink url={undefined} />);
  expect(screen.queryByRole('textbox')).toBeNull();
  expect(screen.getByText(HIDDEN)).toBeTruthy();
});
