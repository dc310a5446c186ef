/** Flag badges, flagged-post cards and simple count bars shared by the dashboard screens. */
import { Link } from "@remix-run/react";
import { formatNumber, Ltr } from "~/lib/format";
import type { Locale, TFn } from "~/lib/i18n";
import { Evidence } from "./Evidence";
import { displayHandle } from "../../../core/handles";

export interface FlagLike {
  id: number;
  clause: string;
  category: string;
  severity: string;
  status: string;
  escalated: boolean;
  spans: { start: number; end: number; text: string }[];
  title: { ar: string; en: string };
  rationale: { ar: string; en: string };
}

export function FlagBadges({ f, locale, t }: { f: FlagLike; locale: Locale; t: TFn }) {
  return (
    <span className="flag-meta">
      <span className={`pill sev-${f.severity}`}>{t(`severity.${f.severity}`)}</span>
      <span className="pill">{t(`category.${f.category}`)}</span>
      <span className="pill pill-brand">
        <Ltr>{f.clause}</Ltr>
      </span>
      {f.status !== "open" && <span className={`pill ${f.status === "confirmed" ? "pill-bad" : "pill-ok"}`}>{t(`flagStatus.${f.status}`)}</span>}
      {f.escalated && <span className="pill pill-warn">{t("escalated")}</span>}
      <strong>{locale === "ar" ? f.title.ar : f.title.en}</strong>
    </span>
  );
}

export interface PostLike {
  postId: number;
  accountId: number;
  platform: string;
  handle: string;
  text: string;
  url: string | null;
  deletedAt: number | null;
  flags: FlagLike[];
}

export function FlaggedPost({ post, locale, t, when }: { post: PostLike; locale: Locale; t: TFn; when: string }) {
  // All spans of the post's flags are highlighted together.
  const spans = post.flags.flatMap((f) => f.spans);
  return (
    <article className="card flag-card" data-testid="flagged-post">
      <div className="flag-meta muted">
        <Link to={`/accounts/${post.accountId}`}>
          <Ltr>{displayHandle(post.platform, post.handle)}</Ltr>
        </Link>
        <span>{when}</span>
        {post.deletedAt !== null && <span className="pill pill-warn">{t("entity.deleted")}</span>}
      </div>
      <Evidence text={post.text} spans={spans} />
      <ul className="plain-list">
        {post.flags.map((f) => (
          <li key={f.id}>
            <FlagBadges f={f} locale={locale} t={t} />
          </li>
        ))}
      </ul>
    </article>
  );
}

export function CountBars({ counts, label, empty, locale, testId }: { counts: Record<string, number>; label: (k: string) => string; empty: string; locale: Locale; testId: string }) {
  const entries = Object.entries(counts).filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1]);
  if (!entries.length) return <p className="empty">{empty}</p>;
  const max = entries[0][1];
  return (
    <table className="data" data-testid={testId}>
      <tbody>
        {entries.map(([k, n]) => (
          <tr key={k}>
            <td>{label(k)}</td>
            <td className="num" style={{ inlineSize: "50%" }}>
              <span className="bar" style={{ inlineSize: `${Math.max(4, (n / max) * 100)}%` }} aria-hidden="true" /> {formatNumber(n, locale)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
