// The playground's admin panel speaks French as well as English (Settings > Profile > Interface language).
export default {
  config: {
    locales: ['fr'],
  },
  bootstrap() {},
};
