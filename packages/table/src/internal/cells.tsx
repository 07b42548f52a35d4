import type { HealthTier } from '@cskit/metrics';

const TIER_COLORS: Record<HealthTier, string> = {
  green: 'var(--cskit-tier-green, #009e73)',
  'green-yellow': 'var(--cskit-tier-green-yellow, #f0e442)',
  yellow: 'var(--cskit-tier-yellow, #e69f00)',
  red: 'var(--cskit-tier-red, #d55e00)',
};
/** A shape per tier, so the badge does not rely on color: ● ◆ ▲ ■ from healthy to at risk. */
const TIER_SHAPES: Record<HealthTier, string> = { green: '●', 'green-yellow': '◆', yellow: '▲', red: '■' };

/** A tier as a colored shape plus its name; the name alone carries the meaning. */
export function TierBadge({ tier, label }: { tier: HealthTier | null; label: string }) {
  if (!tier) return <span className="cskit-muted">{label}</span>;
  return (
    <span className="cskit-tier">
      <span aria-hidden="true" style={{ color: TIER_COLORS[tier] }}>{TIER_SHAPES[tier]}</span> {label}
    </span>
  );
}

/** Props of the tables that list accounts: how an account's name opens that account's page in the host. */
export interface AccountLinkProps {
  /** The address of an account's page: names become links (middle-click and copy work as on any link). */
  accountHref?: (accountId: string) => string;
  /**
   * Opens an account in the page (client-side navigation). With `accountHref` too, a plain click calls this in
   * place of following the link; alone, names become buttons.
   */
  onOpenAccount?: (accountId: string) => void;
}

/** An account's name: a link or a button when the host can open accounts, else plain text. */
export function AccountName({ name, accountId, accountHref, onOpenAccount }: AccountLinkProps & { name: string; accountId: string }) {
  if (accountHref) {
    return (
      <a
        className="cskit-link" href={accountHref(accountId)}
        onClick={onOpenAccount
          ? (event) => {
              if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
              event.preventDefault();
              onOpenAccount(accountId);
            }
          : undefined}
      >
        {name}
      </a>
    );
  }
  if (onOpenAccount) return <button type="button" className="cskit-link" onClick={() => onOpenAccount(accountId)}>{name}</button>;
  return <>{name}</>;
}
