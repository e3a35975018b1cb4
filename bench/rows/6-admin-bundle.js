'use strict';

/**
 * Row 6: the admin panel code the plugin adds. Its own build (dist/admin, the ES modules an app's
 * bundler reads) gzipped, and its share of the app's admin build (playground `strapi build`):
 * the bytes of the app's bundles that its source maps trace to the plugin, gzipped, against all
 * of the app's JavaScript and CSS gzipped.
 */
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');
const { ROOT } = require('../../scripts/lib');
const { textFromSources } = require('../lib/source-map');
const format = require('../lib/format');

const gzipSize = (content) => zlib.gzipSync(content).length;
const filesIn = (dir, pattern) =>
  fs
    .readdirSync(dir)
    .filter((file) => pattern.test(file))
    .sort();

/** dist/admin's ES modules gzipped: the entry (loaded with the admin panel) and the chunks it imports on demand. */
const pluginBuild = (dir) => {
  const files = filesIn(dir, /\.mjs$/).map((file) => ({ file, gzip: gzipSize(fs.readFileSync(path.join(dir, file))) }));
  const isEntry = ({ file }) => /^index(-[\w-]+)?\.mjs$/.test(file);
  const sum = (list) => list.reduce((total, { gzip }) => total + gzip, 0);
  return { total: sum(files), entry: sum(files.filter(isEntry)), onDemand: sum(files.filter((file) => !isEntry(file))), files };
};

/**
 * The sign-up chart and the homepage widget (issue 14): chunks of their own in dist/admin
 * (`SignUpChart-<hash>.mjs`, `InvitationsWidget-<hash>.mjs`), or their sources when the build maps
 * to admin/src. No chart library: the chart is the plugin's own SVG.
 */
const CHART_AND_WIDGET = /(^|[\\/])(SignUpChart|InvitationsWidget)([-.][\w-]+)?\.(mjs|tsx)$/;

/**
 * The app build's JavaScript and CSS, gzipped file by file, and the plugin's part of it: whole
 * chunks made of the plugin alone (its pages and translations), and the text its source maps trace
 * to the plugin inside the admin's shared chunks, gzipped on its own. `chartAndWidget`: the text
 * traced to the chart and widget sources, gzipped on its own, file by file.
 */
const appBuild = (dir) => {
  const pluginRoots = [path.join(ROOT, 'dist/admin') + path.sep, path.join(ROOT, 'admin/src') + path.sep];
  const files = filesIn(dir, /\.(js|css)$/);
  const sizes = { total: 0, shared: 0, own: 0, chartAndWidget: 0, files: files.length };
  let withMaps = 0;
  for (const file of files) {
    const code = fs.readFileSync(path.join(dir, file), 'utf8');
    const gzip = gzipSize(code);
    sizes.total += gzip;
    const mapFile = path.join(dir, `${file}.map`);
    if (!fs.existsSync(mapFile)) continue;
    withMaps += 1;
    const map = JSON.parse(fs.readFileSync(mapFile, 'utf8'));
    const absolutes = map.sources.map((source) => path.resolve(dir, map.sourceRoot ?? '', source));
    const isPlugin = absolutes.map((absolute) => pluginRoots.some((root) => absolute.startsWith(root)));
    if (isPlugin.every(Boolean)) sizes.own += gzip;
    else if (isPlugin.some(Boolean)) sizes.shared += gzipSize(textFromSources(code, map, (index) => isPlugin[index]));
    const isChartOrWidget = absolutes.map((absolute, index) => isPlugin[index] && CHART_AND_WIDGET.test(absolute));
    if (isChartOrWidget.some(Boolean)) {
      sizes.chartAndWidget += gzipSize(textFromSources(code, map, (index) => isChartOrWidget[index]));
    }
  }
  if (withMaps === 0) throw new Error('the admin build has no source maps: run the bench without --no-build');
  return { ...sizes, plugin: sizes.shared + sizes.own };
};

module.exports = {
  id: '6',
  title: 'Admin bundle: the plugin’s gzipped admin code and its share of the app’s',
  target: 'none set (smaller is better)',

  async run(bench) {
    const plugin = pluginBuild(bench.build.pluginAdminDir);
    const app = appBuild(bench.build.appBuildDir);
    const withoutChartAndWidget = app.plugin - app.chartAndWidget;
    return [
      {
        measure: 'gzipped: the plugin’s code in the app’s admin build / the whole admin build (JS + CSS)',
        baseline: `${format.kib(app.total)} (${app.files} files)`,
        subject: format.kib(app.plugin),
        ratio: app.plugin / app.total,
        ratioText: format.percent(app.plugin / app.total),
        met: null,
        details: [
          `dist/admin (npm run build), ES modules gzipped: ${format.kib(plugin.total)}: entry ${format.kib(plugin.entry)}, ` +
            `chunks loaded on demand ${format.kib(plugin.onDemand)} (the pages, and one translation per admin language)`,
          `In the app's build (minified by strapi build): ${format.kib(app.shared)} gzipped inside the admin's shared bundles, ` +
            `${format.kib(app.own)} in chunks of its own; traced with the build's source maps`,
          `gzip: zlib's default level (6), file by file; the plugin's part of a shared chunk is gzipped on its own`,
        ],
      },
      {
        measure: 'gzipped: the plugin’s share with the sign-up chart and the homepage widget / without them',
        baseline: format.kib(withoutChartAndWidget),
        subject: format.kib(app.plugin),
        ratio: app.plugin / withoutChartAndWidget,
        ratioText: format.ratio(app.plugin / withoutChartAndWidget),
        met: null,
        details: [
          `Chart (the plugin's own SVG, no chart library) and widget: ${format.kib(app.chartAndWidget)} gzipped, ` +
            `in chunks loaded on demand (the invitation's page, the homepage), traced with the build's source maps`,
        ],
      },
    ];
  },
};
