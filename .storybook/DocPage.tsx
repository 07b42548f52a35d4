/**
 * A page of the docs site: one of the repo's markdown files (docs/*.md) rendered in Storybook, so the docs live in
 * one place and read the same on GitHub and in the built Storybook. Links between pages go to their Storybook page.
 */
import { Markdown } from '@storybook/addon-docs/blocks';
import type { AnchorHTMLAttributes } from 'react';

/** docs/ file -> Storybook title (Meta title of its MDX page in docs/site/). */
export const DOC_PAGES = new Map<string, string>([
  ['metrics.md', 'Docs/Metric reference'],
  ['metrics-spec.md', 'Docs/Metrics specification'],
  ['data-contract.md', 'Docs/Data contract'],
  ['health-score.md', 'Docs/Health score'],
  ['theming.md', 'Docs/Theming'],
  ['accessibility.md', 'Docs/Accessibility'],
  ['ssr.md', 'Docs/SSR and RSC'],
  ['server.md', 'Docs/Server mode'],
  ['importing.md', 'Docs/Importing'],
  ['sql.md', 'Docs/Answers from SQL'],
  ['architecture.md', 'Docs/Architecture'],
]);

const storyId = (title: string) => title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

/** Where a link of a docs page goes: another page of the site, GitHub-relative repo files as plain text targets. */
export function docHref(href: string): { href: string; external: boolean } {
  const [file = '', hash = ''] = href.split('#');
  const title = DOC_PAGES.get(file.replace(/^\.\//, ''));
  if (title) return { href: `./?path=/docs/${storyId(title)}--docs${hash ? `#${hash}` : ''}`, external: false };
  return { href, external: /^https?:/.test(href) };
}

function Link({ href = '', children, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement>) {
  const target = docHref(href);
  return <a {...rest} href={target.href} target={target.external ? '_blank' : '_top'} rel={target.external ? 'noreferrer' : undefined}>{children}</a>;
}

/** Renders a docs page; `source` is the file's text (`import source from '../x.md?raw'`). */
export function DocPage({ source }: { source: string }) {
  // The HTML comments of the markdown (notes for the tests) are not for readers.
  const text = source.replace(/<!--[\s\S]*?-->\n?/g, '');
  return <Markdown options={{ overrides: { a: { component: Link } } }}>{text}</Markdown>;
}
