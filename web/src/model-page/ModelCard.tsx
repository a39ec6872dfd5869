import type { ModelVersionMetadata } from '@polarity/core/contracts';
import { useEffect, useMemo, useState } from 'react';
import { fetchModelText } from '../api/api-client.ts';
import { ScrollRegion } from '../charts/ScrollRegion.tsx';
import { cardHtml } from './card-html.ts';

/** The model card as the registry publishes it, for those who want every detail. */
export function ModelCard({ model }: { model: ModelVersionMetadata }) {
  const [card, setCard] = useState<string | null | undefined>(undefined);
  useEffect(() => {
    let cancelled = false;
    fetchModelText(model, 'README.md').then(
      (text) => !cancelled && setCard(text),
      () => !cancelled && setCard(null),
    );
    return () => {
      cancelled = true;
    };
  }, [model]);
  const html = useMemo(
    () =>
      card
        ? cardHtml(card, (name) => model.files.find((file) => file.name === name)?.url ?? null)
        : null,
    [card, model],
  );
  if (card === null) return null;
  return (
    <details className="model-details">
      <summary>The full model card, as published in the registry</summary>
      {html ? (
        <ScrollRegion label="Model card" className="model-card">
          {/* biome-ignore lint/security/noDangerouslySetInnerHtml: cardHtml sanitises it with DOMPurify */}
          <div dangerouslySetInnerHTML={{ __html: html }} />
        </ScrollRegion>
      ) : (
        <p className="hint">Loading the model card…</p>
      )}
    </details>
  );
}
