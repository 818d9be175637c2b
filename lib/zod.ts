import { z } from 'zod';

// In the browser, zod must not probe for eval when a schema is created: the probe is a
// `Function("")` that our CSP refuses and Chrome reports as a violation even when caught.
// Without JIT, parsing is a little slower, which a form does not notice. Modules whose
// schemas reach client components import `z` from here.
if (typeof window !== 'undefined') z.config({ jitless: true });

export { z };
