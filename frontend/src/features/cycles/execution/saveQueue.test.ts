import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../api/ApiError';
import { SaveQueue, summarize, type SaveQueueOptions } from './saveQueue';

interface Call {
  key: string;
  value: string;
  resolve: (answer?: unknown) => void;
  reject: (error: unknown) => void;
}

/** A server whose answers the test gives, one call at a time. */
function fakeServer() {
  const calls: Call[] = [];
  let inFlight = 0;
  let mostAtOnce = 0;
  const send = vi.fn(
    (key: string, value: string) =>
      new Promise<unknown>((resolve, reject) => {
        inFlight += 1;
        mostAtOnce = Math.max(mostAtOnce, inFlight);
        const settle =
          <A,>(then: (arg: A) => void) =>
          (arg: A) => {
            inFlight -= 1;
            then(arg);
          };
        calls.push({ key, value, resolve: settle(resolve), reject: settle(reject) });
      }),
  );
  return { send, calls, mostAtOnce: () => mostAtOnce, last: () => calls[calls.length - 1]! };
}

const PREFIX = 'test.results:user-1:';
const networkDown = () => ApiError.network();
const conflict = () => new ApiError(409, 'conflict', 'A newer attempt at this case exists; record results there.');

function newQueue(server: ReturnType<typeof fakeServer>, options: Partial<SaveQueueOptions<string>> = {}) {
  return new SaveQueue<string>({ send: server.send, storage: localStorage, storagePrefix: PREFIX, retryDelaysMs: [1000, 2000, 4000], ...options });
}

const stored = (key: string) => (JSON.parse(localStorage.getItem(`${PREFIX}${key}`) ?? 'null') as { value: string } | null)?.value;

/** Lets the promises of answers given run their continuations. */
const settle = () => vi.advanceTimersByTimeAsync(0);

