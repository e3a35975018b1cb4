import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { InvitationFormModal } from '../../admin/src/components/InvitationFormModal';
import { fieldRefusal, makeInvitation } from './fixtures';
import { fieldBox, saveEdit } from './invitation-form';
import { renderInAdmin } from './render';

const fetchClient = { get: jest.fn(), post: jest.fn(), put: jest.fn(), del: jest.fn() };
const toggleNotification = jest.fn();

jest.mock('@strapi/strapi/admin', () => ({
  useFetchClient: () => fetchClient,
  useNotification: () => ({ toggleNotification }),
  useClipboard: () => ({ copy: jest.fn().mockResolvedValue(true) }),
}));

const ROLES = [
  { id: 1, name: 'Authenticated', description: null, type: 'authenticated', isDefault: true },
  { id: 3, name: 'Partner', description: null, type: 'partner', isDefault: false },
];

const existing = makeInvitation({ usedCount: 4, remaining: 6, role: { id: 3, name: 'Partner' } });

const FIRST_ACCESS = {
  redirectOrigins: ['https://members.example.com'],
  userFields: [
    { name: 'newsletter', type: 'boolean' },
    { name: 'interests', type: 'string', maxLength: 200 },
  ],
};

beforeEach(() => {
  jest.clearAllMocks();
  fetchClient.get.mockImplementation(async (url: string) => ({
    data: { data: url.endsWith('/first-access') ? FIRST_ACCESS : ROLES },
  }));
});

test('Finish on an empty form shows what is missing under each field and sends nothing', async () => {
  renderInAdmin(<InvitationFormModal onClose={jest.fn()} onSaved={jest.fn()} />);
  await userEvent.click(await screen.findByRole('button', { name: 'Finish' }));
  expect(await screen.findAllByText('This field is required')).toHaveLength(3);
  expect(fetchClient.post).not.toHaveBeenCalled();
});

test.each([
  ['empty', ''],
  ['blank', '   '],
])('a name left %s gets one error, "This field is required", and nothing is sent', async (_label, typed) => {
  renderInAdmin(<InvitationFormModal invitation={existing} onClose={jest.fn()} onSaved={jest.fn()} />);
  const name = await screen.findByLabelText(/^Name/);
  await userEvent.clear(name);
  if (typed) await userEvent.type(name, typed);
  await userEvent.click(screen.getByRole('button', { name: 'Save' }));
  await waitFor(() => expect(name.getAttribute('aria-invalid')).toBe('true'));
  // The field's own box (its label, input, hint and errors) holds one error, the one the input points to.
  const errors = [...fieldBox(name).querySelectorAll('[id$="-error"]')].map((element) => element.textContent);
  expect(errors).toEqual(['This field is required']);
  expect(document.getElementById(name.getAttribute('aria-describedby')!)?.textContent).toBe('This field is required');
  expect(fetchClient.put).not.toHaveBeenCalled();
});

test('a number of invitations below 1 is refused before sending', async () => {
  renderInAdmin(<InvitationFormModal onClose={jest.fn()} onSaved={jest.fn()} />);
  await userEvent.type(await screen.findByLabelText(/^Number of invitations/), '0');
  await userEvent.click(screen.getByRole('button', { name: 'Finish' }));
  expect(await screen.findByText('Enter a whole number from 1 to 100000')).toBeTruthy();
  expect(fetchClient.post).not.toHaveBeenCalled();
});

test("the server's refusal shows under the field it is about", async () => {
  fetchClient.put.mockRejectedValue(fieldRefusal(['maxUses'], 'maxUses cannot be lower than the 4 uses already made'));
  const onSaved = jest.fn();
  renderInAdmin(<InvitationFormModal invitation={existing} onClose={jest.fn()} onSaved={onSaved} />);
  const number = await screen.findByLabelText(/^Number of invitations/);
  await userEvent.clear(number);
  await userEvent.type(number, '2');
  await userEvent.click(screen.getByRole('button', { name: 'Save' }));

  expect(await screen.findByText('maxUses cannot be lower than the 4 uses already made')).toBeTruthy();
  // Only what changed is sent: an untouched expiry is never sent again.
  expect(fetchClient.put).toHaveBeenCalledWith('/invitations/invitations/7', { maxUses: 2 });
  expect(onSaved).not.toHaveBeenCalled();
});

