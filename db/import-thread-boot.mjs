// Entry of the import worker thread (db/import-thread.ts): the worker is TypeScript, so it
// registers the tsx loader for this thread first (a thread does not share the parent's hooks).
import { register } from "tsx/esm/api";

register();
await import("./import-thread-worker.ts");
