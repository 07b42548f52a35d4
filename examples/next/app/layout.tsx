import type { ReactNode } from 'react';
import '@cskit/charts/styles.css';
import '@cskit/table/styles.css';
import './page.css';

export const metadata = { title: 'cskit on Next.js' };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
