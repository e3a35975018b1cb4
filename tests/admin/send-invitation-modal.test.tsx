import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { SendInvitationModal } from '../../admin/src/components/SendInvitationModal';
import { MASKED_TOKEN } from '../../shared';
import { makeInvitation } from './fixtures';
import { renderInAdmin } from './render';

const fetchClient = { get: jest.fn(), post: jest.fn(), put: jest.fn(), del: jest.fn() };

jest.mock('@strapi/strapi/admin', () => ({
  useFetchClient: () => fetchClient,
}));

const invitation = makeInvitation();

const PREVIEW = {
  locale: 'en',
  subject: 'Your invitation to join Site',
  text: 'text',
  html: '<p>html</p>',
  defaults: { subject: 'Your invitation to join Site', message: 'Hello,\n\nI would like you to join us on Site.' },
};

type SendBody = { emails: string[]; subject: string; message: string; locale: string };
const sendCalls = () =>
  fetchClient.post.mock.calls.filter(([url]) => String(url).endsWith('/send')).map(([, body]) => body as SendBody);

/** Answers previews at once; sends through `onSend`. */
const serve = (onSend: (body: SendBody) => Promise<unknown>) => {
  fetchClient.post.mockImplementation((url: string, body: SendBody) =>
    url.endsWith('/email-preview') ? Promise.resolve({ data: { data: PREVIEW } }) : onSend(body)
  );
};

const previewCalls = () => fetchClient.post.mock.calls.filter(([url]) => String(url).endsWith('/email-preview'));

/** As the server answers: every address sent (an entry with its own language is `{ email, language }`). */
const allSent = (body: SendBody) => {
  const sent = (body.emails as Array<string | { email: string }>).map((entry) =>
    typeof entry === 'string' ? entry : entry.email
  );
  return Promise.resolve({ data: { data: { sent, failed: [], remaining: 10, warnings: [] } } });
};

const openDialog = async (shown = invitation) => {
  const onSent = jest.fn();
  renderInAdmin(<SendInvitationModal invitation={shown} onClose={jest.fn()} onSent={onSent} />);
  await waitFor(() => expect((screen.getByLabelText(/^Subject/) as HTMLInputElement).value).toBe(PREVIEW.defaults.subject));
  return { onSent };
};

const pasteRecipients = async (text: string) => {
  await userEvent.click(screen.getByLabelText(/^Recipients/));
  await userEvent.paste(text);
};

beforeEach(() => jest.clearAllMocks());

test("prefills subject and message, and sends what the admin wrote with the admin panel's language", async () => {
  serve(allSent);
  const { onSent } = await openDialog();
  expect((screen.getByLabelText(/^Message/) as HTMLTextAreaElement).value).toBe(PREVIEW.defaults.message);
  await pasteRecipients('ada@example.com\ngrace@example.org');
  await userEvent.clear(screen.getByLabelText(/^Subject/));
  await userEvent.type(screen.getByLabelText(/^Subject/), 'Join the board');
  await userEvent.click(screen.getByRole('button', { name: 'Send to 2 people' }));

  expect(await screen.findByText('Sent to 2 of 2 addresses.')).toBeTruthy();
  expect(sendCalls()).toEqual([
    expect.objectContaining({
      emails: ['ada@example.com', 'grace@example.org'],
      subject: 'Join the board',
      message: PREVIEW.defaults.message,
      locale: 'en',
    }),
  ]);
  expect(onSent).toHaveBeenCalledTimes(1);
});

test('the prefilled template words ask for no second preview; what the admin changes does', async () => {
  serve(allSent);
  await openDialog();
  // Past the preview's 400 ms debounce: the prefill alone must not fetch the same preview again.
  await act(() => new Promise((resolve) => setTimeout(resolve, 600)));
  expect(previewCalls()).toHaveLength(1);

  await userEvent.type(screen.getByLabelText(/^Subject/), '!');
  await waitFor(() => expect(previewCalls()).toHaveLength(2));
  expect(previewCalls()[1][1]).toEqual(expect.objectContaining({ subject: `${PREVIEW.defaults.subject}!` }));
});

