import {
  Flex,
  Grid,
  NumberInput,
  SingleSelect,
  SingleSelectOption,
  TextInput,
  Textarea,
  Typography,
} from '@strapi/design-system';
import { useIntl } from 'react-intl';
import { FormField } from './FormField';
import { usePluginTranslation } from '../utils/translations';
import type { FormErrors, InvitationFormValues } from '../utils/form';
import type { FirstAccessOptions, UserField } from '../../../shared';

const NUMBER_TYPES = new Set(['integer', 'biginteger', 'float', 'decimal']);
/** JSON presets are set through the API: a text box would be a poor editor for them. */
const isEditableHere = (field: UserField) => field.type !== 'json';

/** The user fields the dialog offers to preset; none until the options have loaded. */
export const editableUserFields = (options: FirstAccessOptions | undefined) => (options?.userFields ?? []).filter(isEditableHere);

interface UserFieldInputProps {
  field: UserField;
  value: unknown;
  onChange: (value: unknown) => void;
}

/** One preset user field; clearing it means the invitation leaves that field alone. */
const UserFieldInput = ({ field, value, onChange }: UserFieldInputProps) => {
  const { locale } = useIntl();
  const t = usePluginTranslation();
  const notSet = t('form.userDefaults.notSet', 'Not set');
  if (field.type === 'boolean' || field.type === 'enumeration') {
    const options =
      field.type === 'boolean'
        ? [
            { value: 'true', label: t('form.userDefaults.yes', 'Yes') },
            { value: 'false', label: t('form.userDefaults.no', 'No') },
          ]
        : (field.enum ?? []).map((option) => ({ value: option, label: option }));
    return (
      <SingleSelect
        value={value === undefined ? undefined : String(value)}
        placeholder={notSet}
        onChange={(selected: string | number) => onChange(field.type === 'boolean' ? selected === 'true' : String(selected))}
        onClear={() => onChange(undefined)}
        clearLabel={t('form.userDefaults.clear', 'Do not preset this field')}
      >
        {options.map((option) => (
          <SingleSelectOption key={option.value} value={option.value}>
            {option.label}
          </SingleSelectOption>
        ))}
      </SingleSelect>
    );
  }
  if (NUMBER_TYPES.has(field.type)) {
    return <NumberInput value={value as number | undefined} onValueChange={onChange} locale={locale} placeholder={notSet} />;
  }
  return (
    <TextInput
      value={(value as string | undefined) ?? ''}
      placeholder={notSet}
      maxLength={field.maxLength}
      onChange={(event: React.ChangeEvent<HTMLInputElement>) =>
        onChange(event.target.value === '' ? undefined : event.target.value)
      }
    />
  );
};

interface Props {
  values: InvitationFormValues;
  errors: FormErrors;
  options: FirstAccessOptions | undefined;
  set: <K extends keyof InvitationFormValues>(key: K, value: InvitationFormValues[K]) => void;
}

/** The new user's first access, beyond the role: the welcome text, where they land, their presets. */
export const FirstAccessFields = ({ values, errors, options, set }: Props) => {
  const t = usePluginTranslation();
  const redirectOrigins = options?.redirectOrigins ?? [];
  // Known only once the options have loaded: until then, nothing is refused.
  const noRedirectAllowed = options !== undefined && redirectOrigins.length === 0;
  const userFields = editableUserFields(options);

  const setUserDefault = (name: string, value: unknown) => {
    const { [name]: _previous, ...others } = values.userDefaults;
    set('userDefaults', value === undefined ? others : { ...others, [name]: value });
  };

  return (
    <>
      <Grid.Item col={12} direction="column" alignItems="stretch">
        <FormField
          name="welcomeMessage"
          error={errors.welcomeMessage}
          hint={t('form.welcomeMessage.hint', 'Shown to invitees on the sign-up page, above the form.')}
          label={t('form.welcomeMessage', 'Welcome message')}
        >
          <Textarea
            value={values.welcomeMessage}
            maxLength={2000}
            onChange={(event: React.ChangeEvent<HTMLTextAreaElement>) => set('welcomeMessage', event.target.value)}
          />
        </FormField>
      </Grid.Item>
      <Grid.Item col={12} direction="column" alignItems="stretch">
        <FormField
          name="redirectUrl"
          error={errors.redirectUrl}
          hint={
            !noRedirectAllowed
              ? t('form.redirectUrl.hint', 'Where new users go after signing up. It must start with {origins}.', {
                  origins: redirectOrigins.join(', ') || '…',
                })
              : t(
                  'form.redirectUrl.hint.none',
                  "No address is allowed yet: add your site's origin to the plugin's redirectOrigins setting."
                )
          }
          label={t('form.redirectUrl', 'Page after sign-up (optional)')}
        >
          <TextInput
            type="url"
            value={values.redirectUrl}
            placeholder={redirectOrigins[0] ? `${redirectOrigins[0]}/welcome` : undefined}
            disabled={noRedirectAllowed && values.redirectUrl === ''}
            onChange={(event: React.ChangeEvent<HTMLInputElement>) => set('redirectUrl', event.target.value)}
          />
        </FormField>
      </Grid.Item>
      {userFields.length > 0 && (
        <Grid.Item col={12} direction="column" alignItems="stretch">
          <Flex direction="column" alignItems="stretch" gap={1}>
            <Typography variant="sigma" textColor="neutral600" tag="h3">
              {t('form.userDefaults', 'Preset account fields')}
            </Typography>
            <Typography variant="pi" textColor="neutral600">
              {t(
                'form.userDefaults.hint',
                'Every account created from this link gets these values; invitees cannot change them when signing up.'
              )}
            </Typography>
            {errors.userDefaults && (
              <Typography variant="pi" textColor="danger600" role="alert">
                {errors.userDefaults}
              </Typography>
            )}
          </Flex>
        </Grid.Item>
      )}
      {userFields.map((field) => (
        <Grid.Item key={field.name} col={6} s={12} direction="column" alignItems="stretch">
          <FormField name={`userDefaults.${field.name}`} label={field.name}>
            <UserFieldInput
              field={field}
              value={values.userDefaults[field.name]}
              onChange={(value) => setUserDefault(field.name, value)}
            />
          </FormField>
        </Grid.Item>
      ))}
    </>
  );
};
