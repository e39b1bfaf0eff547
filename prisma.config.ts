// Prisma CLI configuration. The application itself never reads this file: it builds its own
// driver adapter (PGlite or PostgreSQL) in src/analytics, and applies prisma/migrations at start-up.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/guardline" },
});
