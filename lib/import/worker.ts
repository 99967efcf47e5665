/**
 * The import worker's entry: parses untrusted documents off the server's
 * event loop (see ./pool.ts, which starts it with time and memory limits).
 * It answers one message at a time; the pool sends the next only after the
 * answer, and terminates the worker when it runs out of time.
 */
import { parentPort } from "node:worker_threads";
import { runTask, serializeError, type ImportTask, type WorkerReply } from "./tasks";

const port = parentPort;
if (!port) throw new Error("lib/import/worker.ts runs only as a worker thread");

port.on("message", ({ id, task }: { id: number; task: ImportTask }) => {
  let reply: WorkerReply;
  try {
    reply = { id, ok: true, result: runTask(task) };
  } catch (error) {
    reply = { id, ok: false, error: serializeError(error) };
  }
  port.postMessage(reply);
});

// Compile the parsers' hot paths before the first real document arrives.
runTask({ kind: "document", format: "markdown", body: "# Warm\n\nA *short* [text](https://example.org).\n\n- one\n- two" });
runTask({ kind: "document", format: "html", body: "<p>A <b>short</b> <a href='https://example.org'>page</a>.</p>" });
port.postMessage({ ready: true });
