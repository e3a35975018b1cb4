import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { JsonBody } from './fixtures';

export interface WebhookReceiver {
  /** Where a webhook should post. */
  url: string;
  /** Every call received, in order. */
  received: Array<{ headers: http.IncomingHttpHeaders; body: JsonBody }>;
  close: () => Promise<void>;
}

/** An HTTP server on loopback standing for a site's webhook endpoint: it keeps each JSON body posted to it. */
export const startWebhookReceiver = async (): Promise<WebhookReceiver> => {
  const received: WebhookReceiver['received'] = [];
  const server = http.createServer((req, res) => {
    let data = '';
    req.on('data', (chunk) => (data += chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, body: JSON.parse(data) });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`,
    received,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
};
