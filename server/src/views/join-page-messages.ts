/** The hosted sign-up page's words, in each language it speaks. English is the fallback. */
export const JOIN_PAGE_LOCALES = ['en', 'fr'] as const;
export type JoinPageLocale = (typeof JOIN_PAGE_LOCALES)[number];

/** A list of domains as the hint shows it, with what a `*.` entry means when one has it. */
const domainList = (domains: string[], wildcardNote: string) =>
  `${domains.join(', ')}${domains.some((domain) => domain.startsWith('*.')) ? ` ${wildcardNote}` : ''}`;

export interface JoinPageMessages {
  formTitle: string;
  formIntro: string;
  username: string;
  email: string;
  password: string;
  passwordHint: string;
  submit: string;
  expiresOn: (date: string) => string;
  existingAccount: string;
  errorSummary: string;
  required: string;
  invalidEmail: string;
  /** Under the email field of a link limited to some domains: which they are. */
  emailDomainsHint: (domains: string[]) => string;
  /** Next to the email field, when the address is not at one of the link's domains. */
  emailDomainRefused: string;
  /** Under the read-only email field of a personal link. */
  personalEmailHint: string;
  /** Next to the email field, when a personal link is used with another address. */
  emailMismatch: string;
  passwordTooLong: string;
  accountTaken: string;
  registrationFailed: string;
  notFoundTitle: string;
  notFoundText: string;
  expiredTitle: string;
  expiredText: string;
  exhaustedTitle: string;
  exhaustedText: string;
  usedTitle: string;
  usedText: string;
  formExpiredTitle: string;
  formExpiredText: string;
  reload: string;
  createdTitle: string;
  createdText: string;
  confirmEmailText: string;
  /** The account exists, but the email that confirms its address could not be sent. */
  confirmEmailFailedText: string;
  /** The link to the invitation's page after sign-up, when the email must be confirmed first. */
  continueLink: string;
  tooManyRequestsTitle: string;
  tooManyRequestsText: string;
}

const en: JoinPageMessages = {
  formTitle: 'Create your account',
  formIntro: 'You have been invited to join this site. Choose a username and a password to create your account.',
  username: 'Username',
  email: 'Email',
  password: 'Password',
  passwordHint: 'At least 6 characters.',
  submit: 'Create my account',
  expiresOn: (date) => `This invitation link is valid until ${date}.`,
  existingAccount: 'Already have an account? Log in to the site instead: this link only creates new accounts.',
  errorSummary: 'Your account was not created. Please correct the fields below.',
  required: 'This field is required.',
  invalidEmail: 'Enter a valid email address.',
  emailDomainsHint: (domains) =>
    `Only addresses at these domains can be used: ${domainList(domains, '(* stands for any subdomain)')}.`,
  emailDomainRefused: 'This invitation does not accept addresses at this domain. Use an address at one of the domains above.',
  personalEmailHint: 'This invitation is personal: the account is created for this address.',
  emailMismatch: 'This invitation is personal: it can only be used with the address it was sent to.',
  passwordTooLong: 'The password is too long (72 bytes at most).',
  accountTaken:
    'An account already uses this email or username. If it is yours, log in to the site instead; otherwise choose another username.',
  registrationFailed: 'Your account could not be created. Please try again later.',
  notFoundTitle: 'This invitation link does not exist',
  notFoundText: 'It may have been mistyped or deleted. Ask the person who invited you for a new link.',
  expiredTitle: 'This invitation link has expired',
  expiredText: 'It can no longer be used to create an account. Ask the person who invited you for a new link.',
  exhaustedTitle: 'This invitation link has been used up',
  exhaustedText: 'All the accounts it allowed have been created. Ask the person who invited you for a new link.',
  usedTitle: 'This invitation link has already been used',
  usedText: 'Your account was already created with it: log in to the site instead.',
  formExpiredTitle: 'This form has expired',
  formExpiredText: 'For your security, open the invitation link again and fill in the form once more.',
  reload: 'Open the invitation link again',
  createdTitle: 'Your account is ready',
  createdText: 'You can now log in to the site with your email and password.',
  confirmEmailText: 'We have sent you an email: click the link in it to confirm your address, then log in.',
  confirmEmailFailedText:
    'Your account has been created, but the email that confirms your address could not be sent. Ask the person who invited you to have it sent again.',
  continueLink: 'Continue to the site',
  tooManyRequestsTitle: 'Too many attempts',
  tooManyRequestsText: 'For your security, please wait a minute, then open the invitation link again.',
};

