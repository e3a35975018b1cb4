import { useMemo, useState } from 'react';
import {
  Box,
  Button,
  Flex,
  Grid,
  SingleSelect,
  SingleSelectOption,
  Textarea,
  TextInput,
  Typography,
} from '@strapi/design-system';
import { ArrowClockwise, Check, PaperPlane } from '@strapi/icons';
import { Layouts, Page, useNotification } from '@strapi/strapi/admin';
import {
  EMAIL_KINDS,
  languageName,
  MASKED_TOKEN,
  PERMISSIONS,
  renderBodyAsHtml,
  renderTemplate,
  templatePartProblem,
  TEMPLATE_BODY_MAX_LENGTH,
  TEMPLATE_SUBJECT_MAX_LENGTH,
  type EmailKind,
  type EmailTemplateRow,
  type EmailTemplateText,
  type TemplateProblem,
} from '../../../shared';
import { useInvitationsApi, useRequest } from '../api';
import { ConfirmActionDialog } from '../components/ConfirmActionDialog';
import { EmailPreview } from '../components/EmailPreview';
import { FormField } from '../components/FormField';
import { LoadFailure } from '../components/Notice';
import { fieldErrorsOf, messageOf } from '../utils/errors';
import { usePluginTranslation } from '../utils/translations';

const SAMPLE_VALIDITY_MS = 7 * 24 * 60 * 60 * 1000;

const keyOf = (kind: EmailKind, language: string) => `${kind}/${language}`;

/** A shipped language's name in itself, as the send dialog names it; a language the config adds, by its code. */

/** Sample values for the live preview; the link's token is masked, as in "Send me a test". */
const useSampleValues = (language: string, subject: string) => {
  const t = usePluginTranslation();
  // Fixed when the page opens: a week from then, as links often last.
  const [sampleExpiry] = useState(() => new Date(Date.now() + SAMPLE_VALIDITY_MS));
  return useMemo(() => {
    const known = {
      siteName: t('templates.sample.siteName', 'Your site'),
      senderName: t('templates.sample.senderName', 'Ada Lovelace'),
    };
    const expiresAt = new Intl.DateTimeFormat(language, { dateStyle: 'long', timeStyle: 'short' }).format(sampleExpiry);
    return {
      ...known,
      link: `${window.location.origin}/invitations/join/${MASKED_TOKEN}`,
      expiresAt,
      message: t('templates.sample.message', 'The personal message written in the send dialog goes here.'),
      subject: renderTemplate(subject, known),
    };
  }, [t, language, subject, sampleExpiry]);
};

/** A template's mistake in the admin's language. */
const useProblemText = () => {
  const t = usePluginTranslation();
  return (problem: TemplateProblem) => {
    switch (problem.code) {
      case 'unknown-variable':
        return t('templates.problem.unknown', '{variable} is not a variable of this email; it may use {allowed}', {
          variable: `{{${problem.variable}}}`,
          allowed: problem.allowed.map((name) => `{{${name}}}`).join(', '),
        });
      case 'open-section':
        return t('templates.problem.section', 'A section is opened with {start} but not closed with {end}', {
          start: '{{#…}}',
          end: '{{/…}}',
        });
      case 'missing-link':
        return t(
          'templates.problem.link',
          'The body must contain {link} outside any section: no email may go out without its link',
          {
            link: '{{link}}',
          }
        );
    }
  };
};

interface EditorProps {
  row: EmailTemplateRow;
  onChanged: (row: EmailTemplateRow) => void;
}

