/**
 * The dispatch shared by the RP and CA handlers: one POST route per path under a base path, the
 * rate-limit hook before any work, the cross-site check on browser routes, bounded JSON bodies,
 * and every failure turned into problem details ([SRV-01]..[SRV-06]).
 * @module
 */
import { JitsuinError } from '../errors.js';
import { fail } from '../internal/fail.js';
import { checkSameOrigin, DEFAULT_MAX_BODY_BYTES, readJsonBody } from './input.js';
import { problemResponse } from './problem.js';

/** A Fetch-API route handler: runs unchanged on Node (through an adapter), Deno, Bun, Workers, Next.js, Hono. */
export type FetchHandler = (request: Request) => Promise<Response>;

/** What the hooks learn about a request. */
export interface RouteInfo {
  /** The route name, e.g. `qr/offer`. */
  readonly route: string;
  readonly request: Request;
}

/** The answer of a {@link RateLimitHook}. */
export type RateLimitDecision =
  | { readonly allowed: true }
  | {
      readonly allowed: false;
      /** Seconds until the client may retry. */ readonly retryAfter?: number;
    };

/** Decides, before any other work, whether a request may proceed (e.g. per client IP and route). */
export type RateLimitHook = (info: RouteInfo) => RateLimitDecision | Promise<RateLimitDecision>;

/** Options every handler takes. */
export interface HandlerOptions {
  /** Path prefix of every route, e.g. `/jitsuin` (default: none, routes sit at `/login/verify`, ...). */
  readonly basePath?: string;
  /** Largest request body in bytes (default 16 KiB; the enrollment route allows its own larger limit). */
  readonly maxBodyBytes?: number;
  /**
   * Origins allowed on browser routes. Set it in production: the default, the origin of the
   * request URL itself, trusts the Host header (behind a proxy it is the proxy's view; DNS
   * rebinding can make it the attacker's name).
   */
  readonly allowedOrigins?: readonly string[];
  /** Called before each request; a refusal answers 429 with `Retry-After`. */
  readonly rateLimit?: RateLimitHook;
  /** Receives every failure with its full message and cause, for the operator's logs (never sent to the client). */
  readonly onError?: (error: unknown, info: RouteInfo) => void;
  /** The server's clock, integer seconds since the epoch (default: the system clock). */
  readonly now?: () => number;
}

/** One route: whether browsers call it (then it is checked for cross-site use) and what it does. @internal */
export interface Route {
  readonly browser: boolean;
  /** Body limit of this route, when it differs from the handler's. */
  readonly maxBodyBytes?: number;
  run(body: Uint8Array, request: Request): Promise<Response>;
}

/** A JSON success response that no cache keeps. @internal */
export function jsonResponse(
  body: unknown,
  init: { status?: number; headers?: Record<string, string> } = {},
): Response {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return new Response(text, {
    status: init.status ?? 200,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store', ...init.headers },
  });
}

function checkBase(base: unknown): string {
  if (base === undefined) return '';
  if (typeof base !== 'string' || (base !== '' && (!base.startsWith('/') || base.endsWith('/'))))
    fail('ERR_INVALID_ARGUMENT', 'basePath must be empty or start with "/" and not end with one');
  return base;
}

/** Builds the Fetch handler of `routes` (keys are route names, mounted at `basePath/name`). @internal */
export function routeHandler(
  routes: Readonly<Record<string, Route>>,
  options: HandlerOptions,
): FetchHandler {
  const base = checkBase(options.basePath);
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  if (!Number.isSafeInteger(maxBody) || maxBody < 2)
    fail('ERR_INVALID_ARGUMENT', 'maxBodyBytes must be an integer of at least 2');
  return async (request) => {
    let info: RouteInfo = { route: '', request };
    try {
      if (!(request instanceof Request))
        fail('ERR_INVALID_ARGUMENT', 'the handler takes a Fetch API Request');
      const path = new URL(request.url).pathname;
      const name = path.startsWith(`${base}/`) ? path.slice(base.length + 1) : undefined;
      const route =
        name !== undefined && Object.prototype.hasOwnProperty.call(routes, name)
          ? routes[name]
          : undefined;
      if (route === undefined || name === undefined)
        return fail('ERR_HTTP_NOT_FOUND', 'no such route', 'SRV-01');
      info = { route: name, request };
      if (request.method !== 'POST') {
        return problemResponse(
          new JitsuinError('ERR_HTTP_METHOD', 'only POST is allowed', { requirement: 'SRV-01' }),
          { allow: 'POST' },
        );
      }
      const decision =
        options.rateLimit === undefined
          ? { allowed: true as const }
          : await options.rateLimit(info);
      if (!decision.allowed) {
        const retry = decision.retryAfter;
        return problemResponse(
          new JitsuinError('ERR_RATE_LIMITED', 'rate limited', { requirement: 'SRV-05' }),
          retry !== undefined && Number.isSafeInteger(retry) && retry >= 0
            ? { 'retry-after': String(retry) }
            : {},
        );
      }
      if (route.browser) checkSameOrigin(request, options.allowedOrigins);
      const body = await readJsonBody(request, route.maxBodyBytes ?? maxBody);
      return await route.run(body, request);
    } catch (error) {
      try {
        options.onError?.(error, info);
      } catch {
        // a failing logger must not change the answer
      }
      return problemResponse(error);
    }
  };
}
