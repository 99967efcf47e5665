import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export type AppServer = {
  child: ChildProcess;
  /** The last lines the server printed (for error messages). */
  log: () => string;
  /** Stops the server and every process it started; resolves within ~5 s. */
  stop: () => Promise<void>;
  /** Synchronous best effort, for process exit handlers. */
  kill: () => void;
};

/**
 * Starts `next start` in its own process group (so stopping it also stops
 * any worker it forks).
 */
export function startNext(opts: { root: string; port: number; env: Record<string, string>; nodeArgs?: string[] }): AppServer {
  const lines: string[] = [];
  const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), `${opts.root}/node_modules/next/dist/bin/next`, "start", "-p", String(opts.port)], {
    cwd: opts.root,
    env: { ...process.env, ...opts.env },
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const collect = (chunk: Buffer) => {
    lines.push(...chunk.toString().split("\n").filter(Boolean));
    if (lines.length > 300) lines.splice(0, lines.length - 300);
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  let stopping = false;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.once("exit", (code, sig) => {
    // Say so at once: otherwise the next request just fails with ECONNREFUSED.
    if (!stopping) console.error(`[bench] the app server exited unexpectedly (code ${code}, signal ${sig}). Its last output:\n${lines.slice(-40).join("\n")}`);
  });
  const signal = (sig: NodeJS.Signals) => {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
    try {
      process.kill(-child.pid, sig);
    } catch {
      // Already gone.
    }
  };
  return {
    child,
    log: () => lines.slice(-60).join("\n"),
    kill: () => {
      stopping = true;
      signal("SIGKILL");
    },
    stop: async () => {
      stopping = true;
      signal("SIGTERM");
      const timer = new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), 5000).unref());
      if ((await Promise.race([exited.then(() => "exited" as const), timer])) === "timeout") {
        signal("SIGKILL");
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
      }
    },
  };
}

export async function waitForHttp(url: string, server: AppServer, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null) throw new Error(`The server exited (code ${server.child.exitCode}):\n${server.log()}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`The server did not answer ${url} within ${timeoutMs / 1000} s:\n${server.log()}`);
}
