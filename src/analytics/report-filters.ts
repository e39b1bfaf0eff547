/**
 * Report filters from a query string or the CLI, validated with zod. Dates are UTC days,
 * both ends inclusive. Without a channel, the staff `simulator` channel is left out.
 */
import { z } from "zod";

/** Date.parse rolls 2025-02-30 over to March 2; a real day reads back as itself. */
function realDay(s: string): boolean {
  const time = Date.parse(`${s}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === s;
}

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date like 2025-01-31")
  .refine(realDay, "is not a date in the calendar");
const codeValue = (what: string) =>
  z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, `must be a ${what} code (letters, digits, _ or -)`);

export const reportFiltersSchema = z
  .object({
    from: day.optional(),
    to: day.optional(),
    channel: codeValue("channel").optional(),
    locale: codeValue("locale").optional(),
    country: codeValue("country").optional(),
    campaign: codeValue("campaign").optional(),
  })
  .strict()
  .refine((f) => !f.from || !f.to || f.from <= f.to, {
    message: "from must not be after to",
    path: ["from"],
  });

export type ReportFilters = z.infer<typeof reportFiltersSchema>;

export const simulatorChannel = "simulator";

/** Readable problems for a 400 answer or the terminal. */
export function describeFilterProblems(error: z.ZodError): string {
  return error.issues
    .map((i) =>
      i.code === "unrecognized_keys"
        ? `unknown filter ${i.keys.join(", ")}`
        : `${i.path.join(".") || "query"} ${i.message}`,
    )
    .join("; ");
}
