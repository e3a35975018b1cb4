import { useState } from 'react';
import {
  Box,
  Button,
  Checkbox,
  DatePicker,
  Field,
  Flex,
  Grid,
  Modal,
  NumberInput,
  SingleSelect,
  SingleSelectOption,
  TextInput,
  TimePicker,
  Typography,
} from '@strapi/design-system';
import { useNotification } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { useInvitationsApi, useRequest } from '../api';
import { adminTimeZone, timeOfDay, toCalendarValue } from '../utils/dates';
import { fieldErrorsOf, messageOf, reasonOf } from '../utils/errors';
import {
  toInvitationChanges,
  toInvitationInput,
  validateInvitationForm,
  type FormErrors,
  type InvitationFormValues,
} from '../utils/form';
import { DialogFooter } from './DialogForm';
import { FormField } from './FormField';
import { CodeField } from './CodeField';
import { EmailDomainsField } from './EmailDomainsField';
import { AutoApproveDomainsField } from './AutoApproveDomainsField';
import { ReminderField } from './ReminderField';
import { usePluginTranslation } from '../utils/translations';
import { editableUserFields, FirstAccessFields } from './FirstAccessFields';
import { LoadFailure } from './Notice';
import { InvitationLink } from './InvitationLink';
import { CODE_TAKEN, type Invitation } from '../../../shared';

interface Props {
  /** The invitation to edit; none to create one. */
  invitation?: Invitation;
  onClose: () => void;
  onSaved: (invitation: Invitation) => void;
}

/** The fields whose server errors show under them; userDefaults only when presets are offered. */
const ALWAYS_DISPLAYED: Array<keyof FormErrors> = [
  'name',
  'maxUses',
  'expiresAt',
  'role',
  'code',
  'allowedEmailDomains',
  'autoApproveDomains',
  'welcomeMessage',
  'redirectUrl',
  'remindBeforeDays',
];

const initialValues = (invitation: Invitation | undefined): InvitationFormValues => {
  if (invitation) {
    const expiresAt = new Date(invitation.expiresAt);
    return {
      name: invitation.name,
      maxUses: invitation.maxUses,
      expiryDay: expiresAt,
      expiryTime: timeOfDay(expiresAt),
      role: invitation.role?.id ?? null,
      welcomeMessage: invitation.welcomeMessage ?? '',
      redirectUrl: invitation.redirectUrl ?? '',
      userDefaults: invitation.userDefaults,
      allowedEmailDomains: invitation.allowedEmailDomains,
      autoApproveDomains: invitation.autoApproveDomains,
      allowExistingAccounts: invitation.allowExistingAccounts,
      code: invitation.code ?? '',
      remindBeforeDays: invitation.remindBeforeDays ?? undefined,
    };
  }
  return {
    name: '',
    maxUses: undefined,
    expiryDay: undefined,
    expiryTime: undefined,
    role: null,
    welcomeMessage: '',
    redirectUrl: '',
    userDefaults: {},
    allowedEmailDomains: [],
    autoApproveDomains: [],
    allowExistingAccounts: false,
    code: '',
    remindBeforeDays: undefined,
  };
};

/**
 * "Create invitation link" (and edit): name, number of invitations, expiration date, the email
 * domains it is limited to, and the new users' first access (role, welcome text, page after
 * sign-up, preset fields); Finish.
 */
