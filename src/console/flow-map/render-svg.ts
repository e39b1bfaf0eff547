/**
 * DOT -> SVG on the server with Graphviz compiled to WebAssembly (@viz-js/viz): no client
 * script, no network. The instance is created once, on first use, and reused.
 */
import type { Viz } from "@viz-js/viz";

let viz: Promise<Viz> | undefined;

/** The `<svg>` element alone (no XML prolog), labelled by the element with id `labelledBy`. */
export async function renderSvg(dot: string, labelledBy: string): Promise<string> {
  // The library (Graphviz in WebAssembly, about 1 MB of source) is loaded here, not at start-up.
  viz ??= import("@viz-js/viz").then((library) => library.instance());
  const result = (await viz).render(dot, { format: "svg" });
  if (result.status !== "success")
    throw new Error(`graphviz: ${result.errors.map((e) => e.message).join("; ")}`);
  const svg = result.output.slice(result.output.indexOf("<svg"));
  return svg
    .replace(/<!--[\s\S]*?-->\n?/g, "")
    .replace("<svg ", `<svg role="group" aria-labelledby="${labelledBy}" focusable="false" `);
}
