import { beforeEach, expect, vi } from "vitest";
import * as approvalsQueries from "@/db/queries/approvals";
import { approvalsDefaults } from "@/lib/dashboard/approval-filters";
import { authTables, createTestUser, sessionCookie, signInAs, staffPassword } from "./auth";
import { sample, send } from "./callbacks";
import type { TestDatabase } from "./database";

// What the export tests share: a viewer signed in before each test, requests to an export route
// as that viewer from a known address, and approvals stored through the real callback route.

export const exportClientAddress = "203.0.113.50";

/** Signs a viewer in before each test; `get` asks an export route handler as that viewer. */
export function signedInViewer(database: TestDatabase) {
  let cookie = "";
  beforeEach(async () => {
    await database.query(authTables);
    await createTestUser(database.handle.db, "viewer@payssam.test");
    cookie = sessionCookie(await signInAs("viewer@payssam.test", staffPassword, exportClientAddress));
  });
  return {
    get(handler: (request: Request) => Promise<Response>, path: string) {
      return handler(
        new Request(`http://dashboard.test${path}`, {
          headers: { cookie, "x-payssam-peer-address": exportClientAddress },
        }),
      );
    },
  };
}

export async function storeApproval(fields: Record<string, string>) {
  const response = await send("/api/callbacks/approval", { ...sample("approval.card"), ...fields });
  expect(response.status).toBe(200);
}

/**
 * The approvals export's next batch fails as a lost connection does, `pauseMs` after the first page
 * of rows went out. The test file mocks the module: `vi.mock("@/db/queries/approvals", { spy: true })`.
 */
export function failAfterFirstBatch(database: TestDatabase, message: string, pauseMs = 0) {
  vi.mocked(approvalsQueries.approvalBatches).mockImplementation(async function* () {
    yield (await approvalsQueries.getApprovalsPage(database.handle.db, approvalsDefaults)).rows;
    if (pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, pauseMs));
    throw new Error(message, { cause: new Error("connection lost") });
  } as never);
}
