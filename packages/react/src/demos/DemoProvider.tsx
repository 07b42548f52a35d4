/** Story scaffolding for the hook demos: a Provider on the sample data, in the toolbar's locale. */
import { generateDataset } from '@cskit/sample-data';
import type { ReactNode } from 'react';
import { useEffect } from 'react';
import { CsKitProvider } from '../context.js';
import { useCsActions } from '../store-context.js';
import type { CsLocale } from '../store.js';

export const demoDataset = generateDataset({ seed: 42, accounts: 400 });
export const demoPeriod = { from: '2025-01', to: '2025-12' };

function LocaleSync({ locale }: { locale: CsLocale }) {
  const { setLocale } = useCsActions();
  useEffect(() => setLocale(locale), [locale, setLocale]);
  return null;
}

export function DemoProvider({ locale, children }: { locale: unknown; children: ReactNode }) {
  return (
    <CsKitProvider dataset={demoDataset} options={{ period: demoPeriod }}>
      <LocaleSync locale={locale === 'zh-CN' ? 'zh-CN' : 'en-US'} />
      {children}
    </CsKitProvider>
  );
}
