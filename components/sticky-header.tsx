"use client";

import { type ReactNode, useEffect, useRef } from "react";

// The shell's header stays at the top of a phone's screen, and its height is whatever its lines
// wrap to. The root's scroll-padding-top follows that height, so what scrolls a target to the top
// stops below the header instead of under it: focus, anchors, and Next.js's scroll on navigation,
// which otherwise leaves a page whose top is still on screen (behind the header) where it is.
export function StickyHeader({ className, children }: { className: string; children: ReactNode }) {
  const ref = useRef<HTMLElement>(null);

  useEffect(() => {
    const header = ref.current;
    if (!header) return;
    const root = document.documentElement;
    // Crossing the lg breakpoint resizes the header too, so this also notices it stop sticking.
    const observer = new ResizeObserver(() => {
      const sticks = getComputedStyle(header).position === "sticky";
      root.style.scrollPaddingTop = sticks ? `${header.offsetHeight}px` : "";
    });
    observer.observe(header);
    return () => {
      observer.disconnect();
      root.style.scrollPaddingTop = "";
    };
  }, []);

  return (
    <header ref={ref} className={className}>
      {children}
    </header>
  );
}
