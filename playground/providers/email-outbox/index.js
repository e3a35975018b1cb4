'use strict';

/**
 * An email provider for the playground when no mail server is configured: each message becomes a
 * .eml file (open it with any mail client) in `providerOptions.directory`, and the log says where.
 */
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const CRLF = '\r\n';

/** A header value on one line; non-ASCII text as an RFC 2047 encoded word. */
const headerValue = (value) => {
  const oneLine = String(value).replace(/[\r\n]+/g, ' ');
  return /^[\x20-\x7e]*$/.test(oneLine) ? oneLine : `=?UTF-8?B?${Buffer.from(oneLine, 'utf8').toString('base64')}?=`;
};

const addresses = (value) => (Array.isArray(value) ? value.join(', ') : value);

const part = (boundary, type, body) =>
  [
    `--${boundary}`,
    `Content-Type: ${type}; charset=utf-8`,
    'Content-Transfer-Encoding: 8bit',
    '',
    body.replace(/\r?\n/g, CRLF),
  ].join(CRLF);

/** The message in RFC 5322 form, with a plain-text and an HTML part when both are given. */
const toEml = (message) => {
  const boundary = `outbox-${crypto.randomBytes(12).toString('hex')}`;
  const headers = [
    ['From', message.from],
    ['To', addresses(message.to)],
    ['Cc', message.cc && addresses(message.cc)],
    ['Reply-To', message.replyTo],
    ['Subject', message.subject ?? ''],
    ['Date', new Date().toUTCString()],
    ['Message-ID', `<${crypto.randomUUID()}@outbox.invalid>`],
    ['MIME-Version', '1.0'],
    ['Content-Type', `multipart/alternative; boundary="${boundary}"`],
  ]
    .filter(([, value]) => value)
    .map(([name, value]) => `${name}: ${headerValue(value)}`);
  const parts = [
    message.text && part(boundary, 'text/plain', message.text),
    message.html && part(boundary, 'text/html', message.html),
  ].filter(Boolean);
  return [...headers, '', ...parts, `--${boundary}--`, ''].join(CRLF);
};

const fileName = (message) => {
  const recipient = String(addresses(message.to) ?? 'nobody')
    .replace(/[^A-Za-z0-9@._-]+/g, '_')
    .slice(0, 80);
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  return `${stamp}-${crypto.randomBytes(3).toString('hex')}-${recipient}.eml`;
};

module.exports = {
  init(providerOptions = {}, settings = {}) {
    const directory = providerOptions.directory;
    if (!directory) throw new Error('The outbox email provider needs providerOptions.directory');
    const log = () => (globalThis.strapi && globalThis.strapi.log) || console;

    return {
      async send(options) {
        const message = {
          ...options,
          from: options.from ?? settings.defaultFrom,
          replyTo: options.replyTo ?? settings.defaultReplyTo,
        };
        if (!message.to) throw new Error('The message has no recipient');
        await fs.promises.mkdir(directory, { recursive: true });
        const file = path.join(directory, fileName(message));
        await fs.promises.writeFile(file, toEml(message), { flag: 'wx' });
        log().info(`[outbox] Email to ${addresses(message.to)} written to ${file}`);
      },
    };
  },
};
