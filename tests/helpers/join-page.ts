import type { TestApp } from './strapi';

export const joinPath = (token: string) => `/invitations/join/${token}`;

/**
 * Opens the hosted sign-up page as a browser would: the page itself, the form's CSRF value and its
 * cookie. With `language`, the browser asks for it (Accept-Language); without, it says nothing.
 */
export const openJoinForm = (app: TestApp, token: string, language?: string) => openPage(app, joinPath(token), language);

/** Any of the hosted pages with a form, opened as a browser would: the page, its CSRF value and its cookie. */
export const openPage = async (app: TestApp, path: string, language?: string) => {
  const get = app.http().get(path);
  const res = await (language === undefined ? get : get.set('Accept-Language', language));
  const csrf = /name="csrf" value="([^"]+)"/.exec(res.text)?.[1] ?? '';
  const cookies = (res.headers['set-cookie'] as unknown as string[] | undefined) ?? [];
  return { res, csrf, cookie: cookies.map((cookie) => cookie.split(';')[0]).join('; ') };
};

/** Submits the sign-up form of a link with these fields, in `language` if given. */
export const submitJoinForm = async (app: TestApp, token: string, fields: Record<string, string>, language?: string) => {
  const { csrf, cookie } = await openJoinForm(app, token, language);
  const post = app.http().post(joinPath(token)).set('Cookie', cookie);
  return (language === undefined ? post : post.set('Accept-Language', language)).type('form').send({ csrf, ...fields });
};
