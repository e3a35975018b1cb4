/**
 * The hosted page's words for members who accept a link with the account they already have, in
 * each language the page speaks (the same address as the sign-up form: Sie, u; tú, tu, você).
 */
import type { ShippedLanguage } from '../../../shared';

export interface AcceptPageMessages {
  /** On the sign-up form of a link that takes existing accounts: the way to the sign-in form. */
  acceptLink: string;
  signInTitle: string;
  signInIntro: string;
  identifier: string;
  signInSubmit: string;
  /** Back from the sign-in form to the sign-up form. */
  createAccountLink: string;
  signInFailed: string;
  signInUnconfirmed: string;
  signInBlocked: string;
  /** The confirmation step was left too long, or its form was altered: sign in again. */
  signInExpired: string;
  confirmTitle: string;
  /** `from` is null for an account without a role. */
  confirmText: (username: string, from: string | null, to: string) => string;
  confirmSubmit: string;
  cancel: string;
  acceptedTitle: string;
  acceptedText: (role: string) => string;
  /** The title of the page that says why an accept was refused. */
  notAcceptedTitle: string;
  alreadyAccepted: string;
  sameRole: (role: string) => string;
  emailMismatch: string;
  emailDomain: (domains: string[]) => string;
  notAllowed: string;
}

const en: AcceptPageMessages = {
  acceptLink: 'Already have an account? Sign in to accept this invitation',
  signInTitle: 'Accept the invitation with your account',
  signInIntro: 'Sign in with the account you already have on this site.',
  identifier: 'Email or username',
  signInSubmit: 'Sign in',
  createAccountLink: 'No account yet? Create one',
  signInFailed: 'Wrong email, username or password.',
  signInUnconfirmed: 'Confirm your email address first, with the link in the email the site sent you.',
  signInBlocked: 'This account has been blocked. Contact the site’s administrators.',
  signInExpired: 'Your sign-in has expired. Sign in again to accept the invitation.',
  confirmTitle: 'Accept the invitation',
  confirmText: (username, from, to) =>
    from
      ? `You are signed in as ${username}. Accepting this invitation changes your role from ${from} to ${to}.`
      : `You are signed in as ${username}. Accepting this invitation gives you the role ${to}.`,
  confirmSubmit: 'Accept the invitation',
  cancel: 'Cancel',
  acceptedTitle: 'Invitation accepted',
  acceptedText: (role) => `Your role is now ${role}. You can go on using the site with your account.`,
  notAcceptedTitle: 'The invitation was not accepted',
  alreadyAccepted: 'Your account has already used this invitation.',
  sameRole: (role) => `Your account already has the role ${role} that this invitation gives.`,
  emailMismatch: 'This invitation is personal: it can only be accepted by the account with the address it was sent to.',
  emailDomain: (domains) => `This invitation is only for accounts with an address at ${domains.join(', ')}.`,
  notAllowed: 'This invitation only creates new accounts: it cannot be accepted with an existing one.',
};

