/**
 * Sends an email over SMTP (nodemailer, SMTP_URL). The Message-ID comes from the `mails` row, so
 * a resend after a crash carries the same one; every email has RFC 8058 one-click unsubscribe
 * headers and says it was sent automatically (RFC 3834), so auto-responders stay quiet.
 */
import nodemailer from "nodemailer";
import type { MailKind } from "../../core/enums";

export interface OutgoingMail {
  to: { name: string; address: string };
  subject: string;
  html: string;
  text: string;
  messageId: string;
  unsubscribeUrl: string;
  locale: "ar" | "en";
  kind: MailKind;
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/** `<amanah.mail.<id>.<created-at>@<public host>>`: the same on every attempt of one email, never reused. */
export function mailMessageId(mail: { id: number; createdAt: number }, publicUrl: string): string {
  let host = "amanah.invalid";
  try {
    host = new URL(publicUrl).hostname || host;
  } catch {
    /* keep the placeholder host */
  }
  return `<amanah.mail.${mail.id}.${mail.createdAt}@${host}>`;
}

export function smtpMailer(smtpUrl: string, from: string): Mailer {
  // A small pool: grouped alerts are few, but a digest morning sends one per subscriber.
  const transport = nodemailer.createTransport(`${smtpUrl}${smtpUrl.includes("?") ? "&" : "?"}pool=true&maxConnections=2`);
  return {
    async send(m) {
      const info = await transport.sendMail({
        from,
        to: { name: m.to.name, address: m.to.address },
        subject: m.subject,
        text: m.text,
        html: m.html,
        messageId: m.messageId,
        headers: {
          "List-Unsubscribe": `<${m.unsubscribeUrl}>`,
          "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
          "Auto-Submitted": "auto-generated",
          "Content-Language": m.locale,
          "X-Amanah-Mail": m.kind,
        },
      });
      if (!info.accepted?.length) throw new Error(`SMTP server accepted no recipient (rejected: ${JSON.stringify(info.rejected)})`);
    },
    close() {
      transport.close();
    },
  };
}
