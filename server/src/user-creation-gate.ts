import type { Core } from '@strapi/strapi';
import { PLUGIN_ID, USER_UID } from './constants';
import type { KoaContext } from './koa';
import { userCreationRefusedError } from './utils/errors';

type Handler = (ctx: KoaContext) => Promise<unknown>;
type UserController = { create: Handler };

const userCreationByUsersAllowed = (strapi: Core.Strapi) =>
  !strapi.config.get(`plugin::${PLUGIN_ID}.requireInvitation`) ||
  Boolean(strapi.config.get(`plugin::${PLUGIN_ID}.allowUserCreationByUsers`));

/**
 * Closes the way around the invitation gate through users-permissions' own user creation: its
 * `user.create` controller answers `POST /api/users` and, at request time, GraphQL's
 * `createUsersPermissionsUser`, for end users and API tokens alike. Admins create accounts through
 * the Content Manager, which does not use this controller.
 */
export const gateUserCreationByUsers = (strapi: Core.Strapi) => {
  strapi.get('controllers').extend(USER_UID, (users: UserController) => ({
    ...users,
    create: async (ctx: KoaContext) => {
      if (!userCreationByUsersAllowed(strapi)) throw userCreationRefusedError();
      return users.create.call(users, ctx);
    },
  }));
};
