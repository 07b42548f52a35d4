/**
 * A CSM's credit in detail (seed 000) on their page: CS-attributed ARR month by month (premium CSM and consulting
 * apart), the CSQL funnel with conversion and ARR, and CSQAs by kind. The figures are the engine's `csCredit`
 * metric over the page's view (the CSM's accounts).
 */
import { useFormatters, useMetric } from '@cskit/react';
import type { AppText } from '../i18n.js';

export function CreditTables({ text }: { text: AppText }) {
  const f = useFormatters();
  const credit = useMetric('csCredit');
  if (!credit) return <p role="status">{text.computing}</p>;
  const { stages, lost, conversion } = credit.csqlFunnel;
  const first = stages[0]?.count ?? 0;
  return (
    <div className="credit">
      <div className="table-scroll" tabIndex={0} role="region" aria-label={text.creditByMonth}>
        <table className="compare__table">
          <caption>{text.creditByMonth}</caption>
          <thead>
            <tr>
              <th scope="col">{text.month}</th><th scope="col">{text.creditRetain}</th><th scope="col">{text.csqlWon}</th><th scope="col">{text.premiumCsm}</th>
              <th scope="col">{text.consulting}</th><th scope="col">{text.creditOther}</th><th scope="col">{text.csqa}</th><th scope="col">{text.total}</th>
            </tr>
          </thead>
          <tbody>
            {credit.months.map((m) => (
              <tr key={m.month}>
                <th scope="row">{f.month(m.month)}</th>
                <td>{f.compactCurrency(m.savedRenewalArr + m.wonRenewalArr + m.optOutRetainedArr)}</td><td>{f.compactCurrency(m.csqlArr)}</td>
                <td>{f.compactCurrency(m.premiumCsmArr)}</td><td>{f.compactCurrency(m.consultingArr)}</td>
                <td>{f.compactCurrency(m.savedWonExpansionArr + m.pocArr + m.referralArr + m.assistedSalesArr)}</td>
                <td>{f.score(m.csqaCount)}</td><td>{f.compactCurrency(m.totalArr)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="table-scroll" tabIndex={0} role="region" aria-label={text.csqlFunnel}><table className="compare__table">
        <caption>{`${text.csqlFunnel} · ${text.conversion} ${f.percent(conversion)}`}</caption>
        <thead><tr><th scope="col">{text.stage}</th><th scope="col">{text.leads}</th><th scope="col">{text.ofSubmitted}</th><th scope="col">{text.arr}</th></tr></thead>
        <tbody>
          {stages.map((s) => (
            <tr key={s.stage}><th scope="row">{text.csqlStages[s.stage]}</th><td>{f.score(s.count)}</td><td>{f.percent(first > 0 ? s.count / first : null)}</td><td>{f.compactCurrency(s.arr)}</td></tr>
          ))}
          <tr><th scope="row">{text.csqlStages.lost}</th><td>{f.score(lost.count)}</td><td>{f.percent(first > 0 ? lost.count / first : null)}</td><td>{f.compactCurrency(lost.arr)}</td></tr>
        </tbody>
      </table></div>
      <p className="credit__csqa">
        {`${text.csqaByKind}: `}
        {Object.entries(credit.csqaByKind).map(([kind, count]) => `${text.advocacyKinds[kind as keyof AppText['advocacyKinds']]} ${f.score(count)}`).join(' · ')}
      </p>
    </div>
  );
}
