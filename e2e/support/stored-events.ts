import postgres from 'postgres';

export interface StoredFeedback {
  prediction_id: string;
  label: string;
}

/**
 * What the server stored, read straight from Postgres when TEST_DATABASE_URL is set; without
 * it (the embedded database lives inside the server process) the tests say so and skip.
 */
export function storedEvents() {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) return null;
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  return {
    feedbackFor: (predictionId: string) =>
      sql<
        StoredFeedback[]
      >`select prediction_id::text, label from feedback where prediction_id = ${predictionId}`,
    predictionCount: async (predictionId: string) =>
      Number(
        (await sql`select count(*)::int as n from predictions where id = ${predictionId}`)[0]?.n ??
          0,
      ),
    predictionsOfVersion: async (version: string) =>
      Number(
        (await sql`select count(*)::int as n from predictions where model_version = ${version}`)[0]
          ?.n ?? 0,
      ),
    modelOf: async (predictionId: string) =>
      (
        await sql<
          { model_name: string; model_version: string }[]
        >`select model_name, model_version from predictions where id = ${predictionId}`
      )[0],
    runtimeOf: async (predictionId: string) =>
      (
        await sql<
          { runtime: string; source: string }[]
        >`select runtime, source from predictions where id = ${predictionId}`
      )[0],
    caveatOf: async (predictionId: string) =>
      (
        await sql<
          { caveat: string | null }[]
        >`select caveat from predictions where id = ${predictionId}`
      )[0]?.caveat,
    /** The caveat code of each prediction the browser made and logged of these texts. */
    browserCaveats: async (texts: string[]) =>
      new Map(
        (
          await sql<{ text: string; caveat: string | null }[]>`select text, caveat from predictions
            where runtime <> 'server' and not shadow and text = any(${texts})`
        ).map((row) => [row.text, row.caveat]),
      ),
    /** The champion's prediction first, then any shadow one. */
    predictionsOfText: (text: string) =>
      sql<
        { id: string; model_version: string; shadow: boolean; label: string }[]
      >`select id::text, model_version, shadow, label from predictions
          where text = ${text} order by shadow, model_version`,
    close: () => sql.end(),
  };
}
