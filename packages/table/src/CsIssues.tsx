import type { DataIssue } from '@cskit/metrics';
import { useOptionalCsStore } from '@cskit/react';
import { useId } from 'react';
import { useTableText } from './internal/use-table-text.js';
import type { TableBaseProps } from './internal/use-table-text.js';

export interface CsIssuesProps extends Omit<TableBaseProps, 'height'> {
  /** The issues to list; by default the nearest Provider's (`useCsIssues()`). */
  issues?: readonly DataIssue[];
  /** Rows listed at most (default 100); the count of all is always shown. */
  limit?: number;
}

/**
 * The validation issues of a dataset, for the people who own the data: how many errors (records left out of every
 * figure) and warnings, then each issue by collection, row and field. Renders nothing without issues, unless a
 * caption asks for the panel anyway.
 */
export function CsIssues({ issues: given, limit = 100, ...props }: CsIssuesProps) {
  const { t } = useTableText(props);
  const id = useId();
  const fromStore = useOptionalCsStore((s) => s.issues);
  const issues = given ?? fromStore ?? [];
  if (issues.length === 0) return props.caption ? <p role="status" className="cskit-issues__none">{t.issues.none}</p> : null;
  const errors = issues.filter((issue) => issue.severity === 'error').length;
  const shown = issues.slice(0, limit);
  const classes = ['cskit', 'cskit-table', 'cskit-issues', props.theme === 'dark' ? 'cskit-dark' : '', props.className ?? ''].filter(Boolean).join(' ');
  const c = t.issues.columns;
  return (
    <section className={classes} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="cskit-issues__title">{props.caption ?? t.issues.title}</h3>
      <p role="status">{t.issues.summary(errors, issues.length - errors)}</p>
      <div className="cskit-table__scroll" style={{ overflow: 'auto', maxHeight: 360 }} tabIndex={0} role="region" aria-label={t.scrollRegion(props.caption ?? t.issues.title)}>
        <table>
          <caption className="cskit-sr-only">{issues.length > shown.length ? t.issues.shown(shown.length, issues.length) : (props.caption ?? t.issues.title)}</caption>
          <thead>
            <tr><th scope="col">{c.severity}</th><th scope="col">{c.collection}</th><th scope="col">{c.row}</th><th scope="col">{c.field}</th><th scope="col">{c.message}</th></tr>
          </thead>
          <tbody>
            {shown.map((issue, i) => (
              <tr key={i}>
                <td>{issue.severity === 'error' ? t.issues.error : t.issues.warning}</td>
                <td>{issue.collection}</td>
                <td className="cskit-num">{issue.index >= 0 ? issue.index : '—'}</td>
                <td>{issue.field ?? '—'}</td>
                <td>{issue.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {issues.length > shown.length ? <p className="cskit-muted">{t.issues.shown(shown.length, issues.length)}</p> : null}
    </section>
  );
}
