'use strict';

const http = require('node:http');

// One keep-alive agent without a socket limit: concurrency is what the caller asks for, not the agent's.
const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });

/**
 * One HTTP request with a JSON body; resolves with the status, the parsed body and the time from
 * sending to the last byte of the answer, in milliseconds.
 */
const request = async (url, options = {}) => {
  try {
    return await send(url, options);
  } catch (error) {
    // The server closed this idle keep-alive socket as the request went out: nothing was
    // processed, so sending it again is safe (what Node's documentation advises). On a socket of
    // its own: the agent's next free socket may have been closed as well.
    if (error.code === 'ECONNRESET' && error.reusedSocket) return send(url, options, false);
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
