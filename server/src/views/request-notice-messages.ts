/**
 * The email that tells the site's team of new access requests (`requestAccess.notify`), in the
 * language `requestAccess.notifyLanguage` names. Plurals through Intl.PluralRules.
 */
import type { ShippedLanguage } from '../../../shared';

export interface RequestNoticeMessages {
  subject: (count: number, siteName: string) => string;
  text: (count: number, siteName: string, reviewUrl: string) => string;
}

const plural = (language: string, count: number, forms: { one: string; other: string }) =>
  new Intl.PluralRules(language).select(count) === 'one' ? forms.one : forms.other;

const en: RequestNoticeMessages = {
  subject: (count, site) =>
    `${count} new ${plural('en', count, { one: 'request', other: 'requests' })} for an invitation to ${site}`,
  text: (count, site, url) =>
    `${plural('en', count, { one: 'Someone has', other: `${count} people have` })} asked for an invitation to ${site}.\n\nReview the requests in the admin panel: ${url}\n\nYou get at most one of these emails every ten minutes.`,
};

const fr: RequestNoticeMessages = {
  subject: (count, site) =>
    `${count} ${plural('fr', count, { one: 'nouvelle demande', other: 'nouvelles demandes' })} d’invitation pour ${site}`,
  text: (count, site, url) =>
    `${plural('fr', count, { one: 'Une personne a', other: `${count} personnes ont` })} demandé une invitation pour ${site}.\n\nExaminez les demandes dans le panneau d’administration : ${url}\n\nVous recevez au plus un de ces courriels toutes les dix minutes.`,
};

const de: RequestNoticeMessages = {
  subject: (count, site) =>
    `${count} ${plural('de', count, { one: 'neue Einladungsanfrage', other: 'neue Einladungsanfragen' })} für ${site}`,
  text: (count, site, url) =>
    `${plural('de', count, { one: 'Eine Person hat', other: `${count} Personen haben` })} eine Einladung für ${site} angefragt.\n\nPrüfen Sie die Anfragen im Admin-Panel: ${url}\n\nSie erhalten höchstens eine solche E-Mail alle zehn Minuten.`,
};

const es: RequestNoticeMessages = {
  subject: (count, site) =>
    `${count} ${plural('es', count, { one: 'nueva solicitud', other: 'nuevas solicitudes' })} de invitación para ${site}`,
  text: (count, site, url) =>
    `${plural('es', count, { one: 'Una persona ha', other: `${count} personas han` })} solicitado una invitación para ${site}.\n\nRevisa las solicitudes en el panel de administración: ${url}\n\nRecibes como máximo uno de estos correos cada diez minutos.`,
};

const it: RequestNoticeMessages = {
  subject: (count, site) =>
    `${count} ${plural('it', count, { one: 'nuova richiesta', other: 'nuove richieste' })} di invito per ${site}`,
  text: (count, site, url) =>
    `${plural('it', count, { one: 'Una persona ha', other: `${count} persone hanno` })} richiesto un invito per ${site}.\n\nEsamina le richieste nel pannello di amministrazione: ${url}\n\nRicevi al massimo una di queste email ogni dieci minuti.`,
};

const ptBR: RequestNoticeMessages = {
  subject: (count, site) =>
    `${count} ${plural('pt-BR', count, { one: 'novo pedido', other: 'novos pedidos' })} de convite para ${site}`,
  text: (count, site, url) =>
    `${plural('pt-BR', count, { one: 'Uma pessoa pediu', other: `${count} pessoas pediram` })} um convite para ${site}.\n\nAnalise os pedidos no painel de administração: ${url}\n\nVocê recebe no máximo um destes e-mails a cada dez minutos.`,
};

const nl: RequestNoticeMessages = {
  subject: (count, site) =>
    `${count} ${plural('nl', count, { one: 'nieuwe aanvraag', other: 'nieuwe aanvragen' })} voor een uitnodiging voor ${site}`,
  text: (count, site, url) =>
    `${plural('nl', count, { one: 'Iemand heeft', other: `${count} personen hebben` })} een uitnodiging voor ${site} aangevraagd.\n\nBekijk de aanvragen in het beheerpaneel: ${url}\n\nU krijgt hooguit één van deze e-mails per tien minuten.`,
};

export const REQUEST_NOTICE_MESSAGES: Record<ShippedLanguage, RequestNoticeMessages> = { en, fr, de, es, it, 'pt-BR': ptBR, nl };
