import { describe, expect, it, vi } from "vitest";
import { AppError } from "@/lib/errors";
import { PROBLEM_CONTENT_TYPE, problemResponse, toProblem } from "./problem";

describe("problem details (RFC 9457)", () => {
  it("carries the UI's code and sentence, with the status of its type", async () => {
    const response = problemResponse(new AppError("conflict:claim"));
    expect(response.status).toBe(409);
    expect(response.headers.get("content-type")).toBe(PROBLEM_CONTENT_TYPE);
    expect(await response.json()).toEqual({
      type: "/api/docs#problem-conflict",
      title: "Conflict",
      status: 409,
      detail: "Someone else saved this claim after you opened it.",
      code: "conflict:claim",
    });
  });

  it("lists field messages as `errors`, and extension members beside them", () => {
    const p = toProblem(new AppError("bad_request:api", "Some fields are not valid (quote): Required.", { quote: "Required." }), { current: { id: "x" } });
    expect(p).toMatchObject({ status: 400, errors: { quote: "Required." }, current: { id: "x" } });
  });

  it("a 401 names the Bearer scheme; a programming error says nothing of itself", async () => {
    expect(problemResponse(new AppError("unauthorized:token")).headers.get("www-authenticate")).toMatch(/^Bearer/);
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const body = await problemResponse(new Error("secret stack")).json();
    log.mockRestore();
    expect(body).toMatchObject({ status: 500, code: "internal" });
    expect(JSON.stringify(body)).not.toContain("secret stack");
  });

  it("the new statuses: 412, 415, 428, 429", () => {
    expect(toProblem(new AppError("precondition_failed:claim")).status).toBe(412);
    expect(toProblem(new AppError("unsupported_media_type:request")).status).toBe(415);
    expect(toProblem(new AppError("precondition_required:claim")).title).toBe("Precondition Required");
    expect(toProblem(new AppError("rate_limited:token")).status).toBe(429);
  });
});
