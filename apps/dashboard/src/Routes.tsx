/**
 * The demo's routes: the dashboard, and an account's page (`?account=ID`) over it in the history; the store's view
 * mirrored into the URL.
 */
import { defaultPeriod } from '@cskit/metrics';
import { CsKitProvider, createCsStore, useCsStore } from '@cskit/react';
import type { CsStore } from '@cskit/react';
import { SAMPLE_HEALTH_MODEL } from '@cskit/sample-data';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { AccountPage } from './components/AccountPage.js';
import { AccountNavContext } from './components/account-nav.js';
import type { AccountNav } from './components/account-nav.js';
import { Dashboard } from './Dashboard.js';
import { TEXT } from './i18n.js';
import type { Data } from './sources.js';
import { readView, withAccount, writeView } from './url-state.js';
import type { UrlView } from './url-state.js';

export function Routes({ view, data }: { view: UrlView; data: Data }) {
  const [store] = useState<CsStore>(() => createCsStore({
    source: data.source, ...(data.info ? { info: data.info } : {}),
    period: view.period, comparison: view.comparison, filters: view.filters, locale: view.locale, model: SAMPLE_HEALTH_MODEL, graceMonths: 1,
  }));
  const [theme, setTheme] = useState(view.theme);
  useDataPeriod(store, data);
  const { account, nav, back } = useAccountPage(view.account);
  const text = TEXT[useStoreLocale(store)];
  return (
    <CsKitProvider store={store} source={data.source}>
      <UrlSync view={view} theme={theme} account={account} viewer={data.remote?.viewer ?? null} />
      <AccountNavContext.Provider value={nav}>
        {/* The dashboard stays mounted under an account page, so Back finds it as it was (scroll, tables, panels). */}
        <div hidden={account !== null}>
          <Dashboard theme={theme} setTheme={setTheme} data={data} />
        </div>
        {account !== null ? (
          <div className={theme === 'dark' ? 'app cskit-dark' : 'app'}>
            <AccountPage accountId={account} text={text} theme={theme} dashboardHref={withAccount(window.location.search, null)} onBack={back} />
          </div>
        ) : null}
      </AccountNavContext.Provider>
    </CsKitProvider>
  );
}

/**
 * New data (an import applied, or the sample again) opens on its own default period: the year of its latest
 * contract start, so an import of 2018-2020 data never shows an empty 2025. The first data keeps the URL's period.
 */
function useDataPeriod(store: CsStore, data: Data) {
  const shown = useRef(data.source);
  useEffect(() => {
    if (data.source === shown.current) return;
    shown.current = data.source;
    const period = data.info?.defaultPeriod ?? (data.source.dataset ? defaultPeriod(data.source.dataset) : null);
    if (period) store.getState().actions.setPeriod(period);
  }, [data.source, data.info, store]);
}

function useStoreLocale(store: CsStore) {
  const [locale, setLocale] = useState(store.getState().locale);
  useEffect(() => store.subscribe((state) => setLocale(state.locale)), [store]);
  return locale;
}

/**
 * The account page in the history: opening one pushes `?account=ID` (Back returns to the dashboard where it was:
 * scroll position and the element that opened it); Back and Forward move between them.
 */
function useAccountPage(initial: string | null) {
  const [account, setAccount] = useState<string | null>(initial);
  const returnTo = useRef<{ scrollY: number; focus: Element | null } | null>(null);
  useEffect(() => {
    const onPop = () => setAccount(readView(window.location.search).account);
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  // Back on the dashboard: restore its scroll and focus before the frame paints.
  useLayoutEffect(() => {
    if (account !== null || !returnTo.current) return;
    const { scrollY, focus } = returnTo.current;
    returnTo.current = null;
    window.scrollTo(0, scrollY);
    if (focus instanceof HTMLElement && focus.isConnected) focus.focus({ preventScroll: true });
  }, [account]);
  const nav = useMemo<AccountNav>(() => ({
    accountHref: (id) => withAccount(window.location.search, id),
    onOpenAccount: (id) => {
      returnTo.current = { scrollY: window.scrollY, focus: document.activeElement };
      window.history.pushState({ account: id }, '', withAccount(window.location.search, id));
      setAccount(id);
      window.scrollTo(0, 0);
    },
  }), []);
  const back = useCallback(() => {
    // Opened from the dashboard: go back in the history. Opened by a link (a fresh tab): replace it with the dashboard.
    if (returnTo.current) window.history.back();
    else {
      window.history.replaceState(null, '', withAccount(window.location.search, null));
      setAccount(null);
    }
  }, []);
  return { account, nav, back };
}

/** Mirrors the store's view into the URL (replaceState: filters are not history entries). */
function UrlSync({ view, theme, account, viewer }: { view: UrlView; theme: 'light' | 'dark'; account: string | null; viewer: string | null }) {
  const period = useCsStore((s) => s.period);
  const comparison = useCsStore((s) => s.comparison);
  const filters = useCsStore((s) => s.filters);
  const locale = useCsStore((s) => s.locale);
  useEffect(() => {
    const search = writeView({ ...view, period, comparison, filters, locale, theme, account, viewer });
    if (search !== window.location.search) window.history.replaceState(window.history.state, '', `${window.location.pathname}${search}`);
    document.documentElement.lang = locale;
  }, [view, period, comparison, filters, locale, theme, account, viewer]);
  return null;
}
