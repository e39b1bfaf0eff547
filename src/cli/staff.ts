/**
 * `npm run staff -- add <name> --role viewer|admin`, `list`, `remove <name>`, `reset <name>`:
 * staff accounts for the console, in the database the server uses (DATABASE_URL, or the embedded
 * one in DATA_DIR, through the running server when there is one). `add` and `reset` print a
 * generated password once; it is stored only as a scrypt hash. Every change goes to the audit log.
 */
import { parseArgs } from "node:util";
import { openDatabase } from "../analytics/database.ts";
import { loadConfig } from "../config/config.ts";
import { generatePassword, hashPassword } from "../staff/password.ts";
import { createPrismaStaffStore } from "../staff/prisma-staff-store.ts";
import { staffNamePattern, type StaffStore } from "../staff/staff-store.ts";

const usage = [
  "Usage: npm run staff -- add <name> --role viewer|admin",
  "       npm run staff -- list",
  "       npm run staff -- remove <name>",
  "       npm run staff -- reset <name>      (prints a new password)",
].join("\n");

/** One command against a store; returns the exit code. Exported for tests. */
export async function runStaffCommand(
  args: string[],
  store: StaffStore,
  write: (text: string) => void,
): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { role: { type: "string" } } });
  } catch (error) {
    write(`${error instanceof Error ? error.message : String(error)}\n${usage}`);
    return 2;
  }
  const [command, name, ...extra] = parsed.positionals;
  const role = parsed.values.role;
  if (command === "list" && !name) {
    const accounts = await store.list();
    write(
      accounts.length
        ? accounts.map((a) => `${a.name}\t${a.role}\t${a.createdAt.toISOString().slice(0, 10)}`).join("\n")
        : "No staff accounts yet. Sign in to /console with ADMIN_TOKEN, or add one: npm run staff -- add <name> --role admin",
    );
    return 0;
  }
  if (!name || extra.length || !["add", "remove", "reset"].includes(command ?? "")) {
    write(usage);
    return 2;
  }
  if (!staffNamePattern.test(name)) {
    write(`"${name}" cannot be a staff name: use 2-40 letters, digits, dot, _ or -.`);
    return 2;
  }
  if (command === "add") {
    if (role !== "viewer" && role !== "admin") {
      write(`--role must be viewer or admin.\n${usage}`);
      return 2;
    }
    const password = generatePassword();
    if (!(await store.create({ name, role, passwordHash: await hashPassword(password) }))) {
      write(`There is already an account named ${name}.`);
      return 1;
    }
    await store.audit({ actor: "cli", action: "account_created", subject: name });
    write(`Added ${name} (${role}). Password, shown only now:\n${password}`);
    return 0;
  }
  if (command === "remove") {
    if (!(await store.remove(name))) return missing(name, write);
    await store.audit({ actor: "cli", action: "account_removed", subject: name });
    write(`Removed ${name}; their console sessions end with it.`);
    return 0;
  }
  const password = generatePassword();
  if (!(await store.setPassword(name, await hashPassword(password)))) return missing(name, write);
  await store.audit({ actor: "cli", action: "password_reset", subject: name });
  write(`New password for ${name}, shown only now (their other sessions end):\n${password}`);
  return 0;
}

function missing(name: string, write: (text: string) => void): number {
  write(`There is no account named ${name}. See: npm run staff -- list`);
  return 1;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const config = loadConfig();
  const db = await openDatabase({
    databaseUrl: config.DATABASE_URL,
    dataDir: config.DATA_DIR,
    joinRunning: true,
  });
  try {
    process.exitCode = await runStaffCommand(args, createPrismaStaffStore(db.prisma), (text) =>
      process.stdout.write(`${text}\n`),
    );
  } finally {
    await db.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: unknown) => {
    process.stderr.write(`staff: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
