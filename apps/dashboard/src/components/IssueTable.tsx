import type { AppText } from '../i18n.js';

/** One listed issue of an import: where (file, line, field or column) and what. */
export interface ListedIssue {
  severity: 'error' | 'warning';
  file: string;
  line: number;
  where: string | null;
  message: string;
}

/** The first issues of an import, one row each (both import paths list them alike). */
export function IssueTable({ text, issues, total, whereHeader }: { text: AppText; issues: readonly ListedIssue[]; total: number; whereHeader: string }) {
  return (
    <table>
      <caption>{text.firstIssues(issues.length, total)}</caption>
      <thead><tr><th scope="col">{text.severity}</th><th scope="col">{text.file}</th><th scope="col">{text.row}</th><th scope="col">{whereHeader}</th><th scope="col">{text.message}</th></tr></thead>
      <tbody>
        {issues.map((issue, i) => (
          <tr key={i} className={`issue issue--${issue.severity}`}>
            <td>{issue.severity === 'error' ? text.error : text.warning}</td>
            <td>{issue.file}</td>
            <td>{issue.line > 0 ? issue.line : ''}</td>
            <td>{issue.where ?? ''}</td>
            <td>{issue.message}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
