/**
 * zod, configured once for both sides: jitless, so no schema compiles code at run time
 * (Figma's sandbox and a strict panel CSP both forbid `new Function`).
 * Import zod through this module, never directly.
 */
import * as z from "zod";

z.config({ jitless: true });

export * from "zod";
