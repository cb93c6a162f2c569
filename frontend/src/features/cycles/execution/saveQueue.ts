import { ApiError } from '../../../api/ApiError';
import { isTransient, retryDelay, RETRY_DELAYS_MS } from '../../../lib/saving';

/** Where one key's save stands. A key the queue has nothing for is simply absent. */
export type SaveState =
  /** Changed; sent once typing pauses. */
  | { kind: 'pending' }
  | { kind: 'saving' }
  /** The server could not be reached (or was unavailable): sent again after `retryInMs`. */
  | { kind: 'retrying'; retryInMs: number; failures: number; message: string }
  /** Refused (a 4xx): not sent again until the value changes or someone asks. */
  | { kind: 'refused'; message: string; status: number }
  /** The server has the last value (since this page opened). */
  | { kind: 'saved' };

export interface QueueEntry<T> {
  state: SaveState;
  /** The value not on the server yet; none once saved. */
  value?: T;
}

export type QueueSnapshot<T> = ReadonlyMap<string, QueueEntry<T>>;

export interface SaveQueueOptions<T> {
  /** Sends one key's value; rejects with an ApiError when the server says no or cannot be reached. */
  send: (key: string, value: T) => Promise<unknown>;
  /** Called after the server took a value, with its answer. */
  onSaved?: (key: string, value: T, answer: unknown) => void;
  /** Where unsaved values are kept across reloads (localStorage); none keeps them in memory only. */
  storage?: Storage;
  /** Prefix of this queue's storage keys: say, the user's. */
  storagePrefix?: string;
  /** Waits before each retry after a failure; the last one repeats. */
  retryDelaysMs?: readonly number[];
}


interface Entry<T> {
  value: T;
  state: SaveState;
  inFlight: boolean;
  /** Changed while in flight: send again as soon as the answer comes. */
  again: boolean;
  failures: number;
  timer: ReturnType<typeof setTimeout> | undefined;
}

interface Waiter {
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Saves values by key (a step result per step), optimistically: the newest value of a key is what
 * the page shows at once, and the server gets the values of a key in the order they were made,
 * never two at a time (a change made while one is in flight goes right after it; changes made
 * meanwhile fold into the newest, each save carrying everything). Network errors and 5xx are
 * retried with growing waits; a 4xx is shown and kept, not retried for ever. Every unsaved value is
 * also written to storage at once and removed when saved, so that `restore()` after a reload (or a
 * crash) sends what the server never got. Outside React, so that the rules are plain to test.
 */
export class SaveQueue<T> {
  private readonly entries = new Map<string, Entry<T>>();
  private readonly saved = new Set<string>();
  private readonly waiters = new Map<string, Waiter[]>();
  private readonly listeners = new Set<() => void>();
  private snapshot: QueueSnapshot<T> = new Map();
  private readonly delays: readonly number[];
  private stopped = false;

