import { escapeHtml, SHIPPED_LANGUAGES } from '../../../shared';

/**
 * An invitation email in one language. Every part is a template (see render.ts): `subject` and
 * `message` prefill the admin's dialog, `text` and `html` are the two parts of the email.
 */
export interface EmailTemplate {
  subject: string;
  /** The personal message offered to the admin, who may change or clear it. */
  message: string;
  text: string;
  html: string;
}

/** The sentences of the shipped templates; the layout is shared by every language. */
interface EmailWords {
  lang: string;
  subject: string;
  message: string;
  invitedBy: string;
  button: string;
  textLinkIntro: string;
  htmlLinkIntro: string;
  validUntil: string;
  ignore: string;
}

const textTemplate = (words: EmailWords) => `{{#message}}{{message}}

{{/message}}${words.invitedBy}

${words.textLinkIntro}
{{link}}

${words.validUntil}
${words.ignore}
`;

const BUTTON_STYLE =
  'display:inline-block;padding:12px 20px;background:#4945ff;color:#ffffff;text-decoration:none;border-radius:4px;font-weight:600';
const NOTE_STYLE = 'margin:0 0 12px;font-size:14px;line-height:1.5;color:#666687';

/** A built-in email's HTML page around `content`: the same frame for every email the plugin writes. */
export const emailPage = (lang: string, content: string) => `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{subject}}</title>
</head>
<body style="margin:0;padding:24px;background:#f6f6f9;color:#32324d;font-family:system-ui,-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif">
<div style="max-width:560px;margin:0 auto;padding:32px;background:#ffffff;border-radius:8px">
${content}</div>
</body>
</html>
`;

const htmlTemplate = (words: EmailWords) => {
  const say = (sentence: string) => escapeHtml(sentence);
  return emailPage(
    words.lang,
    `{{#message}}<p style="margin:0 0 24px;padding:12px 16px;border-left:4px solid #4945ff;background:#f0f0ff;font-size:16px;line-height:1.5">{{message}}</p>
{{/message}}<p style="margin:0 0 24px;font-size:16px;line-height:1.5">${say(words.invitedBy)}</p>
<p style="margin:0 0 24px"><a href="{{link}}" style="${BUTTON_STYLE}">${say(words.button)}</a></p>
<p style="${NOTE_STYLE}">${say(words.htmlLinkIntro)}<br><a href="{{link}}" style="color:#4945ff;word-break:break-all">{{link}}</a></p>
<p style="${NOTE_STYLE}">${say(words.validUntil)}<br>${say(words.ignore)}</p>
`
  );
};

const templateOf = (words: EmailWords): EmailTemplate => ({
  subject: words.subject,
  message: words.message,
  text: textTemplate(words),
  html: htmlTemplate(words),
});

const en: EmailWords = {
  lang: 'en',
  subject: 'Your invitation to join {{siteName}}',
  message: 'Hello,\n\nI would like you to join us on {{siteName}}.',
  invitedBy: '{{senderName}} invites you to create an account on {{siteName}}.',
  button: 'Create my account',
  textLinkIntro: 'Click this invitation link to create your account:',
  htmlLinkIntro: 'Or copy this invitation link into your browser:',
  validUntil: 'This invitation link works until {{expiresAt}}.',
  ignore: 'If you were not expecting this invitation, you can ignore this email.',
};

// The French words are those of the portal's own help on sending invitations.
const fr: EmailWords = {
  lang: 'fr',
  subject: 'Votre invitation à rejoindre {{siteName}}',
  message: 'Bonjour,\n\nJe vous invite à nous rejoindre sur {{siteName}}.',
  invitedBy: '{{senderName}} vous invite à créer un nouveau compte sur {{siteName}}.',
  button: 'Créer mon compte',
  textLinkIntro: "Cliquez sur ce lien d'invitation pour créer votre compte :",
  htmlLinkIntro: "Vous pouvez aussi copier ce lien d'invitation dans votre navigateur :",
  validUntil: "Ce lien d'invitation est valable jusqu'au {{expiresAt}}.",
  ignore: "Si vous n'attendiez pas cette invitation, vous pouvez ignorer ce courrier électronique.",
};