const fr: AcceptPageMessages = {
  acceptLink: 'Vous avez déjà un compte ? Connectez-vous pour accepter cette invitation',
  signInTitle: 'Accepter l’invitation avec votre compte',
  signInIntro: 'Connectez-vous avec le compte que vous avez déjà sur ce site.',
  identifier: 'Adresse électronique ou nom d’utilisateur',
  signInSubmit: 'Se connecter',
  createAccountLink: 'Pas encore de compte ? Créez-en un',
  signInFailed: 'Adresse électronique, nom d’utilisateur ou mot de passe incorrect.',
  signInUnconfirmed: 'Confirmez d’abord votre adresse électronique avec le lien du courrier que le site vous a envoyé.',
  signInBlocked: 'Ce compte a été bloqué. Contactez les administrateurs du site.',
  signInExpired: 'Votre connexion a expiré. Connectez-vous à nouveau pour accepter l’invitation.',
  confirmTitle: 'Accepter l’invitation',
  confirmText: (username, from, to) =>
    from
      ? `Vous êtes connecté en tant que ${username}. En acceptant cette invitation, votre rôle passera de ${from} à ${to}.`
      : `Vous êtes connecté en tant que ${username}. En acceptant cette invitation, vous obtiendrez le rôle ${to}.`,
  confirmSubmit: 'Accepter l’invitation',
  cancel: 'Annuler',
  acceptedTitle: 'Invitation acceptée',
  acceptedText: (role) => `Votre rôle est désormais ${role}. Vous pouvez continuer à utiliser le site avec votre compte.`,
  notAcceptedTitle: 'L’invitation n’a pas été acceptée',
  alreadyAccepted: 'Votre compte a déjà utilisé cette invitation.',
  sameRole: (role) => `Votre compte a déjà le rôle ${role} que donne cette invitation.`,
  emailMismatch:
    'Cette invitation est personnelle : seul le compte ayant l’adresse à laquelle elle a été envoyée peut l’accepter.',
  emailDomain: (domains) => `Cette invitation est réservée aux comptes dont l’adresse est sur ${domains.join(', ')}.`,
  notAllowed:
    'Ce lien d’invitation sert uniquement à créer de nouveaux comptes : il ne peut pas être accepté avec un compte existant.',
};

const de: AcceptPageMessages = {
  acceptLink: 'Sie haben bereits ein Konto? Melden Sie sich an, um diese Einladung anzunehmen',
  signInTitle: 'Einladung mit Ihrem Konto annehmen',
  signInIntro: 'Melden Sie sich mit dem Konto an, das Sie auf dieser Website bereits haben.',
  identifier: 'E-Mail oder Benutzername',
  signInSubmit: 'Anmelden',
  createAccountLink: 'Noch kein Konto? Erstellen Sie eines',
  signInFailed: 'E-Mail, Benutzername oder Passwort ist falsch.',
  signInUnconfirmed:
    'Bestätigen Sie zuerst Ihre E-Mail-Adresse über den Link in der E-Mail, die Ihnen die Website geschickt hat.',
  signInBlocked: 'Dieses Konto wurde gesperrt. Wenden Sie sich an die Administratoren der Website.',
  signInExpired: 'Ihre Anmeldung ist abgelaufen. Melden Sie sich erneut an, um die Einladung anzunehmen.',
  confirmTitle: 'Einladung annehmen',
  confirmText: (username, from, to) =>
    from
      ? `Sie sind als ${username} angemeldet. Wenn Sie diese Einladung annehmen, ändert sich Ihre Rolle von ${from} zu ${to}.`
      : `Sie sind als ${username} angemeldet. Wenn Sie diese Einladung annehmen, erhalten Sie die Rolle ${to}.`,
  confirmSubmit: 'Einladung annehmen',
  cancel: 'Abbrechen',
  acceptedTitle: 'Einladung angenommen',
  acceptedText: (role) => `Ihre Rolle ist jetzt ${role}. Sie können die Website weiter mit Ihrem Konto nutzen.`,
  notAcceptedTitle: 'Die Einladung wurde nicht angenommen',
  alreadyAccepted: 'Ihr Konto hat diese Einladung bereits verwendet.',
  sameRole: (role) => `Ihr Konto hat bereits die Rolle ${role}, die diese Einladung vergibt.`,
  emailMismatch: 'Diese Einladung ist persönlich: Nur das Konto mit der Adresse, an die sie gesendet wurde, kann sie annehmen.',
  emailDomain: (domains) => `Diese Einladung gilt nur für Konten mit einer Adresse bei ${domains.join(', ')}.`,
  notAllowed:
    'Dieser Einladungslink dient nur zum Erstellen neuer Konten: Er kann nicht mit einem bestehenden Konto angenommen werden.',
};

