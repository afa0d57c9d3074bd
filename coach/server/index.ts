// The team server: HTTP + server-sent events over the coach. The CLI, renderer and tests are its clients.
export { startServer, type ServerOptions, type RunningServer } from './http-server.ts';
export { allRoutes } from './routes/index.ts';
export { defineRoute, respond, BROADCAST_KEY, type Route, type RouteRequest, type RouteResponse, type ServerDeps } from './route.ts';
export { CSP } from './static-ui.ts';