test('an invalid address is marked, and nothing is sent until it is removed', async () => {
  serve(allSent);
  await openDialog();
  await pasteRecipients('ada@example.com, nope@, grace@example.org');
  const invalidChip = screen.getByText('nope@ (invalid)');
  expect(invalidChip.closest('li')?.getAttribute('data-invalid')).toBe('true');

  await userEvent.click(screen.getByRole('button', { name: 'Send to 2 people' }));
  expect(await screen.findByText(/This is not a valid email address: “nope@”/)).toBeTruthy();
  expect(sendCalls()).toHaveLength(0);

  await userEvent.click(screen.getByRole('button', { name: 'Remove nope@ (not a valid address)' }));
  expect(screen.queryByText(/This is not a valid email address/)).toBeNull();
  await userEvent.click(screen.getByRole('button', { name: 'Send to 2 people' }));
  expect(await screen.findByText('Sent to 2 of 2 addresses.')).toBeTruthy();
});

test('more recipients than seats left: a warning, and the sending is still possible', async () => {
  serve(allSent);
  renderInAdmin(<SendInvitationModal invitation={{ ...invitation, remaining: 1 }} onClose={jest.fn()} onSent={jest.fn()} />);
  await waitFor(() => expect((screen.getByLabelText(/^Subject/) as HTMLInputElement).value).not.toBe(''));
  await pasteRecipients('a@example.com b@example.com');
  expect(screen.getByText(/only 1 can still sign up with it/)).toBeTruthy();
  await userEvent.click(screen.getByRole('button', { name: 'Send to 2 people' }));
  expect(await screen.findByText('Sent to 2 of 2 addresses.')).toBeTruthy();
  // The result repeats the warning.
  expect(screen.getByText(/only 1 can still sign up with it/)).toBeTruthy();
});

test("a long list goes in batches, with the progress shown, and each address's result at the end", async () => {
  const pending: Array<() => void> = [];
  serve(
    (body) =>
      new Promise((resolve) => {
        const failed = body.emails
          .filter((email) => email.startsWith('bounce'))
          .map((email) => ({ email, error: '550 no such mailbox' }));
        const sent = body.emails.filter((email) => !email.startsWith('bounce'));
        pending.push(() => resolve({ data: { data: { sent, failed, remaining: 100, warnings: [] } } }));
      })
  );
  await openDialog();
  const emails = [...Array.from({ length: 44 }, (_, i) => `person${i}@example.com`), 'bounce@example.com'];
  await pasteRecipients(emails.join('\n'));
  await userEvent.click(screen.getByRole('button', { name: 'Send to 45 people' }));

  expect(await screen.findByText('Sending… 0 of 45')).toBeTruthy();
  await act(async () => pending.shift()?.());
  expect(await screen.findByText('Sending… 20 of 45')).toBeTruthy();
  await act(async () => pending.shift()?.());
  expect(await screen.findByText('Sending… 40 of 45')).toBeTruthy();
  await act(async () => pending.shift()?.());

  expect(await screen.findByText('Sent to 44 of 45 addresses.')).toBeTruthy();
  expect(sendCalls().map((body) => body.emails.length)).toEqual([20, 20, 5]);
  const failedRow = document.querySelector('tr[data-result=failed]') as HTMLElement;
  expect(within(failedRow).getByText('bounce@example.com')).toBeTruthy();
  expect(within(failedRow).getByText('550 no such mailbox')).toBeTruthy();
  expect(document.querySelectorAll('tr[data-result=sent]')).toHaveLength(44);
});

test('a batch refused as a whole stops the sending: the addresses not sent say why', async () => {
  let calls = 0;
  serve((body) => {
    calls += 1;
    if (calls === 1) return allSent(body);
    return Promise.reject({ response: { data: { error: { status: 410, message: 'This invitation link has expired' } } } });
  });
  await openDialog();
  await pasteRecipients(Array.from({ length: 50 }, (_, i) => `p${i}@example.com`).join(','));
  await userEvent.click(screen.getByRole('button', { name: 'Send to 50 people' }));

  expect(await screen.findByText('Sent to 20 of 50 addresses.')).toBeTruthy();
  expect(sendCalls()).toHaveLength(2);
  expect(screen.getAllByText('This invitation link has expired')).toHaveLength(30);
});

