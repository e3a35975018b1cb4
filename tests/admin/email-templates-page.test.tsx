import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router-dom';
import { EmailTemplatesPage } from '../../admin/src/pages/EmailTemplatesPage';
import type { EmailKind, EmailTemplateRow } from '../../shared';
import { fieldRefusal } from './fixtures';
import { renderInAdmin } from './render';
import { allowAll, fetchClient, toggleNotification } from './strapi-admin';

jest.mock('@strapi/strapi/admin', () => jest.requireActual('./strapi-admin').strapiAdmin());

const DEFAULT = { subject: 'Your invitation to join {{siteName}}', body: 'Hello from {{senderName}}.\n{{link}}' };

const row = (kind: EmailKind, language: string, overrides: Partial<EmailTemplateRow> = {}): EmailTemplateRow => ({
  kind,
  language,
  ...DEFAULT,
  variables: { subject: ['siteName', 'senderName'], body: ['siteName', 'senderName', 'link', 'expiresAt', 'message', 'subject'] },
  isDefault: true,
  default: DEFAULT,
  ...overrides,
});

const EDITED = { subject: 'Edited {{siteName}}', body: 'Edited body {{link}}' };
const ROWS = [
  row('invitation', 'en'),
  row('invitation', 'fr', { ...EDITED, isDefault: false }),
  row('personal-invitation', 'en'),
  row('personal-invitation', 'fr'),
];

const openPage = async () => {
  renderInAdmin(
    <MemoryRouter future={{ v7_startTransition: true, v7_relativeSplatPath: true }}>
      <EmailTemplatesPage />
    </MemoryRouter>
  );
  await waitFor(() => expect(subjectInput().value).toBe(DEFAULT.subject));
};

const subjectInput = () => screen.getByLabelText(/^Subject/) as HTMLInputElement;
const bodyInput = () => screen.getByLabelText(/^Body/) as HTMLTextAreaElement;
const previewHtml = () => (screen.getByTitle('Preview') as HTMLIFrameElement).getAttribute('srcdoc') ?? '';
const previewSubject = () => screen.getByTestId('preview-subject').textContent;

const typeInto = async (input: HTMLElement, text: string) => {
  await userEvent.clear(input);
  await userEvent.click(input);
  await userEvent.paste(text);
};

beforeEach(() => {
  jest.clearAllMocks();
  allowAll();
  fetchClient.get.mockResolvedValue({ data: { data: ROWS } });
});

test('editing the subject and the body updates the live preview, values filled and escaped', async () => {
  await openPage();
  expect(previewSubject()).toBe('Subject: Your invitation to join Your site');

  await typeInto(subjectInput(), 'Join {{siteName}} now');
  await typeInto(bodyInput(), 'Dear friend, <b>{{senderName}}</b> writes:\n{{message}}\nOpen {{link}}');

  expect(previewSubject()).toBe('Subject: Join Your site now');
  const html = previewHtml();
  // The body is plain text: its own markup is escaped too.
  expect(html).toContain('Dear friend, &lt;b&gt;Ada Lovelace&lt;/b&gt; writes:<br>');
  expect(html).toContain('The personal message written in the send dialog goes here.');
  expect(html).toMatch(/Open <a href="http:\/\/localhost(:\d+)?\/invitations\/join\/••••••"/);
  expect(html).not.toContain('<b>');
});

test('an unknown variable or a body without the link is said under the field, and Save stays off', async () => {
  await openPage();
  await typeInto(bodyInput(), 'Hello {{firstName}} {{link}}');
  expect(await screen.findByText(/^\{\{firstName\}\} is not a variable of this email/)).toBeTruthy();
  expect(screen.getByRole('button', { name: 'Save' }).hasAttribute('disabled')).toBe(true);
  await typeInto(bodyInput(), 'No link here');
  expect(await screen.findByText(/^The body must contain \{\{link\}\} outside any section/)).toBeTruthy();
  expect(screen.getByRole('button', { name: 'Save' }).hasAttribute('disabled')).toBe(true);
  expect(fetchClient.put).not.toHaveBeenCalled();
});

