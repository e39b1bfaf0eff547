import { describeStaffStoreContract } from "./staff-store.case.ts";
import { createMemoryStaffStore } from "./staff-store.ts";

describeStaffStoreContract("memory", async () => createMemoryStaffStore());
