/**
 * Staff accounts, the audit log of staff actions and the campaigns staff created: the port the
 * console and the staff CLI use, with an in-memory implementation for tests (the Prisma one is
 * in prisma-staff-store.ts). Staff are not the people the bot serves: a staff name is kept.
 */
/** What a staff member may do: admins also manage accounts, campaigns and content. */
export type StaffRole = "admin" | "viewer";

export interface StaffAccount {
  name: string;
  role: StaffRole;
  passwordHash: string;
  createdAt: Date;
}

export interface AuditEntry {
  at: Date;
  actor: string;
  action: string;
  subject: string;
}

export interface CampaignRecord {
  name: string;
  createdAt: Date;
  createdBy: string;
}

export interface StaffStore {
  find(name: string): Promise<StaffAccount | null>;
  list(): Promise<StaffAccount[]>;
  count(): Promise<number>;
  /** False when the name is taken. */
  create(account: Omit<StaffAccount, "createdAt">): Promise<boolean>;
  /** False when there is no such account. */
  setPassword(name: string, passwordHash: string): Promise<boolean>;
  remove(name: string): Promise<boolean>;
  audit(entry: Omit<AuditEntry, "at">): Promise<void>;
  /** Newest first. */
  auditLog(limit: number): Promise<AuditEntry[]>;
  campaigns(): Promise<CampaignRecord[]>;
  /** False when the name is taken. */
  addCampaign(name: string, createdBy: string): Promise<boolean>;
}

/** Staff names: what people type to sign in; no spaces, so logs and the CLI read clearly. */
export const staffNamePattern = /^[A-Za-z0-9._-]{2,40}$/;

export function createMemoryStaffStore(now: () => Date = () => new Date()): StaffStore {
  const accounts = new Map<string, StaffAccount>();
  const log: AuditEntry[] = [];
  const campaigns = new Map<string, CampaignRecord>();
  return {
    find: async (name) => accounts.get(name) ?? null,
    list: async () => [...accounts.values()].sort((a, b) => a.name.localeCompare(b.name)),
    count: async () => accounts.size,
    async create(account) {
      if (accounts.has(account.name)) return false;
      accounts.set(account.name, { ...account, createdAt: now() });
      return true;
    },
    async setPassword(name, passwordHash) {
      const account = accounts.get(name);
      if (!account) return false;
      accounts.set(name, { ...account, passwordHash });
      return true;
    },
    remove: async (name) => accounts.delete(name),
    async audit(entry) {
      log.push({ ...entry, at: now() });
    },
    auditLog: async (limit) => log.slice(-limit).reverse(),
    campaigns: async () => [...campaigns.values()].sort((a, b) => a.name.localeCompare(b.name)),
    async addCampaign(name, createdBy) {
      if (campaigns.has(name)) return false;
      campaigns.set(name, { name, createdBy, createdAt: now() });
      return true;
    },
  };
}
