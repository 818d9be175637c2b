'use client';

import { useId, useState } from 'react';
import { SlidersHorizontal } from 'lucide-react';

/**
 * The card filters: always shown on a wide screen; on a phone, folded behind a "Filters"
 * button (closed by default) so the cards come first. `active` counts the filters in use.
 */
export function FilterPanel({ active, children }: { active: number; children: React.ReactNode }) {
  const [open, setOpen] = useState(false);
  const bodyId = useId();
  return (
    <div className="filter-panel" data-open={open}>
      <button type="button" className="btn filter-toggle" aria-expanded={open} aria-controls={bodyId} onClick={() => setOpen((o) => !o)}>
        <SlidersHorizontal aria-hidden="true" size={18} />
        Filters{active > 0 ? ` · ${active} active` : ''}
      </button>
      <div id={bodyId} className="filter-body">
        {children}
      </div>
    </div>
  );
}
