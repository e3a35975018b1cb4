'use strict';

const fs = require('node:fs');
const format = require('./format');

const BEGIN = '<!-- bench:begin (written by `npm run bench`: everything up to bench:end is replaced by each full run) -->';
const END = '<!-- bench:end -->';
const REPEAT_BEGIN =
  '<!-- bench:repeat:begin (written by `npm run bench -- --repeat=N`: everything up to bench:repeat:end is replaced by each such run) -->';
const REPEAT_END = '<!-- bench:repeat:end -->';

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

/** A line that fails: an error, a missed target or a wrong answer. */
const isFailure = (line) => Boolean(line.error) || line.met === false || line.correct === false;

/** Whether every run met the target (or answered correctly), and which did not. */
const runVerdict = (lines) => {
  const failed = lines.flatMap((line, index) => (isFailure(line) ? [index + 1] : []));
  if (failed.length > 0) return `MISSED in run ${failed.join(', ')}`;
  if (lines.every((line) => line.correct === true)) return `correct in all ${lines.length}`;
  if (lines.every((line) => line.met === true)) return `met in all ${lines.length}`;
  return '—';
};

/** A run's cell: its ratio where it has one, else its verdict (correct, WRONG, ERROR). */
const runCell = (line) => (line.ratioText || typeof line.ratio === 'number' ? ratioText(line) : verdict(line));

/**
 * One line per measurement of the repeated rows: its ratio in each run, and whether every run met
 * it. A row's lines come from the run that has the most (a run whose row failed has one).
 */
const repeatLines = (runs) =>
  runs[0].flatMap(({ row }, rowIndex) => {
    const linesOf = (results) => results[rowIndex].lines;
    const fullest = runs.map(linesOf).reduce((most, lines) => (lines.length > most.length ? lines : most));
    return fullest.map((line, lineIndex) => {
      const inEachRun = runs.map((results) => linesOf(results)[lineIndex] ?? linesOf(results)[0]);
      return [
        lineIndex === 0 ? `${row.id}. ${row.title}` : '',
        line.measure ?? '',
        ...inEachRun.map(runCell),
        line.target ?? row.target,
        runVerdict(inEachRun),
      ];
    });
  });

const repeatHeader = (count) => [
  'Row',
  'Measure',
  ...Array.from({ length: count }, (_, i) => `Run ${i + 1}`),
  'Target',
  'Result',
];

const repeatSection = ({ runs, machine, mode, durationMs }) => {
  const header = repeatHeader(runs.length);
  const rows = runs[0].map(({ row }) => row.id).join(',');
  return [
    REPEAT_BEGIN,
    `## Rows ${rows}, ${runs.length} runs in a row`,
    '',
    `${noiseWarning(machine)}\`npm run bench -- --only=${rows} --repeat=${runs.length}${mode === 'quick' ? ' --quick' : ''}\` ` +
      `(${mode} mode), ${format.seconds(durationMs)} in all, started ${machine.date}; load average before ${machine.loadAtStart}, ` +
      `at the end ${machine.loadAtEnd}.`,
    '',
    ...[header, header.map(() => '---'), ...repeatLines(runs)].map((line) => `| ${line.map(escapeCell).join(' | ')} |`),
    '',
    runs
      .map(
        (results, index) => `<details><summary>Run ${index + 1}: details</summary>\n\n${markdownDetails(results)}\n\n</details>`
      )
      .join('\n\n'),
    REPEAT_END,
  ].join('\n');
};

const TEMPLATE = `# Benchmark results\n\n${BEGIN}\n${END}\n`;

/** Replaces what lies between `begin` and `end` in `file` (appending the pair if `appendIfMissing`). */
const replaceBetween = (file, { begin, end, section, appendIfMissing = false }) => {
  const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : TEMPLATE;
  const start = current.indexOf(begin);
  const stop = current.indexOf(end);
  if (start === -1 && stop === -1 && appendIfMissing) {
    fs.writeFileSync(file, `${current.trimEnd()}\n\n${section}\n`);
    return;
  }
  if (start === -1 || stop === -1 || stop < start) {
    throw new Error(`${file} has lost its ${begin} / ${end} markers: restore them or delete the file`);
  }
  fs.writeFileSync(file, `${current.slice(0, start)}${section}${current.slice(stop + end.length)}`);
};

/** Rewrites the generated part of RESULTS.md; what was written by hand around it stays. */
const writeResults = (file, run) => replaceBetween(file, { begin: BEGIN, end: END, section: generatedSection(run) });

/** Rewrites (or adds) the part of RESULTS.md that holds the last `--repeat` run. */
const writeRepeats = (file, run) =>
  replaceBetween(file, { begin: REPEAT_BEGIN, end: REPEAT_END, section: repeatSection(run), appendIfMissing: true });

/** The repeated rows as a table on the console, one ratio column per run. */
const printRepeats = (runs) => {
  const lines = repeatLines(runs).map((line) => line.join(' | '));
  console.log(`\n${repeatHeader(runs.length).join(' | ')}\n${lines.join('\n')}\n`);
};

module.exports = { printTable, writeResults, writeRepeats, printRepeats };
