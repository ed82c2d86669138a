import http from "node:http";
import type { AddressInfo } from "node:net";
import { sql } from "drizzle-orm";
// How `next start` writes a route handler's streamed body to the socket.
import { pipeToNodeResponse } from "next/dist/server/pipe-readable";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { GET } from "@/app/api/export/approvals/route";
import * as approvalsQueries from "@/db/queries/approvals";
import { setUpTestDatabase } from "../support/database";
import { exportClientAddress, failAfterFirstBatch, signedInViewer, storeApproval } from "../support/export";

// The CSV export through its route handler: bad filters are refused, a failure mid-stream errors
// the body (Next.js then aborts the connection; the e2e suite checks that end), formula-like
// text is neutralised, and every export is in the audit log.

vi.mock("@/db/queries/approvals", { spy: true });

const database = setUpTestDatabase();
const viewer = signedInViewer(database);

beforeEach(() => {
  vi.mocked(approvalsQueries.approvalBatches).mockRestore();
});

function exportRequest(query = "") {
  return viewer.get(GET, `/api/export/approvals${query}`);
}

describe("CSV export", () => {
  it("refuses a filter it cannot use (NUL, a broken cursor) with a Korean reason, not a short file", async () => {
    for (const query of ["?issuer=%00", "?issuer=a%00b", "?after=garbage"]) {
      const response = await exportRequest(query);
      expect(response.status, query).toBe(400);
      const body = await response.json();
      expect(body.code).toBe("1002");
      expect(body.errors.join(" ")).toMatch(/[가-힣]/);
    }
  });

  it("writes formula-like text as text, in every form", async () => {
    const issuers = ["=HYPERLINK(1)", " =1+1", "\n=1+1", "\uFF1D1+1", "\uFF0B1", "\uFF0D1", "\uFF20SUM(A1)", "\tx"];
    for (const [index, issuer] of issuers.entries()) {
      await storeApproval({ billId: `CSV${index}`, apprIssuer: issuer, apprNum: `N${index}` });
    }
    const text = await (await exportRequest()).text();
    for (const issuer of issuers) {
      // After a line break inside the cell, a formula start gets its apostrophe too; a tab is quoted (issue 18, finding 7).
      const neutral = `'${issuer.replace(/\n(?==)/, "\n'")}`;
      const cell = /[,;\t"\r\n]/.test(neutral) ? `"${neutral.replaceAll('"', '""')}"` : neutral;
      expect(text, JSON.stringify(issuer)).toContain(`,${cell},`);
    }
  });

  it("errors the download when a batch fails mid-stream, after rows were sent", async () => {
    await storeApproval({ billId: "MID1" });
    failAfterFirstBatch(database, "Failed query: select … params: secret search text");
    const response = await exportRequest();
    expect(response.status).toBe(200);
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let received = "";
    await expect(
      (async () => {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return received;
          received += decoder.decode(value);
        }
      })(),
    ).rejects.toThrow("approvals export failed mid-stream");
    expect(received).toContain("MID1");
  });

  it("ends in an aborted connection, not a complete-looking file, when served the way next start serves it", async () => {
    await storeApproval({ billId: "MID2" });
    // The next query takes a moment, and fails: the rows before it are on the wire by then.
    failAfterFirstBatch(database, "Failed query", 200);
    const server = http.createServer(async (_request, response) => {
      const answer = await exportRequest();
      response.writeHead(answer.status, Object.fromEntries(answer.headers));
      await pipeToNodeResponse(answer.body!, response).catch(() => undefined);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    const outcome = await new Promise<{ ended: boolean; aborted: boolean; body: string }>((resolve) => {
      http.get(`http://127.0.0.1:${port}/`, (response) => {
        let body = "";
        let aborted = false;
        response.setEncoding("utf8");
        response.on("data", (chunk) => (body += chunk));
        response.on("aborted", () => (aborted = true));
        response.on("error", () => (aborted = true));
        response.on("close", () => resolve({ ended: response.complete, aborted, body }));
      });
    });
    server.close();
    expect(outcome.body).toContain("MID2");
    // HTTP/1.1 chunked: without the final empty chunk the client knows the file is cut short.
    expect(outcome.ended).toBe(false);
    expect(outcome.aborted).toBe(true);
  });

  it("answers 500 (no file) when the very first batch fails", async () => {
    const failing = {
      next: () => Promise.reject(new Error("Failed query", { cause: new Error("connection lost") })),
      return: async () => ({ done: true, value: undefined }),
    };
    vi.mocked(approvalsQueries.approvalBatches).mockReturnValue(failing as never);
    await expect(exportRequest()).rejects.toThrow("approvals export failed before the first row");
  });

  it("records who exported what, from where", async () => {
    await exportRequest("?state=F&issuer=%ED%98%84%EB%8C%80");
    const rows = await database.query(
      sql`SELECT action, actor_email, target, client_addr, details FROM audit_log WHERE action = 'approvals_exported'`,
    );
    expect(rows).toEqual([
      {
        action: "approvals_exported",
        actor_email: "viewer@payssam.test",
        target: "?state=F&issuer=%ED%98%84%EB%8C%80",
        client_addr: exportClientAddress,
        details: { format: "csv" },
      },
    ]);
  });
});