describe('SaveQueue', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    localStorage.clear();
  });
  afterEach(() => {
    vi.useRealTimers();
    localStorage.clear();
  });

  it('sends the values of a key in order, never two at once, folding changes made meanwhile into the newest', async () => {
    const server = fakeServer();
    const queue = newQueue(server);
    queue.set('step-1', 'PASS');
    queue.set('step-1', 'FAIL');
    queue.set('step-1', 'FAIL, with a comment');
    queue.set('step-2', 'BLOCKED');
    expect(server.calls.map((call) => call.value)).toEqual(['PASS', 'BLOCKED']);
    expect(queue.valueOf('step-1')).toBe('FAIL, with a comment');

    server.calls[0]!.resolve();
    await settle();
    expect(server.calls.map((call) => call.value)).toEqual(['PASS', 'BLOCKED', 'FAIL, with a comment']);
    expect(server.mostAtOnce()).toBe(2); // one per key
    server.calls[1]!.resolve();
    server.calls[2]!.resolve();
    await settle();
    expect(queue.hasUnsaved).toBe(false);
    expect(queue.getSnapshot().get('step-1')?.state.kind).toBe('saved');
    expect(server.send).toHaveBeenCalledTimes(3);
  });

  it('a pause that ends while the last save is in flight sends only after its answer', async () => {
    const server = fakeServer();
    const queue = newQueue(server);
    queue.set('step-1', 'PASS');
    queue.set('step-1', 'PASS, and a comment', { delayMs: 500 });
    await vi.advanceTimersByTimeAsync(500);
    expect(server.calls.map((call) => call.value)).toEqual(['PASS']);
    server.last().resolve();
    await settle();
    expect(server.calls.map((call) => call.value)).toEqual(['PASS', 'PASS, and a comment']);
    expect(server.mostAtOnce()).toBe(1);
  });

  it('waits for a pause in typing, but keeps what was typed in storage at once', async () => {
    const server = fakeServer();
    const queue = newQueue(server);
    queue.set('step-1', 'The pa', { delayMs: 500 });
    await vi.advanceTimersByTimeAsync(300);
    queue.set('step-1', 'The page is blank', { delayMs: 500 });
    expect(stored('step-1')).toBe('The page is blank');
    expect(queue.getSnapshot().get('step-1')?.state.kind).toBe('pending');
    await vi.advanceTimersByTimeAsync(499);
    expect(server.send).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(server.calls.map((call) => call.value)).toEqual(['The page is blank']);
    server.last().resolve();
    await settle();
    expect(localStorage.getItem(`${PREFIX}step-1`)).toBeNull();
  });

  it('retries network errors and 5xx with growing waits until the server takes the value', async () => {
    const server = fakeServer();
    const queue = newQueue(server);
    queue.set('step-1', 'PASS');
    server.last().reject(networkDown());
    await settle();
    expect(queue.getSnapshot().get('step-1')?.state).toEqual({
      kind: 'retrying',
      retryInMs: 1000,
      failures: 1,
      message: 'Testbridge could not be reached. Check your connection and try again.',
    });
    expect(summarize(queue.getSnapshot()).kind).toBe('retrying');

    await vi.advanceTimersByTimeAsync(999);
    expect(server.send).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(server.send).toHaveBeenCalledTimes(2);
    server.last().reject(new ApiError(503, 'http_503', 'The server answered 503 Service Unavailable.'));
    await settle();
    expect(queue.getSnapshot().get('step-1')?.state).toMatchObject({ kind: 'retrying', retryInMs: 2000, failures: 2 });

    // A change made while waiting goes with the next try; it does not restart the wait.
    queue.set('step-1', 'FAIL');
    await vi.advanceTimersByTimeAsync(2000);
    expect(server.send).toHaveBeenCalledTimes(3);
    expect(server.last().value).toBe('FAIL');
    server.last().resolve();
    await settle();
    expect(queue.hasUnsaved).toBe(false);
    expect(summarize(queue.getSnapshot())).toEqual({ kind: 'saved' });
    expect(localStorage.length).toBe(0);
  });

  it('"Retry now" sends at once instead of waiting', async () => {
    const server = fakeServer();
    const queue = newQueue(server);
    queue.set('step-1', 'PASS');
    server.last().reject(networkDown());
    await settle();
    queue.retryNow();
    expect(server.send).toHaveBeenCalledTimes(2);
    server.last().resolve();
    await settle();
    // The retry the timer had planned does not come on top.
    await vi.advanceTimersByTimeAsync(10_000);
    expect(server.send).toHaveBeenCalledTimes(2);
  });

  it('shows a 4xx with the server\'s message and keeps the value, without trying again by itself', async () => {
    const server = fakeServer();
    const queue = newQueue(server);
    queue.set('step-1', 'PASS');
    server.last().reject(conflict());
    await settle();
    expect(queue.getSnapshot().get('step-1')).toEqual({
      state: { kind: 'refused', status: 409, message: 'A newer attempt at this case exists; record results there.' },
      value: 'PASS',
    });
    expect(summarize(queue.getSnapshot())).toMatchObject({ kind: 'refused', count: 1 });
    await vi.advanceTimersByTimeAsync(120_000);
    expect(server.send).toHaveBeenCalledTimes(1);
    expect(stored('step-1')).toBe('PASS');

    queue.discard('step-1');
    expect(queue.hasUnsaved).toBe(false);
    expect(localStorage.getItem(`${PREFIX}step-1`)).toBeNull();
  });

  it('sends a change made while a refused value was on its way (it may be the fix)', async () => {
    const server = fakeServer();
    const queue = newQueue(server);
    queue.set('step-1', 'x'.repeat(30));
    queue.set('step-1', 'shorter');
    server.last().reject(new ApiError(400, 'invalid', 'Use at most 20 characters', 'actual'));
    await settle();
    expect(server.last().value).toBe('shorter');
    server.last().resolve();
    await settle();
    expect(queue.hasUnsaved).toBe(false);
  });

  it('after a reload, sends what the last page could not, and only this user\'s', async () => {
    const first = fakeServer();
    const before = newQueue(first);
    before.set('41:step-1', 'FAIL: the total is wrong');
    before.set('41:step-2', 'typed before the reload', { delayMs: 800 });
    first.last().reject(networkDown());
    await settle();
    before.stop(); // the page is gone
    localStorage.setItem('test.results:user-2:41:step-1', JSON.stringify({ value: 'someone else’s' }));
    localStorage.setItem(`${PREFIX}42:step-9`, JSON.stringify({ value: 'another attempt' }));

    const server = fakeServer();
    const after = newQueue(server);
    expect(after.restore((key) => key.startsWith('41:'))).toBe(2);
    expect(server.calls.map((call) => [call.key, call.value]).sort()).toEqual([
      ['41:step-1', 'FAIL: the total is wrong'],
      ['41:step-2', 'typed before the reload'],
    ]);
    expect(after.valueOf('41:step-1')).toBe('FAIL: the total is wrong');
    server.calls.forEach((call) => call.resolve());
    await settle();
    expect(after.hasUnsaved).toBe(false);
    expect(Object.keys({ ...localStorage }).sort()).toEqual([`${PREFIX}42:step-9`, 'test.results:user-2:41:step-1']);
  });

  it('a stopped queue leaves no timer and sends nothing until started again', async () => {
    const server = fakeServer();
    const queue = newQueue(server);
    queue.set('step-1', 'typing', { delayMs: 500 });
    queue.stop();
    await vi.advanceTimersByTimeAsync(5000);
    expect(server.send).not.toHaveBeenCalled();
    queue.start();
    expect(server.calls.map((call) => call.value)).toEqual(['typing']);
  });

  it('whenSaved sends a pending value now and settles with its outcome', async () => {
    const server = fakeServer();
    const queue = newQueue(server);
    await expect(queue.whenSaved('nothing')).resolves.toBeUndefined();

    queue.set('step-1', 'The actual result', { delayMs: 800 });
    const saved = queue.whenSaved('step-1');
    expect(server.send).toHaveBeenCalledTimes(1);
    server.last().resolve();
    await expect(saved).resolves.toBeUndefined();

    queue.set('step-1', 'Again');
    const failed = queue.whenSaved('step-1');
    server.last().reject(networkDown());
    await expect(failed).rejects.toThrow('could not be reached');
  });
});
