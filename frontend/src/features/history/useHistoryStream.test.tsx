import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { beforeEach, describe, expect, it } from 'vitest';
import { FakeEventSource } from '../../test/fakeEventSource';
import { historyQuery, instanceConnectionsQuery, NO_FILTERS } from './api';
import { useHistoryStream } from './useHistoryStream';

const RECORDED = { id: 123, instanceId: 5, eventType: 'USER_AUTHENTICATED', outcome: 'SUCCESS' };

let queryClient: QueryClient;

beforeEach(() => {
  queryClient = new QueryClient();
  // What the drawer has loaded: two pages of instance 5's history, its connections, and instance 6's history.
  queryClient.setQueryData(historyQuery(5, NO_FILTERS, 1).queryKey, { items: [], total: 30, page: 1, pageSize: 25 });
  queryClient.setQueryData(historyQuery(5, NO_FILTERS, 2).queryKey, { items: [], total: 30, page: 2, pageSize: 25 });
  queryClient.setQueryData(instanceConnectionsQuery(5).queryKey, []);
  queryClient.setQueryData(historyQuery(6, NO_FILTERS, 1).queryKey, { items: [], total: 0, page: 1, pageSize: 25 });
});

function wrapper({ children }: { children: ReactNode }) {
  return <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>;
}

function invalidated() {
  return {
    history5Page1: queryClient.getQueryState(historyQuery(5, NO_FILTERS, 1).queryKey)?.isInvalidated,
    history5Page2: queryClient.getQueryState(historyQuery(5, NO_FILTERS, 2).queryKey)?.isInvalidated,
    connections5: queryClient.getQueryState(instanceConnectionsQuery(5).queryKey)?.isInvalidated,
    history6: queryClient.getQueryState(historyQuery(6, NO_FILTERS, 1).queryKey)?.isInvalidated,
  };
}

function theSource(): FakeEventSource {
  expect(FakeEventSource.instances).toHaveLength(1);
  return FakeEventSource.instances[0] as FakeEventSource;
}

describe('useHistoryStream', () => {
  it('subscribes to the instance’s history stream on mount, and is live once the server says ready', () => {
    const { result } = renderHook(() => useHistoryStream(5), { wrapper });

    const source = theSource();
    expect(new URL(source.url).pathname).toBe('/api/integrations/5/history/stream');
    expect(new URL(source.url).origin).toBe(window.location.origin);
    expect(result.current).toBe(false);

    act(() => source.emit('ready'));

    expect(result.current).toBe(true);
    expect(invalidated()).toEqual({ history5Page1: false, history5Page2: false, connections5: false, history6: false });
  });

  it('refreshes that instance’s history and user connections on each recorded event', () => {
    renderHook(() => useHistoryStream(5), { wrapper });
    const source = theSource();
    act(() => source.emit('ready'));

    act(() => source.emit('recorded', RECORDED));

    expect(invalidated()).toEqual({ history5Page1: true, history5Page2: true, connections5: true, history6: false });
  });

  it('closes the stream on unmount', () => {
    const { unmount } = renderHook(() => useHistoryStream(5), { wrapper });
    const source = theSource();
    act(() => source.emit('ready'));

    unmount();

    expect(source.readyState).toBe(FakeEventSource.CLOSED);
    act(() => source.emit('recorded', RECORDED));
    expect(invalidated().history5Page1).toBe(false);
  });

  it('is not live while the stream is down, and catches up when it is back', () => {
    const { result } = renderHook(() => useHistoryStream(5), { wrapper });
    const source = theSource();
    act(() => source.emit('ready'));

    act(() => source.drop());
    expect(result.current).toBe(false);
    expect(invalidated().history5Page1).toBe(false);

    act(() => source.emit('ready'));
    expect(result.current).toBe(true);
    expect(invalidated()).toEqual({ history5Page1: true, history5Page2: true, connections5: true, history6: false });
  });
});
