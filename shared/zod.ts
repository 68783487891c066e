/**
 * zod, configured once for both sides. The mini build keeps the sandbox bundle small (about 20 kB
 * instead of about 100 kB); jitless, so no schema compiles code at run time (Figma's sandbox and a
 * strict panel CSP both forbid `new Function`). Import zod through this module, never directly.
 */
import * as z from "zod/mini";

z.config({ jitless: true });

export * from "zod/mini";
