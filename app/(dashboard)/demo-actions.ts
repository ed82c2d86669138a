"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { adminAction } from "@/lib/auth/action";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";
import { createRandom, generateApiKey } from "@/lib/simulator";
import { DemoSeedError, seedDemo } from "@/lib/simulator/demo-seed";

/** 데모 데이터 넣기: fills an empty database with the demo history, once, through the receiver. */
export const seedDemoAction = adminAction(
  { input: z.object({}), denied: "관리자만 데모 데이터를 넣을 수 있습니다.", refuses: [DemoSeedError] },
  async (_input, { db, staff, clientAddr }) => {
    const config = env();
    const seed = "payssam-demo";
    // seedDemo writes its own audit row, in the transaction that marks the database seeded.
    const result = await seedDemo(db, {
      seed,
      now: new Date(),
      apiKey: config.PAYSSAM_API_KEYS[0] ?? generateApiKey(createRandom(seed)),
      callbackToken: config.CALLBACK_TOKEN[0] ?? null,
      checksToken: Boolean(config.CALLBACK_TOKEN),
      actor: { id: staff.id, email: staff.email },
      clientAddr,
    });
    revalidatePath("/", "layout");
    if (result.status === "seeded") logger.info({ event: "demo-seed", ...result, actor: staff.id }, "demo data seeded");
    // The overview says what happened: the button itself is gone once the database holds data.
    redirect(result.status === "seeded" ? "/?demo=seeded" : "/?demo=exists");
  },
);
