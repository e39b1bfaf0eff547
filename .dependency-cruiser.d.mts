// Types for .dependency-cruiser.mjs, which test/architecture.test.ts imports.
import type { IConfiguration } from "dependency-cruiser";

declare const config: IConfiguration & Required<Pick<IConfiguration, "forbidden" | "options">>;
export default config;
