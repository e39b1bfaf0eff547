/**
 * The staff store of the service: the database opens in the background (see createAnalytics),
 * so until it is open every call throws AnalyticsUnavailableError and the console says so.
 */
import { AnalyticsUnavailableError } from "../analytics/deferred-store.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { createPrismaStaffStore } from "./prisma-staff-store.ts";
import type { StaffStore } from "./staff-store.ts";

export function createDeferredStaffStore(prisma: () => PrismaClient | null): StaffStore {
  let cached: { client: PrismaClient; store: StaffStore } | null = null;
  const use = (): StaffStore => {
    const client = prisma();
    if (!client) throw new AnalyticsUnavailableError();
    if (cached?.client !== client) cached = { client, store: createPrismaStaffStore(client) };
    return cached.store;
  };
  return {
    find: async (name) => use().find(name),
    list: async () => use().list(),
    count: async () => use().count(),
    create: async (account) => use().create(account),
    setPassword: async (name, hash) => use().setPassword(name, hash),
    remove: async (name) => use().remove(name),
    audit: async (entry) => use().audit(entry),
    auditLog: async (limit) => use().auditLog(limit),
    campaigns: async () => use().campaigns(),
    addCampaign: async (name, by) => use().addCampaign(name, by),
  };
}
