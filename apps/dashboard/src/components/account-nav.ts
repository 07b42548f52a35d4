import { createContext, useContext } from 'react';

/** How the demo opens an account's page: a link address for every name, and in-page navigation on a plain click. */
export interface AccountNav {
  accountHref: (accountId: string) => string;
  onOpenAccount: (accountId: string) => void;
}

/** How the demo opens a CSM's page (`?csm=ID`), from the leaderboard. */
export interface CsmNav {
  csmHref: (csmId: string) => string;
  onOpenCsm: (csmId: string) => void;
}

export const CsmNavContext = createContext<CsmNav | null>(null);

export function useCsmNav(): CsmNav | Record<string, never> {
  return useContext(CsmNavContext) ?? {};
}

export const AccountNavContext = createContext<AccountNav | null>(null);

export function useAccountNav(): AccountNav | Record<string, never> {
  return useContext(AccountNavContext) ?? {};
}
