import type { LoadedLocales } from "../../i18n/load-locales.ts";
import type { LoadedReferrals } from "../../referrals/load-referrals.ts";
import type { LoadedFlows } from "../../flows/load-flows.ts";

/** Everything one content version holds as read from its files: what every check looks at. */
export interface Loaded {
  flows: LoadedFlows;
  referrals: LoadedReferrals;
  locales: LoadedLocales;
}
