'use strict';

/**
 * The README's install section as a new owner follows it: the config blocks it shows for
 * `config/plugins.ts` or `.js`, and a scaffolded plugins file with them added where the README
 * says. The package suite checks the result (tests/package/readme-install.test.ts); the
 * compatibility phase's create-strapi-app app is configured with it (scripts/compat-apps.js).
 */
const fs = require('node:fs');
const path = require('node:path');

const README = path.resolve(__dirname, '../README.md');
const INSTALL_HEADING = '## Install in your Strapi app';

/** The text from the level-2 heading that starts with `heading` to the next level-2 heading. */
const section = (markdown, heading) => {
  const start = markdown.indexOf(`\n${heading}`);
  if (start === -1) return '';
  const end = markdown.indexOf('\n## ', start + 1);
  return markdown.slice(start, end === -1 ? undefined : end);
};

const codeBlocks = (markdown) => [...markdown.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map(([, lang, code]) => ({ lang, code }));

/** The install section's blocks for `file` (`config/plugins.ts` or `.js`): those whose first line names it. */
const snippetsFor = (file, readme = fs.readFileSync(README, 'utf8')) =>
  codeBlocks(section(readme, INSTALL_HEADING))
    .filter(({ code }) => code.startsWith(`// ${file}`))
    .map(({ code }) => code);

/** The block of `file` that adds the plugin's own key (`invitations: {`); throws unless there is exactly one. */
const invitationsSnippet = (file, readme) => {
  const blocks = snippetsFor(file, readme).filter((code) => /^invitations: \{/m.test(code));
  if (blocks.length !== 1)
    throw new Error(`The README's install section has ${blocks.length} invitations blocks for ${file}, not one`);
  return blocks[0];
};

const OPENING = '=> ({\n';

/**
 * The scaffold's plugins file with `snippets` added first inside the object its function returns;
 * throws unless the file has exactly one such function.
 */
const spliceInto = (scaffold, snippets) => {
  if (scaffold.split(OPENING).length !== 2) {
    throw new Error(`The plugins file has no single "${OPENING.trim()}" to add the README's keys after`);
  }
  return scaffold.replace(OPENING, `${OPENING}${snippets.join('\n')}\n`);
};

module.exports = { INSTALL_HEADING, codeBlocks, section, snippetsFor, invitationsSnippet, spliceInto };