describe('when the first preview fails, before the template has prefilled the fields', () => {
  const PREVIEW_DOWN = { response: { data: { error: { status: 500, message: 'The email template could not be rendered' } } } };

  /** Previews fail `failures` times, then answer; sends succeed. */
  const serveFailingPreviews = (failures: number) => {
    let left = failures;
    fetchClient.post.mockImplementation((url: string, body: SendBody) => {
      if (!url.endsWith('/email-preview')) return allSent(body);
      if (left > 0) {
        left -= 1;
        return Promise.reject(PREVIEW_DOWN);
      }
      return Promise.resolve({ data: { data: PREVIEW } });
    });
  };

  const openFailing = async () => {
    renderInAdmin(<SendInvitationModal invitation={invitation} onClose={jest.fn()} onSent={jest.fn()} />);
    expect(await screen.findByText('The email template could not be rendered')).toBeTruthy();
  };

  test("the fields can be written in, and a blank subject sends the template's", async () => {
    serveFailingPreviews(Infinity);
    await openFailing();
    const subject = screen.getByLabelText(/^Subject/) as HTMLInputElement;
    const message = screen.getByLabelText(/^Message/) as HTMLTextAreaElement;
    await waitFor(() => expect(subject.disabled).toBe(false));
    expect(message.disabled).toBe(false);
    expect(subject.placeholder).toBe("The template's subject");
    expect(screen.getByText("Leave it empty to send the template's subject.")).toBeTruthy();

    await pasteRecipients('ada@example.com');
    await userEvent.click(screen.getByRole('button', { name: 'Send to 1 person' }));
    expect(await screen.findByText('Sent to 1 of 1 address.')).toBeTruthy();
    expect(screen.queryByText('This field is required')).toBeNull();
    const [body] = sendCalls();
    expect(body.emails).toEqual(['ada@example.com']);
    // Left out of the request: the server uses the template's subject and message.
    expect(body.subject).toBeUndefined();
    expect(body.message).toBeUndefined();
  });

  test('what the admin writes is sent', async () => {
    serveFailingPreviews(Infinity);
    await openFailing();
    await waitFor(() => expect((screen.getByLabelText(/^Subject/) as HTMLInputElement).disabled).toBe(false));
    await userEvent.type(screen.getByLabelText(/^Subject/), 'Join the board');
    await userEvent.type(screen.getByLabelText(/^Message/), 'See you there.');
    await pasteRecipients('ada@example.com');
    await userEvent.click(screen.getByRole('button', { name: 'Send to 1 person' }));
    expect(await screen.findByText('Sent to 1 of 1 address.')).toBeTruthy();
    expect(sendCalls()).toEqual([expect.objectContaining({ subject: 'Join the board', message: 'See you there.' })]);
  });

  test('Retry asks for the preview again, and its answer prefills the fields', async () => {
    serveFailingPreviews(1);
    await openFailing();
    expect(previewCalls()).toHaveLength(1);
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect((screen.getByLabelText(/^Subject/) as HTMLInputElement).value).toBe(PREVIEW.defaults.subject));
    expect((screen.getByLabelText(/^Message/) as HTMLTextAreaElement).value).toBe(PREVIEW.defaults.message);
    expect(screen.queryByText('The email template could not be rendered')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull();

    // From then on, the prefilled rules hold: a blank subject is pointed out, not sent.
    await userEvent.clear(screen.getByLabelText(/^Subject/));
    await pasteRecipients('ada@example.com');
    await userEvent.click(screen.getByRole('button', { name: 'Send to 1 person' }));
    expect(await screen.findByText('This field is required')).toBeTruthy();
    expect(sendCalls()).toHaveLength(0);
  });
});