const fr: JoinPageMessages = {
  formTitle: 'Créer votre compte',
  formIntro: 'Vous êtes invité à rejoindre ce site. Choisissez un nom d’utilisateur et un mot de passe pour créer votre compte.',
  username: 'Nom d’utilisateur',
  email: 'Adresse électronique',
  password: 'Mot de passe',
  passwordHint: 'Au moins 6 caractères.',
  submit: 'Créer mon compte',
  expiresOn: (date) => `Ce lien d’invitation est valable jusqu’au ${date}.`,
  existingAccount:
    'Vous avez déjà un compte ? Connectez-vous plutôt au site : ce lien sert uniquement à créer de nouveaux comptes.',
  errorSummary: 'Votre compte n’a pas été créé. Corrigez les zones ci-dessous.',
  required: 'Cette zone est obligatoire.',
  invalidEmail: 'Tapez une adresse électronique valide.',
  emailDomainsHint: (domains) =>
    `Seules les adresses de ces domaines sont acceptées : ${domainList(domains, '(* désigne n’importe quel sous-domaine)')}.`,
  emailDomainRefused:
    'Cette invitation n’accepte pas les adresses de ce domaine. Utilisez une adresse de l’un des domaines ci-dessus.',
  personalEmailHint: 'Cette invitation est personnelle : le compte est créé pour cette adresse.',
  emailMismatch: 'Cette invitation est personnelle : elle ne peut servir qu’avec l’adresse à laquelle elle a été envoyée.',
  passwordTooLong: 'Le mot de passe est trop long (72 octets au maximum).',
  accountTaken:
    'Un compte utilise déjà cette adresse électronique ou ce nom d’utilisateur. S’il s’agit du vôtre, connectez-vous plutôt au site ; sinon, choisissez un autre nom d’utilisateur.',
  registrationFailed: 'Votre compte n’a pas pu être créé. Réessayez plus tard.',
  notFoundTitle: 'Ce lien d’invitation n’existe pas',
  notFoundText: 'Il a peut-être été mal recopié ou supprimé. Demandez un nouveau lien à la personne qui vous a invité.',
  expiredTitle: 'Ce lien d’invitation a expiré',
  expiredText: 'Il ne permet plus de créer un compte. Demandez un nouveau lien à la personne qui vous a invité.',
  exhaustedTitle: 'Ce lien d’invitation a été entièrement utilisé',
  exhaustedText: 'Tous les comptes qu’il autorisait ont été créés. Demandez un nouveau lien à la personne qui vous a invité.',
  usedTitle: 'Ce lien d’invitation a déjà été utilisé',
  usedText: 'Votre compte a déjà été créé avec ce lien : connectez-vous plutôt au site.',
  formExpiredTitle: 'Ce formulaire a expiré',
  formExpiredText: 'Par sécurité, ouvrez à nouveau le lien d’invitation et remplissez encore le formulaire.',
  reload: 'Ouvrir à nouveau le lien d’invitation',
  createdTitle: 'Votre compte est prêt',
  createdText: 'Vous pouvez maintenant vous connecter au site avec votre adresse électronique et votre mot de passe.',
  confirmEmailText:
    'Nous vous avons envoyé un courrier électronique : cliquez sur le lien qu’il contient pour confirmer votre adresse, puis connectez-vous.',
  confirmEmailFailedText:
    'Votre compte a été créé, mais le courrier électronique qui confirme votre adresse n’a pas pu être envoyé. Demandez à la personne qui vous a invité de le faire renvoyer.',
  continueLink: 'Continuer vers le site',
  tooManyRequestsTitle: 'Trop de tentatives',
  tooManyRequestsText: 'Par sécurité, patientez une minute, puis ouvrez à nouveau le lien d’invitation.',
};

export const JOIN_PAGE_MESSAGES: Record<JoinPageLocale, JoinPageMessages> = { en, fr };