test('an expired link can be renamed without being revived', async () => {
  const expired = { ...existing, status: 'expired' as const, expiresAt: new Date(Date.now() - 86_400_000).toISOString() };
  fetchClient.put.mockResolvedValue({ data: { data: { ...expired, name: 'Board 2025' } } });
  const onSaved = jest.fn();
  renderInAdmin(<InvitationFormModal invitation={expired} onClose={jest.fn()} onSaved={onSaved} />);
  const name = await screen.findByLabelText(/^Name/);
  await userEvent.clear(name);
  await userEvent.type(name, 'Board 2025');
  await saveEdit(fetchClient.put, onSaved, { name: 'Board 2025' });
});

test("the dialog speaks the portal's own French words", async () => {
  renderInAdmin(<InvitationFormModal onClose={jest.fn()} onSaved={jest.fn()} />, 'fr');
  expect(await screen.findByText("Créer un lien d'invitation")).toBeTruthy();
  expect(screen.getByText('Nom')).toBeTruthy();
  expect(screen.getByText("Nombre d'invitations")).toBeTruthy();
  expect(screen.getByText("Date d'expiration")).toBeTruthy();
  expect(screen.getByRole('button', { name: 'Terminer' })).toBeTruthy();
});

test('the default role is preselected once the roles have loaded', async () => {
  renderInAdmin(<InvitationFormModal onClose={jest.fn()} onSaved={jest.fn()} />);
  await waitFor(() =>
    expect(screen.getByRole('combobox', { name: /Role of new accounts/ }).textContent).toContain('Authenticated (default)')
  );
});

test('choosing the default role saves role null, which needs no right to give a role', async () => {
  fetchClient.put.mockResolvedValue({ data: { data: { ...existing, role: null } } });
  const onSaved = jest.fn();
  renderInAdmin(<InvitationFormModal invitation={existing} onClose={jest.fn()} onSaved={onSaved} />);
  await userEvent.click(await screen.findByRole('combobox', { name: /Role of new accounts/ }));
  await userEvent.click(await screen.findByRole('option', { name: 'Authenticated (default)' }));
  await saveEdit(fetchClient.put, onSaved, { role: null });
  // The edit dialog offers the roles the admin may give by editing a link.
  expect(fetchClient.get).toHaveBeenCalledWith('/invitations/roles', { params: { for: 'update' } });
});

test("the new users' first access is sent from the dialog: welcome text, page after sign-up, presets", async () => {
  fetchClient.put.mockResolvedValue({ data: { data: existing } });
  const onSaved = jest.fn();
  renderInAdmin(<InvitationFormModal invitation={existing} onClose={jest.fn()} onSaved={onSaved} />);
  await userEvent.type(await screen.findByLabelText(/^Welcome message/), 'Welcome, riders!');
  expect(await screen.findByText(/It must start with https:\/\/members\.example\.com/)).toBeTruthy();
  await userEvent.type(screen.getByLabelText(/^Page after sign-up/), 'https://members.example.com/start');
  await userEvent.type(screen.getByLabelText(/^interests/), 'cycling');
  await userEvent.click(screen.getByRole('combobox', { name: /^newsletter/ }));
  await userEvent.click(await screen.findByRole('option', { name: 'Yes' }));
  await saveEdit(fetchClient.put, onSaved, {
    welcomeMessage: 'Welcome, riders!',
    redirectUrl: 'https://members.example.com/start',
    userDefaults: { interests: 'cycling', newsletter: true },
  });
});

test('an edit that only changes a preset sends only that preset', async () => {
  fetchClient.put.mockResolvedValue({ data: { data: existing } });
  const withPreset = { ...existing, userDefaults: { newsletter: true, interests: 'cycling' } };
  const onSaved = jest.fn();
  renderInAdmin(<InvitationFormModal invitation={withPreset} onClose={jest.fn()} onSaved={onSaved} />);
  const interests = await screen.findByLabelText(/^interests/);
  await userEvent.clear(interests);
  await saveEdit(fetchClient.put, onSaved, { userDefaults: { newsletter: true } });
});

