/**
 * The hosted page's words for asking for access (`/invitations/request`), in each language the
 * page speaks (the same address as the sign-up form: Sie, u; tú, tu, você). The answer to a
 * request says the same thing whatever happened to it, so that the page tells nobody who is known.
 */
import type { ShippedLanguage } from '../../../shared';

export interface RequestPageMessages {
  title: string;
  intro: string;
  email: string;
  name: string;
  message: string;
  /** Under the optional fields. */
  optional: string;
  messageHint: (max: number) => string;
  submit: string;
  tooLong: (max: number) => string;
  /** A field with characters a form should not hold (control characters, broken Unicode). */
  invalidText: string;
  receivedTitle: string;
  receivedText: string;
  /** The page when the site does not take requests (requestAccess off). */
  closedTitle: string;
  closedText: string;
  /** The form again after its CSRF value expired. */
  formExpired: string;
  /** On the page that asks for a code, and wherever a visitor without a link lands. */
  askLink: string;
}

const en: RequestPageMessages = {
  title: 'Ask for an invitation',
  intro: 'This site is open by invitation only. Leave your email address and the site’s team will review your request.',
  email: 'Email',
  name: 'Name',
  message: 'Message',
  optional: 'Optional.',
  messageHint: (max) => `Optional. Tell the team who you are or why you would like to join (${max} characters at most).`,
  submit: 'Send my request',
  tooLong: (max) => `This field is too long (${max} characters at most).`,
  invalidText: 'This field contains characters that cannot be used.',
  receivedTitle: 'Thank you',
  receivedText: 'Your request has been received. If it is approved, you will get an email with a link to create your account.',
  closedTitle: 'Requests are closed',
  closedText: 'This site does not take requests for an invitation. Ask someone on the site’s team to invite you.',
  formExpired: 'For your security, this form had expired. Please send it again.',
  askLink: 'No invitation? Ask for one',
};

const fr: RequestPageMessages = {
  title: 'Demander une invitation',
  intro:
    'Ce site est accessible sur invitation uniquement. Laissez votre adresse électronique : l’équipe du site examinera votre demande.',
  email: 'Adresse électronique',
  name: 'Nom',
  message: 'Message',
  optional: 'Facultatif.',
  messageHint: (max) =>
    `Facultatif. Dites à l’équipe qui vous êtes ou pourquoi vous souhaitez rejoindre le site (${max} caractères au maximum).`,
  submit: 'Envoyer ma demande',
  tooLong: (max) => `Cette zone est trop longue (${max} caractères au maximum).`,
  invalidText: 'Cette zone contient des caractères qui ne peuvent pas être utilisés.',
  receivedTitle: 'Merci',
  receivedText:
    'Votre demande a bien été reçue. Si elle est acceptée, vous recevrez un courriel avec un lien pour créer votre compte.',
  closedTitle: 'Les demandes sont fermées',
  closedText: 'Ce site n’accepte pas de demandes d’invitation. Demandez à un membre de l’équipe du site de vous inviter.',
  formExpired: 'Par sécurité, ce formulaire avait expiré. Envoyez-le à nouveau.',
  askLink: 'Pas d’invitation ? Demandez-en une',
};

const de: RequestPageMessages = {
  title: 'Einladung anfragen',
  intro:
    'Diese Website ist nur auf Einladung zugänglich. Hinterlassen Sie Ihre E-Mail-Adresse, und das Team der Website prüft Ihre Anfrage.',
  email: 'E-Mail',
  name: 'Name',
  message: 'Nachricht',
  optional: 'Optional.',
  messageHint: (max) => `Optional. Sagen Sie dem Team, wer Sie sind oder warum Sie beitreten möchten (höchstens ${max} Zeichen).`,
  submit: 'Anfrage senden',
  tooLong: (max) => `Dieses Feld ist zu lang (höchstens ${max} Zeichen).`,
  invalidText: 'Dieses Feld enthält Zeichen, die nicht verwendet werden können.',
  receivedTitle: 'Vielen Dank',
  receivedText:
    'Ihre Anfrage ist eingegangen. Wird sie angenommen, erhalten Sie eine E-Mail mit einem Link, um Ihr Konto zu erstellen.',
  closedTitle: 'Keine Anfragen möglich',
  closedText: 'Diese Website nimmt keine Einladungsanfragen an. Bitten Sie jemanden aus dem Team der Website, Sie einzuladen.',
  formExpired: 'Aus Sicherheitsgründen war dieses Formular abgelaufen. Bitte senden Sie es erneut.',
  askLink: 'Keine Einladung? Fragen Sie eine an',
};

