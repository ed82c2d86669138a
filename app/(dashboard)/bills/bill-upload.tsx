"use client";

import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import type { UploadTally } from "@/lib/bills/upload-check";
import { type BillUploadEvent, uploadPaths } from "@/lib/bills/upload-events";
import { RefusedRows } from "./refused-rows";

// 청구서 올리기: pick a file, see what it would do (미리보기, nothing written), then register it
// (등록, all or nothing). The file goes gzipped (the browser's CompressionStream) and the answer
// streams progress a line at a time; XMLHttpRequest, since fetch cannot report the upload's own
// progress.

type Stage =
  | { step: "idle" }
  | { step: "working"; what: "preview" | "commit"; sent: number; total: number; rows: number }
  | { step: "previewed"; digest: string; tally: UploadTally }
  | { step: "committed"; tally: UploadTally };

async function gzipped(file: File): Promise<Blob> {
  return new Response(file.stream().pipeThrough(new CompressionStream("gzip"))).blob();
}

function post(
  url: string,
  body: Blob,
  onUpload: (sent: number, total: number) => void,
  onEvent: (event: BillUploadEvent) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    let read = 0;
    const drain = (final: boolean) => {
      const text = request.responseText;
      const end = final ? text.length : text.lastIndexOf("\n") + 1;
      for (const line of text.slice(read, end).split("\n")) {
        if (line.trim()) onEvent(JSON.parse(line) as BillUploadEvent);
      }
      read = end;
    };
    request.open("POST", url);
    request.setRequestHeader("content-type", "application/gzip");
    request.upload.onprogress = (event) => onUpload(event.loaded, event.total);
    request.onprogress = () => {
      if (request.status === 200) drain(false);
    };
    request.onload = () => {
      if (request.status === 200) drain(true);
      else {
        let message = `올리지 못했습니다 (HTTP ${request.status}).`;
        try {
          message = (JSON.parse(request.responseText) as { message?: string }).message ?? message;
        } catch {}
        onEvent({ type: "error", message });
      }
      resolve();
    };
    request.onerror = () => reject(new Error("network"));
    request.send(body);
  });
}

const numberText = (value: number) => value.toLocaleString("ko-KR");