const es: AcceptPageMessages = {
  acceptLink: '¿Ya tienes una cuenta? Inicia sesión para aceptar esta invitación',
  signInTitle: 'Acepta la invitación con tu cuenta',
  signInIntro: 'Inicia sesión con la cuenta que ya tienes en este sitio.',
  identifier: 'Correo electrónico o nombre de usuario',
  signInSubmit: 'Iniciar sesión',
  createAccountLink: '¿Aún no tienes cuenta? Crea una',
  signInFailed: 'Correo electrónico, nombre de usuario o contraseña incorrectos.',
  signInUnconfirmed: 'Primero confirma tu dirección de correo con el enlace del correo que te envió el sitio.',
  signInBlocked: 'Esta cuenta ha sido bloqueada. Ponte en contacto con los administradores del sitio.',
  signInExpired: 'Tu sesión ha caducado. Vuelve a iniciar sesión para aceptar la invitación.',
  confirmTitle: 'Aceptar la invitación',
  confirmText: (username, from, to) =>
    from
      ? `Has iniciado sesión como ${username}. Al aceptar esta invitación, tu rol pasará de ${from} a ${to}.`
      : `Has iniciado sesión como ${username}. Al aceptar esta invitación, tendrás el rol ${to}.`,
  confirmSubmit: 'Aceptar la invitación',
  cancel: 'Cancelar',
  acceptedTitle: 'Invitación aceptada',
  acceptedText: (role) => `Ahora tu rol es ${role}. Puedes seguir usando el sitio con tu cuenta.`,
  notAcceptedTitle: 'No se ha aceptado la invitación',
  alreadyAccepted: 'Tu cuenta ya ha usado esta invitación.',
  sameRole: (role) => `Tu cuenta ya tiene el rol ${role} que da esta invitación.`,
  emailMismatch: 'Esta invitación es personal: solo la puede aceptar la cuenta con la dirección a la que se envió.',
  emailDomain: (domains) => `Esta invitación es solo para cuentas con una dirección de ${domains.join(', ')}.`,
  notAllowed: 'Este enlace de invitación solo sirve para crear cuentas nuevas: no se puede aceptar con una cuenta existente.',
};

const it: AcceptPageMessages = {
  acceptLink: 'Hai già un account? Accedi per accettare questo invito',
  signInTitle: 'Accetta l’invito con il tuo account',
  signInIntro: 'Accedi con l’account che hai già su questo sito.',
  identifier: 'Email o nome utente',
  signInSubmit: 'Accedi',
  createAccountLink: 'Non hai ancora un account? Creane uno',
  signInFailed: 'Email, nome utente o password errati.',
  signInUnconfirmed: 'Conferma prima il tuo indirizzo email con il link nell’email che ti ha inviato il sito.',
  signInBlocked: 'Questo account è stato bloccato. Contatta gli amministratori del sito.',
  signInExpired: 'Il tuo accesso è scaduto. Accedi di nuovo per accettare l’invito.',
  confirmTitle: 'Accetta l’invito',
  confirmText: (username, from, to) =>
    from
      ? `Hai effettuato l’accesso come ${username}. Accettando questo invito, il tuo ruolo passerà da ${from} a ${to}.`
      : `Hai effettuato l’accesso come ${username}. Accettando questo invito, avrai il ruolo ${to}.`,
  confirmSubmit: 'Accetta l’invito',
  cancel: 'Annulla',
  acceptedTitle: 'Invito accettato',
  acceptedText: (role) => `Ora il tuo ruolo è ${role}. Puoi continuare a usare il sito con il tuo account.`,
  notAcceptedTitle: 'L’invito non è stato accettato',
  alreadyAccepted: 'Il tuo account ha già usato questo invito.',
  sameRole: (role) => `Il tuo account ha già il ruolo ${role} che questo invito assegna.`,
  emailMismatch: 'Questo invito è personale: può accettarlo solo l’account con l’indirizzo a cui è stato inviato.',
  emailDomain: (domains) => `Questo invito è solo per gli account con un indirizzo di ${domains.join(', ')}.`,
  notAllowed: 'Questo link di invito serve solo a creare nuovi account: non può essere accettato con un account esistente.',
};

