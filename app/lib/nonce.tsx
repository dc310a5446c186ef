/**
 * The per-response CSP nonce (app/lib/csp.server.ts) for Remix's inline scripts. entry.server.tsx
 * provides it; root.tsx hands it to <Scripts> and <ScrollRestoration>. In the browser it is ""
 * (browsers hide the nonce attribute after parsing, and hydration runs no inline script).
 */
import { createContext, useContext } from "react";

const NonceContext = createContext<string>("");
export const NonceProvider = NonceContext.Provider;
export const useNonce = () => useContext(NonceContext);
