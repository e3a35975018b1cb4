#!/usr/bin/env node
'use strict';

/** `npm run screenshots`: runs the browser suite and rewrites docs/screenshots/*.png for the README. */
const { run, buildPlugin, buildAdminPanel, compilePlayground } = require('./lib');

buildPlugin();
compilePlayground();
buildAdminPanel();
run('jest', ['--selectProjects', 'browser'], { env: { SKIP_BUILD: 'true', SCREENSHOTS: 'true' } });
