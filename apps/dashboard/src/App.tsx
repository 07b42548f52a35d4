/**
 * The demo: the data's source from the URL (`sources.tsx`), its routes (`Routes.tsx`) and the dashboard's layout
 * (`Dashboard.tsx`).
 */
import { useState } from 'react';
import { BrowserApp, RemoteApp } from './sources.js';
import { readView } from './url-state.js';
import type { UrlView } from './url-state.js';

/**
 * Generates the sample in a Web Worker, which keeps it and answers every widget's requests; the page holds no
 * records. Without worker support the sample is computed in the page through the same engine.
 */
export function App() {
  const [view] = useState<UrlView>(() => readView(window.location.search));
  return view.remote ? <RemoteApp view={view} remote={view.remote} /> : <BrowserApp view={view} />;
}
