/**
 * jitsuin/server — Fetch-API route handlers (`(request: Request) => Promise<Response>`) for the
 * relying party's login and QR routes and the CA's enrollment routes (normative text:
 * `spec/server.md`). They run unchanged on Node 20 (through a small `http` adapter, as
 * `jitsuin serve` does), Deno, Bun, Cloudflare Workers, Next.js route handlers and Hono.
 * @module jitsuin/server
 */
export { createRpHandler, describeUserAgent, type RpHandlerOptions } from './rp.js';
export { createCaHandler, type CaHandlerOptions } from './ca.js';
export {
  type FetchHandler,
  type HandlerOptions,
  type RouteInfo,
  type RateLimitDecision,
  type RateLimitHook,
} from './router.js';
export {
  problemDetails,
  problemStatus,
  PROBLEM_CONTENT_TYPE,
  type ProblemDetails,
} from './problem.js';
export { DEFAULT_MAX_BODY_BYTES } from './input.js';
