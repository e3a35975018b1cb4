import createError from 'http-errors';
import { errors } from '@strapi/utils';
import { invitationStatus, type SeatState } from './status';

/*
 * http-errors is pinned to the version @strapi/utils pins, so that npm installs one copy: Strapi
 * recognises these errors with `instanceof` its own copy's HttpError.
 */

/**
 * 410 Gone in Strapi's error format. Strapi has no ApplicationError for 410, but its error
 * middleware formats any http-errors HttpError as `{ data: null, error: { status, name, message, details } }`.
 */
export const goneError = (message: string, details: Record<string, unknown> = {}) =>
  Object.assign(createError(410, message), { details });

/**
 * 403 with its message kept. Strapi's route authorizer turns any ApplicationError ForbiddenError
 * thrown by a handler into a bare "Forbidden"; an http-errors 403 passes through intact.
 */
export const invitationRequiredError = () =>
  Object.assign(createError(403, 'An invitation is required to register'), { details: {} });

export const unknownInvitationError = () =>
  new errors.NotFoundError('This invitation link does not exist or has been deleted');

/** The error that says why a link can no longer be used. */
export const unusableInvitationError = (invitation: SeatState) =>
  invitationStatus(invitation) === 'exhausted'
    ? goneError('This invitation link has been used up', { reason: 'exhausted' })
    : goneError('This invitation link has expired', { reason: 'expired' });

/** 409: the link's token cannot be decrypted any more (the site's secret changed), so it cannot be sent. */
export const linkUnavailableError = () =>
  Object.assign(
    createError(409, 'This invitation link can no longer be shown (the site\'s secret key changed): create a new link'),
    { details: { reason: 'link-unavailable' } }
  );
