import { ensureAuthUrl } from "@/lib/config";

/**
 * The public origin used in exported IRIs (`publishedUrl`, annotation ids,
 * ClaimReview `url`): NEXTAUTH_URL, the origin the desk is configured to be
 * reached at (`http://localhost:$PORT` when unset). Never the request's Host
 * header, which the client chooses: a forged Host must not end up in files
 * that are published or shared.
 */
export function publicOrigin(): string {
  ensureAuthUrl();
  return new URL(process.env.NEXTAUTH_URL!).origin;
}
