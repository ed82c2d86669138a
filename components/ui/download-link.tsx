import type { ReactNode } from "react";

// A file download (CSV, Excel): a plain link, so it works without JavaScript and the browser
// shows its own download progress.
// Both tones have a border (transparent on the dark one), so side by side with a button they are
// the same height; the label never wraps.
const tones = {
  primary: "border-transparent bg-slate-900 text-white hover:bg-slate-700",
  secondary: "border-slate-300 bg-white text-slate-700 hover:bg-slate-100",
};

export function buttonLikeClass(tone: keyof typeof tones): string {
  return `inline-flex items-center justify-center rounded-md border px-3 py-1.5 text-sm font-medium whitespace-nowrap ${tones[tone]}`;
}

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
    <a href={href} download className={buttonLikeClass(tone)}>
      {children}
    </a>
  );
}
