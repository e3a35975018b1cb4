import { Mail } from '@strapi/icons';
import type { StrapiApp } from '@strapi/strapi/admin';
import { PLUGIN_ID, PERMISSIONS } from '../../shared';
import { PluginIcon } from './components/PluginIcon';
import { prefixTranslations } from './utils/translations';

/**
 * The homepage widget, where the admin has widgets (Strapi 5.13 and later); older admins have no
 * `app.widgets` and keep working without it. Its code loads only when the homepage shows it.
 */
const registerWidget = (app: StrapiApp) => {
  if (!('widgets' in app) || typeof app.widgets?.register !== 'function') return;
  app.widgets.register({
    id: 'summary',
    pluginId: PLUGIN_ID,
    icon: Mail,
    title: { id: `${PLUGIN_ID}.widget.title`, defaultMessage: 'Invitations' },
    link: { label: { id: `${PLUGIN_ID}.widget.link`, defaultMessage: 'See all links' }, href: `/plugins/${PLUGIN_ID}` },
    permissions: PERMISSIONS.read,
    component: async () => (await import('./components/InvitationsWidget')).InvitationsWidget,
  });
};

/** Settings > Invitations > Email templates, for admins whose role has "Edit email templates". */
const registerSettings = (app: StrapiApp) => {
  const section = { id: PLUGIN_ID, intlLabel: { id: `${PLUGIN_ID}.plugin.name`, defaultMessage: 'Invitations' } };
  const link = {
    id: 'email-templates',
    to: `${PLUGIN_ID}/email-templates`,
    intlLabel: { id: `${PLUGIN_ID}.templates.title`, defaultMessage: 'Email templates' },
    permissions: PERMISSIONS.editEmailTemplates,
    Component: () => import('./pages/EmailTemplatesPage'),
  };
  try {
    app.addSettingsLink(section, link);
  } catch {
    // Older releases' addSettingsLink takes only an existing section's id: they make one this way.
    app.createSettingSection(section, [link]);
  }
};

export default {
  register(app: StrapiApp) {
    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}`,
      icon: PluginIcon,
      intlLabel: { id: `${PLUGIN_ID}.plugin.name`, defaultMessage: 'Invitations' },
      // Either action shows the link: a reviewer without `read` lands on the access requests.
      permissions: [...PERMISSIONS.read, ...PERMISSIONS.reviewAccessRequests],
      Component: () => import('./pages/App'),
    });
    registerSettings(app);
    app.registerPlugin({ id: PLUGIN_ID, name: PLUGIN_ID });
    registerWidget(app);
  },

  async registerTrads({ locales }: { locales: string[] }) {
    return Promise.all(
      locales.map(async (locale) => {
        try {
          const { default: data } = await import(`./translations/${locale}.json`);
          return { data: prefixTranslations(data), locale };
        } catch {
          return { data: {}, locale };
        }
      })
    );
  },
};