export const InvitationFormModal = ({ invitation, onClose, onSaved }: Props) => {
  const { locale } = useIntl();
  const t = usePluginTranslation();
  const api = useInvitationsApi();
  const { toggleNotification } = useNotification();
  const roleGrant = invitation ? 'update' : 'create';
  const rolesRequest = useRequest(() => api.roles(roleGrant), [api, roleGrant]);
  const roles = rolesRequest.data;
  const firstAccess = useRequest(() => api.firstAccessOptions(), [api]);
  const firstAccessOptions = firstAccess.data;
  const [initial] = useState<InvitationFormValues>(() => initialValues(invitation));
  const [values, setValues] = useState<InvitationFormValues>(initial);
  const [errors, setErrors] = useState<FormErrors>({});
  const [isSubmitting, setIsSubmitting] = useState(false);
  const [created, setCreated] = useState<Invitation | null>(null);
  const isEdit = Boolean(invitation);

  // A link left with the default role is saved with `role: null`: it gives whatever role is the
  // default when someone signs up, and needs no right to give a role.
  const defaultRoleId = roles?.find((role) => role.isDefault)?.id;
  const roleValue = values.role ?? defaultRoleId;

  const set = <K extends keyof InvitationFormValues>(key: K, value: InvitationFormValues[K]) =>
    setValues((current) => ({ ...current, [key]: value }));

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    const clientErrors = validateInvitationForm(values, new Date(), invitation ? initial : undefined);
    setErrors(Object.fromEntries(Object.entries(clientErrors).map(([key, id]) => [key, t(id, id)])));
    if (Object.keys(clientErrors).length > 0) return;

    setIsSubmitting(true);
    try {
      if (invitation && Object.keys(toInvitationChanges(initial, values)).length === 0) {
        onClose();
        return;
      }
      const saved = invitation
        ? await api.update(invitation.id, toInvitationChanges(initial, values))
        : await api.create(toInvitationInput(values));
      toggleNotification({
        type: 'success',
        message: isEdit
          ? t('notification.updated', 'Invitation link saved')
          : t('notification.created', 'Invitation link created'),
      });
      onSaved(saved);
      if (isEdit) onClose();
      else setCreated(saved);
    } catch (error) {
      // Each field error goes under its field; one about a field the dialog does not show (a
      // preset it cannot edit, say) would be lost there, so it goes in a notification.
      if (reasonOf(error) === CODE_TAKEN) {
        setErrors({ code: t('form.error.codeTaken', 'Another invitation link already has this code: choose another one.') });
        return;
      }
      const displayed = new Set<string>(ALWAYS_DISPLAYED);
      if (editableUserFields(firstAccessOptions).length > 0) displayed.add('userDefaults');
      const serverErrors = Object.entries(fieldErrorsOf(error));
      const shown = serverErrors.filter(([field]) => displayed.has(field));
      const hidden = serverErrors.filter(([field]) => !displayed.has(field)).map(([, message]) => message);
      setErrors(Object.fromEntries(shown));
      if (shown.length === 0) {
        toggleNotification({
          type: 'danger',
          message: messageOf(error) ?? (hidden.join(' ') || t('notification.error', 'Something went wrong. Please try again.')),
        });
      } else if (hidden.length > 0) {
        toggleNotification({ type: 'danger', message: hidden.join(' ') });
      }
    } finally {
      setIsSubmitting(false);
    }
  };

  const title = isEdit ? t('form.edit.title', 'Edit invitation link') : t('form.create.title', 'Create invitation link');

  return (
    <Modal.Root open onOpenChange={(open: boolean) => !open && onClose()}>
      <Modal.Content>
        {created ? (
          <>
            <Modal.Header>
              <Modal.Title>{t('created.title', 'Your invitation link is ready')}</Modal.Title>
            </Modal.Header>
            <Modal.Body>
              <Flex direction="column" alignItems="stretch" gap={4}>
                <InvitationLink url={created.url} />
                <Typography variant="pi" textColor="neutral600">
                  {t(
                    'created.reminder',
                    'Check it before you send it: deleting the link is the only way to cancel an invitation.'
                  )}
                </Typography>
              </Flex>
            </Modal.Body>
            <Modal.Footer>
              <Box />
              <Button onClick={onClose}>{t('created.done', 'Done')}</Button>
            </Modal.Footer>
          </>
        ) : (
          <form onSubmit={submit} noValidate>
            <Modal.Header>
              <Modal.Title>{title}</Modal.Title>
            </Modal.Header>
            <Modal.Body>
              <Grid.Root gap={5}>
                <Grid.Item col={12} direction="column" alignItems="stretch">
                  <FormField
                    name="name"
                    error={errors.name}
                    hint={t(
                      'form.name.hint',
                      'Explains what this link is for, to you and to other administrators. Invitees never see it.'
                    )}
                    required
                    label={t('form.name', 'Name')}
                  >
                    <TextInput
                      value={values.name}
                      onChange={(e: React.ChangeEvent<HTMLInputElement>) => set('name', e.target.value)}
                      maxLength={255}
                    />
                  </FormField>
                </Grid.Item>
                <Grid.Item col={12} direction="column" alignItems="stretch">
                  <FormField
                    name="maxUses"
                    error={errors.maxUses}
                    hint={
                      invitation
                        ? t(
                            'form.maxUses.hint.edit',
                            'The most accounts that may be created from this link ({used} already made).',
                            {
                              used: invitation.usedCount,
                            }
                          )
                        : t('form.maxUses.hint', 'The most accounts that may be created from this link.')
                    }
                    required
                    label={t('form.maxUses', 'Number of invitations')}
                  >
                    <NumberInput
                      value={values.maxUses}
                      onValueChange={(value) => set('maxUses', value)}
                      step={1}
                      locale={locale}
                    />
                  </FormField>
                </Grid.Item>
                <Grid.Item col={7} s={12} direction="column" alignItems="stretch">
                  <FormField
                    name="expiresAt"
                    error={errors.expiresAt}
                    hint={t(
                      'form.expiresAt.hint',
                      'After this date the link shows an error and creates no account. It works until the end of the chosen day ({timeZone}) unless you set a time.',
                      { timeZone: adminTimeZone() }
                    )}
                    required
                    label={t('form.expiresAt', 'Expiration date')}
                  >
                    <DatePicker
                      value={values.expiryDay && toCalendarValue(values.expiryDay)}
                      onChange={(date) => set('expiryDay', date)}
                      onClear={() => set('expiryDay', undefined)}
                      minDate={toCalendarValue(new Date())}
                      locale={locale}
                      calendarLabel={t('form.expiresAt.calendar', 'Pick the expiration date')}
                      clearLabel={t('form.expiresAt.clear', 'Clear the date')}
                    />
                  </FormField>
                </Grid.Item>
                <Grid.Item col={5} s={12} direction="column" alignItems="stretch">
                  <FormField name="expiresTime" label={t('form.expiresTime', 'Time (optional)')}>
                    <TimePicker
                      value={values.expiryTime}
                      onChange={(time?: string) => set('expiryTime', time || undefined)}
                      onClear={() => set('expiryTime', undefined)}
                      clearLabel={t('form.expiresTime.clear', 'Clear the time')}
                      step={15}
                    />
                  </FormField>
                </Grid.Item>
                <Grid.Item col={12} direction="column" alignItems="stretch">
                  <ReminderField
                    value={values.remindBeforeDays}
                    onChange={(days) => set('remindBeforeDays', days)}
                    error={errors.remindBeforeDays}
                  />
                </Grid.Item>
                {rolesRequest.error !== undefined && (
                  <Grid.Item col={12} direction="column" alignItems="stretch">
                    <LoadFailure
                      request={rolesRequest}
                      message={(reason) => t('form.roles.error', 'The roles could not be loaded: {reason}', { reason })}
                    />
                  </Grid.Item>
                )}
                <Grid.Item col={12} direction="column" alignItems="stretch">
                  <FormField
                    name="role"
                    error={errors.role}
                    hint={t('form.role.hint', 'What the people who sign up with this link may do on the site.')}
                    label={t('form.role', 'Role of new accounts')}
                  >
                    <SingleSelect
                      value={roleValue === undefined ? undefined : String(roleValue)}
                      onChange={(value: string | number) => set('role', Number(value) === defaultRoleId ? null : Number(value))}
                    >
                      {(roles ?? []).map((role) => (
                        <SingleSelectOption key={role.id} value={String(role.id)}>
                          {role.isDefault ? t('role.default.named', '{name} (default)', { name: role.name }) : role.name}
                        </SingleSelectOption>
                      ))}
                    </SingleSelect>
                  </FormField>
                </Grid.Item>
                <Grid.Item col={12} direction="column" alignItems="stretch">
                  <Field.Root
                    name="allowExistingAccounts"
                    hint={t(
                      'form.allowExistingAccounts.hint',
                      'Members who already have an account can sign in on the link’s page to accept it: their role becomes this link’s role, and each one takes a seat.'
                    )}
                  >
                    <Checkbox
                      checked={values.allowExistingAccounts}
                      onCheckedChange={(checked: boolean | 'indeterminate') => set('allowExistingAccounts', checked === true)}
                    >
                      {t('form.allowExistingAccounts', 'Existing accounts can accept this link')}
                    </Checkbox>
                    <Field.Hint />
                  </Field.Root>
                </Grid.Item>
                <Grid.Item col={12} direction="column" alignItems="stretch">
                  <CodeField
                    value={values.code}
                    onChange={(code) => set('code', code)}
                    error={errors.code}
                    hiddenCode={Boolean(invitation?.hasCode && invitation.code === undefined)}
                  />
                </Grid.Item>
                <Grid.Item col={12} direction="column" alignItems="stretch">
                  <EmailDomainsField
                    entries={values.allowedEmailDomains}
                    onChange={(entries) => set('allowedEmailDomains', entries)}
                    error={errors.allowedEmailDomains}
                  />
                </Grid.Item>
                <Grid.Item col={12} direction="column" alignItems="stretch">
                  <AutoApproveDomainsField
                    entries={values.autoApproveDomains}
                    onChange={(entries) => set('autoApproveDomains', entries)}
                    error={errors.autoApproveDomains}
                  />
                </Grid.Item>
                {firstAccess.error !== undefined && (
                  <Grid.Item col={12} direction="column" alignItems="stretch">
                    <LoadFailure
                      request={firstAccess}
                      message={(reason) =>
                        t(
                          'form.firstAccess.error',
                          'The preset account fields and the addresses allowed after sign-up could not be loaded: {reason}',
                          { reason }
                        )
                      }
                    />
                  </Grid.Item>
                )}
                <FirstAccessFields values={values} errors={errors} options={firstAccessOptions} set={set} />
              </Grid.Root>
            </Modal.Body>
            <DialogFooter loading={isSubmitting} submitLabel={isEdit ? t('form.save', 'Save') : t('form.finish', 'Finish')} />
          </form>
        )}
      </Modal.Content>
    </Modal.Root>
  );
};
