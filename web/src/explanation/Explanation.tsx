import type { TokenContribution } from '@polarity/core/contracts';
import { readableExplanation } from '@polarity/core/explanation';
import { useMemo } from 'react';
import { HighlightedText } from './HighlightedText.tsx';
import { PhraseScores } from './PhraseScores.tsx';
import { TopReasons } from './TopReasons.tsx';
import './explanation.css';

/** Why the model decided as it did: the top reasons, the marked review, a legend, the numbers. */
export function Explanation({
  text,
  explanation,
}: {
  text: string;
  explanation: TokenContribution[];
}) {
  const readable = useMemo(() => readableExplanation(text, explanation), [text, explanation]);
  return (
    <section className="explanation" aria-label="Why this verdict">
      <TopReasons reasons={readable.topReasons} />
      <HighlightedText text={text} words={readable.words} />
      <div className="explanation-key">
        <p className="explanation-legend" data-testid="explanation-legend">
          <span className="legend-swatch push-positive">+ positive</span> solid,{' '}
          <span className="legend-swatch push-negative">− negative</span> dashed underline; deeper
          colour, stronger push; plain words barely mattered.
        </p>
        <PhraseScores phrases={readable.phrases} />
      </div>
    </section>
  );
}
