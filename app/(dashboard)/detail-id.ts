import "server-only";
import { notFound } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import { parseId } from "@/lib/dashboard/params";

/** A detail page's first step: who is signed in, and the row id from its URL (anything else is a 404). */
export async function openDetailPage(params: Promise<{ id: string }>) {
  const staff = await requireUser();
  const id = parseId((await params).id);
  if (id === null) notFound();
  return { staff, id };
}
