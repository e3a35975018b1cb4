/** The hosted sign-up page's words, in each language it speaks. English is the fallback. */
import { SHIPPED_LANGUAGES, type ShippedLanguage } from '../../../shared';

export const JOIN_PAGE_LOCALES = SHIPPED_LANGUAGES;
export type JoinPageLocale = ShippedLanguage;

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
  /** The name of the list of links to the page in other languages. */
  languages: string;
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
  languages: 'Language',
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
  languages: 'Langue',
};

// German, Dutch: the formal address (Sie, u), as German and Dutch sites usually speak to visitors.
// Spanish, Italian, Brazilian Portuguese: the familiar one (tú, tu, você), as their sites usually do.
const de: JoinPageMessages = {
  formTitle: 'Konto erstellen',
  formIntro:
    'Sie wurden eingeladen, dieser Website beizutreten. Wählen Sie einen Benutzernamen und ein Passwort, um Ihr Konto zu erstellen.',
  username: 'Benutzername',
  email: 'E-Mail',
  password: 'Passwort',
  passwordHint: 'Mindestens 6 Zeichen.',
  submit: 'Mein Konto erstellen',
  expiresOn: (date) => `Dieser Einladungslink ist gültig bis ${date}.`,
  existingAccount:
    'Sie haben bereits ein Konto? Melden Sie sich stattdessen auf der Website an: Dieser Link dient nur zum Erstellen neuer Konten.',
  errorSummary: 'Ihr Konto wurde nicht erstellt. Bitte korrigieren Sie die Felder unten.',
  required: 'Dieses Feld ist erforderlich.',
  invalidEmail: 'Geben Sie eine gültige E-Mail-Adresse ein.',
  emailDomainsHint: (domains) =>
    `Nur Adressen dieser Domains sind zulässig: ${domainList(domains, '(* steht für eine beliebige Subdomain)')}.`,
  emailDomainRefused:
    'Diese Einladung nimmt keine Adressen dieser Domain an. Verwenden Sie eine Adresse einer der oben genannten Domains.',
  personalEmailHint: 'Diese Einladung ist persönlich: Das Konto wird für diese Adresse erstellt.',
  emailMismatch: 'Diese Einladung ist persönlich: Sie kann nur mit der Adresse verwendet werden, an die sie gesendet wurde.',
  passwordTooLong: 'Das Passwort ist zu lang (höchstens 72 Byte).',
  accountTaken:
    'Diese E-Mail-Adresse oder dieser Benutzername wird bereits von einem Konto verwendet. Wenn es Ihr Konto ist, melden Sie sich stattdessen auf der Website an; andernfalls wählen Sie einen anderen Benutzernamen.',
  registrationFailed: 'Ihr Konto konnte nicht erstellt werden. Bitte versuchen Sie es später erneut.',
  notFoundTitle: 'Diesen Einladungslink gibt es nicht',
  notFoundText:
    'Möglicherweise wurde er falsch eingegeben oder gelöscht. Bitten Sie die Person, die Sie eingeladen hat, um einen neuen Link.',
  expiredTitle: 'Dieser Einladungslink ist abgelaufen',
  expiredText:
    'Mit ihm kann kein Konto mehr erstellt werden. Bitten Sie die Person, die Sie eingeladen hat, um einen neuen Link.',
  exhaustedTitle: 'Dieser Einladungslink ist aufgebraucht',
  exhaustedText:
    'Es wurden bereits alle Konten erstellt, die damit möglich waren. Bitten Sie die Person, die Sie eingeladen hat, um einen neuen Link.',
  usedTitle: 'Dieser Einladungslink wurde bereits verwendet',
  usedText: 'Ihr Konto wurde bereits damit erstellt: Melden Sie sich stattdessen auf der Website an.',
  formExpiredTitle: 'Dieses Formular ist abgelaufen',
  formExpiredText: 'Öffnen Sie zu Ihrer Sicherheit den Einladungslink erneut und füllen Sie das Formular noch einmal aus.',
  reload: 'Einladungslink erneut öffnen',
  createdTitle: 'Ihr Konto ist bereit',
  createdText: 'Sie können sich jetzt mit Ihrer E-Mail-Adresse und Ihrem Passwort auf der Website anmelden.',
  confirmEmailText:
    'Wir haben Ihnen eine E-Mail gesendet: Klicken Sie auf den Link darin, um Ihre Adresse zu bestätigen, und melden Sie sich dann an.',
  confirmEmailFailedText:
    'Ihr Konto wurde erstellt, aber die E-Mail zur Bestätigung Ihrer Adresse konnte nicht gesendet werden. Bitten Sie die Person, die Sie eingeladen hat, die E-Mail erneut senden zu lassen.',
  continueLink: 'Weiter zur Website',
  tooManyRequestsTitle: 'Zu viele Versuche',
  tooManyRequestsText: 'Bitte warten Sie zu Ihrer Sicherheit eine Minute und öffnen Sie dann den Einladungslink erneut.',
  languages: 'Sprache',
};

