import { describeWait } from '@/lib/security/wait';

/**
 * How a throttled sign-in travels from the server to the form: next-auth passes an error
 * code through its redirect URL, so the code carries the seconds to wait.
 */
export const THROTTLED = 'Throttled';

export function throttledCode(seconds: number): string {
  return `${THROTTLED}:${seconds}`;
}

/** The seconds to wait, when the error code is a throttle. */
export function throttledSeconds(code: string | null | undefined): number | null {
  const m = /^Throttled:(\d{1,6})$/.exec(code ?? '');
  return m ? Number(m[1]) : null;
}

export function throttledMessage(seconds: number): string {
  return `Too many failed sign-ins. For your account's safety, wait ${describeWait(seconds)} and try again.`;
}
