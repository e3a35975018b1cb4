'use strict';

const http = require('node:http');

// One keep-alive agent without a socket limit: concurrency is what the caller asks for, not the agent's.
const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });

const IDEMPOTENT = new Set(['GET', 'HEAD']);

/**
 * One HTTP request with a JSON body; resolves with the status, the parsed body and the time from
 * sending to the last byte of the answer, in milliseconds.
 */
const request = async (url, options = {}) => {
  try {
    return await send(url, options);
  } catch (error) {
    // The server most likely closed this idle keep-alive socket as the request went out, and Node's
    // documentation advises sending it again; but the request may have been processed all the
    // same, so only a method that may run twice (GET, HEAD) is retried: a POST could create or
    // send something twice. On a socket of its own: the agent's next free socket may be closed too.
    const method = (options.method ?? 'GET').toUpperCase();
    if (error.code === 'ECONNRESET' && error.reusedSocket && IDEMPOTENT.has(method)) return send(url, options, false);
    throw error;
  }
};

const send = (url, { method = 'GET', body, token } = {}, through = agent) =>
  new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const headers = {
      accept: 'application/json',
      ...(payload && { 'content-type': 'application/json', 'content-length': payload.length }),
      ...(token && { authorization: `Bearer ${token}` }),
    };
    const started = process.hrtime.bigint();
    const req = http.request(url, { method, headers, agent: through }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        const text = Buffer.concat(chunks).toString('utf8');
        let parsed = text;
        try {
          parsed = text ? JSON.parse(text) : null;
        } catch {
          // not JSON: keep the text, for error messages
        }
        resolve({ status: res.statusCode, body: parsed, ms });
      });
    });
    req.on('error', (error) => reject(Object.assign(error, { reusedSocket: req.reusedSocket })));
    req.end(payload);
  });

/** Fails with the answer in the message unless the status is the one expected. */
const expectStatus = (res, status, what) => {
  if (res.status !== status) {
    throw new Error(`${what}: expected ${status}, got ${res.status} ${JSON.stringify(res.body).slice(0, 500)}`);
  }
  return res;
};

/** Closes the kept-alive sockets no request is using, so that what follows opens its own. */
const dropIdleSockets = () => {
  for (const sockets of Object.values(agent.freeSockets)) for (const socket of sockets) socket.destroy();
};

module.exports = { request, expectStatus, dropIdleSockets };
