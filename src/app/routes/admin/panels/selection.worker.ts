/**
 * Panel selection off the main thread, so the console stays usable while maximin runs. HiGHS (about 3.5 MB
 * of WebAssembly) is loaded only here, once per worker, from the asset Vite emits for `highs/runtime`.
 */
import highsLoader, { type Highs } from 'highs';
import wasmUrl from 'highs/runtime?url';
import { createSelectionHandler, type WorkerAnswer, type WorkerRequest } from './selectionProtocol';

let highs: Promise<Highs> | undefined;
const solver = (): Promise<Highs> => (highs ??= highsLoader({ locateFile: () => wasmUrl }));

const post = (answer: WorkerAnswer): void => self.postMessage(answer);
const handle = createSelectionHandler(post, solver);
self.addEventListener('message', (event: MessageEvent<WorkerRequest>) => void handle(event.data));
