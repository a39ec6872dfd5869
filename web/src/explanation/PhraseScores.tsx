import type { ReasonPhrase } from '@polarity/core/explanation';
import { signedScore } from './signed-score.ts';

/** Every highlighted phrase with its number, behind a disclosure that works by touch and key. */
export function PhraseScores({ phrases }: { phrases: ReasonPhrase[] }) {
  if (phrases.length === 0) return null;
  const strongestFirst = phrases.toSorted((a, b) => Math.abs(b.score) - Math.abs(a.score));
  return (
    <details className="phrase-scores" data-testid="phrase-scores">
      <summary>Scores</summary>
      <p>
        How far each phrase moved the verdict, in log-odds: above zero towards positive, below zero
        towards negative. The verdict is the sum over every word.
      </p>
      <ol>
        {strongestFirst.map((phrase) => (
          <li key={phrase.start} className={`reason-${phrase.push}`}>
            <q>{phrase.text}</q> <span className="phrase-score">{signedScore(phrase.score)}</span>
          </li>
        ))}
      </ol>
    </details>
  );
}
