/**
 * Guardline as a real process, for fault tests and the soak bench: start it with an environment,
 * kill it with SIGKILL (a crash: nothing flushed, nothing finished), stop it with SIGTERM (a
 * deploy), start it again with the same environment and data directory. The port is read from
 * the JSON log line "http: listening" (PORT=0 picks a free one).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";

const root = new URL("../..", import.meta.url).pathname;

export interface GuardlineProcess {
  readonly port: number;
  readonly base: string;
  /** Every JSON log line of every run so far, parsed. */
  logs: Array<Record<string, unknown>>;
  kill9(): Promise<void>;
  /** SIGTERM, then waits for the exit code. */
  stop(): Promise<number | null>;
  /** Starts it again with the same environment (after kill9 or stop). */
  restart(): Promise<void>;
}

export async function startGuardlineProcess(env: Record<string, string>): Promise<GuardlineProcess> {
  const logs: Array<Record<string, unknown>> = [];
  let child: ChildProcess;
  let port = 0;
  let exited: Promise<number | null> = Promise.resolve(null);

  const launch = async () => {
    // node --import tsx, not the tsx binary: the binary runs the service in a child process of its
    // own, which a SIGKILL of the binary would leave running.
    child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
      cwd: root,
      env: {
        PATH: process.env.PATH ?? "",
        HOME: process.env.HOME ?? "",
        PORT: "0",
        LOG_LEVEL: "info",
        ...env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const stderr: string[] = [];
    child.stderr!.on("data", (b: Buffer) => stderr.push(b.toString()));
    exited = new Promise((resolve) => child.once("exit", (code) => resolve(code)));
    port = await new Promise<number>((resolve, reject) => {
      createInterface({ input: child.stdout! }).on("line", (line) => {
        let parsed: Record<string, unknown>;
        try {
          parsed = JSON.parse(line) as Record<string, unknown>;
        } catch {
          parsed = { text: line };
        }
        logs.push(parsed);
        if (typeof parsed.msg === "string" && parsed.msg.startsWith("http: listening"))
          resolve(Number(parsed.port));
      });
      void exited.then((code) =>
        reject(new Error(`guardline exited (${code}) before listening: ${stderr.join("")}`)),
      );
    });
  };
  await launch();

  return {
    get port() {
      return port;
    },
    get base() {
      return `http://127.0.0.1:${port}`;
    },
    logs,
    async kill9() {
      child.kill("SIGKILL");
      await exited;
    },
    async stop() {
      child.kill("SIGTERM");
      return exited;
    },
    restart: launch,
  };
}
