'use strict';

const ms = (value) => `${value.toFixed(value >= 100 ? 0 : value >= 10 ? 1 : 2)} ms`;
const seconds = (valueMs) => `${(valueMs / 1000).toFixed(2)} s`;
const perSecond = (value) => `${Math.round(value)} req/s`;
// Three decimals: a ratio of 1.051 must not read as the 1.05 it misses.
const ratio = (value) => value.toFixed(3);
// A range of ratios, with the same three decimals.
const range = ([low, high]) => `${ratio(low)}–${ratio(high)}`;
const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
const percent = (value) => `${(value * 100).toFixed(2)} %`;
const count = (value) => value.toLocaleString('en-US');

module.exports = { ms, seconds, perSecond, ratio, range, kib, percent, count };
