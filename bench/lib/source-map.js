'use strict';

/**
 * Which bytes of a bundled file come from which sources, read from its source map (version 3):
 * each mapping segment covers the generated text up to the next segment on its line.
 */
const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DIGIT = new Map([...BASE64].map((char, index) => [char, index]));

/** The numbers of one segment ("AAAA,SAAS" → one call per segment), base64 VLQ. */
const decodeSegment = (segment) => {
  const values = [];
  let value = 0;
  let shift = 0;
  for (const char of segment) {
    const digit = DIGIT.get(char);
    value += (digit & 31) * 2 ** shift;
    if (digit & 32) {
      shift += 5;
    } else {
      values.push(value % 2 ? -(value - 1) / 2 : value / 2);
      value = 0;
      shift = 0;
    }
  }
  return values;
};

/**
 * The generated text whose mapping points to a source for which `isWanted(sourceIndex)` is true,
 * concatenated.
 */
const textFromSources = (code, map, isWanted) => {
  const lines = code.split('\n');
  const pieces = [];
  // The source index carries over from line to line; the generated column restarts on each line.
  let sourceIndex = 0;
  map.mappings.split(';').forEach((mappingLine, lineNumber) => {
    const text = lines[lineNumber] ?? '';
    let column = 0;
    const segments = [];
    for (const segment of mappingLine.split(',')) {
      if (!segment) continue;
      const [columnDelta, sourceDelta] = decodeSegment(segment);
      column += columnDelta;
      if (sourceDelta === undefined) {
        segments.push({ column, source: null });
        continue;
      }
      sourceIndex += sourceDelta;
      segments.push({ column, source: sourceIndex });
    }
    segments.forEach(({ column: start, source }, index) => {
      if (source === null || !isWanted(source)) return;
      pieces.push(text.slice(start, segments[index + 1]?.column ?? text.length));
    });
  });
  return pieces.join('');
};

module.exports = { textFromSources };
