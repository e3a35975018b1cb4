'use strict';

const fs = require('node:fs');
const format = require('./format');

const BEGIN = '<!-- bench:begin (written by `npm run bench`: everything up to bench:end is replaced by each full run) -->';
const END = '<!-- bench:end -->';

const verdict = (line) => {
  if (line.error) return `ERROR: ${line.error}`;
  if (line.correct === true) return 'correct';
  if (line.correct === false) return 'WRONG';
  if (line.met === true) return 'met';
  if (line.met === false) return 'MISSED';
  return '—';
};

const ratioText = (line) => {
  if (line.error) return '';
  if (line.ratioText) return line.ratioText;
  if (typeof line.ratio !== 'number') return '—';
  return line.ratioRange ? `${format.ratio(line.ratio)} (${format.range(line.ratioRange)})` : format.ratio(line.ratio);
};

/** One table line per measurement: [row, measure, baseline, subject, ratio, target, result]. */
const tableLines = (results) =>
  results.flatMap(({ row, lines }) =>
    lines.map((line, index) => [
      index === 0 ? `${row.id}. ${row.title}` : '',
      line.measure ?? '',
      line.baseline ?? '',
      line.subject ?? '',
      ratioText(line),
      line.target ?? row.target,
      verdict(line),
    ])
  );

const HEADER = ['Row', 'Measure', 'Baseline', 'Subject', 'Ratio (rounds)', 'Target', 'Result'];

const printTable = (results) => {
  const lines = [HEADER, ...tableLines(results)];
  const widths = HEADER.map((_, column) => Math.min(60, Math.max(...lines.map((line) => line[column].length))));
  const cell = (text, column) =>
    text.length > widths[column] ? `${text.slice(0, widths[column] - 1)}…` : text.padEnd(widths[column]);
  const rule = widths.map((width) => '-'.repeat(width)).join('-+-');
  console.log(`\n${lines.map((line) => line.map(cell).join(' | ')).join(`\n${rule}\n`)}\n`);
  const details = results.flatMap(({ row, lines: rowLines }) =>
    rowLines.flatMap((line) => (line.details ?? []).map((detail) => `  ${row.id}. ${detail}`))
  );
  if (details.length) console.log(`${details.join('\n')}\n`);
};

const escapeCell = (text) => text.replace(/\|/g, '\\|');

const markdownTable = (results) =>
  [HEADER, HEADER.map(() => '---'), ...tableLines(results)].map((line) => `| ${line.map(escapeCell).join(' | ')} |`).join('\n');

const markdownDetails = (results) =>
  results
    .filter(({ lines }) => lines.some((line) => line.details?.length))
    .map(({ row, lines }) => {
      const items = lines.flatMap((line) => (line.details ?? []).map((detail) => `- ${detail}`));
      return `**${row.id}. ${row.title}**\n\n${items.join('\n')}`;
    })
    .join('\n\n');

const machineTable = (machine) =>
  [
    '| | |',
    '| --- | --- |',
    `| Date | ${machine.date} |`,
    `| CPU | ${machine.cores} × ${machine.cpu} |`,
    `| Memory | ${machine.memory} |`,
    `| OS | ${machine.os} |`,
    `| Node | ${machine.node} |`,
    `| Strapi | ${machine.strapi} |`,
    `| SQLite | ${machine.sqlite} |`,
    `| PostgreSQL | ${machine.postgres} |`,
    `| Load average (1/5/15 min) before the run | ${machine.loadAtStart} |`,
    `| Load average at the end (the bench's own load included) | ${machine.loadAtEnd} |`,
  ].join('\n');

/** A warning when other work was running on the machine as the run started. */
const noiseWarning = (machine) => {
  const oneMinute = Number(machine.loadAtStart.split(' / ')[0]);
  if (oneMinute <= machine.cores * 0.25) return '';
  return (
    `> **Noisy run: re-run on a quiet machine.** The load average was ${oneMinute.toFixed(2)} on ` +
    `${machine.cores} cores before the bench started: other work shared the CPU, so these numbers ` +
    `(even the ratios, measured side by side) carry that noise.\n\n`
  );
};

const generatedSection = ({ results, machine, mode, durationMs }) =>
  [
    BEGIN,
    '## Last run',
    '',
    `${noiseWarning(machine)}\`npm run bench${mode === 'quick' ? ' -- --quick' : ''}\` (${mode} mode), ` +
      `${format.seconds(durationMs)} in all.`,
    '',
    machineTable(machine),
    '',
    markdownTable(results),
    '',
    markdownDetails(results),
    END,
  ].join('\n');

const TEMPLATE = `# Benchmark results\n\n${BEGIN}\n${END}\n`;

/** Rewrites the generated part of RESULTS.md; what was written by hand around it stays. */
const writeResults = (file, run) => {
  const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : TEMPLATE;
  const start = current.indexOf(BEGIN);
  const end = current.indexOf(END);
  if (start === -1 || end === -1 || end < start) {
    throw new Error(`${file} has lost its bench:begin / bench:end markers: restore them or delete the file`);
  }
  fs.writeFileSync(file, `${current.slice(0, start)}${generatedSection(run)}${current.slice(end + END.length)}`);
};

module.exports = { printTable, writeResults };
