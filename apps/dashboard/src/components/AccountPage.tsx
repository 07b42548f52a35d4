import { AccountStoryChart } from '@cskit/charts/account-story';
import { HealthDriversChart } from '@cskit/charts/drivers';
import { addMonthsToMonth } from '@cskit/metrics';
import { useAccountStory } from '@cskit/react';
import { AccountTimelineTable } from '@cskit/table';
import { useEffect, useRef } from 'react';
import type { MouseEvent } from 'react';
import type { AppText } from '../i18n.js';
import { Panel } from './Panel.js';

const monthBefore = (month: string | undefined) => (month === undefined ? undefined : addMonthsToMonth(month, -1));

export interface AccountPageProps {
  accountId: string;
  text: AppText;
  theme: 'light' | 'dark';
  /** The dashboard's address, for the back link (middle-click opens it as any link). */
  dashboardHref: string;
  onBack: () => void;
}

/**
 * One account's page: its story (ARR, health against the tier bands, events, key facts) and its timeline, for the
 * dashboard's view (period, settings). Its heading takes focus when it opens, so keyboard and screen-reader users
 * land on it.
 */
export function AccountPage({ accountId, text, theme, dashboardHref, onBack }: AccountPageProps) {
  const story = useAccountStory(accountId);
  const heading = useRef<HTMLHeadingElement | null>(null);
  useEffect(() => {
    heading.current?.focus();
  }, [accountId]);
  const account = story.data?.account;
  const back = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    onBack();
  };
  const facts = account ? [account.segment, account.region, account.industry, account.channel].filter((v): v is string => Boolean(v)) : [];
  return (
    <main className="account-page" aria-labelledby="account-title">
      <nav className="account-page__nav">
        <a href={dashboardHref} onClick={back}>{`← ${text.backToDashboard}`}</a>
      </nav>
      <h1 id="account-title" ref={heading} tabIndex={-1} className="account-page__title">
        <small>{text.accountPage}</small>
        {account?.name ?? accountId}
      </h1>
      {facts.length > 0 ? <p className="account-page__meta">{facts.join(' · ')}</p> : null}
      {story.error ? (
        <p role="alert" className="error">{text.accountNotFound(accountId)}</p>
      ) : (
        <div className="grid">
          <Panel level={2} title={text.accountStory} wide><AccountStoryChart data={story.data} theme={theme} exportable={text.accountStory} /></Panel>
          <Panel level={2} title={text.drivers}>
            <HealthDriversChart data={story.data ? story.data.drivers : undefined} month={story.data?.period.to} from={monthBefore(story.data?.period.to)} theme={theme} exportable={text.drivers} />
          </Panel>
          <Panel level={2} title={text.accountTimeline}><AccountTimelineTable data={story.data} height={320} theme={theme} /></Panel>
        </div>
      )}
    </main>
  );
}