test('Save sends PUT with the subject and body of the chosen email and language', async () => {
  await openPage();
  await userEvent.click(screen.getByRole('combobox', { name: 'Email' }));
  await userEvent.click(await screen.findByRole('option', { name: 'Personal invitation (personal link)' }));
  await typeInto(subjectInput(), 'Your own link to {{siteName}}');
  const saved = row('personal-invitation', 'en', { subject: 'Your own link to {{siteName}}', isDefault: false });
  fetchClient.put.mockResolvedValue({ data: { data: saved } });

  await userEvent.click(screen.getByRole('button', { name: 'Save' }));

  await waitFor(() =>
    expect(fetchClient.put).toHaveBeenCalledWith('/invitations/email-templates/personal-invitation/en', {
      subject: 'Your own link to {{siteName}}',
      body: DEFAULT.body,
    })
  );
  await waitFor(() => expect(screen.getByTestId('template-status').textContent).toBe('Edited'));
  expect(toggleNotification).toHaveBeenCalledWith(expect.objectContaining({ type: 'success' }));
});

test("the server's field error shows under its field", async () => {
  await openPage();
  await typeInto(subjectInput(), 'Changed {{siteName}}');
  fetchClient.put.mockRejectedValue(fieldRefusal(['subject'], 'subject is too long for the server'));
  await userEvent.click(screen.getByRole('button', { name: 'Save' }));
  expect(await screen.findAllByText('subject is too long for the server')).not.toHaveLength(0);
  expect(toggleNotification).toHaveBeenCalledWith(expect.objectContaining({ type: 'danger' }));
});

test('Reset to default asks for confirmation first, and only then sends DELETE', async () => {
  await openPage();
  await userEvent.click(screen.getByRole('combobox', { name: 'Language' }));
  await userEvent.click(await screen.findByRole('option', { name: 'Français' }));
  await waitFor(() => expect(subjectInput().value).toBe(EDITED.subject));
  fetchClient.del.mockResolvedValue({ data: { data: row('invitation', 'fr') } });

  await userEvent.click(screen.getByRole('button', { name: 'Reset to default' }));
  const dialog = await screen.findByRole('alertdialog');
  expect(within(dialog).getByText('Reset this template?')).toBeTruthy();
  expect(fetchClient.del).not.toHaveBeenCalled();

  await userEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
  expect(fetchClient.del).not.toHaveBeenCalled();

  await userEvent.click(screen.getByRole('button', { name: 'Reset to default' }));
  await userEvent.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Confirm' }));
  await waitFor(() => expect(fetchClient.del).toHaveBeenCalledWith('/invitations/email-templates/invitation/fr'));
  await waitFor(() => expect(subjectInput().value).toBe(DEFAULT.subject));
});

test('Send me a test posts to the test route and says where it went; it waits for unsaved changes to be saved', async () => {
  await openPage();
  fetchClient.post.mockResolvedValue({ data: { data: { sentTo: 'ada@example.com', subject: '[Test] x' } } });
  await userEvent.click(screen.getByRole('button', { name: 'Send me a test' }));
  await waitFor(() => expect(fetchClient.post).toHaveBeenCalledWith('/invitations/email-templates/invitation/en/test'));
  expect(toggleNotification).toHaveBeenCalledWith({ type: 'success', message: 'Test email sent to ada@example.com' });

  await typeInto(subjectInput(), 'Unsaved {{siteName}}');
  expect(screen.getByRole('button', { name: 'Send me a test' }).hasAttribute('disabled')).toBe(true);
});

test('the answer to a declined access request is offered by its name, and its body may go without a link', async () => {
  const declined = row('access-request-declined', 'en', {
    subject: 'Your request to join {{siteName}}',
    body: 'Hello,\n{{#message}}{{message}}{{/message}}',
    variables: { subject: ['siteName'], body: ['siteName', 'message', 'subject'] },
  });
  fetchClient.get.mockResolvedValue({ data: { data: [...ROWS, declined] } });
  await openPage();
  await userEvent.click(screen.getByRole('combobox', { name: 'Email' }));
  await userEvent.click(await screen.findByRole('option', { name: 'Access request declined (answer to the requester)' }));
  await waitFor(() => expect(subjectInput().value).toBe('Your request to join {{siteName}}'));

  await typeInto(bodyInput(), 'Sorry, {{siteName}} is full.');
  expect(screen.queryByText(/must contain \{\{link\}\}/)).toBeNull();
  expect(screen.getByRole('button', { name: 'Save' }).hasAttribute('disabled')).toBe(false);
  await typeInto(bodyInput(), 'Sorry. {{link}}');
  expect(await screen.findByText(/^\{\{link\}\} is not a variable of this email/)).toBeTruthy();
  expect(screen.getByRole('button', { name: 'Save' }).hasAttribute('disabled')).toBe(true);
});