/** One template: subject and body, its variables, the live preview, and its three actions. */
const TemplateEditor = ({ row, onChanged }: EditorProps) => {
  const t = usePluginTranslation();
  const api = useInvitationsApi();
  const { toggleNotification } = useNotification();
  const [draft, setDraft] = useState<EmailTemplateText>({ subject: row.subject, body: row.body });
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState<'save' | 'test' | 'reset' | null>(null);
  const [confirmReset, setConfirmReset] = useState(false);
  const values = useSampleValues(row.language, draft.subject);
  const problemText = useProblemText();

  const problemOf = (part: keyof EmailTemplateText) => {
    if (draft[part].trim() === '') return t('templates.required', 'This field is required');
    const problem = templatePartProblem(row.kind, part, draft[part]);
    return problem && problemText(problem);
  };
  const problems = { subject: problemOf('subject'), body: problemOf('body') };
  const unsaved = draft.subject !== row.subject || draft.body !== row.body;
  const edit = (part: keyof EmailTemplateText) => (event: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => {
    setDraft((previous) => ({ ...previous, [part]: event.target.value }));
    setServerErrors((previous) => ({ ...previous, [part]: '' }));
  };

  /** Runs one action of the page; the server's message in a notification when it fails. */
  const run = async (action: 'save' | 'test' | 'reset', perform: () => Promise<string>) => {
    setBusy(action);
    try {
      toggleNotification({ type: 'success', message: await perform() });
    } catch (error) {
      setServerErrors(fieldErrorsOf(error));
      toggleNotification({ type: 'danger', message: messageOf(error) ?? t('templates.failed', 'The request failed') });
    } finally {
      setBusy(null);
    }
  };

  const save = () =>
    run('save', async () => {
      onChanged(await api.saveEmailTemplate(row.kind, row.language, draft));
      return t('templates.saved', 'Template saved: the next emails use it');
    });
  const sendTest = () =>
    run('test', async () => {
      const { sentTo } = await api.testEmailTemplate(row.kind, row.language);
      return t('templates.test.sent', 'Test email sent to {email}', { email: sentTo });
    });
  const reset = () =>
    run('reset', async () => {
      const after = await api.resetEmailTemplate(row.kind, row.language);
      setDraft({ subject: after.subject, body: after.body });
      onChanged(after);
      return t('templates.reset.done', 'Template reset to its default');
    });

  /** One part's field: its variables as the hint, the server's error or the form's own. */
  const partField = (part: keyof EmailTemplateText, label: string, input: React.ReactNode) => (
    <FormField
      name={part}
      label={label}
      hint={t('templates.variables', 'Variables: {variables}', {
        variables: row.variables[part].map((name) => `{{${name}}}`).join(' '),
      })}
      error={serverErrors[part] || problems[part] || undefined}
      required
    >
      {input}
    </FormField>
  );
  return (
    <Grid.Root gap={6}>
      <Grid.Item col={6} s={12} direction="column" alignItems="stretch" gap={4}>
        {partField(
          'subject',
          t('templates.subject', 'Subject'),
          <TextInput value={draft.subject} onChange={edit('subject')} maxLength={TEMPLATE_SUBJECT_MAX_LENGTH} />
        )}
        {partField(
          'body',
          t('templates.body', 'Body'),
          <Textarea value={draft.body} onChange={edit('body')} rows={16} maxLength={TEMPLATE_BODY_MAX_LENGTH} />
        )}
        <Typography variant="pi" textColor="neutral600">
          {t(
            'templates.sections',
            'Text between {start} and {end} is left out when the send dialog has no message. The body is plain text: the HTML part is made from it, with every value escaped.',
            { start: '{{#message}}', end: '{{/message}}' }
          )}
        </Typography>
        <Flex gap={2} wrap="wrap">
          <Button
            startIcon={<Check />}
            onClick={save}
            loading={busy === 'save'}
            disabled={!unsaved || Boolean(problems.subject || problems.body) || busy !== null}
          >
            {t('templates.save', 'Save')}
          </Button>
          <Button
            variant="secondary"
            startIcon={<PaperPlane />}
            onClick={sendTest}
            loading={busy === 'test'}
            disabled={unsaved || busy !== null}
            title={unsaved ? t('templates.test.unsaved', 'Save first: the test sends the saved template') : undefined}
          >
            {t('templates.test', 'Send me a test')}
          </Button>
          <ConfirmActionDialog
            open={confirmReset}
            onOpenChange={setConfirmReset}
            trigger={
              <Button
                variant="danger-light"
                startIcon={<ArrowClockwise />}
                disabled={row.isDefault || busy !== null}
                loading={busy === 'reset'}
              >
                {t('templates.reset', 'Reset to default')}
              </Button>
            }
            title={t('templates.reset.title', 'Reset this template?')}
            text={t(
              'templates.reset.text',
              'Your subject and body are deleted; the next emails use the default text again (the config file’s, else the built-in one).'
            )}
            onConfirm={reset}
          />
        </Flex>
      </Grid.Item>
      <Grid.Item col={6} s={12} direction="column" alignItems="stretch" gap={2}>
        <EmailPreview
          note={t('templates.preview', 'Sample values fill the template; the link is not a real one.')}
          preview={{ subject: values.subject, html: renderBodyAsHtml(draft.body, values, row.language) }}
        />
      </Grid.Item>
    </Grid.Root>
  );
};

/** Settings > Invitations > Email templates: pick an email and a language, edit it, preview it, test it. */
export const EmailTemplatesPage = () => {
  const t = usePluginTranslation();
  const api = useInvitationsApi();
  const request = useRequest(() => api.emailTemplates(), [api]);
  const [kind, setKind] = useState<EmailKind>('invitation');
  const [language, setLanguage] = useState('en');
  // Rows the admin saved or reset since the list loaded.
  const [changed, setChanged] = useState<Record<string, EmailTemplateRow>>({});

  const rows = request.data ?? [];
  const languages = [...new Set(rows.map((row) => row.language))];
  const key = keyOf(kind, language);
  const row = changed[key] ?? rows.find((candidate) => candidate.kind === kind && candidate.language === language);
  const kindLabels: Record<EmailKind, string> = {
    invitation: t('templates.kind.invitation', 'Invitation (shared link)'),
    'personal-invitation': t('templates.kind.personal-invitation', 'Personal invitation (personal link)'),
    'access-request-declined': t('templates.kind.access-request-declined', 'Access request declined (answer to the requester)'),
  };

  return (
    <Page.Main>
      <Page.Title>{t('templates.title', 'Email templates')}</Page.Title>
      <Layouts.Header
        title={t('templates.title', 'Email templates')}
        subtitle={t(
          'templates.subtitle',
          'The subject and body of each email the plugin sends, per language. Until edited, a template is the config file’s, else the built-in text.'
        )}
      />
      <Layouts.Content>
        {request.error ? (
          <LoadFailure request={request} />
        ) : request.isLoading && !request.data ? (
          <Page.Loading />
        ) : (
          <Flex direction="column" alignItems="stretch" gap={6} background="neutral0" padding={6} shadow="tableShadow" hasRadius>
            <Flex gap={4} wrap="wrap">
              <Box minWidth="16rem">
                <FormField name="kind" label={t('templates.kind', 'Email')}>
                  <SingleSelect value={kind} onChange={(value: string | number) => setKind(String(value) as EmailKind)}>
                    {EMAIL_KINDS.map((option) => (
                      <SingleSelectOption key={option} value={option}>
                        {kindLabels[option]}
                      </SingleSelectOption>
                    ))}
                  </SingleSelect>
                </FormField>
              </Box>
              <Box minWidth="16rem">
                <FormField name="language" label={t('templates.language', 'Language')}>
                  <SingleSelect value={language} onChange={(value: string | number) => setLanguage(String(value))}>
                    {languages.map((option) => (
                      <SingleSelectOption key={option} value={option}>
                        {languageName(option)}
                      </SingleSelectOption>
                    ))}
                  </SingleSelect>
                </FormField>
              </Box>
              {row && (
                <Box paddingTop={6}>
                  <Typography variant="pi" textColor="neutral600" data-testid="template-status">
                    {row.isDefault ? t('templates.status.default', 'Default text') : t('templates.status.edited', 'Edited')}
                  </Typography>
                </Box>
              )}
            </Flex>
            {row && (
              <TemplateEditor
                key={key}
                row={row}
                onChanged={(next) => setChanged((previous) => ({ ...previous, [key]: next }))}
              />
            )}
          </Flex>
        )}
      </Layouts.Content>
    </Page.Main>
  );
};

/** What the settings link loads: the page, for admins whose role has "Edit email templates". */
const ProtectedEmailTemplatesPage = () => (
  <Page.Protect permissions={PERMISSIONS.editEmailTemplates}>
    <EmailTemplatesPage />
  </Page.Protect>
);

export default ProtectedEmailTemplatesPage;
