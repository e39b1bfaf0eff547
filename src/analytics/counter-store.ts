/**
 * The counters table through Prisma: batched upsert-increments, retention, and the grouped sums
 * reports are built from. Identifiers in SQL come from fixed lists below, never from requests.
 */
import { Prisma, type PrismaClient } from "../generated/prisma/client.ts";
import type { CounterWriter } from "./buffered-sink.ts";
import type { Cell } from "./counter-cell.ts";
import { simulatorChannel, type ReportFilters } from "./report-filters.ts";

/** Rows per statement; 13 array parameters each, whatever the batch size. */
const batchSize = 2_000;

const columns = {
  kind: "kind",
  flowId: "flow_id",
  flowVersion: "flow_version",
  node: "node",
  option: "option",
  nextNode: "next_node",
  detail: "detail",
  directory: "directory",
  channel: "channel",
  locale: "locale",
  country: "country",
  campaign: "campaign",
} as const;
export type Column = keyof typeof columns;
const keyColumns = Object.keys(columns) as Column[];

export type Sums<C extends Column> = Array<Record<C, string> & { day: string; count: number }>;

export interface CounterStore extends CounterWriter {
  /** Statements written so far (for the benchmark). */
  readonly writes: number;
  deleteBefore(time: Date): Promise<number>;
  /** Sums per UTC day and the given columns, for the given kinds, within the filters. */
  sums<C extends Column>(
    filters: ReportFilters,
    kinds: readonly string[],
    by: readonly C[],
    where?: Partial<Record<Column, string>>,
  ): Promise<Sums<C>>;
  ping(): Promise<void>;
}

export function createCounterStore(prisma: PrismaClient): CounterStore {
  let writes = 0;
  return {
    get writes() {
      return writes;
    },
    async increment(cells) {
      const statements: Prisma.Sql[] = [];
      for (let i = 0; i < cells.length; i += batchSize)
        statements.push(upsert(cells.slice(i, i + batchSize)));
      // All batches or none: the sink puts back everything when this fails, so a batch written
      // before a later one failed would otherwise be counted twice.
      if (statements.length === 1) await prisma.$executeRaw(statements[0]!);
      else if (statements.length > 1) await prisma.$transaction(statements.map((s) => prisma.$executeRaw(s)));
      writes += statements.length;
    },
    async deleteBefore(time) {
      const { count } = await prisma.counter.deleteMany({ where: { bucket: { lt: time } } });
      return count;
    },
    async sums(filters, kinds, by, where = {}) {
      const select = by.map((c) => Prisma.raw(`"${columns[c]}" AS "${c}"`));
      const groupBy = by.map((c) => Prisma.raw(`"${columns[c]}"`));
      const rows = await prisma.$queryRaw<Array<Record<string, string | bigint>>>`
        SELECT to_char(bucket AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, ${Prisma.join([...select, Prisma.sql`sum("count") AS count`])}
        FROM analytics_counter
        WHERE "kind" IN (${Prisma.join(kinds)}) ${conditions(filters, where)}
        GROUP BY ${Prisma.join([Prisma.raw("1"), ...groupBy])}
        ORDER BY 1`;
      return rows.map((r) => ({ ...r, count: Number(r.count) })) as unknown as Sums<(typeof by)[number]>;
    },
    async ping() {
      await prisma.$queryRaw`SELECT 1`;
    },
  };
}

/** One INSERT ... SELECT FROM unnest(arrays) ... ON CONFLICT DO UPDATE: count = count + new. */
function upsert(cells: readonly Cell[]): Prisma.Sql {
  const arrays = keyColumns.map((c) => Prisma.sql`${cells.map((cell) => cell[c])}::text[]`);
  const names = Prisma.raw(
    ["bucket", ...keyColumns.map((c) => columns[c]), "count"].map((n) => `"${n}"`).join(", "),
  );
  const key = Prisma.raw(["bucket", ...keyColumns.map((c) => columns[c])].map((n) => `"${n}"`).join(", "));
  return Prisma.sql`
    INSERT INTO analytics_counter (${names})
    SELECT * FROM unnest(${cells.map((c) => c.bucket.toISOString())}::timestamptz[], ${Prisma.join(arrays)}, ${cells.map((c) => c.count)}::int[])
    ON CONFLICT (${key}) DO UPDATE SET "count" = analytics_counter."count" + EXCLUDED."count"`;
}

function conditions(filters: ReportFilters, where: Partial<Record<Column, string>>): Prisma.Sql {
  const parts: Prisma.Sql[] = [];
  if (filters.from) parts.push(Prisma.sql`bucket >= ${new Date(`${filters.from}T00:00:00Z`)}`);
  if (filters.to)
    parts.push(Prisma.sql`bucket < ${new Date(Date.parse(`${filters.to}T00:00:00Z`) + 86_400_000)}`);
  parts.push(
    filters.channel ? Prisma.sql`channel = ${filters.channel}` : Prisma.sql`channel <> ${simulatorChannel}`,
  );
  for (const c of ["locale", "country", "campaign"] as const)
    if (filters[c]) parts.push(Prisma.sql`${Prisma.raw(`"${c}"`)} = ${filters[c]}`);
  for (const [c, value] of Object.entries(where))
    parts.push(Prisma.sql`${Prisma.raw(`"${columns[c as Column]}"`)} = ${value}`);
  return parts.length ? Prisma.sql`AND ${Prisma.join(parts, " AND ")}` : Prisma.empty;
}
