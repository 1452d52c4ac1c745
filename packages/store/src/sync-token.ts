/**
 * The token of a connection made without `getToken` (the elements' `sync-url`: the page's sign-in gives it through
 * `configureSync`), and a token's claims. Small and loaded with the store; the sync client itself
 * (`sync-client.ts`) loads when a store connects.
 *
 * @module
 */
let tokenProvider: () => string | Promise<string> = () => '';

/**
 * The signed-in member's token for a store connected without `getToken` (the elements' `sync-url`): the
 * page's sign-in gives it.
 */
export function configureSync(options: { getToken: () => string | Promise<string> }): void {
  tokenProvider = options.getToken;
}

/** The token of the provider given to {@link configureSync}. */
export const defaultToken = (): string | Promise<string> => tokenProvider();

/** The claims of a JWT (not verified here: the server does). */
export function claimsOf(token: string): { sub?: string; role?: string; branch?: string } {
  const part = token.split('.')[1] ?? '';
  try {
    const text = atob(part.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((part.length + 3) % 4));
    const bytes = Uint8Array.from(text, (c) => c.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes)) as { sub?: string; role?: string; branch?: string };
  } catch {
    return {};
  }
}
