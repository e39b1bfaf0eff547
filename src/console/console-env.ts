/**
 * What every console page can rely on: the signed-in staff member and the console's translator,
 * set by the console's sign-in middleware before any page runs. Pages render through `c.render`,
 * whose layout (navigation, headers, stylesheet) the console shell provides.
 */
import type { StaffRole } from "../staff/staff-store.ts";

export type { StaffRole };

export interface StaffMember {
  name: string;
  role: StaffRole;
}

/** Console texts (i18next `console` namespaces), already bound to the staff member's language. */
export type ConsoleT = (key: string, params?: Record<string, unknown>) => string;

export interface ConsoleEnv {
  Variables: {
    staff: StaffMember;
    t: ConsoleT;
  };
}

/** What a page passes to the layout besides its body. */
export interface PageProps {
  title: string;
}

declare module "hono" {
  interface ContextRenderer {
    (content: string | Promise<string>, props: PageProps): Response | Promise<Response>;
  }
}