const ptBR: AcceptPageMessages = {
  acceptLink: 'Já tem uma conta? Entre para aceitar este convite',
  signInTitle: 'Aceite o convite com a sua conta',
  signInIntro: 'Entre com a conta que você já tem neste site.',
  identifier: 'E-mail ou nome de usuário',
  signInSubmit: 'Entrar',
  createAccountLink: 'Ainda não tem conta? Crie uma',
  signInFailed: 'E-mail, nome de usuário ou senha incorretos.',
  signInUnconfirmed: 'Confirme primeiro o seu endereço de e-mail pelo link do e-mail que o site enviou para você.',
  signInBlocked: 'Esta conta foi bloqueada. Entre em contato com os administradores do site.',
  signInExpired: 'Seu acesso expirou. Entre novamente para aceitar o convite.',
  confirmTitle: 'Aceitar o convite',
  confirmText: (username, from, to) =>
    from
      ? `Você entrou como ${username}. Ao aceitar este convite, sua função passará de ${from} para ${to}.`
      : `Você entrou como ${username}. Ao aceitar este convite, você receberá a função ${to}.`,
  confirmSubmit: 'Aceitar o convite',
  cancel: 'Cancelar',
  acceptedTitle: 'Convite aceito',
  acceptedText: (role) => `Agora sua função é ${role}. Você pode continuar usando o site com a sua conta.`,
  notAcceptedTitle: 'O convite não foi aceito',
  alreadyAccepted: 'Sua conta já usou este convite.',
  sameRole: (role) => `Sua conta já tem a função ${role} que este convite concede.`,
  emailMismatch: 'Este convite é pessoal: só pode ser aceito pela conta com o endereço para o qual foi enviado.',
  emailDomain: (domains) => `Este convite é apenas para contas com um endereço em ${domains.join(', ')}.`,
  notAllowed: 'Este link de convite serve apenas para criar contas novas: não pode ser aceito com uma conta existente.',
};

const nl: AcceptPageMessages = {
  acceptLink: 'Hebt u al een account? Meld u aan om deze uitnodiging te accepteren',
  signInTitle: 'De uitnodiging accepteren met uw account',
  signInIntro: 'Meld u aan met het account dat u al op deze website hebt.',
  identifier: 'E-mailadres of gebruikersnaam',
  signInSubmit: 'Aanmelden',
  createAccountLink: 'Nog geen account? Maak er een aan',
  signInFailed: 'Onjuist e-mailadres, onjuiste gebruikersnaam of onjuist wachtwoord.',
  signInUnconfirmed: 'Bevestig eerst uw e-mailadres via de link in de e-mail die de website u heeft gestuurd.',
  signInBlocked: 'Dit account is geblokkeerd. Neem contact op met de beheerders van de website.',
  signInExpired: 'Uw aanmelding is verlopen. Meld u opnieuw aan om de uitnodiging te accepteren.',
  confirmTitle: 'De uitnodiging accepteren',
  confirmText: (username, from, to) =>
    from
      ? `U bent aangemeld als ${username}. Als u deze uitnodiging accepteert, verandert uw rol van ${from} in ${to}.`
      : `U bent aangemeld als ${username}. Als u deze uitnodiging accepteert, krijgt u de rol ${to}.`,
  confirmSubmit: 'Uitnodiging accepteren',
  cancel: 'Annuleren',
  acceptedTitle: 'Uitnodiging geaccepteerd',
  acceptedText: (role) => `Uw rol is nu ${role}. U kunt de website met uw account blijven gebruiken.`,
  notAcceptedTitle: 'De uitnodiging is niet geaccepteerd',
  alreadyAccepted: 'Uw account heeft deze uitnodiging al gebruikt.',
  sameRole: (role) => `Uw account heeft de rol ${role} die deze uitnodiging geeft al.`,
  emailMismatch:
    'Deze uitnodiging is persoonlijk: alleen het account met het adres waarnaar ze is gestuurd, kan haar accepteren.',
  emailDomain: (domains) => `Deze uitnodiging is alleen voor accounts met een adres bij ${domains.join(', ')}.`,
  notAllowed:
    'Deze uitnodigingslink dient alleen om nieuwe accounts aan te maken: hij kan niet met een bestaand account worden geaccepteerd.',
};

export const ACCEPT_PAGE_MESSAGES: Record<ShippedLanguage, AcceptPageMessages> = { en, fr, de, es, it, 'pt-BR': ptBR, nl };
