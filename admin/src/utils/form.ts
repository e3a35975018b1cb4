import { expiryInstant, startOfToday } from './dates';
import type { InvitationInput } from '../types';

export const MAX_USES_LIMIT = 100_000;

export interface InvitationFormValues {
  name: string;
  maxUses: number | undefined;
  expiryDay: Date | undefined;
  expiryTime: string | undefined;
  role: number | null;
}

export type FormErrors = Partial<Record<'name' | 'maxUses' | 'expiresAt' | 'role', string>>;

/** Message ids (under the plugin's prefix) of what is wrong before anything is sent. */
export const validateInvitationForm = (values: InvitationFormValues, now = new Date()): FormErrors => {
  const errors: FormErrors = {};
  if (values.name.trim().length === 0) errors.name = 'form.error.required';
  const { maxUses } = values;
  if (maxUses === undefined) errors.maxUses = 'form.error.required';
  else if (!Number.isInteger(maxUses) || maxUses < 1 || maxUses > MAX_USES_LIMIT) errors.maxUses = 'form.error.maxUses';
  if (!values.expiryDay) errors.expiresAt = 'form.error.required';
  else if (values.expiryDay < startOfToday() || expiryInstant(values.expiryDay, values.expiryTime) <= now) {
    errors.expiresAt = 'form.error.past';
  }
  return errors;
};

export const toInvitationInput = (values: InvitationFormValues): InvitationInput => ({
  name: values.name.trim(),
  maxUses: values.maxUses as number,
  expiresAt: expiryInstant(values.expiryDay as Date, values.expiryTime).toISOString(),
  role: values.role,
});