test('the allowed email domains are chips: an invalid one blocks saving, and only a changed list is sent', async () => {
  const limited = { ...existing, allowedEmailDomains: ['example.com'] };
  fetchClient.put.mockResolvedValue({ data: { data: limited } });
  const onSaved = jest.fn();
  renderInAdmin(<InvitationFormModal invitation={limited} onClose={jest.fn()} onSaved={onSaved} />);
  const domains = await screen.findByLabelText(/^Allowed email domains/);
  expect(screen.getByText('example.com')).toBeTruthy();
  await userEvent.type(domains, 'a@example.org,');
  await userEvent.click(screen.getByRole('button', { name: 'Save' }));
  expect(
    await screen.findByText('Correct or remove the domains marked invalid: write example.com or *.example.com')
  ).toBeTruthy();
  expect(fetchClient.put).not.toHaveBeenCalled();

  await userEvent.click(screen.getByRole('button', { name: 'Remove a@example.org (not a valid domain)' }));
  await userEvent.type(domains, '*.Example.org,');
  await saveEdit(fetchClient.put, onSaved, {
    allowedEmailDomains: ['example.com', '*.example.org'],
  });
});

test('a redirect the server refuses shows its reason under the field', async () => {
  fetchClient.put.mockRejectedValue({
    response: {
      data: {
        error: {
          message: 'redirectUrl must start with one of the allowed origins: https://members.example.com',
          details: {
            errors: [
              {
                path: ['redirectUrl'],
                message: 'redirectUrl must start with one of the allowed origins: https://members.example.com',
              },
            ],
          },
        },
      },
    },
  });
  renderInAdmin(<InvitationFormModal invitation={existing} onClose={jest.fn()} onSaved={jest.fn()} />);
  await userEvent.type(await screen.findByLabelText(/^Page after sign-up/), 'https://evil.example.net/');
  await userEvent.click(screen.getByRole('button', { name: 'Save' }));
  expect(await screen.findByText(/must start with one of the allowed origins/)).toBeTruthy();
  expect(fetchClient.put).toHaveBeenCalledWith('/invitations/invitations/7', { redirectUrl: 'https://evil.example.net/' });
});

test('options of the first access that fail to load are pointed out, and Retry loads them', async () => {
  let firstAccessFails = true;
  fetchClient.get.mockImplementation(async (url: string) => {
    if (!url.endsWith('/first-access')) return { data: { data: ROLES } };
    if (firstAccessFails) throw { response: { data: { error: { status: 500, message: 'Internal Server Error' } } } };
    return { data: { data: FIRST_ACCESS } };
  });
  renderInAdmin(<InvitationFormModal invitation={existing} onClose={jest.fn()} onSaved={jest.fn()} />);
  const notice = await screen.findByText(/could not be loaded/);
  expect(notice.textContent).toBe(
    'The preset account fields and the addresses allowed after sign-up could not be loaded: Internal Server Error'
  );
  expect(notice.closest('[role=alert]')).toBeTruthy();
  expect(screen.queryByLabelText(/^interests/)).toBeNull();

  firstAccessFails = false;
  await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
  expect(await screen.findByLabelText(/^interests/)).toBeTruthy();
  expect(screen.queryByText(/could not be loaded/)).toBeNull();
});

test('roles that fail to load are pointed out, and Retry loads them', async () => {
  let rolesFail = true;
  fetchClient.get.mockImplementation(async (url: string) => {
    if (url.endsWith('/first-access')) return { data: { data: FIRST_ACCESS } };
    if (rolesFail) throw { response: { data: { error: { status: 503, message: 'Service Unavailable' } } } };
    return { data: { data: ROLES } };
  });
  renderInAdmin(<InvitationFormModal onClose={jest.fn()} onSaved={jest.fn()} />);
  const notice = await screen.findByText(/The roles could not be loaded/);
  expect(notice.textContent).toBe('The roles could not be loaded: Service Unavailable');

  rolesFail = false;
  await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
  await waitFor(() => expect(screen.queryByText(/The roles could not be loaded/)).toBeNull());
  expect(fetchClient.get).toHaveBeenCalledTimes(3);
});

