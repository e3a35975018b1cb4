/**
 * Fields this demo site adds to its users, as many real sites do, so that an invitation can preset
 * them (`userDefaults`): which part of the site a new member sees first, their interests, and
 * whether they get the newsletter.
 */
const siteUserFields = {
  homeSection: { type: 'enumeration', enum: ['news', 'events', 'community'], default: 'news' },
  interests: { type: 'string', maxLength: 200 },
  newsletter: { type: 'boolean', default: false },
};

export default (plugin: { contentTypes: Record<string, { schema: { attributes: Record<string, unknown> } }> }) => {
  Object.assign(plugin.contentTypes.user.schema.attributes, siteUserFields);
  return plugin;
};