test("while the first preview is on its way, the fields wait for the template's words", async () => {
  fetchClient.post.mockImplementation(() => new Promise(() => {}));
  renderInAdmin(<SendInvitationModal invitation={invitation} onClose={jest.fn()} onSent={jest.fn()} />);
  expect((screen.getByLabelText(/^Subject/) as HTMLInputElement).disabled).toBe(true);
  expect((screen.getByLabelText(/^Message/) as HTMLTextAreaElement).disabled).toBe(true);
});

test('in French, one seat left reads in the singular', async () => {
  serve(allSent);
  renderInAdmin(
    <SendInvitationModal invitation={{ ...invitation, remaining: 1 }} onClose={jest.fn()} onSent={jest.fn()} />,
    'fr'
  );
  await waitFor(() => expect((screen.getByLabelText(/^Objet/) as HTMLInputElement).value).not.toBe(''));
  await userEvent.click(screen.getByLabelText(/^Destinataires/));
  await userEvent.paste('a@example.com b@example.com');
  expect(
    screen.getByText(
      "Vous envoyez ce lien à 2 personnes, mais une seule personne peut encore l'utiliser pour créer un compte : la première à le faire obtient un compte."
    )
  ).toBeTruthy();
});

describe('one link for everyone, or a personal link for each person', () => {
  const PREVIEW_WITH_LINK = { ...PREVIEW, html: `<p>Join us: <a href="${invitation.url}">${invitation.url}</a></p>` };
  const previewFrame = () => screen.getByTitle('Preview') as HTMLIFrameElement;

  beforeEach(() =>
    fetchClient.post.mockImplementation((url: string, body: SendBody) =>
      url.endsWith('/email-preview') ? Promise.resolve({ data: { data: PREVIEW_WITH_LINK } }) : allSent(body)
    )
  );

  test('by default the link itself is sent, and the preview shows it', async () => {
    await openDialog();
    expect((screen.getByRole('radio', { name: 'One link for everyone' }) as HTMLButtonElement).getAttribute('aria-checked')).toBe(
      'true'
    );
    expect(screen.getByText('Everyone gets the link shown in the preview.')).toBeTruthy();
    expect(previewFrame().getAttribute('srcdoc')).toContain(invitation.token);
    await pasteRecipients('ada@example.com');
    await userEvent.click(screen.getByRole('button', { name: 'Send to 1 person' }));
    expect(await screen.findByText('Sent to 1 of 1 address.')).toBeTruthy();
    expect(sendCalls()).toEqual([expect.objectContaining({ emails: ['ada@example.com'], personal: false })]);
  });

  test('personal links: said so, the preview shows a placeholder instead of any token, and personal is posted', async () => {
    await openDialog();
    const personal = screen.getByRole('radio', { name: 'A personal link for each person (only they can use it)' });
    expect(personal.getAttribute('aria-describedby')).toBeTruthy();
    expect(document.getElementById(personal.getAttribute('aria-describedby') as string)?.textContent).toMatch(
      /usable once and only to create an account with that address/
    );
    await userEvent.click(personal);
    expect(screen.getByText('Each person gets a link of their own: the preview shows an example in its place.')).toBeTruthy();
    const html = previewFrame().getAttribute('srcdoc') as string;
    expect(html).not.toContain(invitation.token);
    expect(html).toContain('/invitations/join/personal-link-example');

    await pasteRecipients('ada@example.com grace@example.org');
    await userEvent.click(screen.getByRole('button', { name: 'Send to 2 people' }));
    expect(await screen.findByText('Sent to 2 of 2 addresses.')).toBeTruthy();
    expect(sendCalls()).toEqual([expect.objectContaining({ emails: ['ada@example.com', 'grace@example.org'], personal: true })]);
  });

  test('for an admin who may not see links (no token, a masked preview): personal links show the example in place of the mask', async () => {
    const { token, url, ...withoutLink } = invitation;
    const maskedUrl = (url as string).replace(token as string, MASKED_TOKEN);
    fetchClient.post.mockImplementation((postUrl: string, body: SendBody) =>
      postUrl.endsWith('/email-preview')
        ? Promise.resolve({ data: { data: { ...PREVIEW, html: `<p>Join us: <a href="${maskedUrl}">${maskedUrl}</a></p>` } } })
        : allSent(body)
    );
    await openDialog(withoutLink);
    expect(previewFrame().getAttribute('srcdoc')).toContain(maskedUrl);
    await userEvent.click(screen.getByRole('radio', { name: 'A personal link for each person (only they can use it)' }));
    const html = previewFrame().getAttribute('srcdoc') as string;
    expect(html).not.toContain(MASKED_TOKEN);
    expect(html).toContain('/invitations/join/personal-link-example');
  });
});

