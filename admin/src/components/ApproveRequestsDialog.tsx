import { useState } from 'react';
import { Combobox, ComboboxOption, Flex, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import { useInvitationsApi, useRequest } from '../api';
import { useDebouncedValue } from '../utils/debounce';
import { formatInstant } from '../utils/format';
import { usePluginTranslation } from '../utils/translations';
import { DecisionDialog, sendForEach, type DecisionDialogProps } from './DecisionDialog';
import { defaultEmailLanguage, EmailLanguageField } from './EmailLanguageField';
import { FormField } from './FormField';
import { LoadFailure, Notice } from './Notice';
import type { ApprovableLink } from '../../../shared';

interface LinkPickerProps {
  value: ApprovableLink | undefined;
  onChange: (link: ApprovableLink | undefined) => void;
  error?: string;
}

/** The active links an approval can use, searched by name on the server as the admin types. */
const LinkPicker = ({ value, onChange, error }: LinkPickerProps) => {
  const intl = useIntl();
  const t = usePluginTranslation();
  const api = useInvitationsApi();
  const [text, setText] = useState('');
  const q = useDebouncedValue(text.trim(), 300);
  const request = useRequest(() => api.approvalLinks(q), [api, q]);
  const links = request.data ?? [];
  const describe = (link: ApprovableLink) =>
    t('requests.approve.linkOption', '{name} ({remaining, plural, one {# seat left} other {# seats left}}, expires {date})', {
      name: link.name,
      remaining: link.remaining,
      date: formatInstant(intl, link.expiresAt),
    });
  // The chosen link stays an option while another search shows other links.
  const options = value && !links.some((link) => link.id === value.id) ? [value, ...links] : links;
  return (
    <Flex direction="column" alignItems="stretch" gap={2}>
      <FormField
        name="invitationId"
        required
        error={error}
        label={t('requests.approve.link', 'Link')}
        hint={t(
          'requests.approve.link.hint',
          'Each person gets a personal link of it by email: usable once, and only with their address. Only active links with seats left are listed.'
        )}
      >
        <Combobox
          autocomplete="none"
          value={value ? String(value.id) : ''}
          onChange={(id?: string) => onChange(options.find((link) => String(link.id) === id))}
          onInputChange={(event) => setText(event.target.value)}
          onClear={() => onChange(undefined)}
          clearLabel={t('requests.approve.link.clear', 'Clear the link')}
          placeholder={t('requests.approve.link.placeholder', 'Search a link by name')}
          loading={request.isLoading}
          loadingMessage={t('requests.approve.link.loading', 'Loading links…')}
          noOptionsMessage={() => t('requests.approve.link.none', 'No active link with seats left matches.')}
        >
          {options.map((link) => (
            <ComboboxOption key={link.id} value={String(link.id)}>
              {describe(link)}
            </ComboboxOption>
          ))}
        </Combobox>
      </FormField>
      {request.error !== undefined && <LoadFailure request={request} />}
    </Flex>
  );
};

/** Approve one request or the selected ones: pick a link and the email's language, then confirm. */
export const ApproveRequestsDialog = ({ requests, onClose, onDecided }: DecisionDialogProps) => {
  const { locale } = useIntl();
  const t = usePluginTranslation();
  const api = useInvitationsApi();
  const [link, setLink] = useState<ApprovableLink>();
  const [language, setLanguage] = useState(() => defaultEmailLanguage(locale));
  const [linkError, setLinkError] = useState<string>();
  const count = requests.length;

  const send = () => {
    if (!link) {
      setLinkError(t('requests.approve.link.required', 'Choose the link to send'));
      return undefined;
    }
    return sendForEach(requests, { invitationId: link.id, language }, api.approveRequest, api.bulkApprove);
  };

  return (
    <DecisionDialog
      decision="approve"
      title={
        count === 1
          ? t('requests.approve.title', 'Approve the request of {email}', { email: requests[0].email })
          : t('requests.approve.titleMany', 'Approve {count} requests', { count })
      }
      confirmLabel={
        count === 1
          ? t('requests.approve.confirm', 'Approve and send')
          : t('requests.approve.confirmMany', 'Approve {count} and send', { count })
      }
      send={send}
      onClose={onClose}
      onDecided={onDecided}
    >
      <LinkPicker
        value={link}
        onChange={(next) => {
          setLink(next);
          setLinkError(undefined);
        }}
        error={linkError}
      />
      {link && link.remaining < count && (
        <Notice variant="warning">
          {t(
            'requests.approve.seats',
            '{remaining, plural, one {This link has # seat left} other {This link has # seats left}} for {count} people: the first to sign up get the accounts.',
            { remaining: link.remaining, count }
          )}
        </Notice>
      )}
      <EmailLanguageField adminLocale={locale} value={language} onChange={setLanguage} />
      <Typography variant="pi" textColor="neutral600">
        {t(
          'requests.approve.note',
          'The email is the Personal invitation template, as Send invitation sends it; it is recorded in the link’s emails and recipients.'
        )}
      </Typography>
    </DecisionDialog>
  );
};
