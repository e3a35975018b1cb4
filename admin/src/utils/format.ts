import type { IntlShape } from 'react-intl';
import type { Invitation } from '../../../shared';

/** A date and time in the admin's locale and time zone. */
export const formatInstant = (intl: IntlShape, value: string) =>
  intl.formatDate(value, { dateStyle: 'medium', timeStyle: 'short' });

export const formatUses = (invitation: Pick<Invitation, 'usedCount' | 'maxUses'>) =>
  `${invitation.usedCount} / ${invitation.maxUses}`;

export const adminName = (admin: Invitation['createdBy']) => {
  if (!admin) return '—';
  const name = [admin.firstname, admin.lastname].filter(Boolean).join(' ');
  return name || admin.email;
};
