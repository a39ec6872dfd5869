import { useEffect, useState } from 'react';
import { useServices } from '../app/services-context.ts';

/** How many predictions and feedback events wait to reach the server. */
export function OutboxBadge() {
  const { outbox } = useServices();
  const [pending, setPending] = useState(0);
  useEffect(() => outbox.subscribe((state) => setPending(state.pending)), [outbox]);
  return (
    <span
      className={`badge ${pending > 0 ? 'badge-waiting' : 'badge-synced'}`}
      data-testid="outbox-badge"
      data-pending={pending}
      title="Events waiting to be sent to the server"
    >
      {pending > 0 ? `${pending} waiting` : 'synced'}
    </span>
  );
}
