import type { Role } from "@/lib/verdicts";
import "next-auth";
import "next-auth/jwt";

declare module "next-auth" {
  interface User {
    id: string;
    role: Role;
    /** Keyed fingerprint of the password hash at sign-in (lib/password.ts passwordStamp). */
    stamp?: string;
  }
  interface Session {
    user: { id: string; email: string; name: string; role: Role; stamp?: string };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    id: string;
    role: Role;
    stamp?: string;
  }
}
