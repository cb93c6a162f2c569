import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../api/ApiError';
import { aTestCase } from '../../../test/caseFixtures';
import type { CaseContent, TestCase } from '../api/types';
import { CaseAutosaver, type SaveStatus } from './CaseAutosaver';

const TIMING = { pauseMs: 1000, retryDelaysMs: [1000, 2000, 4000] };

interface PendingSave {
  content: CaseContent;
  revision: number;
  answer: (saved: TestCase) => void;
  fail: (error: unknown) => void;
}

/** An autosaver whose saves wait until the test answers them, one by one. */
function autosaver() {
  const saves: PendingSave[] = [];
  const send = (content: CaseContent, revision: number) =>
    new Promise<TestCase>((answer, fail) => saves.push({ content, revision, answer, fail }));
  const saver = new CaseAutosaver(aTestCase({ revision: 4 }), send, () => {}, TIMING);
  const statuses: SaveStatus['kind'][] = [];
  saver.subscribe(() => {
    const kind = saver.getSnapshot().status.kind;
    if (statuses.at(-1) !== kind) statuses.push(kind);
  });
  return { saver, saves, statuses, status: () => saver.getSnapshot().status };
}

/** Lets the answer of a save reach the autosaver. */
const settle = () => vi.advanceTimersByTimeAsync(0);

describe('CaseAutosaver', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('saves once typing pauses for a second, with the revision of the last answer', async () => {
    const { saver, saves, statuses } = autosaver();

    saver.edit({ title: 'Pay' });
    vi.advanceTimersByTime(600);
    saver.edit({ title: 'Pay by card, again' });
    vi.advanceTimersByTime(999);
    expect(saves).toHaveLength(0);
    vi.advanceTimersByTime(1);

    expect(saves).toHaveLength(1);
    expect(saves[0]).toMatchObject({ revision: 4, content: { title: 'Pay by card, again' } });
    saves[0]!.answer(aTestCase({ title: 'Pay by card, again', revision: 5 }));
    await settle();
    expect(statuses).toEqual(['pending', 'saving', 'saved']);

    saver.edit({ title: 'Pay by card, twice' });
    vi.advanceTimersByTime(1000);
    expect(saves[1]?.revision).toBe(5);
  });

  it('keeps one save in flight; what was typed meanwhile goes in the next one', async () => {
    const { saver, saves, status } = autosaver();
    saver.edit({ title: 'One' });
    vi.advanceTimersByTime(1000);
    saver.edit({ title: 'One, two' });
    vi.advanceTimersByTime(1000);
    expect(saves).toHaveLength(1);
    expect(status().kind).toBe('saving');

    saves[0]!.answer(aTestCase({ title: 'One', revision: 5 }));
    await settle();

    expect(saves).toHaveLength(2);
    expect(saves[1]).toMatchObject({ revision: 5, content: { title: 'One, two' } });
  });

  it('retries a save the network lost, waiting longer each time, and sends what was typed since', async () => {
    const { saver, saves, status } = autosaver();
    saver.edit({ title: 'Offline' });
    vi.advanceTimersByTime(1000);
    saves[0]!.fail(ApiError.network());
    await settle();
    expect(status()).toMatchObject({ kind: 'retrying', retryInMs: 1000 });

    saver.edit({ title: 'Offline, still typing' });
    vi.advanceTimersByTime(1000);
    expect(saves[1]?.content.title).toBe('Offline, still typing');
    saves[1]!.fail(new ApiError(503, 'unavailable', 'The database is not answering'));
    await settle();
    expect(status()).toMatchObject({ kind: 'retrying', retryInMs: 2000 });
    vi.advanceTimersByTime(1999);
    expect(saves).toHaveLength(2);
    vi.advanceTimersByTime(1);

    saves[2]!.answer(aTestCase({ title: 'Offline, still typing', revision: 5 }));
    await settle();
    expect(status().kind).toBe('saved');
    expect(saver.unsaved).toBe(false);
  });

  it('stops on an edit conflict until the person keeps theirs, then saves on top of the other revision', async () => {
    const { saver, saves, status } = autosaver();
    const theirs = aTestCase({ title: 'Their title', revision: 7, updatedBy: { id: 2, name: 'Tess Tester' } });
    saver.edit({ title: 'My title' });
    vi.advanceTimersByTime(1000);
    saves[0]!.fail(new ApiError(409, 'edit_conflict', 'Someone else saved', undefined, undefined, undefined, { current: theirs }));
    await settle();
    expect(status()).toEqual({ kind: 'conflict', theirs });

    saver.edit({ title: 'My title, still mine' });
    vi.advanceTimersByTime(10_000);
    expect(saves).toHaveLength(1);
    expect(saver.getSnapshot().content.title).toBe('My title, still mine');

    saver.keepMine();
    expect(saves[1]).toMatchObject({ revision: 7, content: { title: 'My title, still mine' } });
  });

  it('takes their content after a conflict when asked, and is saved', async () => {
    const { saver, saves, status } = autosaver();
    const theirs = aTestCase({ title: 'Their title', revision: 7 });
    saver.edit({ title: 'My title' });
    vi.advanceTimersByTime(1000);
    saves[0]!.fail(new ApiError(409, 'edit_conflict', 'Someone else saved', undefined, undefined, undefined, { current: theirs }));
    await settle();

    saver.takeTheirs();

    expect(status().kind).toBe('saved');
    expect(saver.getSnapshot().content.title).toBe('Their title');
    saver.edit({ title: 'Their title, edited' });
    vi.advanceTimersByTime(1000);
    expect(saves[1]?.revision).toBe(7);
  });

  it('does not retry a refused save, and tries again after the next change', async () => {
    const { saver, saves, status } = autosaver();
    saver.edit({ estimateMinutes: 100_000 });
    vi.advanceTimersByTime(1000);
    saves[0]!.fail(new ApiError(400, 'invalid_request', 'The estimate is minutes, between 0 and 99999.', 'estimateMinutes'));
    await settle();
    expect(status()).toEqual({ kind: 'refused', message: 'The estimate is minutes, between 0 and 99999.' });
    vi.advanceTimersByTime(60_000);
    expect(saves).toHaveLength(1);

    saver.edit({ estimateMinutes: 90 });
    vi.advanceTimersByTime(1000);
    expect(saves).toHaveLength(2);
  });

  it('sends a waiting save at once when the editor goes away', () => {
    const { saver, saves } = autosaver();
    saver.edit({ precondition: 'Logged in' });

    saver.suspend();

    expect(saves).toHaveLength(1);
    vi.advanceTimersByTime(5000);
    expect(saves).toHaveLength(1);
  });
});
