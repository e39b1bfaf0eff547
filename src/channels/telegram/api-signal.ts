/**
 * grammY's Node build types its AbortSignal with the `abort-controller` polyfill; Node's own
 * signal works at run time, and this is the one place that says so to the type checker.
 */
import type { Api } from "grammy";

export type ApiSignal = NonNullable<Parameters<Api["getMe"]>[0]>;

export function apiSignal(signal: AbortSignal): ApiSignal {
  return signal as unknown as ApiSignal;
}
