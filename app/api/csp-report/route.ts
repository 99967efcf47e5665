import { createLogLimiter, CSP_REPORT_BODY_LIMIT_BYTES, logLine, parseCspReports } from "@/lib/csp-report";
import { AppError } from "@/lib/errors";
import { checkDeclaredLength, readBody, tooLarge } from "@/lib/request-guard";
import { errorResponse } from "@/lib/route";

export const dynamic = "force-dynamic";

const limiter = createLogLimiter(100);

/**
 * POST /api/csp-report — where browsers report Content-Security-Policy
 * violations (the policy's report-uri and report-to, proxy.ts). Public by
 * design: reports come without cookies and carry no authority; they are
 * validated, size-limited and only logged (rate-limited), so the endpoint
 * stays cheap. 204 when read, 400/413 otherwise.
 */
export async function POST(request: Request): Promise<Response> {
  try {
    const declared = checkDeclaredLength(request.headers.get("content-length"), CSP_REPORT_BODY_LIMIT_BYTES);
    if (declared) throw new AppError(declared.code, declared.message);
    const bytes = await readBody(request, CSP_REPORT_BODY_LIMIT_BYTES);
    if (!bytes) throw new AppError("too_large:request", tooLarge(CSP_REPORT_BODY_LIMIT_BYTES).message);
    const violations = parseCspReports(request.headers.get("content-type") ?? "", new TextDecoder().decode(bytes));
    for (const line of limiter.take(violations.map(logLine))) console.warn(line);
    return new Response(null, { status: 204, headers: { "cache-control": "no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}
