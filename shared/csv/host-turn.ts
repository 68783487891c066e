/**
 * Giving the host a turn during a long import, so a panel can paint its progress bar and answer
 * clicks. In a browser a MessageChannel message is the quickest macrotask (a zero-delay timer waits
 * 4 ms once nested), and each message is a task of its own. Node is different: it delivers a port's
 * messages in one batch, those posted meanwhile included, so a chain of yields by messages would
 * run to its end without letting a timer or a file read in; there `setImmediate` gives the event
 * loop a whole turn. Figma's sandbox has only timers; where there is none of these, a resolved
 * promise at least lets other promises run.
 */

interface MessagePortLike {
  onmessage: ((event: unknown) => void) | null;
  postMessage(message: unknown): void;
  close(): void;
}
// Declared here, not taken from the DOM or Node typings, which shared/ must not depend on; either may
// be missing at run time, hence the `typeof` checks.
declare const MessageChannel: (new () => { port1: MessagePortLike; port2: MessagePortLike }) | undefined;
declare const setTimeout: ((callback: () => void, ms: number) => unknown) | undefined;
declare const setImmediate: ((callback: () => void) => unknown) | undefined;

export interface HostTurns {
  /** Resolves once the host has had a turn. */
  yieldToHost: () => Promise<void>;
  /** Releases the channel, so that Node can exit once the import is done. */
  close: () => void;
}

export function createHostTurns(): HostTurns {
  if (typeof setImmediate !== "undefined" && setImmediate !== undefined) {
    const immediate = setImmediate;
    return { yieldToHost: () => new Promise<void>((resolve) => immediate(resolve)), close: () => undefined };
  }
  if (typeof MessageChannel !== "undefined" && MessageChannel !== undefined) {
    const channel = new MessageChannel();
    const waiting: (() => void)[] = [];
    channel.port1.onmessage = () => waiting.shift()?.();
    return {
      yieldToHost: () =>
        new Promise<void>((resolve) => {
          waiting.push(resolve);
          channel.port2.postMessage(null);
        }),
      close: () => {
        channel.port1.close();
        channel.port2.close();
      },
    };
  }
  if (typeof setTimeout !== "undefined" && setTimeout !== undefined) {
    const timer = setTimeout;
    return { yieldToHost: () => new Promise<void>((resolve) => timer(resolve, 0)), close: () => undefined };
  }
  return { yieldToHost: () => Promise.resolve(), close: () => undefined };
}
