export function App() {
  return (
    <main>
      <h1>Polarity</h1>
      <p>Sentiment of product reviews, computed in your browser.</p>
    </main>
  );
}
