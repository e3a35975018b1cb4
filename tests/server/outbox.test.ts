// @engine-neutral
import fs from 'node:fs';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { createInvitation } from '../helpers/fixtures';
import { tempDir } from '../helpers/server-process';
import { useTestApp, type TestApp } from '../helpers/strapi';

const outbox = path.join(tempDir('invitations-outbox-'), 'outbox');
let app: TestApp;
// No SMTP server: the playground falls back to its outbox provider.
useTestApp(
  (started) => {
    app = started;
  },
  { SMTP_HOST: '', SMTP_PORT: '', EMAIL_OUTBOX_DIR: outbox }
);

test('without SMTP_HOST, each email is written to a file of the outbox, and the log says where', async () => {
  const logged = jest.spyOn(app.strapi.log, 'info');
  const invitation = await createInvitation(app);
  const res = await app
    .http()
    .post(`/invitations/invitations/${invitation.id}/send`)
    .set('Authorization', `Bearer ${app.adminToken}`)
    .send({ emails: ['ada@example.com', 'grace@example.org'] });
  expect(res.status).toBe(200);
  expect(res.body.data.sent).toEqual(['ada@example.com', 'grace@example.org']);

  const files = fs.readdirSync(outbox);
  expect(files).toHaveLength(2);
  for (const address of ['ada@example.com', 'grace@example.org']) {
    const file = files.find((name) => name.endsWith(`${address}.eml`)) as string;
    const mail = await simpleParser(fs.readFileSync(path.join(outbox, file)));
    expect(mail.text).toContain(invitation.url);
    expect(String(mail.html)).toContain(`href="${invitation.url}"`);
    expect(logged).toHaveBeenCalledWith(`[outbox] Email to ${address} written to ${path.join(outbox, file)}`);
  }
});
