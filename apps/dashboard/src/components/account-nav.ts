import { createContext, useContext } from 'react';

/** How the demo opens an account's page: a link address for every name, and in-page navigation on a plain click. */
export interface AccountNav {
  accountHref: (accountId: string) => string;
  onOpenAccount: (accountId: string) => void;
}

export const AccountNavContext = createContext<AccountNav | null>(null);

export function useAccountNav(): AccountNav | Record<string, never> {
  return useContext(AccountNavContext) ?? {};
}
