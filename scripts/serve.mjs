/**
 * Serves the local host on localhost: the real panel (dist/ui.html) and the real plugin code
 * (dist/code.js) running against the emulated Figma canvas, with the sample journey loaded.
 *
 * Usage: node scripts/serve.mjs [--port N]   (default 4173; 0 picks a free port)
 */
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const portArg = process.argv.indexOf("--port");
const port = portArg > 0 ? Number(process.argv[portArg + 1]) : Number(process.env.PORT ?? 4173);

const routes = {
  "/": ["dist/host/index.html", "text/html; charset=utf-8"],
  "/host.js": ["dist/host/host.js", "text/javascript; charset=utf-8"],
  "/host.js.map": ["dist/host/host.js.map", "application/json"],
  "/ui.html": ["dist/ui.html", "text/html; charset=utf-8"],
  "/code.js": ["dist/code.js", "text/javascript; charset=utf-8"],
  "/sample-journey.json": ["examples/sample-journey.json", "application/json"],
};

const server = createServer(async (request, response) => {
  const url = new URL(request.url ?? "/", "http://localhost");
  if (url.pathname === "/favicon.ico") {
    response.writeHead(204).end();
    return;
  }
  const route = routes[url.pathname];
  if (!route) {
    response.writeHead(404, { "content-type": "text/plain" }).end("not found");
    return;
  }
  try {
    const body = await readFile(path.join(root, route[0]));
    response.writeHead(200, { "content-type": route[1], "cache-control": "no-store" }).end(body);
  } catch {
    response.writeHead(500, { "content-type": "text/plain" }).end(`${route[0]} is missing: run npm run build`);
  }
});

server.listen(port, "127.0.0.1", () => {
  const address = server.address();
  const actual = typeof address === "object" && address ? address.port : port;
  console.log(`Journey Mapper host: http://localhost:${actual}/`);
});
