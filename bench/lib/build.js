'use strict';

/**
 * What every run measures: the plugin built from this checkout (dist/) and the playground's admin
 * panel built with it (`strapi build`, which the sites' `strapi start` serves). The admin build
 * gets source maps, which tell row 6 which bytes of the app's bundle come from the plugin; they are
 * deleted at the end of the run.
 */
const fs = require('node:fs');
const path = require('node:path');
const { ROOT, PLAYGROUND, buildPlugin, buildAdminPanel } = require('../../scripts/lib');
const cleanup = require('./cleanup');

const PLUGIN_ADMIN_DIR = path.join(ROOT, 'dist/admin');
const APP_BUILD_DIR = path.join(PLAYGROUND, 'dist/build');

const removeSourceMaps = () => {
  if (!fs.existsSync(APP_BUILD_DIR)) return;
  for (const file of fs.readdirSync(APP_BUILD_DIR)) {
    if (file.endsWith('.map')) fs.rmSync(path.join(APP_BUILD_DIR, file));
  }
};

const buildAll = ({ skip }) => {
  if (!skip) {
    buildPlugin();
    buildAdminPanel({}, ['--sourcemap']);
    cleanup.register('admin build source maps', removeSourceMaps);
  }
  for (const dir of [PLUGIN_ADMIN_DIR, APP_BUILD_DIR]) {
    if (!fs.existsSync(dir)) throw new Error(`${path.relative(ROOT, dir)} is missing: run the bench without --no-build`);
  }
  return { pluginAdminDir: PLUGIN_ADMIN_DIR, appBuildDir: APP_BUILD_DIR };
};

module.exports = { buildAll };
