// One request of `pnpm bench:server` as a viewer (the cold start's, in the bench's process, and the viewers', in theirs).

/** Asks `kind` at `base` as `viewer`; the latency, status and whether it failed (a network error or a 5xx). */
export async function ask(base, kind, body, viewer) {
  const started = performance.now();
  try {
    const response = await fetch(`${base}/${kind}`, { method: 'POST', headers: { 'content-type': 'application/json', 'accept-encoding': 'gzip', 'x-viewer': viewer }, body: JSON.stringify(body) });
    await response.arrayBuffer();
    return { ms: performance.now() - started, status: response.status, failed: response.status >= 500 };
  } catch {
    return { ms: performance.now() - started, status: 0, failed: true };
  }
}
