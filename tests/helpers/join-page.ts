import type { TestApp } from './strapi';

/** Opens the hosted sign-up page as a browser would: the form's CSRF value and its cookie. */
export const openJoinForm = async (app: TestApp, token: string) => {
  const page = await app.http().get(`/invitations/join/${token}`);
  const csrf = /name="csrf" value="([^"]+)"/.exec(page.text)?.[1] ?? '';
  const cookies = (page.headers['set-cookie'] as unknown as string[] | undefined) ?? [];
  return { csrf, cookie: cookies.map((cookie) => cookie.split(';')[0]).join('; ') };
};

/** Submits the sign-up form of a link with these fields. */
export const submitJoinForm = async (app: TestApp, token: string, fields: Record<string, string>) => {
  const { csrf, cookie } = await openJoinForm(app, token);
  return app.http().post(`/invitations/join/${token}`).set('Cookie', cookie).type('form').send({ csrf, ...fields });
};
