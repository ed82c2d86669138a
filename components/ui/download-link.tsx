import type { ReactNode } from "react";

// A file download (CSV, Excel): a plain link, so it works without JavaScript and the browser
// shows its own download progress.
const tones = {
  primary: "bg-slate-900 text-white hover:bg-slate-700",
  secondary: "border border-slate-300 bg-white text-slate-700 hover:bg-slate-100",
};

export function DownloadLink({
  href,
  tone = "primary",
  children,
}: {
  href: string;
  tone?: keyof typeof tones;
  children: ReactNode;
}) {
  return (
    <a href={href} download className={`rounded-md px-3 py-1.5 text-sm font-medium whitespace-nowrap ${tones[tone]}`}>
      {children}
    </a>
  );
}
