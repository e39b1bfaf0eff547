/** The dashboard's filters: a plain GET form, so a filtered view is a link staff can share. */
import type { ConsoleT } from "../console-env.ts";

const channels = ["telegram", "whatsapp_web", "whatsapp_cloud", "simulator"];

export function FilterForm(props: {
  t: ConsoleT;
  filters: Record<string, string | undefined>;
  campaigns: string[];
  languages: Array<{ code: string; name: string }>;
  action?: string;
}) {
  const { t, filters } = props;
  const select = (name: string, label: string, options: Array<[string, string]>) => (
    <label>
      {label}
      <select name={name}>
        <option value="">{t("filters.all")}</option>
        {options.map(([value, text]) => (
          <option value={value} selected={filters[name] === value}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <form method="get" action={props.action ?? "/console"} class="filters" aria-label={t("filters.label")}>
      <label>
        {t("filters.from")}
        <input type="date" name="from" value={filters.from ?? ""} />
      </label>
      <label>
        {t("filters.to")}
        <input type="date" name="to" value={filters.to ?? ""} />
      </label>
      {select(
        "channel",
        t("filters.channel"),
        channels.map((c) => [c, t(`channel.${c}`)]),
      )}
      {select(
        "locale",
        t("filters.language"),
        props.languages.map((l) => [l.code, `${l.name} (${l.code})`]),
      )}
      <label>
        {t("filters.country")}
        <input
          name="country"
          value={filters.country ?? ""}
          size={4}
          maxlength={13}
          pattern="[A-Za-z_]{2,13}"
        />
      </label>
      {select(
        "campaign",
        t("filters.campaign"),
        props.campaigns.map((c) => [c, c]),
      )}
      <button type="submit">{t("filters.apply")}</button>
    </form>
  );
}
