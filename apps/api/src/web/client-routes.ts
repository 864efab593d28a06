/**
 * The web console's client routes (web/src/app.tsx). A browser asking for one of these paths gets
 * the single-page app's index.html (history fallback). None of them is a prefix of an API route,
 * so the console never shadows the API, /docs, /health or /metrics (web-console.spec.ts checks it
 * against the OpenAPI document).
 */
export const CLIENT_ROUTES: readonly RegExp[] = [
  /^\/$/,
  /^\/login$/,
  /^\/board\/[^/]+$/,
  /^\/matching\/[^/]+$/,
  /^\/task\/[^/]+$/,
  /^\/unit\/[^/]+$/,
  /^\/notice-board\/[^/]+(\/[^/]+)?$/,
  /^\/evaluation$/,
  /^\/street\/[^/]+$/,
  /^\/auditor$/,
];

export const isClientRoute = (path: string): boolean => CLIENT_ROUTES.some((r) => r.test(path));
