/** The largest request body any route or action takes; larger ones get 413. */
export const MAX_BODY_BYTES = 1024 * 1024;
