import type { SendOutcome } from '../../application/ports/channel-transport.port';
import type { Secrets, Settings } from '../../domain/channel-validation';
import type { RenderedMessage } from '../../domain/notification-event';

/**
 * One message over SMTP (nodemailer): STARTTLS when the server offers it, implicit TLS with `secure`.
 * nodemailer is loaded on the first email, not at start-up (most installs send none).
 */
export async function sendEmail(
  settings: Settings,
  secrets: Secrets,
  m: RenderedMessage,
  timeoutMs: number,
): Promise<SendOutcome> {
  const secure = settings.secure === true;
  const { createTransport } = await import('nodemailer');
  const transport = createTransport({
    host: String(settings.host),
    port: typeof settings.port === 'number' ? settings.port : secure ? 465 : 587,
    secure,
    auth: settings.username ? { user: String(settings.username), pass: secrets.password ?? '' } : undefined,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  });
  try {
    await transport.sendMail({
      from: String(settings.from),
      to: settings.to as string[],
      subject: m.title,
      text: m.text,
    });
    return { ok: true, status: null };
  } catch (err) {
    const e = err as { responseCode?: number; code?: string };
    const transient = e.responseCode === undefined || e.responseCode < 500;
    const error = `SMTP ${e.responseCode ?? e.code ?? 'error'}${transient ? '' : ' (refused)'}`;
    return { ok: false, status: e.responseCode ?? null, error, retryAfterMs: null };
  } finally {
    transport.close();
  }
}
