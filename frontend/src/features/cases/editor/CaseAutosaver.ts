import { ApiError } from '../../../api/ApiError';
import { isTransient, retryDelay, RETRY_DELAYS_MS } from '../../../lib/saving';
import { contentOf, type CaseContent, type TestCase } from '../api/types';

export type SaveStatus =
  /** The server has what the editor shows. */
  | { kind: 'saved' }
  /** Changed; saved once typing pauses. */
  | { kind: 'pending' }
  | { kind: 'saving' }
  /** The server could not be reached (or was unavailable): tried again after `retryInMs`. */
  | { kind: 'retrying'; retryInMs: number; message: string }
  /** Refused (a title missing, a value out of range): tried again after the next change. */
  | { kind: 'refused'; message: string }
  /** Someone else saved since this editor's revision: nothing is saved until the person decides. */
  | { kind: 'conflict'; theirs: TestCase };

export interface AutosaveTiming {
  /** How long typing must pause before a save. */
  pauseMs: number;
  /** Waits before each retry after a failure; the last one repeats. */
  retryDelaysMs: readonly number[];
}

export const DEFAULT_TIMING: AutosaveTiming = { pauseMs: 1000, retryDelaysMs: RETRY_DELAYS_MS };

/** Sends the editor's content as a save from `revision`. */
export type SendSave = (content: CaseContent, revision: number) => Promise<TestCase>;

export function sameContent(a: CaseContent, b: CaseContent): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function isTestCase(value: unknown): value is TestCase {
  return typeof value === 'object' && value !== null && 'revision' in value && 'steps' in value;
}

export interface AutosaveSnapshot {
  /** What the editor shows: the last content typed, saved or not. */
  content: CaseContent;
  status: SaveStatus;
}

/**
 * The editor's content and its autosave, outside React so that the rules are plain to read and
 * test (React reads it with useSyncExternalStore): a save once typing pauses, one save in flight at
 * a time (changes made meanwhile go in the next one), retries with growing waits when the server
 * cannot be reached, and on an edit conflict no save at all until the person keeps theirs or takes
 * the other one. What was typed is never dropped.
 */
export class CaseAutosaver {
  private latest: CaseContent;
  /** What the server holds as far as this editor knows (the last content it accepted from here, or theirs). */
  private saved: CaseContent;
  private revision: number;
  private inFlight = false;
  private saveAgain = false;
  private failures = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private status: SaveStatus = { kind: 'saved' };
  private snapshot: AutosaveSnapshot;
  private readonly listeners = new Set<() => void>();

  constructor(
    initial: TestCase,
    private readonly send: SendSave,
    private readonly onSaved: (saved: TestCase) => void = () => {},
    private readonly timing: AutosaveTiming = DEFAULT_TIMING,
  ) {
    this.latest = contentOf(initial);
    this.saved = this.latest;
    this.revision = initial.revision;
    this.snapshot = { content: this.latest, status: this.status };
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** The same object until something changes, as useSyncExternalStore needs. */
  readonly getSnapshot = (): AutosaveSnapshot => this.snapshot;

  /** True while something typed is not on the server yet. */
  get unsaved(): boolean {
    return this.inFlight || !sameContent(this.latest, this.saved);
  }

  /** The person changed some fields. (A bound field, like saveNow, so React can hand it on as it is.) */
  readonly edit = (change: Partial<CaseContent>): void => {
    this.latest = { ...this.latest, ...change };
    if (this.status.kind === 'conflict' || this.status.kind === 'retrying' || this.inFlight) {
      // In conflict nothing is saved; while retrying, the next attempt sends the latest content
      // anyway (typing does not reset the wait); while saving, the pause timer below follows.
      this.publish();
      if (this.status.kind === 'conflict' || this.status.kind === 'retrying') return;
    } else {
      this.setStatus(sameContent(this.latest, this.saved) ? { kind: 'saved' } : { kind: 'pending' });
    }
    this.schedule(this.timing.pauseMs);
  };

  /** Saves now (leaving the page, "Retry now"), unless in conflict. */
  readonly saveNow = (): void => {
    void this.save();
  };

  /** After a conflict: save what this editor holds on top of their revision. */
  keepMine(): void {
    if (this.status.kind !== 'conflict') return;
    const theirs = this.status.theirs;
    this.revision = theirs.revision;
    this.saved = contentOf(theirs);
    this.setStatus({ kind: 'pending' });
    void this.save();
  }

  /** After a conflict: drop what this editor holds for their content. */
  takeTheirs(): void {
    if (this.status.kind !== 'conflict') return;
    const theirs = this.status.theirs;
    this.revision = theirs.revision;
    this.latest = contentOf(theirs);
    this.saved = this.latest;
    this.setStatus({ kind: 'saved' });
  }

  /** The editor goes away: a save waiting for the pause is sent now, and no timer is left behind. */
  suspend(): void {
    const waiting = this.timer !== undefined;
    this.clearTimer();
    if (waiting && this.status.kind !== 'conflict') void this.save();
  }

  private async save(): Promise<void> {
    this.clearTimer();
    if (this.status.kind === 'conflict') return;
    if (this.inFlight) {
      this.saveAgain = true;
      return;
    }
    const sending = this.latest;
    if (sameContent(sending, this.saved)) {
      this.setStatus({ kind: 'saved' });
      return;
    }
    if (!sending.title.trim()) {
      this.setStatus({ kind: 'refused', message: 'Give the case a title to save it.' });
      return;
    }
    this.inFlight = true;
    this.setStatus({ kind: 'saving' });
    try {
      const answer = await this.send(sending, this.revision);
      this.revision = answer.revision;
      this.saved = sending;
      this.failures = 0;
      this.inFlight = false;
      this.onSaved(answer);
      this.afterSave();
    } catch (error) {
      this.inFlight = false;
      this.saveAgain = false;
      this.failed(error, sending);
    }
  }

  private afterSave(): void {
    if (this.saveAgain) {
      this.saveAgain = false;
      void this.save();
    } else if (!sameContent(this.latest, this.saved)) {
      // Typed during the save: its own pause timer is running.
      this.setStatus({ kind: 'pending' });
      if (this.timer === undefined) this.schedule(this.timing.pauseMs);
    } else {
      this.setStatus({ kind: 'saved' });
    }
  }

  private failed(error: unknown, sent: CaseContent): void {
    if (error instanceof ApiError && error.code === 'edit_conflict' && isTestCase(error.details.current)) {
      this.clearTimer();
      this.setStatus({ kind: 'conflict', theirs: error.details.current });
    } else if (isTransient(error)) {
      const retryInMs = retryDelay(error, this.failures, this.timing.retryDelaysMs);
      this.failures += 1;
      this.setStatus({ kind: 'retrying', retryInMs, message: error instanceof Error ? error.message : 'The save failed.' });
      this.schedule(retryInMs);
    } else {
      this.setStatus({ kind: 'refused', message: error instanceof Error ? error.message : 'The server refused the save.' });
      // What was typed after the refused save may be the fix: its pause timer still runs.
      if (sameContent(this.latest, sent)) this.clearTimer();
    }
  }

  private schedule(delayMs: number): void {
    this.clearTimer();
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.save();
    }, delayMs);
  }

  private clearTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private setStatus(status: SaveStatus): void {
    this.status = status;
    this.publish();
  }

  private publish(): void {
    this.snapshot = { content: this.latest, status: this.status };
    this.listeners.forEach((listener) => listener());
  }
}
