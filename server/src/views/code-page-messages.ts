/**
 * The hosted page's words for a code typed by hand (`/invitations/join`, no token), in each
 * language the page speaks (the same address as the sign-up form: Sie, u; tú, tu, você).
 */
import type { ShippedLanguage } from '../../../shared';

export interface CodePageMessages {
  title: string;
  intro: string;
  label: string;
  submit: string;
  /** Next to the field, for a code no link has (or not a code at all). */
  unknown: string;
}

const en: CodePageMessages = {
  title: 'Enter your invitation code',
  intro: 'Type the code you were given to create your account. Capitals, spaces and dashes do not matter.',
  label: 'Invitation code',
  submit: 'Continue',
  unknown: 'This code does not match any invitation. Check it and try again.',
};

const fr: CodePageMessages = {
  title: 'Saisissez votre code d’invitation',
  intro:
    'Saisissez le code qui vous a été donné pour créer votre compte. Les majuscules, les espaces et les tirets ne comptent pas.',
  label: 'Code d’invitation',
  submit: 'Continuer',
  unknown: 'Ce code ne correspond à aucune invitation. Vérifiez-le et réessayez.',
};

const de: CodePageMessages = {
  title: 'Einladungscode eingeben',
  intro:
    'Geben Sie den Code ein, den Sie erhalten haben, um Ihr Konto zu erstellen. Groß- und Kleinschreibung, Leerzeichen und Bindestriche spielen keine Rolle.',
  label: 'Einladungscode',
  submit: 'Weiter',
  unknown: 'Dieser Code passt zu keiner Einladung. Prüfen Sie ihn und versuchen Sie es erneut.',
};

const es: CodePageMessages = {
  title: 'Escribe tu código de invitación',
  intro: 'Escribe el código que te dieron para crear tu cuenta. No importan las mayúsculas, los espacios ni los guiones.',
  label: 'Código de invitación',
  submit: 'Continuar',
  unknown: 'Este código no corresponde a ninguna invitación. Revísalo e inténtalo de nuevo.',
};

const it: CodePageMessages = {
  title: 'Inserisci il tuo codice di invito',
  intro: 'Digita il codice che hai ricevuto per creare il tuo account. Maiuscole, spazi e trattini non contano.',
  label: 'Codice di invito',
  submit: 'Continua',
  unknown: 'Questo codice non corrisponde a nessun invito. Controllalo e riprova.',
};

const ptBR: CodePageMessages = {
  title: 'Digite seu código de convite',
  intro: 'Digite o código que você recebeu para criar sua conta. Maiúsculas, espaços e hifens não importam.',
  label: 'Código de convite',
  submit: 'Continuar',
  unknown: 'Este código não corresponde a nenhum convite. Confira e tente de novo.',
};

const nl: CodePageMessages = {
  title: 'Voer uw uitnodigingscode in',
  intro: 'Typ de code die u hebt gekregen om uw account aan te maken. Hoofdletters, spaties en streepjes tellen niet.',
  label: 'Uitnodigingscode',
  submit: 'Doorgaan',
  unknown: 'Deze code hoort bij geen enkele uitnodiging. Controleer hem en probeer het opnieuw.',
};

export const CODE_PAGE_MESSAGES: Record<ShippedLanguage, CodePageMessages> = { en, fr, de, es, it, 'pt-BR': ptBR, nl };
