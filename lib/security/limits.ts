/** The largest request body any route or action takes; larger ones get 413. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** A restore upload (POST /api/restore) may be this large: a backup of 100,000 reviews is about 45 MB. */
export const MAX_UPLOAD_BYTES = 64 * 1024 * 1024;
/** The only route that takes a body larger than MAX_BODY_BYTES. */
export const UPLOAD_PATH = '/api/restore';