const es: JoinPageMessages = {
  formTitle: 'Crea tu cuenta',
  formIntro: 'Te han invitado a unirte a este sitio. Elige un nombre de usuario y una contraseña para crear tu cuenta.',
  username: 'Nombre de usuario',
  email: 'Correo electrónico',
  password: 'Contraseña',
  passwordHint: 'Al menos 6 caracteres.',
  submit: 'Crear mi cuenta',
  expiresOn: (date) => `Este enlace de invitación es válido hasta el ${date}.`,
  existingAccount: '¿Ya tienes una cuenta? Inicia sesión en el sitio: este enlace solo sirve para crear cuentas nuevas.',
  errorSummary: 'No se ha creado tu cuenta. Corrige los campos de abajo.',
  required: 'Este campo es obligatorio.',
  invalidEmail: 'Introduce una dirección de correo electrónico válida.',
  emailDomainsHint: (domains) =>
    `Solo se admiten direcciones de estos dominios: ${domainList(domains, '(* representa cualquier subdominio)')}.`,
  emailDomainRefused:
    'Esta invitación no admite direcciones de este dominio. Usa una dirección de uno de los dominios indicados arriba.',
  personalEmailHint: 'Esta invitación es personal: la cuenta se crea para esta dirección.',
  emailMismatch: 'Esta invitación es personal: solo puede usarse con la dirección a la que se envió.',
  passwordTooLong: 'La contraseña es demasiado larga (72 bytes como máximo).',
  accountTaken:
    'Ya hay una cuenta con este correo electrónico o este nombre de usuario. Si es tuya, inicia sesión en el sitio; si no, elige otro nombre de usuario.',
  registrationFailed: 'No se ha podido crear tu cuenta. Inténtalo de nuevo más tarde.',
  notFoundTitle: 'Este enlace de invitación no existe',
  notFoundText: 'Puede que se haya copiado mal o que se haya eliminado. Pide un enlace nuevo a la persona que te invitó.',
  expiredTitle: 'Este enlace de invitación ha expirado',
  expiredText: 'Ya no sirve para crear una cuenta. Pide un enlace nuevo a la persona que te invitó.',
  exhaustedTitle: 'Este enlace de invitación se ha agotado',
  exhaustedText: 'Ya se han creado todas las cuentas que permitía. Pide un enlace nuevo a la persona que te invitó.',
  usedTitle: 'Este enlace de invitación ya se ha usado',
  usedText: 'Tu cuenta ya se creó con él: inicia sesión en el sitio.',
  formExpiredTitle: 'Este formulario ha expirado',
  formExpiredText: 'Por tu seguridad, vuelve a abrir el enlace de invitación y rellena el formulario de nuevo.',
  reload: 'Volver a abrir el enlace de invitación',
  createdTitle: 'Tu cuenta está lista',
  createdText: 'Ya puedes iniciar sesión en el sitio con tu correo electrónico y tu contraseña.',
  confirmEmailText:
    'Te hemos enviado un correo electrónico: haz clic en el enlace que contiene para confirmar tu dirección y después inicia sesión.',
  confirmEmailFailedText:
    'Tu cuenta se ha creado, pero no se ha podido enviar el correo electrónico que confirma tu dirección. Pide a la persona que te invitó que vuelva a enviarlo.',
  continueLink: 'Ir al sitio',
  tooManyRequestsTitle: 'Demasiados intentos',
  tooManyRequestsText: 'Por tu seguridad, espera un minuto y vuelve a abrir el enlace de invitación.',
  languages: 'Idioma',
};

