import type { AdminAuthor } from '../../../shared';

/** The columns of the admin user a record's `createdBy` is populated with. */
export const ADMIN_AUTHOR_FIELDS = ['id', 'firstname', 'lastname', 'email'];

type PopulatedAdmin = { id: number; firstname?: unknown; lastname?: unknown; email?: unknown } | null | undefined;

export const presentAdminAuthor = (admin: PopulatedAdmin): AdminAuthor | null =>
  admin
    ? {
        id: admin.id,
        firstname: (admin.firstname as string | null | undefined) ?? null,
        lastname: (admin.lastname as string | null | undefined) ?? null,
        email: admin.email as string,
      }
    : null;
