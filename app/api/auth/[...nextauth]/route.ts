import NextAuth from "next-auth";
import { getRouteAuthOptions } from "@/lib/auth";

type Context = { params: Promise<{ nextauth: string[] }> };

async function handler(req: Request, context: Context) {
  // next-auth v4 reads params synchronously; Next 16 passes them as a promise.
  const params = await context.params;
  return NextAuth(req as never, { params } as never, getRouteAuthOptions());
}

export { handler as GET, handler as POST };