const it: JoinPageMessages = {
  formTitle: 'Crea il tuo account',
  formIntro: 'Hai ricevuto un invito a unirti a questo sito. Scegli un nome utente e una password per creare il tuo account.',
  username: 'Nome utente',
  email: 'Email',
  password: 'Password',
  passwordHint: 'Almeno 6 caratteri.',
  submit: 'Crea il mio account',
  expiresOn: (date) => `Data di scadenza di questo link di invito: ${date}.`,
  existingAccount: 'Hai già un account? Accedi al sito: questo link serve solo a creare nuovi account.',
  errorSummary: 'Il tuo account non è stato creato. Correggi i campi qui sotto.',
  required: 'Questo campo è obbligatorio.',
  invalidEmail: 'Inserisci un indirizzo email valido.',
  emailDomainsHint: (domains) =>
    `Sono accettati solo indirizzi di questi domini: ${domainList(domains, '(* indica qualsiasi sottodominio)')}.`,
  emailDomainRefused: 'Questo invito non accetta indirizzi di questo dominio. Usa un indirizzo di uno dei domini indicati sopra.',
  personalEmailHint: 'Questo invito è personale: l’account viene creato per questo indirizzo.',
  emailMismatch: 'Questo invito è personale: può essere usato solo con l’indirizzo a cui è stato inviato.',
  passwordTooLong: 'La password è troppo lunga (al massimo 72 byte).',
  accountTaken:
    'Questo indirizzo email o questo nome utente è già usato da un account. Se è il tuo, accedi al sito; altrimenti scegli un altro nome utente.',
  registrationFailed: 'Non è stato possibile creare il tuo account. Riprova più tardi.',
  notFoundTitle: 'Questo link di invito non esiste',
  notFoundText: 'Forse è stato copiato male o eliminato. Chiedi un nuovo link alla persona che ti ha invitato.',
  expiredTitle: 'Questo link di invito è scaduto',
  expiredText: 'Non può più essere usato per creare un account. Chiedi un nuovo link alla persona che ti ha invitato.',
  exhaustedTitle: 'Questo link di invito è esaurito',
  exhaustedText: 'Sono già stati creati tutti gli account che consentiva. Chiedi un nuovo link alla persona che ti ha invitato.',
  usedTitle: 'Questo link di invito è già stato usato',
  usedText: 'Il tuo account è già stato creato con questo link: accedi al sito.',
  formExpiredTitle: 'Questo modulo è scaduto',
  formExpiredText: 'Per la tua sicurezza, riapri il link di invito e compila di nuovo il modulo.',
  reload: 'Riapri il link di invito',
  createdTitle: 'Il tuo account è pronto',
  createdText: 'Ora puoi accedere al sito con il tuo indirizzo email e la tua password.',
  confirmEmailText: 'Ti abbiamo inviato un’email: fai clic sul link che contiene per confermare il tuo indirizzo, poi accedi.',
  confirmEmailFailedText:
    'Il tuo account è stato creato, ma non è stato possibile inviare l’email che conferma il tuo indirizzo. Chiedi alla persona che ti ha invitato di fartela inviare di nuovo.',
  continueLink: 'Vai al sito',
  tooManyRequestsTitle: 'Troppi tentativi',
  tooManyRequestsText: 'Per la tua sicurezza, attendi un minuto, poi riapri il link di invito.',
  languages: 'Lingua',
};

const ptBR: JoinPageMessages = {
  formTitle: 'Crie sua conta',
  formIntro: 'Você recebeu um convite para participar deste site. Escolha um nome de usuário e uma senha para criar sua conta.',
  username: 'Nome de usuário',
  email: 'E-mail',
  password: 'Senha',
  passwordHint: 'Pelo menos 6 caracteres.',
  submit: 'Criar minha conta',
  expiresOn: (date) => `Este link de convite é válido até ${date}.`,
  existingAccount: 'Já tem uma conta? Entre no site: este link serve apenas para criar contas novas.',
  errorSummary: 'Sua conta não foi criada. Corrija os campos abaixo.',
  required: 'Este campo é obrigatório.',
  invalidEmail: 'Digite um endereço de e-mail válido.',
  emailDomainsHint: (domains) =>
    `Só são aceitos endereços destes domínios: ${domainList(domains, '(* representa qualquer subdomínio)')}.`,
  emailDomainRefused: 'Este convite não aceita endereços deste domínio. Use um endereço de um dos domínios acima.',
  personalEmailHint: 'Este convite é pessoal: a conta é criada para este endereço.',
  emailMismatch: 'Este convite é pessoal: ele só pode ser usado com o endereço para o qual foi enviado.',
  passwordTooLong: 'A senha é longa demais (no máximo 72 bytes).',
  accountTaken:
    'Já existe uma conta com este e-mail ou este nome de usuário. Se ela for sua, entre no site; caso contrário, escolha outro nome de usuário.',
  registrationFailed: 'Não foi possível criar sua conta. Tente novamente mais tarde.',
  notFoundTitle: 'Este link de convite não existe',
  notFoundText: 'Talvez ele tenha sido copiado errado ou excluído. Peça um novo link à pessoa que convidou você.',
  expiredTitle: 'Este link de convite expirou',
  expiredText: 'Ele não pode mais ser usado para criar uma conta. Peça um novo link à pessoa que convidou você.',
  exhaustedTitle: 'As vagas deste link de convite se esgotaram',
  exhaustedText: 'Todas as contas que ele permitia já foram criadas. Peça um novo link à pessoa que convidou você.',
  usedTitle: 'Este link de convite já foi usado',
  usedText: 'Sua conta já foi criada com ele: entre no site.',
  formExpiredTitle: 'Este formulário expirou',
  formExpiredText: 'Para sua segurança, abra o link de convite de novo e preencha o formulário outra vez.',
  reload: 'Abrir o link de convite de novo',
  createdTitle: 'Sua conta está pronta',
  createdText: 'Agora você pode entrar no site com seu e-mail e sua senha.',
  confirmEmailText:
    'Enviamos um e-mail para você: clique no link que ele contém para confirmar seu endereço e depois entre no site.',
  confirmEmailFailedText:
    'Sua conta foi criada, mas não foi possível enviar o e-mail que confirma seu endereço. Peça à pessoa que convidou você para reenviá-lo.',
  continueLink: 'Continuar para o site',
  tooManyRequestsTitle: 'Muitas tentativas',
  tooManyRequestsText: 'Para sua segurança, aguarde um minuto e depois abra o link de convite de novo.',
  languages: 'Idioma',
};

