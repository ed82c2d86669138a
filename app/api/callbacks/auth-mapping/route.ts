// PaySsam POSTs the sub-merchant link result sync (callbackAuthMapping) here; answers {"code":"0000"} once stored.
import { callbackOptions, callbackPostHandler, methodNotAllowed } from "@/lib/callbacks/route-handlers";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = callbackPostHandler("auth-mapping");
export const OPTIONS = callbackOptions;
export { methodNotAllowed as GET, methodNotAllowed as PUT, methodNotAllowed as PATCH, methodNotAllowed as DELETE };
