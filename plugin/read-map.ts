/**
 * Reading a map frame back into the model.
 */
import type { CanvasProblem } from "../shared/messages";
import type { JourneyMap } from "../shared/model";
import { readModel } from "./plugin-data";

export interface ReadResult {
  model: JourneyMap;
  problems: CanvasProblem[];
}

/** Reads the model stored on a map frame; throws a readable error when it cannot. */
export function readMapFrame(frame: FrameNode): ReadResult {
  const stored = readModel(frame);
  if (!stored.ok) throw new Error(stored.message);
  return { model: stored.model, problems: [] };
}
