/**
 * The demo's routes: the dashboard, a CSM's page (`?csm=ID`) and an account's page (`?account=ID`) over it in the
 * history; the store's view mirrored into the URL.
 */
import { defaultPeriod } from '@cskit/metrics';
import { CsKitProvider, createCsStore, useCsStore } from '@cskit/react';
import type { CsStore } from '@cskit/react';
import { SAMPLE_HEALTH_MODEL } from '@cskit/sample-data';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { AccountPage } from './components/AccountPage.js';
import { AccountNavContext, CsmNavContext } from './components/account-nav.js';
import type { AccountNav, CsmNav } from './components/account-nav.js';
import { CsmPage } from './components/CsmPage.js';
import { Dashboard } from './Dashboard.js';
import { TEXT } from './i18n.js';
import type { Data } from './sources.js';
import { readView, withPage, writeView } from './url-state.js';
import type { UrlView } from './url-state.js';

export function Routes({ view, data }: { view: UrlView; data: Data }) {
  const [store] = useState<CsStore>(() => createCsStore({
    source: data.source, ...(data.info ? { info: data.info } : {}),
    period: view.period, comparison: view.comparison, filters: view.filters, locale: view.locale, model: SAMPLE_HEALTH_MODEL, graceMonths: 1,
  }));
  const [theme, setTheme] = useState(view.theme);
  useDataPeriod(store, data);
  const accountPage = usePage('account', view.account);
  const csmPage = usePage('csm', view.csm);
  const account = accountPage.id;
  const csm = csmPage.id;
  const nav = useMemo<AccountNav>(() => ({ accountHref: accountPage.href, onOpenAccount: accountPage.open }), [accountPage.href, accountPage.open]);
  const csmNav = useMemo<CsmNav>(() => ({ csmHref: csmPage.href, onOpenCsm: csmPage.open }), [csmPage.href, csmPage.open]);
  const text = TEXT[useStoreLocale(store)];
  const appClass = theme === 'dark' ? 'app cskit-dark' : 'app';
  return (
    <CsKitProvider store={store} source={data.source}>
      <UrlSync view={view} theme={theme} account={account} csm={csm} viewer={data.remote?.viewer ?? null} />
      <AccountNavContext.Provider value={nav}>
        <CsmNavContext.Provider value={csmNav}>
          {/* The dashboard stays mounted under a page, so Back finds it as it was (scroll, tables, panels). */}
          <div hidden={account !== null || csm !== null}>
            <Dashboard theme={theme} setTheme={setTheme} data={data} />
          </div>
          {csm !== null ? (
            <div className={appClass} hidden={account !== null}>
              <CsmPage csmId={csm} text={text} theme={theme} data={data} dashboardHref={withPage(window.location.search, 'csm', null)} onBack={csmPage.back} />
            </div>
          ) : null}
          {account !== null ? (
            <div className={appClass}>
              <AccountPage accountId={account} text={text} theme={theme} dashboardHref={withPage(window.location.search, 'account', null)} onBack={accountPage.back} />
            </div>
          ) : null}
        </CsmNavContext.Provider>
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
 * A page in the history (an account's, `?account=ID`, or a CSM's, `?csm=ID`): opening one pushes its address (Back
 * returns to where it was opened: scroll position and the element that opened it); Back and Forward move between
 * them.
 */
function usePage(param: 'account' | 'csm', initial: string | null) {
  const [id, setId] = useState<string | null>(initial);
  const returnTo = useRef<{ scrollY: number; focus: Element | null } | null>(null);
  useEffect(() => {
    const onPop = () => setId(readView(window.location.search)[param]);
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, [param]);
  // Back where it was opened: restore its scroll and focus before the frame paints.
  useLayoutEffect(() => {
    if (id !== null || !returnTo.current) return;
    const { scrollY, focus } = returnTo.current;
    returnTo.current = null;
    window.scrollTo(0, scrollY);
    if (focus instanceof HTMLElement && focus.isConnected) focus.focus({ preventScroll: true });
  }, [id]);
  const href = useCallback((to: string) => withPage(window.location.search, param, to), [param]);
  const open = useCallback((to: string) => {
    returnTo.current = { scrollY: window.scrollY, focus: document.activeElement };
    window.history.pushState({ [param]: to }, '', withPage(window.location.search, param, to));
    setId(to);
    window.scrollTo(0, 0);
  }, [param]);
  const back = useCallback(() => {
    // Opened in the app: go back in the history. Opened by a link (a fresh tab): replace it with the page under it.
    if (returnTo.current) window.history.back();
    else {
      window.history.replaceState(null, '', withPage(window.location.search, param, null));
      setId(null);
    }
  }, [param]);
  return { id, href, open, back };
}

/** Mirrors the store's view into the URL (replaceState: filters are not history entries). */
function UrlSync({ view, theme, account, csm, viewer }: { view: UrlView; theme: 'light' | 'dark'; account: string | null; csm: string | null; viewer: string | null }) {
  const period = useCsStore((s) => s.period);
  const comparison = useCsStore((s) => s.comparison);
  const filters = useCsStore((s) => s.filters);
  const locale = useCsStore((s) => s.locale);
  useEffect(() => {
    const search = writeView({ ...view, period, comparison, filters, locale, theme, account, csm, viewer });
    if (search !== window.location.search) window.history.replaceState(window.history.state, '', `${window.location.pathname}${search}`);
    document.documentElement.lang = locale;
  }, [view, period, comparison, filters, locale, theme, account, csm, viewer]);
  return null;
}
