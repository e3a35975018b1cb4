'use strict';

const buildOnce = require('./global-setup');
const { prepareTemplateDatabase } = require('../scripts/template-database');

/**
 * Before the suites that boot Strapi (Jest runs the projects' setups before the top-level one):
 * the build, once, then the template database their apps start from.
 */
module.exports = async () => {
  await buildOnce();
  await prepareTemplateDatabase();
};
