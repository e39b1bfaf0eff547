/**
 * The sentence an operator reads when Guardline cannot start: the cause and what to change,
 * instead of a Node error code (`listen EADDRINUSE: address already in use :::3000`).
 */
import type { Config } from "./config.ts";

export function describeStartupError(error: unknown, config: Pick<Config, "PORT" | "DATA_DIR">): string {
  const e = (error ?? {}) as NodeJS.ErrnoException;
  if (e.code === "EADDRINUSE")
    return `port ${config.PORT} is already in use (another program, or another Guardline, listens there): stop it or set PORT to a free port`;
  if (e.code === "EACCES" && e.syscall === "listen")
    return `port ${config.PORT} needs administrator rights: use a port above 1023, for example PORT=3000`;
  if ((e.code === "EACCES" || e.code === "EROFS" || e.code === "EPERM") && e.path)
    return `cannot write ${e.path} (${e.code === "EROFS" ? "read-only file system" : "permission denied"}): check DATA_DIR (${config.DATA_DIR}) and who owns it`;
  return error instanceof Error ? error.message.split("\n")[0]! : String(error);
}
