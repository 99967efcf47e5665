"use client";

import { LogOut } from "lucide-react";
import { signOut } from "next-auth/react";
import { Button } from "@/components/ui/button";

export function SignOutButton() {
  return (
    // On a phone only the icon shows (the header has no room for the words); the name stays "Sign out".
    <Button variant="ghost" size="sm" className="px-2 sm:px-3" title="Sign out" onClick={() => signOut({ callbackUrl: "/login" })}>
      <LogOut aria-hidden />
      <span className="sr-only sm:not-sr-only">Sign out</span>
    </Button>
  );
}