  constructor(private readonly options: SaveQueueOptions<T>) {
    this.delays = options.retryDelaysMs ?? RETRY_DELAYS_MS;
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** The same object until something changes, as useSyncExternalStore needs. */
  readonly getSnapshot = (): QueueSnapshot<T> => this.snapshot;

  /** True while some value is not on the server. */
  get hasUnsaved(): boolean {
    return this.entries.size > 0;
  }

  /** The newest unsaved value of a key. */
  valueOf(key: string): T | undefined {
    return this.entries.get(key)?.value;
  }

  /**
   * A new value for a key: kept (and stored) at once, sent after `delayMs` (typing) or now. A
   * value set while the last one is in flight goes once that one is answered.
   */
  set(key: string, value: T, { delayMs = 0 }: { delayMs?: number } = {}): void {
    this.saved.delete(key);
    let entry = this.entries.get(key);
    if (!entry) {
      entry = { value, state: { kind: 'pending' }, inFlight: false, again: false, failures: 0, timer: undefined };
      this.entries.set(key, entry);
    }
    entry.value = value;
    this.store(key, value);
    if (entry.state.kind === 'retrying') {
      // The next try sends the newest value anyway; typing does not reset the wait.
      this.publish();
      return;
    }
    if (entry.inFlight) {
      if (delayMs === 0) entry.again = true;
      else this.schedule(key, entry, delayMs);
      this.publish();
      return;
    }
    if (entry.state.kind === 'refused') entry.state = { kind: 'pending' };
    if (delayMs > 0) {
      if (entry.state.kind !== 'saving') entry.state = { kind: 'pending' };
      this.schedule(key, entry, delayMs);
      this.publish();
    } else {
      void this.send(key);
    }
  }

  /** Sends now whatever waits: for a pause, a retry, or after a refusal ("Retry now", back online). */
  retryNow(): void {
    for (const [key, entry] of this.entries) {
      if (!entry.inFlight) void this.send(key);
    }
  }

  /**
   * Resolves once the key's value is on the server (at once if nothing waits); sends it now if it
   * waits for a pause. Rejects with the error of the next failed try.
   */
  whenSaved(key: string): Promise<void> {
    const entry = this.entries.get(key);
    if (!entry) return Promise.resolve();
    const promise = new Promise<void>((resolve, reject) => {
      const list = this.waiters.get(key) ?? [];
      list.push({ resolve, reject });
      this.waiters.set(key, list);
    });
    if (!entry.inFlight) void this.send(key);
    return promise;
  }

  /** Forgets a key's unsaved value (after a refusal the person gave up on). */
  discard(key: string): void {
    const entry = this.entries.get(key);
    if (!entry || entry.inFlight) return;
    this.clearTimer(entry);
    this.entries.delete(key);
    this.unstore(key);
    this.settleWaiters(key, new Error('The change was discarded.'));
    this.publish();
  }

  /**
   * Sends again the values a previous page left in storage (under this queue's prefix) whose key
   * `accept` takes; answers how many.
   */
  restore(accept: (key: string, value: T) => boolean = () => true): number {
    const { storage, storagePrefix = '' } = this.options;
    if (!storage) return 0;
    const found: [string, T][] = [];
    for (let index = 0; index < storage.length; index++) {
      const storageKey = storage.key(index);
      if (storageKey === null || !storageKey.startsWith(storagePrefix)) continue;
      const key = storageKey.slice(storagePrefix.length);
      if (this.entries.has(key)) continue;
      try {
        const stored = JSON.parse(storage.getItem(storageKey) ?? 'null') as { value?: T } | null;
        if (stored && stored.value !== undefined && accept(key, stored.value)) found.push([key, stored.value]);
      } catch {
        // Not ours, or torn: nothing to send.
      }
    }
    for (const [key, value] of found) this.set(key, value);
    return found.length;
  }

  /**
   * The page goes away: no timer is left behind, and nothing new is sent (values set meanwhile are
   * still stored); what is in flight still lands. `start()` sends what waits.
   */
  stop(): void {
    this.stopped = true;
    for (const entry of this.entries.values()) this.clearTimer(entry);
  }

  start(): void {
    this.stopped = false;
    this.retryNow();
  }

  private async send(key: string): Promise<void> {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.clearTimer(entry);
    if (this.stopped) return;
    if (entry.inFlight) {
      entry.again = true;
      return;
    }
    const sending = entry.value;
    entry.inFlight = true;
    entry.again = false;
    entry.state = { kind: 'saving' };
    this.publish();
    let answer: unknown;
    try {
      answer = await this.options.send(key, sending);
    } catch (error) {
      entry.inFlight = false;
      this.failed(key, entry, error, sending);
      return;
    }
    entry.inFlight = false;
    entry.failures = 0;
    this.options.onSaved?.(key, sending, answer);
    if (entry.value !== sending) {
      // Changed meanwhile: right away if asked for, else when its pause ends.
      if (entry.again || entry.timer === undefined) void this.send(key);
      else {
        entry.state = { kind: 'pending' };
        this.publish();
      }
      return;
    }
    this.clearTimer(entry);
    this.entries.delete(key);
    this.saved.add(key);
    this.unstore(key);
    this.settleWaiters(key);
    this.publish();
  }

  private failed(key: string, entry: Entry<T>, error: unknown, sent: T): void {
    const message = error instanceof Error ? error.message : 'The save failed.';
    this.settleWaiters(key, error);
    if (isTransient(error)) {
      const retryInMs = retryDelay(error, entry.failures, this.delays);
      entry.failures += 1;
      entry.state = { kind: 'retrying', retryInMs, failures: entry.failures, message };
      this.schedule(key, entry, retryInMs);
    } else {
      this.clearTimer(entry);
      entry.state = { kind: 'refused', message, status: error instanceof ApiError ? error.status : 0 };
      entry.failures = 0;
      // What was changed while the refused value was on its way may be the fix: it goes now.
      if (entry.value !== sent) {
        void this.send(key);
        return;
      }
    }
    this.publish();
  }

  private schedule(key: string, entry: Entry<T>, delayMs: number): void {
    this.clearTimer(entry);
    if (this.stopped) return;
    entry.timer = setTimeout(() => {
      entry.timer = undefined;
      void this.send(key);
    }, delayMs);
  }

  private clearTimer(entry: Entry<T>): void {
    if (entry.timer !== undefined) clearTimeout(entry.timer);
    entry.timer = undefined;
  }

  private settleWaiters(key: string, error?: unknown): void {
    const list = this.waiters.get(key);
    if (!list) return;
    this.waiters.delete(key);
    for (const waiter of list) {
      if (error === undefined) waiter.resolve();
      else waiter.reject(error);
    }
  }

  private store(key: string, value: T): void {
    try {
      this.options.storage?.setItem(`${this.options.storagePrefix ?? ''}${key}`, JSON.stringify({ value, at: new Date().toISOString() }));
    } catch {
      // Storage full or refused: the value is still in memory and on its way.
    }
  }

  private unstore(key: string): void {
    try {
      this.options.storage?.removeItem(`${this.options.storagePrefix ?? ''}${key}`);
    } catch {
      // As above.
    }
  }

  private publish(): void {
    const next = new Map<string, QueueEntry<T>>();
    for (const key of this.saved) next.set(key, { state: { kind: 'saved' } });
    for (const [key, entry] of this.entries) next.set(key, { state: entry.state, value: entry.value });
    this.snapshot = next;
    this.listeners.forEach((listener) => listener());
  }
}

/** Where the whole queue stands, for the page's indicator: the worst state wins. */
export type QueueSummary =
  | { kind: 'idle' }
  | { kind: 'saved' }
  | { kind: 'saving'; count: number }
  | { kind: 'retrying'; count: number; message: string }
  | { kind: 'refused'; count: number; message: string };

export function summarize<T>(snapshot: QueueSnapshot<T>): QueueSummary {
  const entries = [...snapshot.values()];
  const refused = entries.flatMap((entry) => (entry.state.kind === 'refused' ? [entry.state] : []));
  if (refused.length > 0) return { kind: 'refused', count: refused.length, message: refused[0]?.message ?? '' };
  const retrying = entries.flatMap((entry) => (entry.state.kind === 'retrying' ? [entry.state] : []));
  if (retrying.length > 0) return { kind: 'retrying', count: retrying.length, message: retrying[0]?.message ?? '' };
  const busy = entries.filter((entry) => entry.state.kind === 'saving' || entry.state.kind === 'pending').length;
  if (busy > 0) return { kind: 'saving', count: busy };
  return entries.length > 0 ? { kind: 'saved' } : { kind: 'idle' };
}
