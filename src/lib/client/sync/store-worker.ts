/// <reference lib="webworker" />
import { serveStore, type Port } from './service';

/** The device-store worker: started by the sync manager, it answers the page (see `./service`). */
serveStore(self as unknown as Port);