test("addresses outside the link's email domains are pointed out, and can be removed at once", async () => {
  serve(allSent);
  const limited = { ...invitation, allowedEmailDomains: ['example.com', '*.example.org'] };
  renderInAdmin(<SendInvitationModal invitation={limited} onClose={jest.fn()} onSent={jest.fn()} />);
  await waitFor(() => expect((screen.getByLabelText(/^Subject/) as HTMLInputElement).value).not.toBe(''));
  await pasteRecipients('ada@example.com, grace@navy.example.org, alan@gmail.com, bob@example.org');
  expect(
    screen.getByText(
      'These addresses are outside the email domains of this link (example.com, *.example.org): “alan@gmail.com”, “bob@example.org”. They could not sign up with it.'
    )
  ).toBeTruthy();
  await userEvent.click(screen.getByRole('button', { name: 'Remove them' }));
  expect(screen.queryByText(/outside the email domains/)).toBeNull();
  await userEvent.click(screen.getByRole('button', { name: 'Send to 2 people' }));
  expect(await screen.findByText('Sent to 2 of 2 addresses.')).toBeTruthy();
  expect(sendCalls()[0].emails).toEqual(['ada@example.com', 'grace@navy.example.org']);
});

test('a link open to any domain warns about none', async () => {
  serve(allSent);
  await openDialog();
  await pasteRecipients('alan@gmail.com');
  expect(screen.queryByText(/outside the email domains/)).toBeNull();
});

