/**
 * The small adapter that runs a Fetch handler on Node's `http` server: the request becomes a
 * `Request` (body streamed, never buffered here), the `Response` is written back, cookies included.
 * @module
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';

/** A Fetch-API handler. */
export type Fetch = (request: Request) => Promise<Response>;

/** A Node `http` request listener that answers with `handler`; `origin` is used when Host is absent. */
export function nodeListener(
  handler: Fetch,
  origin: string,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    void (async () => {
      const url = new URL(
        req.url ?? '/',
        req.headers.host === undefined ? origin : `http://${req.headers.host}`,
      );
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) {
        if (value === undefined) continue;
        for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
      }
      const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
      const init: RequestInit & { duplex?: 'half' } = { method: req.method ?? 'GET', headers };
      if (hasBody) {
        init.body = Readable.toWeb(req) as ReadableStream<Uint8Array>;
        init.duplex = 'half';
      }
      const response = await handler(new Request(url, init));
      const out: Record<string, string | string[]> = {};
      response.headers.forEach((value, name) => {
        if (name !== 'set-cookie') out[name] = value;
      });
      const cookies = response.headers.getSetCookie();
      if (cookies.length > 0) out['set-cookie'] = cookies;
      res.writeHead(response.status, out);
      if (response.body === null || req.method === 'HEAD') {
        res.end();
        return;
      }
      const body = Readable.fromWeb(
        response.body as import('node:stream/web').ReadableStream<Uint8Array>,
      );
      body.on('error', () => res.destroy());
      body.pipe(res);
    })().catch(() => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('internal error');
    });
  };
}
