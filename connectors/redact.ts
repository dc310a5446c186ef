/** Keeps credentials out of messages, logs and error samples. */
const TOKEN_PATTERNS: RegExp[] = [
  /(access_token|key|api_key|client_secret|token)=([^&\s"'<>]+)/gi,
  /(Bearer\s+)[A-Za-z0-9._~+/=%-]+/gi,
  /("(?:access_token|accessToken|bearerToken|apiKey|token)"\s*:\s*")[^"]*"/gi,
];

export function redact(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const s of secrets) if (s && s.length >= 4) out = out.split(s).join("[REDACTED]");
  out = out.replace(TOKEN_PATTERNS[0], "$1=[REDACTED]");
  out = out.replace(TOKEN_PATTERNS[1], "$1[REDACTED]");
  out = out.replace(TOKEN_PATTERNS[2], '$1[REDACTED]"');
  return out;
}

export const SAMPLE_MAX = 500;

/** A redacted body sample of at most SAMPLE_MAX characters. */
export function truncateSample(text: string, secrets: readonly string[] = []): string {
  const r = redact(text, secrets);
  return r.length > SAMPLE_MAX ? r.slice(0, SAMPLE_MAX - 1) + "…" : r;
}
