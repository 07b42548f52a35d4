import type { ReactNode } from 'react';

/** A card on the dashboard grid with a heading; `wide` spans the full row. */
export function Panel({ title, wide, children, id }: { title: string; wide?: boolean; children: ReactNode; id?: string }) {
  return (
    <section className={wide ? 'panel panel--wide' : 'panel'} aria-label={title} id={id}>
      <h3>{title}</h3>
      {children}
    </section>
  );
}
