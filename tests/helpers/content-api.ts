import crypto from 'node:crypto';
import type { TestApp } from './strapi';
import { createInvitation, newAccount, register } from './fixtures';

export type ApiTokenType = 'read-only' | 'full-access';

/** A content-API token of the given type, as an admin makes it under Settings › API Tokens: its key. */
export const createApiToken = async (app: TestApp, type: ApiTokenType): Promise<string> => {
  const token = await app.strapi.service('admin::api-token').create({
    name: `${type} ${crypto.randomBytes(4).toString('hex')}`,
    description: 'Made by a test',
    type,
    kind: 'content-api',
    lifespan: null,
  });
  return token.accessKey;
};

/** Gives a users-permissions role (by its `type`: 'authenticated', 'public'...) one content-API action. */
export const grantToRole = async (app: TestApp, roleType: string, action: string) => {
  const role = await app.strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: roleType } });
  await app.strapi.db.query('plugin::users-permissions.permission').create({ data: { action, role: role.id } });
};

/** An end user who signed up through a link (default role): their JWT. */
export const signedUpUserJwt = async (app: TestApp): Promise<string> => {
  const invitation = await createInvitation(app);
  const res = await register(app, { ...newAccount(), invitationToken: invitation.token });
  if (res.status !== 200) throw new Error(`sign-up failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.jwt;
};

/** A GraphQL request to /graphql, with a bearer (JWT or API token) when given. */
export const graphqlRequest = (app: TestApp, query: string, bearer?: string, variables?: Record<string, unknown>) => {
  const req = app.http().post('/graphql');
  if (bearer) req.set('Authorization', `Bearer ${bearer}`);
  return req.send({ query, variables });
};
