/**
 * Giving the host a turn during a long import, so a panel can paint its progress bar and answer
 * clicks. A MessageChannel message is the quickest macrotask in browsers and Node (a zero-delay
 * timer waits 1 ms in Node and 4 ms in browsers once nested); Figma's sandbox has only timers; where
 * there is neither, a resolved promise at least lets other promises run.
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

export interface HostTurns {
  /** Resolves once the host has had a turn. */
  yieldToHost: () => Promise<void>;
  /** Releases the channel, so that Node can exit once the import is done. */
  close: () => void;
}

export function createHostTurns(): HostTurns {
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
