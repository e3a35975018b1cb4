import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { InvitationFormModal } from '../../admin/src/components/InvitationFormModal';
import { makeInvitation } from './fixtures';
import { fieldBox, saveEdit } from './invitation-form';
import { renderInAdmin } from './render';
import { fetchClient } from './strapi-admin';

jest.mock('@strapi/strapi/admin', () => jest.requireActual('./strapi-admin').strapiAdmin());

const ROLES = [{ id: 1, name: 'Authenticated', description: null, type: 'authenticated', isDefault: true }];
const limited = makeInvitation({ allowedEmailDomains: ['*.example.edu'], autoApproveDomains: ['cs.example.edu'] });

beforeEach(() => {
  jest.clearAllMocks();
  fetchClient.get.mockImplementation(async (url: string) => ({
    data: { data: url.endsWith('/first-access') ? { redirectOrigins: [], userFields: [] } : ROLES },
  }));
  fetchClient.put.mockResolvedValue({ data: { data: limited } });
});

test('the link’s auto-approve domains are chips beside its allowed domains; an edit sends the new list only', async () => {
  const onSaved = jest.fn();
  renderInAdmin(<InvitationFormModal invitation={limited} onClose={jest.fn()} onSaved={onSaved} />);
  const auto = await screen.findByLabelText(/^Auto-approve requests from/);
  expect(within(fieldBox(auto)).getByText('cs.example.edu')).toBeTruthy();
  await userEvent.type(auto, '*.Math.Example.edu,');
  await saveEdit(fetchClient.put, onSaved, {
    autoApproveDomains: ['cs.example.edu', '*.math.example.edu'],
  });
});

test('an invalid domain, or one the link’s allowed domains refuse, is said under the field and nothing is sent', async () => {
  renderInAdmin(<InvitationFormModal invitation={limited} onClose={jest.fn()} onSaved={jest.fn()} />);
  const auto = await screen.findByLabelText(/^Auto-approve requests from/);
  await userEvent.type(auto, 'student@example.edu,');
  await userEvent.click(screen.getByRole('button', { name: 'Save' }));
  expect(
    await within(fieldBox(auto)).findByText('Correct or remove the domains marked invalid: write example.com or *.example.com')
  ).toBeTruthy();

  await userEvent.click(screen.getByRole('button', { name: 'Remove student@example.edu (not a valid domain)' }));
  // example.edu itself is not a subdomain of example.edu: *.example.edu refuses its addresses.
  await userEvent.type(auto, 'example.edu,');
  await userEvent.click(screen.getByRole('button', { name: 'Save' }));
  expect(
    await within(fieldBox(auto)).findByText(
      'Only domains this link allows can be approved at once: add them to the allowed email domains, or remove them here'
    )
  ).toBeTruthy();
  expect(auto.getAttribute('aria-invalid')).toBe('true');
  expect(fetchClient.put).not.toHaveBeenCalled();
});
