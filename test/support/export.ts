import { beforeEach, expect } from "vitest";
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
