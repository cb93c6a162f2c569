import { createContext, useContext, useEffect } from 'react';

// The document's title (WCAG 2.4.2, Page Titled): "<page> · <project key> · Testbridge". The app
// layer sets it from the route (its handle's title) and the project; a page that knows more (the
// case being edited, the suite shown) adds its own words in front with usePageTitle.

/** What a route's `handle` says about the title of its page. */
export interface TitleHandle {
  /** The page: "Test cases", "Test suite". */
  title: string;
  /** What a page's own detail is shown in, when it gives one ("Checkout · Test suites"); the title by default. */
  section?: string;
}

export function isTitleHandle(handle: unknown): handle is TitleHandle {
  return typeof handle === 'object' && handle !== null && typeof (handle as Partial<TitleHandle>).title === 'string';
}

export const APP_NAME = 'Testbridge';

/** "Test cases · SHOP · Testbridge", "Checkout · Test suites · SHOP · Testbridge", "About · Testbridge". */
export function composeTitle(handle: TitleHandle | undefined, detail: string | null, projectKey: string | undefined): string {
  const page = handle ? (detail ? [detail, handle.section ?? handle.title] : [handle.title]) : [];
  return [...page, projectKey, APP_NAME].filter(Boolean).join(' · ');
}

/** Set by the app layer: takes a page's detail (null: none any more). */
export const PageTitleContext = createContext<(detail: string | null) => void>(() => {});

/**
 * Puts `detail` ("SHOP-TC-3 Pay by card") in front of the page's title while the calling page is
 * shown; nothing while it is empty (still loading).
 */
export function usePageTitle(detail: string | null | undefined) {
  const setDetail = useContext(PageTitleContext);
  const text = detail?.trim() || null;
  useEffect(() => {
    if (!text) return;
    setDetail(text);
    return () => setDetail(null);
  }, [text, setDetail]);
}
