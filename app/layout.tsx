import type { Metadata } from "next";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Claimdesk", template: "%s · Claimdesk" },
  description: "Fact-check and claim annotation for newsrooms",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen font-sans antialiased">{children}</body>
    </html>
  );
}
