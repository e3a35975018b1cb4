import type { Core } from '@strapi/strapi';
import { contentTypes, errors } from '@strapi/utils';
import type { UserField } from '../../../shared';
import { PLUGIN_ID, USER_UID } from '../constants';
import { fieldError } from '../validation/invitation';

/** Attribute types an invitation may preset on the accounts it creates. */
const DEFAULTABLE_TYPES = new Set([
  'string',
  'text',
  'richtext',
  'email',
  'boolean',
  'integer',
  'biginteger',
  'float',
  'decimal',
  'enumeration',
  'date',
  'datetime',
  'time',
  'json',
]);

/**
 * Fields users-permissions owns: identity, credentials and account state. An invitation never
 * sets them (the role has its own setting).
 */
const ACCOUNT_FIELDS = new Set([
  'username',
  'email',
  'provider',
  'password',
  'resetPasswordToken',
  'confirmationToken',
  'confirmed',
  'blocked',
  'role',
]);

interface Attribute {
  type: string;
  unique?: boolean;
  enum?: string[];
  min?: number;
  max?: number;
  minLength?: number;
  maxLength?: number;
  required?: boolean;
}

const hasOwn = (object: object, key: string) => Object.prototype.hasOwnProperty.call(object, key);

/**
 * What an invitation decides about a new user's first access, beyond the role: which fields of
 * the user content type it presets, and where the user may be sent after signing up.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const userModel = () => strapi.getModel(USER_UID);

  /**
   * The user attributes an invitation may preset, by name: the site's own fields, not Strapi's
   * system fields (ids, timestamps, locale) nor users-permissions' account fields. Read anew each
   * time, as the schema can change.
   */
  const defaultableAttributes = (): Record<string, Attribute> => {
    const model = userModel();
    const attributes = model.attributes as Record<string, Attribute>;
    const writable = new Set(contentTypes.getWritableAttributes(model));
    const visible = new Set(contentTypes.getVisibleAttributes(model));
    return Object.fromEntries(
      Object.entries(attributes).filter(
        ([name, attribute]) =>
          writable.has(name) &&
          visible.has(name) &&
          !ACCOUNT_FIELDS.has(name) &&
          DEFAULTABLE_TYPES.has(attribute.type) &&
          // A unique value would only ever fit the first account made from the link.
          !attribute.unique
      )
    );
  };

  const allowedOrigins = () =>
    new Set((strapi.config.get(`plugin::${PLUGIN_ID}.redirectOrigins`) as string[]).map((origin) => new URL(origin).origin));

  /** The saved redirect if its origin is still allowed (the config may have changed since). */
  const allowedRedirect = (redirectUrl: string | null | undefined): string | null =>
    redirectUrl && allowedOrigins().has(new URL(redirectUrl).origin) ? redirectUrl : null;

  /** Moves the entity validator's error paths under `userDefaults`, where the admin typed them. */
  const asUserDefaultsError = (error: unknown) => {
    if (!(error instanceof errors.ValidationError)) return error;
    const details = error.details as { errors?: Array<{ path: string[]; message: string }> };
    const first = details.errors?.[0];
    if (!first) return fieldError('userDefaults', error.message);
    const path = ['userDefaults', ...first.path].join('.');
    return fieldError(path, `${path}: ${first.message}`);
  };

  const fitsUserModel = async (values: Record<string, unknown>) => {
    try {
      await strapi.entityValidator.validateEntityUpdate(userModel(), values, { isDraft: false });
      return true;
    } catch (error) {
      if (error instanceof errors.ValidationError) return false;
      throw error;
    }
  };

  /** The presets that pass on their own; the others are named in the log for the site's admins. */
  const keepFitting = async (invitationId: number, presets: Record<string, unknown>) => {
    const kept: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(presets)) {
      if (await fitsUserModel({ [name]: value })) kept[name] = value;
      else strapi.log.warn(`[invitations] invitation ${invitationId}: preset "${name}" no longer fits the user model; left out`);
    }
    return kept;
  };

  return {
    userFields(): UserField[] {
      return Object.entries(defaultableAttributes()).map(([name, attribute]) => ({
        name,
        type: attribute.type,
        ...(attribute.enum && { enum: attribute.enum }),
        ...(attribute.min !== undefined && { min: attribute.min }),
        ...(attribute.max !== undefined && { max: attribute.max }),
        ...(attribute.maxLength !== undefined && { maxLength: attribute.maxLength }),
      }));
    },

    redirectOrigins(): string[] {
      return [...allowedOrigins()];
    },

    allowedRedirect,

    assertRedirectAllowed(redirectUrl: string | null | undefined) {
      if (!redirectUrl?.trim()) return;
      if (!allowedRedirect(redirectUrl)) {
        const allowed = [...allowedOrigins()];
        throw fieldError(
          'redirectUrl',
          allowed.length
            ? `redirectUrl must start with one of the allowed origins: ${allowed.join(', ')}`
            : `redirectUrl needs the site's origin in the plugin config redirectOrigins (none is allowed yet)`
        );
      }
    },

    /** Checks names against the user content type and values with Strapi's own entity validator. */
    async assertUserDefaultsValid(userDefaults: Record<string, unknown> | null | undefined) {
      if (!userDefaults) return;
      const attributes = defaultableAttributes();
      const unknown = Object.keys(userDefaults).find((name) => !hasOwn(attributes, name));
      if (unknown !== undefined) {
        const allowed = Object.keys(attributes);
        throw fieldError(
          `userDefaults.${unknown}`,
          `userDefaults cannot set "${unknown}"; fields that can be set: ${allowed.length ? allowed.join(', ') : 'none'}`
        );
      }
      try {
        await strapi.entityValidator.validateEntityUpdate(userModel(), userDefaults, { isDraft: false });
      } catch (error) {
        throw asUserDefaultsError(error);
      }
    },

    /**
     * What a new account made from the invitation starts with: its role, and the part of its
     * presets that still fits the user content type (it may have changed since the link was
     * made: a removed field or enum value is left out, with a warning, rather than refuse every
     * sign-up from the link). They win over whatever the invitee sent.
     */
    async presetsFor(invitation: { id: number; role: { id: number } | null; userDefaults: Record<string, unknown> | null }) {
      const attributes = defaultableAttributes();
      const presets = Object.fromEntries(
        Object.entries(invitation.userDefaults ?? {}).filter(([name]) => hasOwn(attributes, name))
      );
      const stillValid =
        Object.keys(presets).length === 0 || (await fitsUserModel(presets)) ? presets : await keepFitting(invitation.id, presets);
      return { ...stillValid, ...(invitation.role && { role: invitation.role.id }) };
    },
  };
};
