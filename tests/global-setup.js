'use strict';

const { buildPlugin, compilePlayground } = require('../scripts/lib');

/** Once per Jest run: the plugin's dist/ and the playground's compiled config, as Strapi loads them. */
module.exports = async () => {
  if (process.env.SKIP_BUILD === 'true') return;
  buildPlugin();
  compilePlayground();
};
