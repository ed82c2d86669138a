// PaySsam POSTs either callback here (a mapping's callbackUrl may also get payment callbacks); told apart by shape.
import { callbackOptions, callbackPostHandler, methodNotAllowed } from "@/lib/callbacks/route-handlers";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = callbackPostHandler("any");
export const OPTIONS = callbackOptions;
export { methodNotAllowed as GET, methodNotAllowed as PUT, methodNotAllowed as PATCH, methodNotAllowed as DELETE };