describe('importing recipients from a CSV file', () => {
  const upload = (csv: string) =>
    userEvent.upload(
      screen.getByLabelText('Import addresses from a CSV file'),
      new File([csv], 'people.csv', { type: 'text/csv' })
    );
  const chips = () =>
    within(screen.getByRole('list', { name: 'Addresses added' }))
      .getAllByRole('listitem')
      .map((item) => item.textContent);

  test('a file with a header, its email column not first: the addresses join the typed ones, each once', async () => {
    serve(allSent);
    await openDialog();
    await pasteRecipients('ada@example.com');
    await upload('Name,Email\nAda,ADA@example.com\nGrace,grace@example.org\n\nAlan,alan@example.net\n');
    await waitFor(() => expect(chips()).toEqual(['ada@example.com', 'grace@example.org', 'alan@example.net']));
    expect(screen.getByText('2 addresses added from the file; 1 repeated or already in the list.')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Send to 3 people' }));
    expect(await screen.findByText('Sent to 3 of 3 addresses.')).toBeTruthy();
    expect(sendCalls()[0].emails).toEqual(['ada@example.com', 'grace@example.org', 'alan@example.net']);
  });

  test("the control is the design system's button, which opens the hidden file input, then names the file read", async () => {
    serve(allSent);
    await openDialog();
    const input = screen.getByLabelText('Import addresses from a CSV file') as HTMLInputElement;
    // The browser's bare file input is not what the admin sees or tabs to.
    expect(input.type).toBe('file');
    expect(input.tabIndex).toBe(-1);
    expect(input.closest('button')).toBeNull();
    const button = screen.getByRole('button', { name: 'Choose a CSV file' });
    expect(button.getAttribute('aria-describedby')).toBe(input.id + '-hint');
    const opened = jest.fn();
    input.addEventListener('click', opened);
    button.focus();
    await userEvent.keyboard('{Enter}');
    expect(opened).toHaveBeenCalledTimes(1);

    fireEvent.change(input, {
      target: { files: [new File(['email\nada@example.com\n'], 'team.csv', { type: 'text/csv' })] },
    });
    expect(await screen.findByText('team.csv')).toBeTruthy();
    await waitFor(() => expect(chips()).toEqual(['ada@example.com']));
    expect(screen.getByText('1 address added from the file.')).toBeTruthy();
  });

  test("a language column: those addresses are sent with their language, and a note counts who reads another than the email's", async () => {
    serve(allSent);
    await openDialog();
    await upload('email,language\nada@example.com,de\ngrace@example.org,\nalan@example.net,en-GB\n');
    await waitFor(() => expect(chips()).toEqual(['ada@example.com', 'grace@example.org', 'alan@example.net']));
    expect(
      screen.getByText(
        '1 recipient gets the email in their own language, from the CSV file, with the subject and message of that language’s template.'
      )
    ).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Send to 3 people' }));
    expect(await screen.findByText('Sent to 3 of 3 addresses.')).toBeTruthy();
    // Addresses with a language of their own go as { email, language }.
    expect(sendCalls()[0].emails as unknown[]).toEqual([
      { email: 'ada@example.com', language: 'de' },
      'grace@example.org',
      { email: 'alan@example.net', language: 'en-GB' },
    ]);
  });

  test('a language cell that is no language code is an invalid row, named with the cell', async () => {
    serve(allSent);
    await openDialog();
    await upload('email,language\nada@example.com,German\ngrace@example.org,fr\n');
    const rows = await screen.findByRole('list', { name: 'Invalid rows' });
    expect(within(rows).getByRole('listitem').textContent).toBe('Row 2: “German” is not a language code such as “en” or “de”');
    expect(chips()).toEqual(['grace@example.org']);
  });

  test('a file without a header: the first column', async () => {
    serve(allSent);
    await openDialog();
    await upload('ada@example.com;Ada\ngrace@example.org;Grace\n');
    await waitFor(() => expect(chips()).toEqual(['ada@example.com', 'grace@example.org']));
  });

  test('invalid rows are listed by number, and nothing is sent until they are left out', async () => {
    serve(allSent);
    await openDialog();
    await upload('email\nada@example.com\ngrace@example\n\n,Alan\nbob@example.net\n');
    const rows = await screen.findByRole('list', { name: 'Invalid rows' });
    expect(
      within(rows)
        .getAllByRole('listitem')
        .map((item) => item.textContent)
    ).toEqual(['Row 3: “grace@example”', 'Row 5: no address']);
    expect(chips()).toEqual(['ada@example.com', 'bob@example.net']);

    await userEvent.click(screen.getByRole('button', { name: 'Send to 2 people' }));
    expect(await screen.findByText(/Some rows of the CSV file cannot be used/)).toBeTruthy();
    expect(sendCalls()).toHaveLength(0);

    await userEvent.click(screen.getByRole('button', { name: 'Leave these rows out' }));
    expect(screen.queryByRole('list', { name: 'Invalid rows' })).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Send to 2 people' }));
    expect(await screen.findByText('Sent to 2 of 2 addresses.')).toBeTruthy();
  });

  test('the file corrected and imported again replaces the list of invalid rows', async () => {
    serve(allSent);
    await openDialog();
    await upload('email\ngrace@example\n');
    expect(await screen.findByText('Row 2: “grace@example”')).toBeTruthy();
    await upload('email\ngrace@example.org\n');
    await waitFor(() => expect(screen.queryByRole('list', { name: 'Invalid rows' })).toBeNull());
    expect(chips()).toEqual(['grace@example.org']);
  });
});

describe('the language of the email', () => {
  const GERMAN = {
    locale: 'de',
    subject: 'Ihre Einladung zu Site',
    text: 'text',
    html: '<p>html</p>',
    defaults: { subject: 'Ihre Einladung zu Site', message: 'Hallo,\n\nich möchte Sie einladen, bei Site dabei zu sein.' },
  };

  /** Previews in the language asked for (German or English); sends go through. */
  const serveByLanguage = () =>
    fetchClient.post.mockImplementation((url: string, body: SendBody) =>
      url.endsWith('/email-preview')
        ? Promise.resolve({ data: { data: body.locale === 'de' ? GERMAN : PREVIEW } })
        : allSent(body)
    );

  const chooseLanguage = async (name: string) => {
    await userEvent.click(screen.getByRole('combobox', { name: /^Language of the email/ }));
    await userEvent.click(await screen.findByRole('option', { name }));
  };

  test('starts in the admin panel’s language and offers the seven shipped ones, each named in itself', async () => {
    serveByLanguage();
    await openDialog();
    const select = screen.getByRole('combobox', { name: /^Language of the email/ });
    expect(select.textContent).toContain('English');
    await userEvent.click(select);
    const options = (await screen.findAllByRole('option')).map((option) => option.textContent);
    expect(options).toEqual(['English', 'Français', 'Deutsch', 'Español', 'Italiano', 'Português (Brasil)', 'Nederlands']);
  });

  test('another language: the template’s words become that language’s, and the email is sent in it', async () => {
    serveByLanguage();
    await openDialog();
    await chooseLanguage('Deutsch');
    await waitFor(() => expect((screen.getByLabelText(/^Subject/) as HTMLInputElement).value).toBe(GERMAN.defaults.subject));
    expect((screen.getByLabelText(/^Message/) as HTMLTextAreaElement).value).toBe(GERMAN.defaults.message);
    expect(previewCalls().map(([, body]) => (body as SendBody).locale)).toContain('de');
    await pasteRecipients('jonas@example.de');
    await userEvent.click(screen.getByRole('button', { name: 'Send to 1 person' }));
    expect(await screen.findByText('Sent to 1 of 1 address.')).toBeTruthy();
    expect(sendCalls()).toEqual([
      expect.objectContaining({ subject: GERMAN.defaults.subject, message: GERMAN.defaults.message, locale: 'de' }),
    ]);
  });

  test('words the admin wrote stay when the language changes; only the template’s give way', async () => {
    serveByLanguage();
    await openDialog();
    await userEvent.clear(screen.getByLabelText(/^Subject/));
    await userEvent.type(screen.getByLabelText(/^Subject/), 'Willkommen im Vorstand');
    await chooseLanguage('Deutsch');
    await waitFor(() => expect((screen.getByLabelText(/^Message/) as HTMLTextAreaElement).value).toBe(GERMAN.defaults.message));
    expect((screen.getByLabelText(/^Subject/) as HTMLInputElement).value).toBe('Willkommen im Vorstand');
  });
});

describe('the personal-invitation template', () => {
  const PERSONAL = {
    ...PREVIEW,
    subject: 'Your own invitation to Site',
    defaults: { subject: 'Your own invitation to Site', message: 'This link is yours alone.' },
  };

  test('personal links: the preview asks for the personal-invitation template, whose words replace the shared one’s', async () => {
    fetchClient.post.mockImplementation((url: string, body: SendBody & { personal?: boolean }) =>
      url.endsWith('/email-preview') ? Promise.resolve({ data: { data: body.personal ? PERSONAL : PREVIEW } }) : allSent(body)
    );
    await openDialog();
    await userEvent.click(screen.getByRole('radio', { name: 'A personal link for each person (only they can use it)' }));
    await waitFor(() => expect((screen.getByLabelText(/^Subject/) as HTMLInputElement).value).toBe(PERSONAL.defaults.subject));
    expect((screen.getByLabelText(/^Message/) as HTMLTextAreaElement).value).toBe(PERSONAL.defaults.message);
    expect(previewCalls().at(-1)?.[1]).toEqual(expect.objectContaining({ personal: true }));

    await userEvent.click(screen.getByRole('radio', { name: /^One link for everyone/ }));
    await waitFor(() => expect((screen.getByLabelText(/^Subject/) as HTMLInputElement).value).toBe(PREVIEW.defaults.subject));
  });
});
