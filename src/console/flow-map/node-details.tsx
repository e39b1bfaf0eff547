/** One node opened from the map: where it is written and its texts in the chosen language. */
import type { Flow } from "../../flows/definition/index.ts";
import type { FlowNode } from "../../flows/definition/schema.ts";
import type { Translator } from "../../i18n/translator.ts";
import type { ConsoleT } from "../console-env.ts";
import type { NodeSource } from "./flow-sources.ts";
import { nodeTexts } from "./node-texts.ts";

export function NodeDetails(props: {
  flow: Flow;
  node: FlowNode;
  language: string;
  translator: Translator;
  source: NodeSource | undefined;
  action: string;
  hidden: Record<string, string | undefined>;
  t: ConsoleT;
}) {
  const { node, language, translator, source, t } = props;
  const texts = nodeTexts(props.flow, node);
  return (
    <section id="node-details" aria-labelledby="node-details-heading" class="gl-details">
      <h2 id="node-details-heading">
        {t("console_pages:flow_map.node_heading", { id: node.id, type: node.type })}
      </h2>
      <p>
        {t("console_pages:flow_map.written_at")} <code>{source?.at ?? "?"}</code>
        {source?.changed ? ` ${t("console_pages:flow_map.file_changed")}` : ""}
      </p>
      <form method="get" action={props.action} class="gl-inline-form">
        {Object.entries(props.hidden).map(([name, value]) =>
          value ? <input type="hidden" name={name} value={value} /> : null,
        )}
        <label for="node-lang">{t("console_pages:flow_map.language")}</label>{" "}
        <select id="node-lang" name="lang">
          {translator.languages.map((l) => (
            <option value={l} selected={l === language}>
              {`${translator.languageName(l)} (${l})`}
            </option>
          ))}
        </select>{" "}
        <button type="submit">{t("console_pages:flow_map.show_texts")}</button>
      </form>
      {texts.length ? (
        <table class="gl-table">
          <thead>
            <tr>
              <th scope="col">{t("console_pages:flow_map.text_role")}</th>
              <th scope="col">{t("console_pages:flow_map.text_key")}</th>
              <th scope="col">{t("console_pages:flow_map.text")}</th>
            </tr>
          </thead>
          <tbody>
            {texts.map((text) => (
              <tr>
                <td>{text.role}</td>
                <td>
                  <code>{text.key}</code>
                </td>
                <td lang={language} class="gl-text">
                  {translator.t(language, text.key)}
                  {translator.has(language, text.key)
                    ? ""
                    : ` (${t("console_pages:flow_map.fallback", { base: translator.base })})`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>{t("console_pages:flow_map.no_texts")}</p>
      )}
    </section>
  );
}
