// The playground's admin panel speaks every language the plugin does, English included
// (Settings > Profile > Interface language).
export default {
  config: {
    locales: ['fr', 'de', 'es', 'it', 'pt-BR', 'nl'],
  },
  bootstrap() {},
};
