/** StaffStore in the service's database (tables staff_account, staff_audit, campaign). */
import { Prisma, type PrismaClient } from "../generated/prisma/client.ts";
import type { StaffRole, StaffStore } from "./staff-store.ts";

const isUniqueViolation = (error: unknown) =>
  error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
const isMissing = (error: unknown) =>
  error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2025";

export function createPrismaStaffStore(prisma: PrismaClient): StaffStore {
  const toAccount = (row: { name: string; role: string; passwordHash: string; createdAt: Date }) => ({
    ...row,
    role: (row.role === "admin" ? "admin" : "viewer") as StaffRole,
  });
  return {
    find: async (name) => {
      const row = await prisma.staffAccount.findUnique({ where: { name } });
      return row ? toAccount(row) : null;
    },
    list: async () => (await prisma.staffAccount.findMany({ orderBy: { name: "asc" } })).map(toAccount),
    count: () => prisma.staffAccount.count(),
    async create(account) {
      try {
        await prisma.staffAccount.create({ data: account });
        return true;
      } catch (error) {
        if (isUniqueViolation(error)) return false;
        throw error;
      }
    },
    async setPassword(name, passwordHash) {
      const { count } = await prisma.staffAccount.updateMany({ where: { name }, data: { passwordHash } });
      return count > 0;
    },
    async remove(name) {
      try {
        await prisma.staffAccount.delete({ where: { name } });
        return true;
      } catch (error) {
        if (isMissing(error)) return false;
        throw error;
      }
    },
    async audit(entry) {
      await prisma.staffAudit.create({ data: entry });
    },
    auditLog: (limit) =>
      prisma.staffAudit.findMany({
        orderBy: [{ at: "desc" }, { id: "desc" }],
        take: limit,
        select: { at: true, actor: true, action: true, subject: true },
      }),
    campaigns: () => prisma.campaign.findMany({ orderBy: { name: "asc" } }),
    async addCampaign(name, createdBy) {
      try {
        await prisma.campaign.create({ data: { name, createdBy } });
        return true;
      } catch (error) {
        if (isUniqueViolation(error)) return false;
        throw error;
      }
    },
  };
}