const nl: JoinPageMessages = {
  formTitle: 'Maak uw account aan',
  formIntro: 'U bent uitgenodigd voor deze website. Kies een gebruikersnaam en een wachtwoord om uw account aan te maken.',
  username: 'Gebruikersnaam',
  email: 'E-mail',
  password: 'Wachtwoord',
  passwordHint: 'Minstens 6 tekens.',
  submit: 'Mijn account aanmaken',
  expiresOn: (date) => `Deze uitnodigingslink is geldig tot ${date}.`,
  existingAccount: 'Hebt u al een account? Log dan in op de website: deze link dient alleen om nieuwe accounts aan te maken.',
  errorSummary: 'Uw account is niet aangemaakt. Verbeter de velden hieronder.',
  required: 'Dit veld is verplicht.',
  invalidEmail: 'Voer een geldig e-mailadres in.',
  emailDomainsHint: (domains) =>
    `Alleen adressen van deze domeinen zijn toegestaan: ${domainList(domains, '(* staat voor elk subdomein)')}.`,
  emailDomainRefused:
    'Deze uitnodiging accepteert geen adressen van dit domein. Gebruik een adres van een van de domeinen hierboven.',
  personalEmailHint: 'Deze uitnodiging is persoonlijk: het account wordt voor dit adres aangemaakt.',
  emailMismatch: 'Deze uitnodiging is persoonlijk: ze kan alleen worden gebruikt met het adres waarnaar ze is verzonden.',
  passwordTooLong: 'Het wachtwoord is te lang (maximaal 72 bytes).',
  accountTaken:
    'Er bestaat al een account met dit e-mailadres of deze gebruikersnaam. Is het van u, log dan in op de website; kies anders een andere gebruikersnaam.',
  registrationFailed: 'Uw account kon niet worden aangemaakt. Probeer het later opnieuw.',
  notFoundTitle: 'Deze uitnodigingslink bestaat niet',
  notFoundText: 'Misschien is hij verkeerd getypt of verwijderd. Vraag de persoon die u heeft uitgenodigd om een nieuwe link.',
  expiredTitle: 'Deze uitnodigingslink is verlopen',
  expiredText: 'Er kan geen account meer mee worden aangemaakt. Vraag de persoon die u heeft uitgenodigd om een nieuwe link.',
  exhaustedTitle: 'Deze uitnodigingslink is opgebruikt',
  exhaustedText: 'Het maximale aantal accounts is al aangemaakt. Vraag de persoon die u heeft uitgenodigd om een nieuwe link.',
  usedTitle: 'Deze uitnodigingslink is al gebruikt',
  usedText: 'Uw account is er al mee aangemaakt: log in op de website.',
  formExpiredTitle: 'Dit formulier is verlopen',
  formExpiredText: 'Open voor uw veiligheid de uitnodigingslink opnieuw en vul het formulier nogmaals in.',
  reload: 'Uitnodigingslink opnieuw openen',
  createdTitle: 'Uw account is klaar',
  createdText: 'U kunt nu met uw e-mailadres en wachtwoord inloggen op de website.',
  confirmEmailText: 'We hebben u een e-mail gestuurd: klik op de link erin om uw adres te bevestigen en log daarna in.',
  confirmEmailFailedText:
    'Uw account is aangemaakt, maar de e-mail om uw adres te bevestigen kon niet worden verzonden. Vraag de persoon die u heeft uitgenodigd om die opnieuw te laten versturen.',
  continueLink: 'Verder naar de website',
  tooManyRequestsTitle: 'Te veel pogingen',
  tooManyRequestsText: 'Wacht voor uw veiligheid een minuut en open daarna de uitnodigingslink opnieuw.',
  languages: 'Taal',
};

export const JOIN_PAGE_MESSAGES: Record<JoinPageLocale, JoinPageMessages> = { en, fr, de, es, it, 'pt-BR': ptBR, nl };
