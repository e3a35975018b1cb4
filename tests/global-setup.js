'use strict';

const { buildPlugin, compilePlayground } = require('../scripts/lib');

/**
 * Once per Jest run: the plugin's dist/ and the playground's compiled config, as Strapi loads them
 * (SKIP_BUILD=true when already done: by scripts/test.js, or by database-setup.js earlier in this run).
 */
module.exports = async () => {
  if (process.env.SKIP_BUILD === 'true') return;
  buildPlugin();
  compilePlayground();
  process.env.SKIP_BUILD = 'true';
};
