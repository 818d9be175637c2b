#!/usr/bin/env node
/**
 * One server process of `npm start` (docs/decisions/011 and 019): Node's http server in front
 * of Next's request handler, which serves every page and route as `next start` does, except
 * a grade (`POST /api/reviews`), answered by the app's own handler without Next's routing,
 * proxy and Request/Response objects around it. That handler is compiled by `next build`
 * with the rest of the app and registered by instrumentation.ts (lib/server/fast-routes.ts),
 * so it runs the app's own code, on the database connections and group commit the route
 * handlers use (they are kept on globalThis, one per process).
 * Started by scripts/start.mjs (alone, or as each worker of its cluster); PORT sets the port.
 */
import http from 'node:http';
import path from 'node:path';
import next from 'next';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const port = Number(process.env.PORT ?? 3000);
const FAST_ROUTES = Symbol.for('patternwise.fastRoutes');

// What `ps` shows for a server process (the benchmarks count them by it).
process.title = `patternwise-server (port ${port})`;

const app = next({ dev: false, dir: root, port });
await app.prepare();
const handle = app.getRequestHandler();

let fast = null;
const listener = (req, res) => {
  if (fast?.serves(req)) {
    // serve() answers every outcome itself, errors included.
    void fast.serve(req, res);
    return;
  }
  handle(req, res).catch((err) => {
    console.error(`server: failed to handle ${req.method} ${req.url}`, err);
    if (!res.headersSent) res.statusCode = 500;
    res.end();
  });
};

// In production Next prepares its render server (running instrumentation.ts, which registers
// the fast path) while handling its first request. So before taking traffic, this process asks
// itself for /api/health on a private port (`exclusive`: not shared with the cluster's other
// processes), then stops if the fast path is still missing.
const warm = http.createServer(listener);
await new Promise((resolve) => warm.listen({ port: 0, host: '127.0.0.1', exclusive: true }, resolve));
try {
  const health = await fetch(`http://127.0.0.1:${warm.address().port}/api/health`);
  await health.arrayBuffer();
} finally {
  warm.close();
  warm.closeAllConnections();
}
fast = globalThis[FAST_ROUTES] ?? null;
if (!fast) {
  console.error('server: the grading fast path was not registered (instrumentation.ts did not run or failed); stopping.');
  process.exit(1);
}

const server = http.createServer(listener);
server.on('error', (err) => {
  console.error('server: could not start', err);
  process.exit(1);
});
server.listen(port, () => console.log(`server: process ${process.pid} ready on port ${port}`));

// As `next start`: stop taking connections, let requests in flight finish, close Next, exit.
let stopping = false;
for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]]) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    server.close(() => {
      app.close().then(() => process.exit(code), (err) => {
        console.error(err);
        process.exit(code);
      });
    });
    server.closeIdleConnections();
    setTimeout(() => process.exit(code), 10_000).unref();
  });
}
