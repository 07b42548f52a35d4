/**
 * The same widgets fed from the server at request time: the page holds no data; its widgets ask the route handler
 * at /api/cskit (app/api/cskit/[...path]/route.ts) through `remoteSource`, for the summaries and rows they show.
 */
import { LiveDashboard } from './live-dashboard';

export default function LivePage() {
  return (
    <main>
      <h1>cskit on Next.js, served by a route handler</h1>
      <LiveDashboard />
    </main>
  );
}