const es: RequestPageMessages = {
  title: 'Solicitar una invitación',
  intro:
    'Solo se puede acceder a este sitio con invitación. Deja tu correo electrónico y el equipo del sitio revisará tu solicitud.',
  email: 'Correo electrónico',
  name: 'Nombre',
  message: 'Mensaje',
  optional: 'Opcional.',
  messageHint: (max) => `Opcional. Cuéntale al equipo quién eres o por qué quieres unirte (${max} caracteres como máximo).`,
  submit: 'Enviar mi solicitud',
  tooLong: (max) => `Este campo es demasiado largo (${max} caracteres como máximo).`,
  invalidText: 'Este campo contiene caracteres que no se pueden usar.',
  receivedTitle: 'Gracias',
  receivedText: 'Hemos recibido tu solicitud. Si se aprueba, recibirás un correo electrónico con un enlace para crear tu cuenta.',
  closedTitle: 'No se admiten solicitudes',
  closedText: 'Este sitio no admite solicitudes de invitación. Pide a alguien del equipo del sitio que te invite.',
  formExpired: 'Por seguridad, este formulario había caducado. Vuelve a enviarlo.',
  askLink: '¿No tienes invitación? Solicita una',
};

const it: RequestPageMessages = {
  title: 'Richiedi un invito',
  intro: 'Questo sito è accessibile solo su invito. Lascia il tuo indirizzo email e il team del sito esaminerà la tua richiesta.',
  email: 'Email',
  name: 'Nome',
  message: 'Messaggio',
  optional: 'Facoltativo.',
  messageHint: (max) => `Facoltativo. Di’ al team chi sei o perché vuoi unirti (al massimo ${max} caratteri).`,
  submit: 'Invia la richiesta',
  tooLong: (max) => `Questo campo è troppo lungo (al massimo ${max} caratteri).`,
  invalidText: 'Questo campo contiene caratteri che non si possono usare.',
  receivedTitle: 'Grazie',
  receivedText:
    'Abbiamo ricevuto la tua richiesta. Se verrà approvata, riceverai un’email con un link per creare il tuo account.',
  closedTitle: 'Richieste non disponibili',
  closedText: 'Questo sito non accetta richieste di invito. Chiedi a qualcuno del team del sito di invitarti.',
  formExpired: 'Per sicurezza, questo modulo era scaduto. Invialo di nuovo.',
  askLink: 'Non hai un invito? Richiedine uno',
};

const ptBR: RequestPageMessages = {
  title: 'Pedir um convite',
  intro: 'Este site é acessível apenas por convite. Deixe seu e-mail e a equipe do site vai analisar seu pedido.',
  email: 'E-mail',
  name: 'Nome',
  message: 'Mensagem',
  optional: 'Opcional.',
  messageHint: (max) => `Opcional. Conte à equipe quem você é ou por que quer participar (no máximo ${max} caracteres).`,
  submit: 'Enviar meu pedido',
  tooLong: (max) => `Este campo é longo demais (no máximo ${max} caracteres).`,
  invalidText: 'Este campo contém caracteres que não podem ser usados.',
  receivedTitle: 'Obrigado',
  receivedText: 'Recebemos seu pedido. Se ele for aprovado, você vai receber um e-mail com um link para criar sua conta.',
  closedTitle: 'Pedidos indisponíveis',
  closedText: 'Este site não aceita pedidos de convite. Peça a alguém da equipe do site para convidar você.',
  formExpired: 'Por segurança, este formulário tinha expirado. Envie-o de novo.',
  askLink: 'Não tem convite? Peça um',
};

const nl: RequestPageMessages = {
  title: 'Een uitnodiging aanvragen',
  intro:
    'Deze site is alleen op uitnodiging toegankelijk. Laat uw e-mailadres achter, dan bekijkt het team van de site uw aanvraag.',
  email: 'E-mail',
  name: 'Naam',
  message: 'Bericht',
  optional: 'Optioneel.',
  messageHint: (max) => `Optioneel. Vertel het team wie u bent of waarom u lid wilt worden (maximaal ${max} tekens).`,
  submit: 'Aanvraag versturen',
  tooLong: (max) => `Dit veld is te lang (maximaal ${max} tekens).`,
  invalidText: 'Dit veld bevat tekens die niet kunnen worden gebruikt.',
  receivedTitle: 'Bedankt',
  receivedText:
    'Uw aanvraag is ontvangen. Wordt die goedgekeurd, dan krijgt u een e-mail met een link om uw account aan te maken.',
  closedTitle: 'Geen aanvragen mogelijk',
  closedText:
    'Deze site neemt geen aanvragen voor een uitnodiging aan. Vraag iemand van het team van de site om u uit te nodigen.',
  formExpired: 'Uit veiligheidsoverwegingen was dit formulier verlopen. Verstuur het opnieuw.',
  askLink: 'Geen uitnodiging? Vraag er een aan',
};

export const REQUEST_PAGE_MESSAGES: Record<ShippedLanguage, RequestPageMessages> = { en, fr, de, es, it, 'pt-BR': ptBR, nl };