describe('a server field error about a field the dialog does not show goes in a notification', () => {
  test('a preset when the dialog offers none', async () => {
    // Only a JSON field can be preset, which the dialog leaves to the API.
    fetchClient.get.mockImplementation(async (url: string) => ({
      data: {
        data: url.endsWith('/first-access') ? { redirectOrigins: [], userFields: [{ name: 'profile', type: 'json' }] } : ROLES,
      },
    }));
    const message = 'userDefaults.profile: profile must be a `object` type';
    fetchClient.put.mockRejectedValue(fieldRefusal(['userDefaults', 'profile'], message));
    renderInAdmin(<InvitationFormModal invitation={existing} onClose={jest.fn()} onSaved={jest.fn()} />);
    await userEvent.type(await screen.findByLabelText(/^Name/), ' 2');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(toggleNotification).toHaveBeenCalledWith({ type: 'danger', message }));
  });

  test('a field the dialog has no input for', async () => {
    fetchClient.put.mockRejectedValue(fieldRefusal(['token'], 'Unknown field: token'));
    renderInAdmin(<InvitationFormModal invitation={existing} onClose={jest.fn()} onSaved={jest.fn()} />);
    await userEvent.type(await screen.findByLabelText(/^Name/), ' 2');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(toggleNotification).toHaveBeenCalledWith({ type: 'danger', message: 'Unknown field: token' }));
  });

  test('but one about a field it shows goes under that field only', async () => {
    fetchClient.put.mockRejectedValue(fieldRefusal(['name'], 'name is taken'));
    renderInAdmin(<InvitationFormModal invitation={existing} onClose={jest.fn()} onSaved={jest.fn()} />);
    await userEvent.type(await screen.findByLabelText(/^Name/), ' 2');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('name is taken')).toBeTruthy();
    expect(toggleNotification).not.toHaveBeenCalled();
  });
});

test('letting existing accounts accept the link is off by default, and an edit sends only that change', async () => {
  fetchClient.put.mockResolvedValue({ data: { data: existing } });
  const onSaved = jest.fn();
  renderInAdmin(<InvitationFormModal invitation={existing} onClose={jest.fn()} onSaved={onSaved} />);
  const checkbox = await screen.findByRole('checkbox', { name: 'Existing accounts can accept this link' });
  expect(checkbox.getAttribute('aria-checked')).toBe('false');
  expect(screen.getByText(/their role becomes this link’s role, and each one takes a seat/)).toBeTruthy();
  await userEvent.click(checkbox);
  await saveEdit(fetchClient.put, onSaved, { allowExistingAccounts: true });
});

describe('the code to type by hand', () => {
  test('Generate fills a 12-symbol code without look-alikes; a short typed one is warned about; an edit sends only the code', async () => {
    fetchClient.put.mockResolvedValue({ data: { data: existing } });
    const onSaved = jest.fn();
    renderInAdmin(<InvitationFormModal invitation={existing} onClose={jest.fn()} onSaved={onSaved} />);
    const input = await screen.findByLabelText(/^Code to type by hand/);
    await userEvent.type(input, 'ABC-123');
    expect(screen.getByText(/shorter than 10 letters and digits is easier to guess/)).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Generate' }));
    const generated = (input as HTMLInputElement).value;
    expect(generated).toMatch(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
    expect(screen.queryByText(/easier to guess/)).toBeNull();
    await saveEdit(fetchClient.put, onSaved, { code: generated });
  });

  test("a code another link has is said under the field (the server's 409 code-taken)", async () => {
    fetchClient.put.mockRejectedValue({
      response: {
        data: {
          data: null,
          error: {
            status: 409,
            name: 'ConflictError',
            message: 'Another invitation link already has this code',
            details: { reason: 'code-taken' },
          },
        },
      },
    });
    renderInAdmin(<InvitationFormModal invitation={existing} onClose={jest.fn()} onSaved={jest.fn()} />);
    await userEvent.type(await screen.findByLabelText(/^Code to type by hand/), 'SPRING-2027-CLUB');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Another invitation link already has this code: choose another one.')).toBeTruthy();
  });

  test('a code with other characters is refused before sending', async () => {
    renderInAdmin(<InvitationFormModal invitation={existing} onClose={jest.fn()} onSaved={jest.fn()} />);
    await userEvent.type(await screen.findByLabelText(/^Code to type by hand/), 'SPRING 2027!');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Use 6 to 32 letters, digits and dashes')).toBeTruthy();
    expect(fetchClient.put).not.toHaveBeenCalled();
  });
});