export function BillUpload() {
  const router = useRouter();
  const inputId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [stage, setStage] = useState<Stage>({ step: "idle" });
  const [error, setError] = useState<string | null>(null);

  async function run(what: "preview" | "commit", digest?: string) {
    if (!file) return;
    setError(null);
    setStage({ step: "working", what, sent: 0, total: file.size, rows: 0 });
    const query = new URLSearchParams({ name: file.name });
    if (digest) query.set("digest", digest);
    try {
      const body = await gzipped(file);
      await post(
        `${uploadPaths[what]}?${query}`,
        body,
        (sent, total) => setStage((current) => (current.step === "working" ? { ...current, sent, total } : current)),
        (event) => {
          if (event.type === "progress") {
            setStage((current) => (current.step === "working" ? { ...current, rows: event.rows } : current));
          } else if (event.type === "preview") {
            setStage({ step: "previewed", digest: event.digest, tally: event.tally });
          } else if (event.type === "committed") {
            setStage({ step: "committed", tally: event.tally });
            router.refresh();
          } else {
            setError(event.message);
            setStage({ step: "idle" });
          }
        },
      );
    } catch {
      setError("서버에 연결하지 못했습니다. 네트워크를 확인하고 다시 해 주세요.");
      setStage({ step: "idle" });
    }
  }

  const working = stage.step === "working";
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-end">
        <div className="flex min-w-0 flex-1 flex-col gap-1">
          <label htmlFor={inputId} className="text-sm font-medium">
            파일 (.xlsx 또는 .csv, 20만 행까지)
          </label>
          <input
            id={inputId}
            type="file"
            accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
            disabled={working}
            onChange={(event) => {
              setFile(event.target.files?.[0] ?? null);
              setStage({ step: "idle" });
              setError(null);
            }}
            className="block w-full min-w-0 text-sm file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5 file:text-sm file:font-medium file:text-slate-700 hover:file:bg-slate-100"
          />
        </div>
        <button
          type="button"
          disabled={!file || working}
          onClick={() => run("preview")}
          className="rounded-md bg-slate-900 px-4 py-2 text-sm font-semibold whitespace-nowrap text-white hover:bg-slate-700 disabled:opacity-50"
        >
          미리보기
        </button>
      </div>

      {working ? <Progress stage={stage} /> : null}
      {error ? (
        <p
          role="alert"
          className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm break-keep text-red-800"
        >
          {error}
        </p>
      ) : null}

      {stage.step === "previewed" ? (
        <section aria-labelledby="upload-preview" className="flex flex-col gap-3">
          <h3 id="upload-preview" className="text-sm font-semibold">
            미리보기 <span className="font-normal text-slate-500">· 아직 아무것도 저장하지 않았습니다</span>
          </h3>
          <TallyList tally={stage.tally} />
          <RefusedRows tally={stage.tally} />
          <div className="flex flex-wrap items-center gap-3">
            <button
              type="button"
              disabled={stage.tally.accepted === 0}
              onClick={() => run("commit", stage.digest)}
              className="rounded-md bg-blue-700 px-4 py-2 text-sm font-semibold text-white hover:bg-blue-800 disabled:opacity-50"
            >
              {numberText(stage.tally.accepted)}건 등록
            </button>
            <p className="text-xs break-keep text-slate-600">
              {stage.tally.refusedCount > 0 ? "거부된 행은 등록하지 않습니다. " : ""}
              등록은 한 번에 이뤄집니다: 중간에 실패하면 한 건도 저장되지 않습니다.
            </p>
          </div>
        </section>
      ) : null}

      {stage.step === "committed" ? (
        <p
          role="status"
          className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm break-keep text-emerald-900"
        >
          {numberText(stage.tally.accepted)}건을 등록했습니다
          {stage.tally.unchanged > 0 ? ` (이미 같은 내용으로 있던 ${numberText(stage.tally.unchanged)}건 제외)` : ""}
          {stage.tally.refusedCount > 0
            ? `. 거부된 ${numberText(stage.tally.refusedCount)}행은 등록하지 않았습니다`
            : ""}
          .
        </p>
      ) : null}
    </div>
  );
}

function Progress({ stage }: { stage: Extract<Stage, { step: "working" }> }) {
  const uploading = stage.total > 0 && stage.sent < stage.total;
  const label = uploading
    ? `파일 보내는 중… ${Math.round((stage.sent / stage.total) * 100)}%`
    : stage.what === "preview"
      ? `확인하는 중… ${numberText(stage.rows)}행`
      : `등록하는 중… ${numberText(stage.rows)}행`;
  return (
    <div role="status" className="flex flex-col gap-1">
      <span className="text-sm text-slate-700">{label}</span>
      {uploading ? (
        <progress value={stage.sent} max={stage.total} className="h-2 w-full" aria-label="파일 보내는 중" />
      ) : (
        <progress className="h-2 w-full" aria-label={stage.what === "preview" ? "확인하는 중" : "등록하는 중"} />
      )}
    </div>
  );
}

function TallyList({ tally }: { tally: UploadTally }) {
  const items = [
    { label: "전체 행", value: tally.rows, tone: "text-slate-900" },
    { label: "새로 등록", value: tally.accepted, tone: "text-emerald-800" },
    { label: "이미 있음 (같은 내용)", value: tally.unchanged, tone: "text-slate-700" },
    { label: "거부", value: tally.refusedCount, tone: "text-red-700" },
  ];
  return (
    <dl className="grid grid-cols-2 gap-2 sm:grid-cols-4" data-testid="upload-tally">
      {items.map((item) => (
        <div key={item.label} className="rounded-md border border-slate-200 bg-white px-3 py-2">
          <dt className="text-xs text-slate-600">{item.label}</dt>
          <dd className={`text-lg font-bold tabular-nums ${item.tone}`}>{numberText(item.value)}</dd>
        </div>
      ))}
    </dl>
  );
}