// German and Dutch address the invitee formally (Sie, u), Spanish, Italian and Brazilian Portuguese
// familiarly (tú, tu, você), as invitations are usually written in each.
const de: EmailWords = {
  lang: 'de',
  subject: 'Ihre Einladung zu {{siteName}}',
  message: 'Hallo,\n\nich möchte Sie einladen, bei {{siteName}} dabei zu sein.',
  invitedBy: '{{senderName}} lädt Sie ein, ein Konto auf {{siteName}} zu erstellen.',
  button: 'Mein Konto erstellen',
  textLinkIntro: 'Klicken Sie auf diesen Einladungslink, um Ihr Konto zu erstellen:',
  htmlLinkIntro: 'Oder kopieren Sie diesen Einladungslink in Ihren Browser:',
  validUntil: 'Dieser Einladungslink ist gültig bis {{expiresAt}}.',
  ignore: 'Wenn Sie diese Einladung nicht erwartet haben, können Sie diese E-Mail ignorieren.',
};

const es: EmailWords = {
  lang: 'es',
  subject: 'Tu invitación para unirte a {{siteName}}',
  message: 'Hola:\n\nMe gustaría que te unieras a nosotros en {{siteName}}.',
  invitedBy: '{{senderName}} te invita a crear una cuenta en {{siteName}}.',
  button: 'Crear mi cuenta',
  textLinkIntro: 'Haz clic en este enlace de invitación para crear tu cuenta:',
  htmlLinkIntro: 'O copia y pega este enlace de invitación en tu navegador:',
  validUntil: 'Este enlace de invitación es válido hasta el {{expiresAt}}.',
  ignore: 'Si no esperabas esta invitación, puedes ignorar este correo electrónico.',
};

const it: EmailWords = {
  lang: 'it',
  subject: 'Il tuo invito a unirti a {{siteName}}',
  message: 'Ciao,\n\nmi piacerebbe che ti unissi a noi su {{siteName}}.',
  invitedBy: '{{senderName}} ti invita a creare un account su {{siteName}}.',
  button: 'Crea il mio account',
  textLinkIntro: 'Fai clic su questo link di invito per creare il tuo account:',
  htmlLinkIntro: 'Oppure copia questo link di invito nel tuo browser:',
  validUntil: 'Data di scadenza di questo link di invito: {{expiresAt}}.',
  ignore: 'Se non ti aspettavi questo invito, puoi ignorare questa email.',
};

const ptBR: EmailWords = {
  lang: 'pt-BR',
  subject: 'Seu convite para participar de {{siteName}}',
  message: 'Olá,\n\nGostaria que você se juntasse a nós em {{siteName}}.',
  invitedBy: '{{senderName}} convida você para criar uma conta em {{siteName}}.',
  button: 'Criar minha conta',
  textLinkIntro: 'Clique neste link de convite para criar sua conta:',
  htmlLinkIntro: 'Ou copie e cole este link de convite no seu navegador:',
  validUntil: 'Este link de convite é válido até {{expiresAt}}.',
  ignore: 'Se você não esperava este convite, pode ignorar este e-mail.',
};

const nl: EmailWords = {
  lang: 'nl',
  subject: 'Uw uitnodiging voor {{siteName}}',
  message: 'Hallo,\n\nGraag nodig ik u uit om u bij ons aan te sluiten op {{siteName}}.',
  invitedBy: '{{senderName}} nodigt u uit om een account aan te maken op {{siteName}}.',
  button: 'Mijn account aanmaken',
  textLinkIntro: 'Klik op deze uitnodigingslink om uw account aan te maken:',
  htmlLinkIntro: 'Of kopieer deze uitnodigingslink naar uw browser:',
  validUntil: 'Deze uitnodigingslink is geldig tot {{expiresAt}}.',
  ignore: 'Als u deze uitnodiging niet verwachtte, kunt u deze e-mail negeren.',
};

export const DEFAULT_LOCALE = 'en';

/** The languages the plugin ships templates for. */
export const BUILT_IN_LOCALES = SHIPPED_LANGUAGES;

/** The templates shipped with the plugin; a site's config can change them or add languages. */
export const BUILT_IN_TEMPLATES: Record<string, EmailTemplate> = {
  en: templateOf(en),
  fr: templateOf(fr),
  de: templateOf(de),
  es: templateOf(es),
  it: templateOf(it),
  'pt-BR': templateOf(ptBR),
  nl: templateOf(nl),
};
