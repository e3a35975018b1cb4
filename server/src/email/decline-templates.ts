import { escapeHtml } from '../../../shared';
import { emailPage, type EmailTemplate } from './templates';

/**
 * The answer to a declined access request (`access-request-declined`), in each shipped language:
 * a greeting, thanks, the answer, then the reviewer's own words if they wrote any (`{{message}}`).
 * No link and no sender's name: the person asked the site, not one of its admins.
 */
interface DeclineWords {
  lang: string;
  subject: string;
  greeting: string;
  thanks: string;
  answer: string;
}

const textTemplate = (words: DeclineWords) => `${words.greeting}

${words.thanks}
${words.answer}
{{#message}}
{{message}}
{{/message}}`;

const PARAGRAPH_STYLE = 'margin:0 0 16px;font-size:16px;line-height:1.5';

const htmlTemplate = (words: DeclineWords) =>
  emailPage(
    words.lang,
    `<p style="${PARAGRAPH_STYLE}">${escapeHtml(words.greeting)}</p>
<p style="${PARAGRAPH_STYLE}">${escapeHtml(words.thanks)}<br>${escapeHtml(words.answer)}</p>
{{#message}}<p style="${PARAGRAPH_STYLE};padding:12px 16px;border-left:4px solid #4945ff;background:#f0f0ff">{{message}}</p>
{{/message}}`
  );

const templateOf = (words: DeclineWords): EmailTemplate => ({
  subject: words.subject,
  message: '',
  text: textTemplate(words),
  html: htmlTemplate(words),
});

const WORDS: DeclineWords[] = [
  {
    lang: 'en',
    subject: 'Your request to join {{siteName}}',
    greeting: 'Hello,',
    thanks: 'Thank you for your interest in {{siteName}}.',
    answer: 'Unfortunately, we cannot accept your request for access at this time.',
  },
  {
    lang: 'fr',
    subject: "Votre demande d'accès à {{siteName}}",
    greeting: 'Bonjour,',
    thanks: "Merci de l'intérêt que vous portez à {{siteName}}.",
    answer: "Malheureusement, nous ne pouvons pas donner suite à votre demande d'accès pour le moment.",
  },
  {
    lang: 'de',
    subject: 'Ihre Zugangsanfrage für {{siteName}}',
    greeting: 'Hallo,',
    thanks: 'vielen Dank für Ihr Interesse an {{siteName}}.',
    answer: 'Leider können wir Ihre Zugangsanfrage derzeit nicht annehmen.',
  },
  {
    lang: 'es',
    subject: 'Tu solicitud de acceso a {{siteName}}',
    greeting: 'Hola:',
    thanks: 'Gracias por tu interés en {{siteName}}.',
    answer: 'Lamentablemente, en este momento no podemos aceptar tu solicitud de acceso.',
  },
  {
    lang: 'it',
    subject: 'La tua richiesta di accesso a {{siteName}}',
    greeting: 'Ciao,',
    thanks: 'grazie per il tuo interesse per {{siteName}}.',
    answer: 'Purtroppo al momento non possiamo accettare la tua richiesta di accesso.',
  },
  {
    lang: 'pt-BR',
    subject: 'Sua solicitação de acesso a {{siteName}}',
    greeting: 'Olá,',
    thanks: 'Obrigado pelo seu interesse em {{siteName}}.',
    answer: 'Infelizmente, no momento não podemos aceitar sua solicitação de acesso.',
  },
  {
    lang: 'nl',
    subject: 'Uw toegangsaanvraag voor {{siteName}}',
    greeting: 'Hallo,',
    thanks: 'Bedankt voor uw interesse in {{siteName}}.',
    answer: 'Helaas kunnen wij uw toegangsaanvraag op dit moment niet accepteren.',
  },
];

/** The shipped answers by language; a language the site's config adds gets the English one until edited. */
export const BUILT_IN_DECLINE_TEMPLATES: Record<string, EmailTemplate> = Object.fromEntries(
  WORDS.map((words) => [words.lang, templateOf(words)])
);
