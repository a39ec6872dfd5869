import type { Label } from '@polarity/core/contracts';
import type { ReasonPhrase } from '@polarity/core/explanation';
import { Fragment } from 'react';

const sign: Record<Label, string> = { positive: '+', negative: '−' };

/**
 * "Top reasons: + highly recommend · − short cord", as plain text: no hover needed. The sign is
 * held to its phrase by a no-break space, and a screen reader hears "towards positive" instead.
 */
export function TopReasons({ reasons }: { reasons: Record<Label, ReasonPhrase[]> }) {
  const listed = [...reasons.positive, ...reasons.negative];
  return (
    <p className="top-reasons" data-testid="top-reasons">
      <strong>Top reasons:</strong>{' '}
      {listed.length === 0
        ? 'no word moved the verdict much.'
        : listed.map((reason, index) => (
            <Fragment key={reason.start}>
              {index > 0 && <span aria-hidden="true"> · </span>}
              <span className={`reason reason-${reason.push}`} data-push={reason.push}>
                <span aria-hidden="true">{`${sign[reason.push]}\u00a0`}</span>
                <span className="visually-hidden">{`towards ${reason.push}: `}</span>
                <q>{reason.text}</q>
              </span>
            </Fragment>
          ))}
    </p>
  );
}
