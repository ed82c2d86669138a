"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getDb } from "@/db";
import { AccessDeniedError, requireAdmin } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { requestClientAddress } from "@/lib/http/client-address";
import { logger } from "@/lib/logger";
import { createRandom, generateApiKey } from "@/lib/simulator";
import { DemoSeedError, seedDemo } from "@/lib/simulator/demo-seed";

export interface DemoSeedState {
  error?: string;
}

/** 데모 데이터 넣기: fills an empty database with the demo history, once, through the receiver. */
export async function seedDemoAction(_previous: DemoSeedState): Promise<DemoSeedState> {
  let staff: Awaited<ReturnType<typeof requireAdmin>>;
  try {
    staff = await requireAdmin();
  } catch (error) {
    if (error instanceof AccessDeniedError) return { error: "관리자만 데모 데이터를 넣을 수 있습니다." };
    throw error;
  }
  const config = env();
  const seed = "payssam-demo";
  let result: Awaited<ReturnType<typeof seedDemo>>;
  try {
    result = await seedDemo(await getDb(), {
      seed,
      now: new Date(),
      apiKey: config.PAYSSAM_API_KEYS[0] ?? generateApiKey(createRandom(seed)),
      callbackToken: config.CALLBACK_TOKEN[0] ?? null,
      checksToken: Boolean(config.CALLBACK_TOKEN),
      actor: { id: staff.id, email: staff.email },
      clientAddr: requestClientAddress(await headers()),
    });
  } catch (error) {
    if (error instanceof DemoSeedError) return { error: error.message };
    throw error;
  }
  revalidatePath("/", "layout");
  if (result.status === "seeded") logger.info({ event: "demo-seed", ...result, actor: staff.id }, "demo data seeded");
  // The overview says what happened: the button itself is gone once the database holds data.
  redirect(result.status === "seeded" ? "/?demo=seeded" : "/?demo=exists");
}
