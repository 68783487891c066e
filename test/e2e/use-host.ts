/**
 * The local host for one end-to-end test file: started before its tests, closed after them. Kept apart
 * from host.ts, which the benchmarks bundle without a test runner.
 */
import { afterAll, beforeAll } from "vitest";
import { type Host, openHost, startHost } from "./host";

/** Starts the host for the file's tests; what it returns opens the host page with the panel rendered. */
export function useHost(): () => ReturnType<typeof openHost> {
  let host: Host | undefined;
  beforeAll(async () => {
    host = await startHost();
  });
  afterAll(async () => {
    await host?.close();
  });
  return () => {
    if (host === undefined) throw new Error("the local host did not start");
    return openHost(host);
  };
}
