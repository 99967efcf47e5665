import { stopTextEditing } from "@/db/queries/presence";
import { AppError } from "@/lib/errors";
import { runRoute } from "@/lib/route";
import { EDITOR_ROLES } from "@/lib/workflow";

type Context = { params: Promise<{ id: string }> };

/** A beacon's body is a session id and nothing else. */
const MAX_BODY_CHARS = 1000;

/**
 * POST /api/articles/{id}/text-editing: the editing tab is being closed or
 * left (pagehide), so its text-editing presence ends now
 * rather than when it expires. Sent with navigator.sendBeacon, which a server
 * action cannot receive: the body is `{"sessionId": "…"}` as text/plain (a
 * beacon's simple content type). Same-origin only (proxy.ts checks Origin);
 * session and role checked here as in the action.
 */
export const POST = (request: Request, { params }: Context) =>
  runRoute(async (user) => {
    const { id } = await params;
    const text = await request.text();
    if (text.length > MAX_BODY_CHARS) throw new AppError("bad_request:article", "Send only the editing session's id.");
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new AppError("bad_request:article", "The body is not JSON: send {\"sessionId\": \"…\"}.");
    }
    const sessionId = body && typeof body === "object" ? (body as { sessionId?: unknown }).sessionId : undefined;
    const result = await stopTextEditing({ actor: user, input: { articleId: id, sessionId } });
    return Response.json(result, { headers: { "cache-control": "no-store" } });
  }, EDITOR_ROLES);
