/**
 * Where the demo's numbers come from: a Web Worker that generates the sample and answers every widget (the page holds
 * no records), the page itself where there are no workers, or a `@cskit/server` (`?remote=`) answering for a demo
 * viewer's scope. Each gives the page a `Data`; `Routes` renders it.
 */
import type { DatasetInfo, Target } from '@cskit/metrics';
import { validateDataset } from '@cskit/metrics';
import { localSource, remoteSource, workerSource } from '@cskit/react';
import type { CsSource } from '@cskit/react';
import { generateDataset } from '@cskit/sample-data';
import { useEffect, useMemo, useState } from 'react';
import type { DataMessage, DataReply } from './data.worker.js';
import { TEXT } from './i18n.js';
import { localImporter, workerImporter } from './import/importer.js';
import type { Importer } from './import/importer.js';
import { Routes } from './Routes.js';
import type { UrlView } from './url-state.js';

const CAN_USE_WORKER = typeof Worker !== 'undefined';

export /** The data's current source: the worker's (named by its data version) or, without workers, the page's own. */
interface Data {
  source: CsSource;
  info: DatasetInfo | null;
  /** The files an imported dataset came from; absent for the sample (and in server mode). */
  imported?: string[] | undefined;
  /** Switches back to the generated sample. */
  useSample: () => void;
  /** Reads, validates and (when asked) loads imported files, where the data is; null in server mode (the server owns the data). */
  importer: Importer | null;
  /** Replaces the data's targets (validated where the data is); null in server mode. */
  setTargets: ((targets: readonly Target[]) => void) | null;
  /** Server mode: the demo viewers and the one whose scope the server applies. */
  remote?: { viewers: DemoViewer[]; viewer: string; setViewer: (viewer: string) => void } | undefined;
}

/** An import shown without workers: its source and the files it came from. */
interface LocalImport { source: CsSource; files: string[] }

export interface DemoViewer {
  id: string;
  label: string;
}

/**
 * Without workers: the sample and any import live in the page, through the same engine and import steps;
 * `setSource` shows an imported dataset (null: the sample again).
 */
function localData(view: UrlView, setSource: (imported: LocalImport | null) => void): Data {
  const dataset = validateDataset(generateDataset({ seed: view.seed, accounts: view.accounts })).dataset;
  const sample = localSource(dataset);
  return {
    source: sample, info: null,
    useSample: () => setSource(null),
    importer: localImporter((imported, files) => setSource({ source: localSource(imported), files })),
    setTargets: (targets) => setSource({ source: localSource(validateDataset({ ...dataset, targets }).dataset), files: [] }),
  };
}

/** Bytes of answers the page received: read by `pnpm bench:dashboard` (`?bench`). */
declare global {
  interface Window {
    __cskitAnswerBytes?: number;
    __cskitComputeMs?: () => Promise<number>;
    /** With `bench`: the requests the worker answered before the last `__cskitComputeMs` call, with their ms. */
    __cskitComputeLog?: Array<[string, number]>;
  }
}

function countAnswer(_request: unknown, result: unknown): void {
  window.__cskitAnswerBytes = (window.__cskitAnswerBytes ?? 0) + JSON.stringify(result).length;
}

/**
 * Server mode: every widget asks a `@cskit/server` handler (`remoteSource`); the page never holds records, and the
 * server answers for the picked demo viewer's scope only.
 */
export function RemoteApp({ view, remote }: { view: UrlView; remote: string }) {
  const [viewer, setViewer] = useState(view.viewer ?? 'admin');
  const [viewers, setViewers] = useState<DemoViewer[]>([]);
  useEffect(() => {
    const controller = new AbortController();
    fetch('/api/demo/viewers', { signal: controller.signal }).then((r) => (r.ok ? r.json() : []), () => []).then((list: DemoViewer[]) => setViewers(list), () => undefined);
    return () => controller.abort();
  }, []);
  // A new source per viewer: answers of one viewer are never shown to another (caches are per source).
  const source = useMemo(() => remoteSource({ url: remote, headers: { 'x-cskit-viewer': viewer } }), [remote, viewer]);
  const data: Data = { source, info: null, useSample: () => undefined, importer: null, setTargets: null, remote: { viewers, viewer, setViewer } };
  return <Routes view={view} data={data} />;
}

export function BrowserApp({ view }: { view: UrlView }) {
  const [workerData, setData] = useState<Data | null>(null);
  const [localImport, setLocalImport] = useState<LocalImport | null>(null);
  const [local] = useState<Data | null>(() => (CAN_USE_WORKER ? null : localData(view, setLocalImport)));
  const data = workerData ?? (local && { ...local, source: localImport?.source ?? local.source, imported: localImport?.files.length ? localImport.files : undefined });
  // The worker lives with the component (an effect, so React's StrictMode remount in `vite dev` gets a live one).
  useEffect(() => {
    if (!CAN_USE_WORKER) return undefined;
    const worker = new Worker(new URL('./data.worker.ts', import.meta.url), { type: 'module' });
    const bench = new URLSearchParams(window.location.search).has('bench');
    const post = (message: DataMessage) => worker.postMessage(message);
    const importer = workerImporter(worker);
    worker.addEventListener('message', (event: MessageEvent<DataReply>) => {
      const reply = event.data;
      if (reply.type !== 'ready') return;
      setData({
        source: workerSource(worker, `worker-${reply.version}`, bench ? { onAnswer: countAnswer } : {}),
        info: reply.info,
        imported: reply.files,
        useSample: () => post({ type: 'sample' }),
        importer,
        setTargets: (targets) => post({ type: 'targets', targets }),
      });
    });
    post({ type: 'generate', seed: view.seed, accounts: view.accounts, bench });
    if (bench) {
      // `pnpm bench:dashboard` asks how long the worker computed since it last asked.
      window.__cskitComputeMs = () => new Promise<number>((resolve) => {
        const onMessage = (event: MessageEvent<{ type: string; ms?: number; log?: Array<[string, number]> }>) => {
          if (event.data.type !== 'compute-ms') return;
          worker.removeEventListener('message', onMessage);
          window.__cskitComputeLog = event.data.log ?? [];
          resolve(event.data.ms ?? 0);
        };
        worker.addEventListener('message', onMessage);
        worker.postMessage({ type: 'compute-ms' });
      });
    }
    return () => worker.terminate();
  }, [view]);

  const text = TEXT[view.locale];
  if (!data) {
    return (
      <div className={view.theme === 'dark' ? 'app cskit-dark' : 'app'}>
        <p className="loading" role="status"><span className="spinner" aria-hidden="true" />{text.generating(view.accounts)}</p>
      </div>
    );
  }
  return <Routes view={view} data={data} />;
}
