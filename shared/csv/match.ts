/**
 * Matching the stage, touchpoint and persona names of a CSV to the map's entities, the way a person
 * reads them: " checkout" and "CHECKOUT " are one stage, "Check   out" is "check out". Names the map
 * does not know yet can become new entities, in the order they first appear.
 */
import { blankPersona, type Channel, type Persona, type Stage, type Touchpoint } from "../model";

/** The key two names share when a person would call them the same: trimmed, inner spaces collapsed, lower case. */
export function entityNameKey(name: string): string {
  return tidyEntityName(name).toLowerCase();
}

/** The name a new entity gets from a cell: trimmed, inner spaces collapsed, case as first written. */
export function tidyEntityName(name: string): string {
  return name.trim().replace(/\s+/g, " ");
}

/** Entities found by name; each distinct cell text is keyed once, not once per row. */
export interface NameIndex<T extends { name: string }> {
  find(name: string): T | undefined;
  add(entity: T): void;
}

/** Indexes entities by name key; when two share a key, the first one is the one found. */
export function createNameIndex<T extends { name: string }>(entities: readonly T[]): NameIndex<T> {
  const byKey = new Map<string, T>();
  const byCell = new Map<string, T>();
  const add = (entity: T) => {
    const key = entityNameKey(entity.name);
    if (!byKey.has(key)) byKey.set(key, entity);
  };
  entities.forEach(add);
  return {
    add,
    find(name) {
      const hit = byCell.get(name);
      if (hit !== undefined) return hit;
      // Misses are not remembered: the name may be created a moment later.
      const found = byKey.get(entityNameKey(name));
      if (found !== undefined) byCell.set(name, found);
      return found;
    },
  };
}

/** Touchpoints by name within their stage, and across stages for rows that name no stage. */
export interface TouchpointIndex {
  findInStage(stageId: string, name: string): Touchpoint | undefined;
  /** Every touchpoint with this name, in any stage. */
  findAnywhere(name: string): readonly Touchpoint[];
  add(touchpoint: Touchpoint): void;
}

export function createTouchpointIndex(touchpoints: readonly Touchpoint[]): TouchpointIndex {
  const byStage = new Map<string, NameIndex<Touchpoint>>();
  const byKey = new Map<string, Touchpoint[]>();
  const add = (touchpoint: Touchpoint) => {
    let index = byStage.get(touchpoint.stageId);
    if (index === undefined) {
      index = createNameIndex<Touchpoint>([]);
      byStage.set(touchpoint.stageId, index);
    }
    index.add(touchpoint);
    const key = entityNameKey(touchpoint.name);
    const same = byKey.get(key);
    if (same === undefined) byKey.set(key, [touchpoint]);
    else same.push(touchpoint);
  };
  touchpoints.forEach(add);
  return {
    add,
    findInStage: (stageId, name) => byStage.get(stageId)?.find(name),
    findAnywhere: (name) => byKey.get(entityNameKey(name)) ?? [],
  };
}

/** Words that give a touchpoint's channel away, checked in this order ("app store review" is the app, "phone support" the phone). */
const CHANNEL_WORDS: readonly [Channel, readonly string[]][] = [
  ["app", ["app", "apps", "ios", "android", "iphone", "ipad"]],
  ["email", ["email", "mail", "emails", "newsletter", "mailing", "inbox"]],
  ["chat", ["chat", "chatbot", "bot", "messenger", "whatsapp", "livechat"]],
  ["phone", ["phone", "call", "calls", "hotline", "telephone", "telefon", "ivr", "callcenter", "sms"]],
  ["social", ["social", "facebook", "instagram", "twitter", "linkedin", "tiktok", "youtube", "reddit", "pinterest"]],
  ["web", ["web", "website", "site", "online", "webshop", "portal", "browser", "homepage", "landing", "webpage"]],
  ["support", ["support", "helpdesk", "help", "service", "ticket", "tickets"]],
  ["store", ["store", "shop", "branch", "boutique", "filiale", "showroom", "retail", "counter", "kiosk"]],
];

/** Guesses a new touchpoint's channel from its name ("Welcome email" → email); "other" when nothing says. */
export function guessChannel(name: string): Channel {
  const words = new Set(name.toLowerCase().split(/[^\p{L}\p{N}]+/u));
  for (const [channel, clues] of CHANNEL_WORDS) if (clues.some((clue) => words.has(clue))) return channel;
  return "other";
}

const DIGITAL_CHANNELS: ReadonlySet<Channel> = new Set<Channel>(["web", "app", "email", "chat", "social"]);

/** A stage the import creates: only its name is known. */
export function newStage(id: string, name: string): Stage {
  return { id, name: tidyEntityName(name), objective: "", emotion: null };
}

/** A touchpoint the import creates: channel guessed from its name, the default importance 3. */
export function newTouchpoint(id: string, stageId: string, name: string): Touchpoint {
  const channel = guessChannel(name);
  return { id, stageId, name: tidyEntityName(name), channel, digital: DIGITAL_CHANNELS.has(channel), importance: 3 };
}

/** A persona the import creates: only its name is known; it is shown on maps like any persona. */
export function newPersona(id: string, name: string): Persona {
  return blankPersona(id, tidyEntityName(name));
}
