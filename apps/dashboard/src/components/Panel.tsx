import type { ReactNode } from 'react';

/** A card on the grid with a heading; `wide` spans the full row. A titled panel: a region named by its title, whose heading sits one level under its section's (3 by default). */
export function Panel({ title, wide, children, id, level = 3 }: { title: string; wide?: boolean; children: ReactNode; id?: string; level?: 2 | 3 }) {
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <section className={wide ? 'panel panel--wide' : 'panel'} aria-label={title} id={id}>
      <Heading className="panel__title">{title}</Heading>
      {children}
    </section>
  );
}
